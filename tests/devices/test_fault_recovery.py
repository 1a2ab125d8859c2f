"""Issue 15 items 6-9: drivers stay in step after a timeout, every transport failure is
DeviceDisconnected (the device unplugged at every step of its protocol), SAM 0x91 on 30 10, and
transient module answers retried during enrolment. All over real ptys against the emulators."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date

import pytest

from workstation.devices.emulation import EmulatorServer, Faults
from workstation.devices.errors import DeviceDisconnected, DeviceError, DeviceTimeout
from workstation.devices.mrz.driver import MrzReader
from workstation.devices.mrz.emulator import MrzEmulator
from workstation.devices.sam import driver as sam
from workstation.devices.sam.emulator import SamEmulator, card_from_document
from workstation.devices.transport import PortWorker, Transport
from workstation.devices.zfm import framer as zf
from workstation.devices.zfm.driver import DEFAULT_BAUD, FingerprintScanner
from workstation.devices.zfm.emulator import ZfmEmulator
from workstation.devices.zfm.enroll import EnrollStep, enroll_finger
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, FingerPosition, Sex

DOC = IdentityDocument(
    doc_type=DocumentType.RESIDENT_ID,
    number="11010519491231002X",
    name="张三",
    sex=Sex.FEMALE,
    birth_date=date(1949, 12, 31),
    address="北京市东城区",
    issuer="北京市公安局东城分局",
    valid_from=date(2015, 1, 1),
    long_term=True,
)


def _zfm(faults: Faults | None = None, timeout: float = 2.0, **emu):
    device = ZfmEmulator(**emu)
    server = EmulatorServer(device, baudrate=DEFAULT_BAUD, faults=faults or Faults())
    url = server.start_pty()
    transport = Transport(url, baudrate=DEFAULT_BAUD, timeout=0.02)
    return device, server, transport, FingerprintScanner(transport, timeout=timeout)


def _sam(faults: Faults | None = None, timeout: float = 1.0, **emu):
    device = SamEmulator(**emu)
    server = EmulatorServer(device, baudrate=sam.DEFAULT_BAUD, faults=faults or Faults())
    url = server.start_pty()
    transport = Transport(url, baudrate=sam.DEFAULT_BAUD, timeout=0.02)
    return device, server, transport, sam.SamReader(transport, timeout=timeout, read_timeout=timeout)


def _three_templates(device: ZfmEmulator) -> None:
    for page in range(3):
        device.library[page] = bytes([page + 1]) * device.template_size


# ---- item 6: a late reply never answers the next command ---------------------------------------------
def test_zfm_late_system_parameters_do_not_answer_template_count():
    """The issue's case: 2.3 s latency against a 2.0 s budget, then TemplateNum on a module holding 3."""
    device, server, transport, scanner = _zfm(Faults(latency_s=2.3), timeout=2.0)
    try:
        _three_templates(device)
        with pytest.raises(DeviceTimeout):
            scanner.read_system_parameters()
        server.faults.latency_s = 0.0  # the module is fast again; its late answer is still on the way
        assert scanner.template_count() == 3
        assert scanner.read_system_parameters().capacity == device.capacity
    finally:
        transport.close()
        server.stop()


def test_zfm_slow_search_does_not_answer_the_next_template_count():
    device, server, transport, scanner = _zfm(Faults(latency_s=3.3), timeout=1.0)
    try:
        _three_templates(device)
        with pytest.raises(DeviceTimeout):
            scanner.search(1, 0, 10)
        server.faults.latency_s = 0.0
        assert scanner.template_count() == 3
    finally:
        transport.close()
        server.stop()


def test_sam_late_id_reply_does_not_answer_find_card():
    device, server, transport, reader = _sam(Faults(latency_s=0.8), timeout=0.5)
    try:
        with pytest.raises(DeviceTimeout):
            reader.sam_id()
        server.faults.latency_s = 0.0
        assert reader.find_card() is False  # no card: 0x80, not the late "operation successful"
        device.place_card(card_from_document(DOC))
        assert reader.find_card() is True
        assert reader.read_card().document.number == DOC.number
    finally:
        transport.close()
        server.stop()


def test_mrz_document_after_a_timeout_is_read_whole():
    """MRZ readers are passive (no command to answer), so a timeout cannot put them out of step; a
    document arriving after a timed-out wait is the next one read, whole."""
    device = MrzEmulator()
    server = EmulatorServer(device, baudrate=9600)
    url = server.start_pty()
    transport = Transport(url, baudrate=9600, timeout=0.02)
    reader = MrzReader(transport, framing=device.framing, today=date(2024, 1, 1))
    try:
        with pytest.raises(DeviceTimeout):
            reader.read_document(0.2)
        device.present(
            ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
        )
        result = reader.read_document(5.0)
        assert result.valid and result.document_number == "L898902C3"
    finally:
        transport.close()
        server.stop()


# ---- item 7: unplugged at every step -> DeviceDisconnected ------------------------------------------
def _bytes_of_clean_run(make: Callable[[Faults], tuple], run: Callable[[object, object], None]) -> int:
    device, server, transport, drv = make(Faults())
    try:
        run(device, drv)
        return server.bytes_sent
    finally:
        transport.close()
        server.stop()


def _unplug_everywhere(make, run, cut_points):
    for n in cut_points:
        device, server, transport, drv = make(Faults(pull_after_bytes=n))
        try:
            with pytest.raises(DeviceDisconnected):
                run(device, drv)
            with pytest.raises(DeviceDisconnected):  # and every later use of the port says the same
                transport.reset_input()
        finally:
            transport.close()
            server.stop()


def _cuts(total: int, step: int) -> list[int]:
    return sorted({0, 1, 5, 11, 12, 13, *range(0, total, step), total - 1})


def test_zfm_unplugged_at_every_step_of_an_identification():
    def make(faults):
        return _zfm(faults, timeout=1.0, model="R503", image_width=64, image_height=64, template_size=128)

    def run(device, scanner):
        device.place_finger("alice", 1)
        scanner.verify_password()
        scanner.read_system_parameters()
        scanner.read_product_info()
        assert scanner.capture_image()
        scanner.upload_image()
        scanner.image_to_features(1)
        assert scanner.capture_image()
        scanner.image_to_features(2)
        scanner.match()
        scanner.merge()
        scanner.search(1, 0, 10)
        page = scanner.free_page()  # ReadIndexTable
        scanner.store(1, page)
        template = scanner.upload_template(1)
        scanner.download_template(2, template)
        scanner.load(1, page)
        scanner.delete(page)
        scanner.template_count()

    total = _bytes_of_clean_run(make, run)
    _unplug_everywhere(make, run, _cuts(total, 97))


def test_sam_unplugged_at_every_step_of_a_card_read():
    def make(faults):
        device, server, transport, reader = _sam(faults, timeout=1.0)
        device.place_card(card_from_document(DOC))
        return device, server, transport, reader

    def run(device, reader):
        reader.reset()
        reader.status()
        reader.sam_id()
        reader.read_card()

    total = _bytes_of_clean_run(make, run)
    _unplug_everywhere(make, run, _cuts(total, 61))


@pytest.mark.parametrize("framing", ["3m", "desko", "plain"])
def test_mrz_unplugged_at_every_point_of_a_document(framing):
    lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    for n in range(0, 90, 9):  # every framing's document is longer than 90 bytes
        device = MrzEmulator(framing=framing)
        server = EmulatorServer(device, baudrate=9600, faults=Faults(pull_after_bytes=n))
        url = server.start_pty()
        transport = Transport(url, baudrate=9600, timeout=0.02)
        reader = MrzReader(transport, framing=framing, today=date(2024, 1, 1))
        try:
            device.present(lines)
            with pytest.raises(DeviceDisconnected):
                reader.read_document(3.0)
        finally:
            transport.close()
            server.stop()


def test_card_poller_reports_an_unplugged_reader_once_without_tracebacks(caplog):
    _device, server, transport, reader = _sam(timeout=0.5)
    worker = PortWorker("sam-test")
    errors: list[DeviceError] = []
    got_error = threading.Event()

    def on_error(exc: DeviceError) -> None:
        errors.append(exc)
        got_error.set()

    poller = sam.CardPoller(reader, worker, on_card_placed=lambda card: None, on_error=on_error, interval=0.02)
    caplog.set_level(logging.ERROR)
    try:
        poller.start()
        time.sleep(0.1)
        server.pull_cable()
        assert got_error.wait(5.0)
        time.sleep(0.3)  # several more ticks against the vanished port
    finally:
        poller.stop()
        worker.shutdown()
        transport.close()
        server.stop()
    assert [type(e) for e in errors] == [DeviceDisconnected]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# ---- item 8: SAM 0x91 on 30 10 ----------------------------------------------------------------------
@pytest.mark.parametrize("deselects", [False, True])
def test_card_without_fingerprints_answering_0x91_is_read_with_30_01(deselects):
    device, server, transport, reader = _sam(no_fingerprint_status=0x91, deselect_on_no_fingerprint=deselects)
    try:
        device.place_card(card_from_document(DOC))
        card = reader.read_card(with_fingerprint=True)
        assert card.document.number == DOC.number and card.document.name == "张三"
        assert card.document.fingerprints == ()
        assert card.raw_fingerprint_len == 0
        assert (0x30, 0x10) in device.commands_seen and (0x30, 0x01) in device.commands_seen
    finally:
        transport.close()
        server.stop()


def test_card_with_fingerprints_still_reads_them_on_a_0x91_reader():
    device, server, transport, reader = _sam(no_fingerprint_status=0x91)
    try:
        device.place_card(card_from_document(DOC, fingerprints=[(11, 80)]))
        card = reader.read_card(with_fingerprint=True)
        assert len(card.document.fingerprints) == 1
    finally:
        transport.close()
        server.stop()


# ---- item 9: transient answers during enrolment -----------------------------------------------------
def _enrol_with(device: ZfmEmulator, scanner: FingerprintScanner, on_lift: Callable[[EnrollStep], None]):
    steps: list[EnrollStep] = []

    def on_step(step: EnrollStep) -> None:
        steps.append(step)
        if step.code == "place_finger":
            device.place_finger("alice", 2)
        elif step.code == "lift_finger":
            on_lift(step)
            device.lift_finger()

    result = enroll_finger(
        scanner, position=FingerPosition.RIGHT_INDEX, on_step=on_step, poll_interval=0.01, timeout_per_press=5.0
    )
    return result, steps


def test_failed_capture_while_lifting_does_not_end_the_enrolment():
    device, server, transport, scanner = _zfm(
        timeout=1.0, model="R503", image_width=64, image_height=64, template_size=128
    )
    try:

        def on_lift(step: EnrollStep) -> None:
            if step.press == 1:
                device.set_failure(zf.CC_CAPTURE_FAIL, times=3)  # GenImg 0x03 while the finger is lifted

        result, steps = _enrol_with(device, scanner, on_lift)
        assert result.template and len(result.qualities) == 3
        assert [s.code for s in steps].count("press_accepted") == 3
    finally:
        transport.close()
        server.stop()


@pytest.mark.parametrize(
    ("code", "cc"),
    [
        (zf.UP_IMAGE, zf.CC_UPLOAD_IMAGE),
        (zf.UP_IMAGE, zf.CC_PACKET_ERROR),
        (zf.IMG2TZ, zf.CC_PACKET_ERROR),
        (zf.REG_MODEL, zf.CC_PACKET_ERROR),
        (zf.SEARCH, zf.CC_PACKET_ERROR),
        (zf.STORE, zf.CC_PACKET_ERROR),
        (zf.UP_CHAR, zf.CC_UPLOAD_TEMPLATE),
        (zf.GEN_IMG, zf.CC_PACKET_ERROR),
    ],
)
def test_transient_answer_at_any_step_is_retried(code, cc):
    device, server, transport, scanner = _zfm(
        timeout=1.0, model="R503", image_width=64, image_height=64, template_size=128
    )
    try:
        device.fail_command(code, cc, times=2)
        result, _steps = _enrol_with(device, scanner, lambda step: None)
        assert result.template and result.page_id is not None
        assert device.commands_seen.count(code) >= 3
    finally:
        transport.close()
        server.stop()


# ---- issue 14 "Also": a paced emulator takes a bulk download as a UART does ---------------------------
def test_paced_image_download_leaves_a_host_with_a_1s_timeout_in_step():
    """A real port's kernel buffer holds ~4 KB, so a module answers the command after an image
    download within ~4 KB of wire time of the host's write returning; a pty buffers ~20 KB+ more. The
    paced emulator must answer as the module would, or a host with a 1 s timeout falls out of step."""
    import numpy as np

    device = ZfmEmulator()
    server = EmulatorServer(device, baudrate=115200, pace=True)
    url = server.start_pty()
    transport = Transport(url, baudrate=115200, timeout=0.02)
    scanner = FingerprintScanner(transport, timeout=1.0)
    try:
        _three_templates(device)
        scanner.read_system_parameters()
        height, width = scanner.image_size()
        image = (np.arange(height * width, dtype=np.uint32).reshape(height, width) % 16 * 17).astype(np.uint8)
        scanner.download_image(image)
        assert scanner.template_count() == 3  # answered within the host's 1 s
        assert device.image is not None and np.array_equal(np.asarray(device.image) // 17, image // 17)
    finally:
        transport.close()
        server.stop()
