"""What the Devices page shows, gathered off the GUI thread, and the test reads run on a device's port
thread. No widgets here.

* `port_rows(manager)` — the manager's last port listing (no port is opened), each with its adapter's
  USB identity, the matched adapter profile (drivers/profiles) and the roles assigned to it;
* `read_card(reader)`, `press_finger(scanner, cancelled)`, `read_passport(reader, cancelled)` — one test
  read each, for `DeviceBridge.device_op` (they run on the port's own thread).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workstation.devices.manager import DeviceManager
from workstation.errors import Cancelled, UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage.masking import mask_number

FINGER_WAIT_S = 10.0  # how long a test waits for a finger on the glass
PASSPORT_WAIT_S = 15.0  # how long a test waits for a passport swipe
SLICE_S = 0.15  # cancellation is checked this often


@dataclass(frozen=True)
class PortRow:
    """One serial port. ``usb_id`` is ``"vvvv:pppp"`` or ""; ``profile`` the adapter chip of the matched
    profile ("" when none matched); ``protocols`` the protocols that profile probes, in order; ``roles``
    the device roles assigned to (or connected on) this port."""

    device: str
    usb_id: str
    serial_number: str
    description: str
    profile: str
    protocols: tuple[str, ...]
    roles: tuple[str, ...]
    emulated: bool


def port_rows(manager: DeviceManager | None) -> list[PortRow]:
    """The ports the manager last listed, plus where each role is assigned/connected. Never opens a port."""
    if manager is None:
        return []
    ports = manager.ports()
    assignments = manager.assignments()
    statuses = manager.statuses()
    rows = []
    for p in ports:
        profile = manager.profiles.match(p)
        roles = sorted(
            {r for r, a in assignments.items() if a.port.find([p]) is not None}
            | {r for r, st in statuses.items() if st.port == p.device}
        )
        rows.append(
            PortRow(
                device=p.device,
                usb_id=p.usb_id,
                serial_number=p.serial_number or "",
                description=p.description,
                profile=profile.chip if profile is not None else "",
                protocols=tuple(proto for proto, _ in profile.protocols) if profile is not None else (),
                roles=tuple(roles),
                emulated=p.emulated,
            )
        )
    return rows


@dataclass(frozen=True)
class TestResult:
    """A test read's outcome for the page: ``role``, a headline and details (already in words; names and
    numbers as read, ID numbers masked)."""

    role: str
    headline: str
    details: tuple[str, ...] = ()
    ok: bool = True  # False: read, but a check failed (an MRZ check digit)


class NothingPresented(UserFacingError):
    """The test waited and nothing was presented (no finger, no passport)."""


def read_card(reader: Any) -> TestResult:
    """Find, select and read the card on the reader (port thread). `NoCard` when there is none."""
    doc = reader.read_card(with_fingerprint=False).document
    return card_result(doc)


def card_result(doc: Any) -> TestResult:
    details = [(doc.number and mask_number(doc.number)) or ""]
    if doc.name_latin and doc.name_latin != doc.name:
        details.append(doc.name_latin)
    return TestResult("idcard", doc.name, tuple(d for d in details if d))


def press_finger(scanner: Any, cancelled: Callable[[], bool], wait_s: float = FINGER_WAIT_S) -> TestResult:
    """Wait for a finger on the scanner's glass and take one image (port thread)."""
    params = scanner.read_system_parameters()
    end = time.monotonic() + wait_s
    while not cancelled():
        if scanner.capture_image():
            return TestResult(
                "fingerprint",
                "",
                # numbers only: the page puts them in words in the UI language (units, setting names)
                (str(params.baudrate), str(params.packet_size), str(params.security)),
            )
        if time.monotonic() + SLICE_S > end:
            break
        time.sleep(SLICE_S)
    if cancelled():
        raise Cancelled()
    raise NothingPresented(
        QT_TRANSLATE_NOOP("DevicesPage", "No finger was placed on the scanner within {seconds} seconds.").format(
            seconds=int(wait_s)
        )
    )


def read_passport(reader: Any, cancelled: Callable[[], bool], wait_s: float = PASSPORT_WAIT_S) -> TestResult:
    """Wait for a passport (or another machine-readable document) to be swiped (port thread)."""
    from workstation.devices.mrz.driver import NoDocument

    end = time.monotonic() + wait_s
    while not cancelled() and time.monotonic() < end:
        try:
            result = reader.read_document(SLICE_S)
        except NoDocument:
            continue
        return passport_result(result)
    if cancelled():
        raise Cancelled()
    raise NothingPresented(
        QT_TRANSLATE_NOOP("DevicesPage", "No passport was swiped within {seconds} seconds.").format(seconds=int(wait_s))
    )


def passport_result(mrz: Any) -> TestResult:
    name = " ".join(x for x in (mrz.surname, mrz.given_names) if x)
    details = (mrz.format, mask_number(mrz.document_number) or "", mrz.nationality)
    return TestResult("mrz", name, tuple(d for d in details if d), ok=bool(mrz.valid))
