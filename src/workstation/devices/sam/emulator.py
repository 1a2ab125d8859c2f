"""A byte-faithful SAM_V reader emulator with a scriptable card scenario.

Behaviour (see driver.py for why): find answers 0x9F while a card is on the reader and 0x80
otherwise; select answers 0x90 + 8-byte SN once per placement and 0x81 after the card has been
read, until it is removed; read (30 01 / 30 10) needs a selected card, otherwise 0x41. A host frame
with a bad checksum gets 0x10, a bad length 0x11, an unknown command 0x21.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from workstation.devices.emulation import EmulatedDevice
from workstation.devices.errors import ProtocolError
from workstation.devices.sam import framer as fr
from workstation.devices.sam.decode import (
    PHOTO_LEN,
    encode_fingerprint_record,
    encode_text_block,
)
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Sex

SPEC_SAM_ID = bytes.fromhex("05000100 6AB83201 C5021B03 3382AFB4".replace(" ", ""))
COMMAND_NAMES = {
    fr.CMD_RESET: "reset",
    fr.CMD_STATUS: "status",
    fr.CMD_SAM_ID: "sam_id",
    fr.CMD_FIND: "find",
    fr.CMD_SELECT: "select",
    fr.CMD_READ_BASE: "read",
    fr.CMD_READ_ALL: "read",
    fr.CMD_READ_ADDRESS: "read_address",
    fr.CMD_READ_MID: "read_mid",
    fr.CMD_SET_MAX_RF: "set_max_rf",
}


@dataclass
class SamCard:
    """What the reader sees on one card: raw blocks, as the SAM returns them."""

    text: bytes
    photo: bytes = b""
    fingerprint: bytes = b""  # b"" (no fingerprints) or 1024 bytes
    serial: bytes = bytes(8)
    label: str = ""

    def __post_init__(self) -> None:
        if len(self.text) != 256:
            raise ValueError("text block must be 256 bytes")
        if len(self.photo) not in (0, PHOTO_LEN):
            raise ValueError("photo block must be 0 or 1024 bytes")
        if len(self.fingerprint) not in (0, 1024):
            raise ValueError("fingerprint block must be 0 or 1024 bytes")


def synthetic_photo(seed: str) -> bytes:
    """1024 deterministic bytes standing in for a WLT photo (the real format is proprietary)."""
    out = bytearray()
    counter = 0
    while len(out) < PHOTO_LEN:
        out += hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        counter += 1
    return bytes(out[:PHOTO_LEN])


def card_from_document(
    doc: IdentityDocument,
    *,
    ethnicity: str = "01",
    fingerprints: list[tuple[int, int]] | None = None,
    photo: bytes | None = None,
    serial: bytes = bytes(8),
) -> SamCard:
    """Build an emulated card from a document; fingerprints as (chinese_code, quality) pairs."""
    fp = b""
    if fingerprints:
        fp = b"".join(
            encode_fingerprint_record(code, quality=q, seed=i) for i, (code, q) in enumerate(fingerprints[:2])
        ).ljust(1024, b"\x00")
    return SamCard(
        text=encode_text_block(doc, ethnicity=ethnicity),
        photo=synthetic_photo(doc.number) if photo is None else photo,
        fingerprint=fp,
        serial=serial,
        label=doc.name,
    )


def _date(value: Any) -> date | None:
    if not value:
        return None
    s = str(value)
    return date(int(s[:4]), int(s[4:6]), int(s[6:8]))


def card_from_spec(spec: dict[str, Any]) -> SamCard:
    """A card from a scenario dict (the JSON format in resources/scenarios/cards/)."""
    valid_to = spec.get("valid_to")
    doc = IdentityDocument(
        doc_type=DocumentType(spec["card_type"]),
        number=spec["number"],
        name=spec.get("name") or spec.get("name_latin", ""),
        sex=Sex(str(spec.get("sex", "0"))),
        birth_date=_date(spec.get("birth_date")),
        name_latin=spec.get("name_latin"),
        address=spec.get("address"),
        issuer=spec.get("issuer"),
        nationality=spec.get("nationality"),
        valid_from=_date(spec.get("valid_from")),
        valid_to=None if valid_to == "长期" else _date(valid_to),
        long_term=valid_to == "长期",
        pass_number=spec.get("pass_number"),
        issue_count=spec.get("issue_count"),
        previous_number=spec.get("previous_number"),
        source="card",
    )
    fps = [(int(f["chinese_code"]), int(f.get("quality", 80))) for f in spec.get("fingerprints", [])]
    photo = bytes.fromhex(spec["photo_hex"]) if spec.get("photo_hex") else None
    return card_from_document(doc, ethnicity=str(spec.get("ethnicity", "01")), fingerprints=fps, photo=photo)


def load_card_scenario(path: str | Path) -> SamCard:
    """Load one card scenario JSON file."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    card = card_from_spec(spec)
    card.label = spec.get("label", card.label)
    return card


@dataclass
class _Failure:
    sw3: int
    remaining: int | None  # None = until cleared


@dataclass
class SamEmulator(EmulatedDevice):
    sam_id: bytes = SPEC_SAM_ID
    self_test_ok: bool = True
    name: str = "sam"
    card: SamCard | None = None
    commands_seen: list[tuple[int, int]] = field(default_factory=list)
    # readers that answer 30 10 for a card without fingerprints with status 0x91 and no data (spec §7);
    # None: answer with a zero-length fingerprint block as other readers do
    no_fingerprint_status: int | None = None
    # with `no_fingerprint_status`: the reader also deselects the card, so 30 01 needs a new select
    deselect_on_no_fingerprint: bool = False

    def __post_init__(self) -> None:
        EmulatedDevice.__init__(self)
        self._parser = fr.FrameParser()
        self._lock = threading.RLock()
        self._selected = False
        self._halted = False  # read once; select fails until removed
        self._failures: dict[str, _Failure] = {}

    # ---- scenario --------------------------------------------------------------------------------
    def place_card(self, card: SamCard) -> None:
        with self._lock:
            self.card = card
            self._selected = False
            self._halted = False

    def remove_card(self) -> None:
        with self._lock:
            self.card = None
            self._selected = False
            self._halted = False

    def set_failure(self, command: str, sw3: int | None, *, times: int | None = None) -> None:
        """Answer `command` ("reset", "status", "sam_id", "find", "select", "read", …) with SW3
        `sw3` (None clears it), `times` times or until cleared."""
        with self._lock:
            if sw3 is None:
                self._failures.pop(command, None)
            else:
                self._failures[command] = _Failure(sw3, times)

    # ---- link ----------------------------------------------------------------------------------
    def on_connect(self) -> None:
        with self._lock:
            self._parser.clear()

    def on_bytes(self, data: bytes) -> None:
        with self._lock:
            self._parser.feed(data)
            while True:
                try:
                    body = self._parser.next_frame()
                except ProtocolError as exc:
                    self.send(fr.build_response(fr.SW_LENGTH if "length" in str(exc) else fr.SW_CHECKSUM))
                    continue
                if body is None:
                    return
                self.send(self.handle(body))

    def _fail(self, name: str) -> int | None:
        f = self._failures.get(name)
        if f is None:
            return None
        if f.remaining is not None:
            f.remaining -= 1
            if f.remaining <= 0:
                del self._failures[name]
        return f.sw3

    def handle(self, body: bytes) -> bytes:
        """One command body (CMD PARA DATA) → the full reply frame."""
        if len(body) < 2:
            return fr.build_response(fr.SW_LENGTH)
        key = (body[0], body[1])
        data = body[2:]
        self.commands_seen.append(key)
        name = COMMAND_NAMES.get(key, "baud" if body[0] == fr.CMD_SET_BAUD else "")
        if not name:
            return fr.build_response(fr.SW_COMMAND)
        code = self._fail(name)
        if code is not None:
            return fr.build_response(code)
        if not self.self_test_ok and name != "reset":
            return fr.build_response(fr.SW_SELF_TEST)
        if name in ("reset", "status"):
            return fr.build_response(fr.SW_OK)
        if name == "sam_id":
            return fr.build_response(fr.SW_OK, self.sam_id)
        if name == "set_max_rf":
            return fr.build_response(fr.SW_OK if len(data) == 1 else fr.SW_LENGTH)
        if name == "baud":
            return fr.build_response(fr.SW_OK if body[1] <= 4 else fr.SW_COMMAND)
        if name == "find":
            return (
                fr.build_response(fr.SW_FIND_OK, bytes(4))
                if self.card is not None
                else fr.build_response(fr.SW_FIND_FAILED)
            )
        if name == "select":
            if self.card is None or self._halted:
                return fr.build_response(fr.SW_SELECT_FAILED)
            self._selected = True
            return fr.build_response(fr.SW_OK, self.card.serial)
        if name in ("read_address", "read_mid"):
            if self.card is None or not self._selected:
                return fr.build_response(fr.SW_READ_FAILED)
            return fr.build_response(fr.SW_NO_CONTENT)
        # read 30 01 / 30 10
        card = self.card
        if card is None or not self._selected:
            return fr.build_response(fr.SW_READ_FAILED)
        if key == fr.CMD_READ_ALL and not card.fingerprint and self.no_fingerprint_status is not None:
            if self.deselect_on_no_fingerprint:
                self._selected = False
            return fr.build_response(self.no_fingerprint_status)
        self._selected = False
        self._halted = True
        if key == fr.CMD_READ_BASE:
            payload = len(card.text).to_bytes(2, "big") + len(card.photo).to_bytes(2, "big") + card.text + card.photo
        else:
            payload = (
                len(card.text).to_bytes(2, "big")
                + len(card.photo).to_bytes(2, "big")
                + len(card.fingerprint).to_bytes(2, "big")
                + card.text
                + card.photo
                + card.fingerprint
            )
        return fr.build_response(fr.SW_OK, payload)
