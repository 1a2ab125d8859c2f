"""The fingerprint module's own settings (baud, data packet size, security level), kept in its flash.

The device half of ``workstation-admin devices scanner-set`` and of the Devices page's "Scanner
settings" (both call `workstation.wiring.change_scanner_setting`, which adds the permission check and
the audit event). No Qt, no database. Every function that talks to the module blocks: call it on a
worker thread (the manager's `call` refuses the GUI thread).

Changing the module's password or address is deliberately not offered: a lost password or address
makes the module unusable, and the app always uses the factory ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workstation.devices.errors import DeviceError
from workstation.devices.manager.status import DeviceState
from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from workstation.devices.manager.core import DeviceManager
    from workstation.devices.zfm.driver import FingerprintScanner, SystemParameters

ROLE = "fingerprint"
SETTINGS = ("baud", "packet-size", "security")
PACKET_SIZES = (32, 64, 128, 256)
BAUD_NS = tuple(range(1, 13))  # baud = 9600 · N
SECURITY_LEVELS = (1, 2, 3, 4, 5)
CALL_TIMEOUT = 20.0  # seconds for one exchange with the module (a baud change takes several)
#: How a setting is named in a sentence (marked; the command line's names are ``SETTINGS``).
SETTING_NAMES = {
    "baud": QT_TRANSLATE_NOOP("scanner", "baud"),
    "packet-size": QT_TRANSLATE_NOOP("scanner", "packet size"),
    "security": QT_TRANSLATE_NOOP("scanner", "security level"),
}


@dataclass(frozen=True)
class ScannerPreview:
    """What an administrator confirms: the module's port, the setting, its value now and the new one."""

    port: str
    setting: str
    value: int  # as sent: baud N (1..12), packet size in bytes, or security level 1..5
    before: SystemParameters

    @property
    def now_text(self) -> str:
        """The current value in words (English, technical: ``57600 baud (N=6)``, ``128 bytes``, ``level 3``)."""
        return describe(self.setting, self.before)

    @property
    def new_text(self) -> str:
        return describe_value(self.setting, self.value)


@dataclass(frozen=True)
class ScannerChange:
    """The outcome of `apply_setting`.

    ``acknowledged``: the module accepted the new value (it is then in its flash, whatever followed);
    ``after``: the parameters read back (None when the module did not answer after accepting);
    ``rate``: after a baud change, the line speed the module answers at now (it may switch only at its
    next power-up); ``failure``: the device error, when there was one; ``remembered_baud``: the baud now
    remembered for the scanner's port (baud changes only; None when nothing was written)."""

    preview: ScannerPreview
    acknowledged: bool
    after: SystemParameters | None = None
    rate: int | None = None
    failure: DeviceError | None = None
    remembered_baud: int | None = None

    @property
    def ok(self) -> bool:
        return self.acknowledged and self.failure is None


def parse_value(setting: str, raw: str | int) -> int:
    """The value to send for `setting`: baud → N (1..12; the rates 9600·N are accepted too), packet size in
    bytes (32/64/128/256), security 1..5. Raises `UserFacingError` (nothing is sent) for anything else."""
    if setting not in SETTINGS:
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "scanner",
                "Unknown setting '{setting}': use `baud`, `packet-size` or `security` (the module's password and "
                "address are deliberately not offered).",
            ).format(setting=setting)
        )
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if setting == "baud":
        if value in BAUD_NS:
            return value
        if value > 0 and value % 9600 == 0 and value // 9600 in BAUD_NS:
            return value // 9600
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "scanner", "Baud must be N = 1..12 (9600·N baud) or one of those rates, e.g. 6 or 57600; not '{raw}'."
            ).format(raw=str(raw))
        )
    if setting == "packet-size":
        if value in PACKET_SIZES:
            return value
        raise UserFacingError(
            QT_TRANSLATE_NOOP("scanner", "Packet size must be 32, 64, 128 or 256 bytes; not '{raw}'.").format(
                raw=str(raw)
            )
        )
    if value in SECURITY_LEVELS:
        return value
    raise UserFacingError(
        QT_TRANSLATE_NOOP("scanner", "Security level must be 1..5; not '{raw}'.").format(raw=str(raw))
    )


def describe(setting: str, p: SystemParameters) -> str:
    """The module's current value of `setting` (``57600 baud (N=6)``, ``128 bytes``, ``level 3``): a marked
    text, so ``str`` is the English the audit details keep and ``render`` gives the operator's language."""
    if setting == "baud":
        return describe_value(setting, p.baud_n)
    return describe_value(setting, p.packet_size if setting == "packet-size" else p.security)


def describe_value(setting: str, value: int) -> str:
    """A value as `parse_value` returns it, in the words of `describe`."""
    if setting == "baud":
        return QT_TRANSLATE_NOOP("scanner", "{rate} baud (N={n})").format(rate=9600 * value, n=value)
    if setting == "packet-size":
        return QT_TRANSLATE_NOOP("scanner", "{size} bytes").format(size=value)
    return QT_TRANSLATE_NOOP("scanner", "level {level}").format(level=value)


def scanner_port(manager: DeviceManager) -> str:
    """The port of the connected fingerprint scanner. Raises `UserFacingError` when there is none (nothing
    was changed)."""
    st = manager.status(ROLE)
    if st.state is not DeviceState.CONNECTED or st.port is None:
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "scanner",
                "The fingerprint scanner was not found, so nothing was changed. Plug it in, or assign its port "
                "(Devices page, or `workstation-admin devices assign fingerprint PORT`). ({status})",
            ).format(status=st.message)
        )
    return st.port


def read_parameters(manager: DeviceManager, *, timeout: float = CALL_TIMEOUT) -> SystemParameters:
    """The module's system parameters, read now (blocks; a worker thread)."""
    params: SystemParameters = manager.call(ROLE, lambda s: s.read_system_parameters(), timeout=timeout)
    return params


def preview(manager: DeviceManager, setting: str, raw: str | int, *, timeout: float = CALL_TIMEOUT) -> ScannerPreview:
    """Validate the value, find the scanner and read its current value; nothing is changed."""
    value = parse_value(setting, raw)
    port = scanner_port(manager)
    return ScannerPreview(port, setting, value, read_parameters(manager, timeout=timeout))


def apply_setting(manager: DeviceManager, pv: ScannerPreview, *, timeout: float = CALL_TIMEOUT) -> ScannerChange:
    """Write the previewed value to the module's flash and read it back. A baud change that the module
    acknowledged is remembered for its port (`DeviceManager.remember_baud`), so the next connection uses
    it. Device errors are returned in the `ScannerChange` (see `failure_error`), not raised."""
    setting, value = pv.setting, pv.value
    acknowledged = False

    def apply(s: FingerprintScanner) -> tuple[SystemParameters, int | None]:
        nonlocal acknowledged
        if setting == "baud":
            s.read_system_parameters()  # cached on this driver object; an accepted SetSysPara clears it
            try:
                rate = s.admin_set_baud(value)
            except DeviceError:
                acknowledged = s.parameters is None  # accepted, then silent at both rates
                raise
            acknowledged = True
            return s.system_parameters(), rate
        if setting == "packet-size":
            s.admin_set_packet_size(value)
        else:
            s.admin_set_security(value)
        acknowledged = True  # the module said OK; reading the result back may still fail
        return s.read_system_parameters(), None

    failure: DeviceError | None = None
    after: SystemParameters | None = None
    rate: int | None = None
    try:
        after, rate = manager.call(ROLE, apply, timeout=timeout)
    except DeviceError as exc:
        failure = exc
    remembered = None
    if setting == "baud" and acknowledged:
        remembered = manager.remember_baud(ROLE, pv.port, 9600 * value)
    return ScannerChange(pv, acknowledged, after, rate, failure, remembered)


def failure_error(change: ScannerChange) -> UserFacingError | None:
    """The error to show for a change that did not fully succeed, else None."""
    failure = change.failure
    if failure is None:
        return None
    setting = SETTING_NAMES[change.preview.setting]
    if not change.acknowledged:
        return UserFacingError(
            QT_TRANSLATE_NOOP(
                "scanner",
                "The fingerprint scanner refused or did not take the new {setting}; nothing was changed. ({reason})",
            ).format(setting=setting, reason=failure.message),
            hint=failure.hint,
        )
    if change.remembered_baud is not None:
        return UserFacingError(
            QT_TRANSLATE_NOOP(
                "scanner",
                "The fingerprint scanner accepted the new {setting} but did not answer afterwards. Power it off "
                "and on; it is found again by itself (or run `workstation-admin devices scan`). The remembered "
                "baud is now {baud}.",
            ).format(setting=setting, baud=change.remembered_baud)
        )
    return UserFacingError(
        QT_TRANSLATE_NOOP(
            "scanner",
            "The fingerprint scanner accepted the new {setting} but did not answer afterwards. Power it off "
            "and on; it is found again by itself (or run `workstation-admin devices scan`).",
        ).format(setting=setting)
    )


def change_setting(
    manager: DeviceManager,
    setting: str,
    raw: str | int,
    *,
    confirm: Callable[[ScannerPreview], bool] | None = None,
    timeout: float = CALL_TIMEOUT,
) -> ScannerChange | None:
    """`preview` → `confirm(preview)` (None: already confirmed) → `apply_setting`. None when not confirmed."""
    pv = preview(manager, setting, raw, timeout=timeout)
    if confirm is not None and not confirm(pv):
        return None
    return apply_setting(manager, pv, timeout=timeout)
