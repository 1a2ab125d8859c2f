"""`workstation --self-test` fails on a failed stage and on any warning, and passes otherwise.
(The whole self-test, window included, runs from the frozen build in tests/packaging.)"""

from __future__ import annotations

import io
import logging

from workstation import selftest


def _fast(monkeypatch) -> None:
    # the core stages are exercised for real in tests/packaging; here only the verdict logic
    monkeypatch.setattr(selftest, "CORE_CHECKS", (("resources", selftest.check_resources),))


def test_passes_when_every_stage_passes(monkeypatch):
    _fast(monkeypatch)
    out = io.StringIO()
    assert selftest.run([("extra", lambda: "fine")], out=out) == 0
    assert out.getvalue().strip().endswith("self-test: passed")


def test_a_failing_stage_fails_it_and_is_named(monkeypatch):
    _fast(monkeypatch)
    out = io.StringIO()

    def broken() -> str:
        raise ImportError("No module named 'workstation.devices.zfm.driver'")

    assert selftest.run([("drivers", broken)], out=out) == 1
    text = out.getvalue()
    assert "FAIL drivers" in text and "zfm.driver" in text
    assert text.strip().endswith("self-test: FAILED")


def test_a_logged_warning_fails_it(monkeypatch, caplog):
    _fast(monkeypatch)
    out = io.StringIO()
    caplog.set_level(logging.WARNING)  # the warning is expected here

    def noisy() -> str:
        logging.getLogger("workstation.somewhere").warning("plugin xcb could not be loaded")
        return "looked fine"

    assert selftest.run([("window", noisy)], out=out) == 1
    assert "plugin xcb could not be loaded" in out.getvalue()


def test_core_checks_pass_from_source():
    results = selftest.run_core_checks()
    assert [r.name for r in results] == [name for name, _ in selftest.CORE_CHECKS]
    assert all(r.ok for r in results), [r for r in results if not r.ok]


def test_the_self_test_ignores_the_same_offscreen_noise_as_the_ui_tests():
    """The frozen self-test runs offscreen like the UI tests: what pyproject's `qt_log_ignore` lets pass
    as the offscreen platform's noise (a tool window or popup raising itself, size hints, keyboard
    grabs) must not fail the self-test either — the demo desk's tool window made the packaged self-test
    fail on "This plugin does not support raise()" while the UI tests ignored it."""
    import re
    import tomllib
    from pathlib import Path

    ignored = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = [p for p in ignored["tool"]["pytest"]["ini_options"]["qt_log_ignore"] if "plugin does not support" in p]
    assert patterns
    from workstation.ui.selftest import OFFSCREEN_NOISE

    for pattern in patterns:
        assert any(re.fullmatch(pattern, noise) for noise in OFFSCREEN_NOISE), pattern
