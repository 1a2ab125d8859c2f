"""Help: a short "what is this" text per page (F1, Help → What is this page?) and the About box.

`page_help(key)` gives the text of a navigation key (or ``"login"`` for the login screen) in the UI
language; a page may override `PageBase.help_text()`. `HelpDialog` shows it with the desk's keys and
follows a language switch while open. `AboutDialog` shows the versions (app, Python, Qt/PySide6,
SQLCipher — read on the database lane), the station, the database path and the key backend in use.
"""

from __future__ import annotations

import platform
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from workstation.ui.tasks import Lane, Op

if TYPE_CHECKING:
    from workstation.ui.context import Station


def page_help(key: str) -> str:
    """The "what is this" text of a page (navigation key) or of the login screen (``"login"``), in the UI
    language; "" for a key without one."""
    texts = {
        "login": QCoreApplication.translate(
            "help",
            "Log in with your user name and password. The desk locks itself after a few idle minutes and "
            "with Ctrl+L; only you can unlock your own session. Administrators set up operators on the "
            "Admin page.",
        ),
        "today": QCoreApplication.translate(
            "help",
            "The day at a glance: registrations, consistency and feedback rates, what waits for the platform, "
            "tasks due and devices that are not ready. Click a bar or point to open the list behind it.",
        ),
        "residents": QCoreApplication.translate(
            "help",
            "Every resident of the station's area. Search by name, pinyin, ID number, phone or address "
            "(Ctrl+F), or place an ID card on the reader to open the person. ID numbers in the list are "
            "masked; the whole number shows only in the opened record. F2 registers a person by typing.",
        ),
        "properties": QCoreApplication.translate(
            "help",
            "Rental properties and their rooms, landlords and who lives where (person–room bindings). With a "
            "room open, a card placed on the reader binds that person to the room. Ctrl+P prints the visit "
            "sheet of the open property.",
        ),
        "tasks": QCoreApplication.translate(
            "help",
            "Visits and checks sent by the platform or planned here, with their due dates. Record the result "
            "of each task; the result goes back to the platform with the next sync (feedback rate).",
        ),
        "sync": QCoreApplication.translate(
            "help",
            "What has reached the central platform and what is waiting, the last error in plain words with "
            "the next automatic try, conflicts to decide, and offline transfer by USB folder. F5 syncs now.",
        ),
        "devices": QCoreApplication.translate(
            "help",
            "The ID card reader, fingerprint scanner and passport reader: their state lights, the serial "
            "ports with their USB adapter, a test read of each device and reconnect. Administrators assign "
            "ports and change the fingerprint scanner's own settings. A yellow banner means the devices are "
            "emulated (demo).",
        ),
        "audit": QCoreApplication.translate(
            "help",
            "Who read or changed what, and when: the station's tamper-evident audit trail, filtered by operator, "
            'person, kind of event and date. "Verify chain" checks that no row was changed or removed.',
        ),
        "admin": QCoreApplication.translate(
            "help",
            "Operators and their roles, station settings, enrollment with the platform, backup and purge. "
            "Every change here is recorded in the audit trail.",
        ),
    }
    return texts.get(key, "")


def keys_text(pages: int = 0) -> str:
    """The desk's keys in the UI language; `pages` (the session's page count) gives the Alt+1…n range
    (0: no session, no page keys)."""
    text = QCoreApplication.translate(
        "help",
        "F1: this help · Ctrl+F: search · F2: new registration · F5: sync now · Ctrl+L: lock · Esc: close a dialog",
    )
    if pages > 0:
        text += " · " + QCoreApplication.translate("help", "Alt+1…{last}: pages").replace("{last}", str(pages))
    return text


class HelpDialog(QDialog):
    """The "what is this" text of one page (`key`, titled `title_of()`), and the keys. Not modal; follows a
    language switch."""

    def __init__(self, key: str, title_of: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.key = key
        self._title_of = title_of
        self._text_of: Any = None  # one per window, hidden on close and shown again by F1
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("help_heading")
        f = self.heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.3)
        self.heading.setFont(f)
        lay.addWidget(self.heading)
        self.body = QLabel()
        self.body.setObjectName("help_text")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.body)
        self.keys = QLabel()
        self.keys.setObjectName("help_keys")
        self.keys.setWordWrap(True)
        self.keys.setStyleSheet("color: #444;")
        lay.addWidget(self.keys)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.retranslate()

    pages = 0  #: the session's page count (the Alt+1…n keys); 0 when no one is logged in

    def set_page(self, key: str, title_of: Any, text_of: Any = None) -> None:
        """Show the help of another page: `title_of()` and `text_of()` (default `page_help(key)`) give its
        title and text in the UI language (called again on a language switch)."""
        self.key, self._title_of, self._text_of = key, title_of, text_of
        self.retranslate()

    def text(self) -> str:
        return self.body.text()

    def retranslate(self) -> None:
        title = str(self._title_of())
        self.setWindowTitle(QCoreApplication.translate("help", "Help: {page}").replace("{page}", title))
        self.heading.setText(title)
        self.body.setText(self._text_of() if self._text_of is not None else page_help(self.key))
        self.keys.setText(keys_text(self.pages))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(QCoreApplication.translate("help", "Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def versions() -> dict[str, str]:
    """Versions that do not need the database: app, Python, Qt, PySide6, OS."""
    import PySide6
    from PySide6.QtCore import qVersion

    try:
        from importlib.metadata import version

        app_version = version("police-room-workstation")
    except Exception:  # a source checkout without installed metadata
        from workstation import __version__ as app_version
    return {
        "app": app_version,
        "python": f"{sys.version.split()[0]} ({platform.python_implementation()})",
        "qt": f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
        "os": f"{platform.system()} {platform.release()} {platform.machine()}",
    }


def key_backend_text(key_backend: str) -> str:
    """How the station's key was unlocked, in words: ``keyring:<backend>`` / ``passphrase`` / ""."""
    if key_backend.startswith("keyring"):
        name = key_backend.partition(":")[2] or "?"
        return QCoreApplication.translate("help", "operating system keyring ({name})").replace("{name}", name)
    if key_backend == "passphrase":
        return QCoreApplication.translate("help", "recovery passphrase (no keyring entry used)")
    return QCoreApplication.translate("help", "not known")


class AboutDialog(QDialog):
    """Versions, station, database path, key backend. The SQLCipher version is read on the database lane."""

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.station = station
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        self.cipher = "…"
        lay = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("app", "python", "qt", "sqlcipher", "station", "database", "key"):
            label, value = QLabel(), QLabel()
            value.setObjectName(f"about_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[key], self.values[key] = label, value
            self.form.addRow(label, value)
        lay.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.retranslate()
        db = station.db
        Op(self, lambda _t: db.cipher_version(), lane=Lane.DB, runner=station.runner).on_success(
            self._show_cipher
        ).on_failure(self._no_cipher).start()

    def _show_cipher(self, version: str) -> None:
        self.cipher = version or QCoreApplication.translate("help", "none (not encrypted)")
        self.values["sqlcipher"].setText(self.cipher)

    def _no_cipher(self, _exc: BaseException) -> bool:
        self._show_cipher("?")
        return True

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "About the workstation"))
        self.intro.setText(
            QCoreApplication.translate(
                "MainWindow",
                "Police-room workstation: residents, rental housing, ID card, passport and fingerprint "
                "devices, encrypted local store and sync with the central platform.",
            )
        )
        names = {
            "app": QCoreApplication.translate("help", "Version"),
            "python": QCoreApplication.translate("help", "Python"),
            "qt": QCoreApplication.translate("help", "Qt / PySide6"),
            "sqlcipher": QCoreApplication.translate("help", "SQLCipher"),
            "station": QCoreApplication.translate("help", "Station"),
            "database": QCoreApplication.translate("help", "Database"),
            "key": QCoreApplication.translate("help", "Key"),
        }
        for key, text in names.items():
            self.labels[key].setText(text + ":")
        v = versions()
        st = self.station
        from workstation.storage.station import db_path

        self.values["app"].setText(v["app"])
        self.values["python"].setText(v["python"])
        self.values["qt"].setText(v["qt"])
        self.values["sqlcipher"].setText(self.cipher)
        station = " · ".join(x for x in (st.station_code, st.station_name) if x)
        if st.is_demo and "demo" not in station.lower():
            station += " " + QCoreApplication.translate("help", "(demo station)")
        self.values["station"].setText(station)
        self.values["database"].setText(str(db_path(st.data_dir)))
        self.values["key"].setText(key_backend_text(getattr(st, "key_backend", "")))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(QCoreApplication.translate("help", "Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
