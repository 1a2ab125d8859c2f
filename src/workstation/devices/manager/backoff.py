"""Reconnect schedule: exponential, capped, with jitter so several desks do not retry in lock-step."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    base: float = 0.5  # first delay (attempt 0), seconds
    factor: float = 2.0
    cap: float = 30.0  # no delay is longer than this
    jitter: float = 0.25  # up to this fraction is taken off each delay at random

    def __post_init__(self) -> None:
        if self.base <= 0 or self.factor < 1 or self.cap < self.base or not 0 <= self.jitter < 1:
            raise ValueError(f"invalid backoff {self}")

    def nominal(self, attempt: int) -> float:
        """Delay before jitter: base * factor**attempt, capped. Never overflows."""
        if attempt < 0:
            raise ValueError("attempt must be >= 0")
        try:
            raw = self.base * self.factor**attempt
        except OverflowError:
            return self.cap
        return min(self.cap, raw)

    def delay(self, attempt: int, rng: Callable[[], float] = random.random) -> float:
        """nominal(attempt) * (1 - jitter * u), u = rng() in [0, 1): within [nominal*(1-jitter), nominal]."""
        u = min(max(rng(), 0.0), 1.0)
        return self.nominal(attempt) * (1.0 - self.jitter * u)
