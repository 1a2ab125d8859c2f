"""How the window shows errors: one place decides (qutebrowser's KnownError/BugError, Electrum's
UserFacingException/UserCancelled).

* `UserFacingError` (wrong password, no card, port lost, platform unreachable, validation): its
  message in the UI language, beside the field when it names one (`FieldErrors`), otherwise in the
  window's message bar (`show_message` on the window) or a window-modal box.
* `Cancelled`: nothing.
* Anything else is a bug: a dialog says so in plain words and a report (traceback, versions, no
  personal data) is written to ``<data folder>/crash-reports/``; the app keeps running.
"""

from __future__ import annotations

import logging
import platform
import re
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from workstation.errors import UserFacingError, ValidationError
from workstation.ui import i18n
from workstation.ui.tasks import Cancelled
from workstation.ui.widgets.field_errors import FieldErrors

logger = logging.getLogger("workstation.ui.errors")

_state: dict[str, object] = {"data_dir": None}
_open: list[QMessageBox] = []  # non-blocking boxes stay referenced while shown


def tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def configure(*, data_dir: Path | None) -> None:
    """Where crash reports go (the station's data folder; None: the system temp folder)."""
    _state["data_dir"] = data_dir


def show_error(parent: QWidget | None, exc: BaseException, *, fields: FieldErrors | None = None) -> None:
    """Show `exc` the way its kind asks for (see the module docstring). Never raises."""
    try:
        if isinstance(exc, Cancelled):
            return
        if isinstance(exc, UserFacingError):
            show_user_error(parent, exc, fields=fields)
            return
        report_bug(exc, parent)
    except Exception:  # showing an error must not become a second error
        logger.exception("could not show an error")


def show_user_error(parent: QWidget | None, exc: UserFacingError, *, fields: FieldErrors | None = None) -> None:
    from workstation.storage.errors import OperatorInactive

    window = parent.window() if parent is not None else None
    end_session = getattr(window, "end_session", None)
    if isinstance(exc, OperatorInactive) and callable(end_session):
        end_session(i18n.message_of(exc))  # the account changed under the session: log in again
        return
    if isinstance(exc, ValidationError) and fields is not None:
        rest = fields.show(exc.problems)
        if not rest:
            return
        text = QCoreApplication.translate("errors", "Not saved:") + " " + "; ".join(i18n.problem_text(p) for p in rest)
    else:
        text = i18n.message_of(exc)
    window = parent.window() if parent is not None else None
    show_message = getattr(window, "show_message", None)
    if callable(show_message):
        show_message(text, "error")
        return
    _box(parent, QMessageBox.Icon.Warning, QCoreApplication.translate("errors", "Workstation"), text)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, info: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error_box")
    if info:
        box.setInformativeText(info)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # window-modal, as `open()` makes it anyway: over its window only (none without a parent), never over the
    # demo desk or another window the operator may need meanwhile
    box.setWindowModality(Qt.WindowModality.WindowModal)
    _open.append(box)
    box.finished.connect(lambda _r, b=box: _open.remove(b) if b in _open else None)
    box.open()
    return box


# ---- bugs ---------------------------------------------------------------------------------------
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_DIGITS = re.compile(r"\d[\dXx*]{2,}")
_QUOTED = re.compile(r"(['\"])(?:(?!\1).){1,200}\1")


def scrub(text: str) -> str:
    """Keep the shape of a message, drop what may be personal: Chinese text (names, addresses), runs of
    3+ digits (ID, phone, passport numbers) and quoted values (names, free text)."""
    text = _QUOTED.sub(lambda m: f"{m.group(1)}…{m.group(1)}", text)
    text = _CJK.sub("*", text)
    return _DIGITS.sub(lambda m: "#" * len(m.group(0)), text)


def _versions() -> list[str]:
    import PySide6
    from PySide6.QtCore import qVersion

    try:
        from importlib.metadata import version

        app_version = version("police-room-workstation")
    except Exception:
        app_version = "unknown"
    return [
        f"workstation {app_version}",
        f"Python {sys.version.split()[0]} ({platform.python_implementation()})",
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
        f"{platform.system()} {platform.release()} {platform.machine()}",
    ]


def format_report(exc: BaseException) -> str:
    """The report's text: versions, thread, the exception chain's types, scrubbed messages and code
    locations. Never the values of local variables, never unscrubbed message text."""
    lines = ["Police-room workstation: error report", f"time (UTC): {datetime.now(UTC):%Y-%m-%d %H:%M:%S}"]
    lines += _versions()
    lines.append(f"thread: {threading.current_thread().name}")
    lines.append("")
    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and e not in chain and len(chain) < 10:
        chain.append(e)
        e = e.__cause__ or e.__context__
    for i, e in enumerate(reversed(chain)):
        if i:
            lines.append("  -- which led to --")
        lines.append(f"{type(e).__module__}.{type(e).__qualname__}: {scrub(str(e))}")
        for fr in traceback.extract_tb(e.__traceback__):
            lines.append(f"  {_short_path(fr.filename)}:{fr.lineno} in {fr.name}")
            if fr.line:
                lines.append(f"      {scrub(fr.line.strip())}")
    return "\n".join(lines) + "\n"


def _short_path(filename: str) -> str:
    p = filename.replace("\\", "/")
    for marker in ("/site-packages/", "/src/"):
        if marker in p:
            return p.split(marker, 1)[1]
    return Path(p).name


def write_report(exc: BaseException, data_dir: Path | None = None) -> Path:
    """Write the report for `exc` to ``<data_dir>/crash-reports/crash-<time>.txt`` (private file)."""
    import os
    import tempfile

    base = data_dir or _state["data_dir"] or Path(tempfile.gettempdir()) / "police-room-workstation"
    folder = Path(str(base)) / "crash-reports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(format_report(exc))
    return path


def report_bug(exc: BaseException, parent: QWidget | None = None) -> Path | None:
    """A bug: write the report and tell the operator in plain words. Returns the report's path."""
    path: Path | None
    try:
        path = write_report(exc)
    except OSError:
        path = None
    # the log line names the report, not the message (which may hold personal data)
    logger.error("unexpected error %s; report: %s", type(exc).__name__, path)
    info = (
        QCoreApplication.translate("errors", "A report was saved to:")
        + f"\n{path}\n"
        + QCoreApplication.translate("errors", "Please give it to your administrator.")
        if path
        else QCoreApplication.translate("errors", "The report could not be saved.")
    )
    _box(
        parent,
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("errors", "Something went wrong"),
        QCoreApplication.translate(
            "errors",
            "Something went wrong inside the workstation. What you were doing may not have been finished; "
            "please check it. You can keep working.",
        ),
        info,
    ).setObjectName("crash_dialog")
    return path


class _Relay(QObject):
    bug = Signal(object)


_relay: _Relay | None = None


def install_excepthook() -> None:
    """Uncaught exceptions (GUI thread: Qt slots and events; other threads) become bug reports."""
    global _relay
    _relay = _Relay()
    _relay.bug.connect(lambda e: report_bug(e, _active_window()), Qt.ConnectionType.QueuedConnection)

    def hook(t: type[BaseException], v: BaseException, tb: TracebackType | None) -> None:
        if issubclass(t, KeyboardInterrupt):
            sys.__excepthook__(t, v, tb)
            return
        if v.__traceback__ is None:
            v = v.with_traceback(tb)
        if _relay is not None:
            _relay.bug.emit(v)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def _active_window() -> QWidget | None:
    from PySide6.QtWidgets import QApplication

    return QApplication.activeWindow()
