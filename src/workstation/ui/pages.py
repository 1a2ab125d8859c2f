"""Pages of the main window: the base class every page derives from, the navigation list, and the
placeholders for the pages later parts of the desktop app fill.

A page is a small widget that receives the session's `DeskContext`. The main window asks the
current page first when a card is placed (`on_card_placed`), tells it when it is shown
(`on_shown`) and when the desk locks (`clear_personal`), and re-titles it on a language change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workstation.domain.permissions import Permission
from workstation.ui.context import DeskContext


class PageBase(QWidget):
    """Base of every page. Subclasses set `nav_key` and `permission` and implement `title()`.

    * ``permission`` — the page is not shown to a role that lacks it (None: every role);
    * ``on_card_placed(doc) -> bool`` — True when the page consumed the card (e.g. an open room binds
      the person); False lets the main window open the person or a new registration;
    * ``on_passport_read(mrz) -> bool`` — the same for a passport swipe;
    * ``on_shown()`` — the page became the current one (refresh what it shows, off the GUI thread);
    * ``clear_personal()`` — the desk locks: drop personal data that is cheap to load again (lists,
      search results). Unsaved forms are kept: the lock screen covers them and only the same
      operator gets them back;
    * ``retranslate()`` — the UI language changed: set every text again;
    * ``help_text()`` — the short "what is this" text F1 shows (default: `workstation.ui.help.page_help`).
    """

    nav_key: str = ""
    permission: Permission | None = None

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"page_{self.nav_key}")

    def title(self) -> str:
        raise NotImplementedError

    def on_card_placed(self, doc: Any) -> bool:
        return False

    def on_passport_read(self, mrz: Any) -> bool:
        return False

    def on_shown(self) -> None:
        pass

    def clear_personal(self) -> None:
        pass

    def retranslate(self) -> None:
        pass

    def help_text(self) -> str:
        """The page's short "what is this" text in the UI language (F1); `workstation.ui.help.page_help`."""
        from workstation.ui.help import page_help

        return page_help(self.nav_key)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _t(text: str) -> str:
    return QCoreApplication.translate("pages", text)


@dataclass(frozen=True)
class NavItem:
    key: str
    title: str  # English source text, translated in the "pages" context
    permission: Permission | None
    description: str  # what the page will hold (placeholder text), English source


NAV: tuple[NavItem, ...] = (
    NavItem("today", "Today", None, ""),
    NavItem(
        "residents",
        "Residents",
        Permission.READ_PERSON,
        "Every resident of the station's area: search by name, pinyin, ID number, phone or address.",
    ),
    NavItem(
        "properties",
        "Properties",
        Permission.READ_PERSON,
        "Rental properties and their rooms, landlords, who lives where, and visit sheets to print.",
    ),
    NavItem(
        "tasks",
        "Tasks",
        Permission.READ_TASKS,
        "Visits and checks sent by the platform or planned here, with their due dates and results.",
    ),
    NavItem(
        "sync",
        "Sync",
        Permission.SYNC,
        "What has reached the central platform, what is waiting, conflicts to decide, and sync history.",
    ),
    NavItem(
        "devices",
        "Devices",
        None,
        "The ID card reader, fingerprint scanner and passport reader: ports, states and tests.",
    ),
    NavItem(
        "audit",
        "Audit",
        Permission.READ_AUDIT,
        "Who read or changed what, and when: the station's tamper-evident audit trail.",
    ),
    NavItem(
        "admin",
        "Admin",
        Permission.MANAGE_SETTINGS,
        "Operators, station settings, backup, key rotation and enrollment with the platform.",
    ),
)


def nav_title(key: str) -> str:
    for item in NAV:
        if item.key == key:
            return _t(item.title)
    raise KeyError(key)


def _lupdate_strings() -> None:  # pragma: no cover - lupdate reads literal strings only
    (
        QCoreApplication.translate("pages", "Today"),
        QCoreApplication.translate("pages", "Residents"),
        QCoreApplication.translate("pages", "Properties"),
        QCoreApplication.translate("pages", "Tasks"),
        QCoreApplication.translate("pages", "Sync"),
        QCoreApplication.translate("pages", "Devices"),
        QCoreApplication.translate("pages", "Audit"),
        QCoreApplication.translate("pages", "Admin"),
    )
    QCoreApplication.translate(
        "pages", "Every resident of the station's area: search by name, pinyin, ID number, phone or address."
    )
    QCoreApplication.translate(
        "pages", "Rental properties and their rooms, landlords, who lives where, and visit sheets to print."
    )
    QCoreApplication.translate(
        "pages", "Visits and checks sent by the platform or planned here, with their due dates and results."
    )
    QCoreApplication.translate(
        "pages", "What has reached the central platform, what is waiting, conflicts to decide, and sync history."
    )
    QCoreApplication.translate(
        "pages", "The ID card reader, fingerprint scanner and passport reader: ports, states and tests."
    )
    QCoreApplication.translate("pages", "Who read or changed what, and when: the station's tamper-evident audit trail.")
    QCoreApplication.translate(
        "pages", "Operators, station settings, backup, key rotation and enrollment with the platform."
    )


def visible_nav(ctx: DeskContext) -> list[NavItem]:
    """The pages this session's role may use (the domain's permission matrix decides)."""
    return [n for n in NAV if n.permission is None or ctx.can(n.permission)]


class PlaceholderPage(PageBase):
    """A page a later part of the desktop app fills: says what will be here; no dead buttons."""

    def __init__(self, ctx: DeskContext, item: NavItem, parent: QWidget | None = None) -> None:
        self.nav_key = item.key
        self.permission = item.permission
        self._item = item
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 32, 32, 32)
        self._heading = QLabel()
        self._heading.setObjectName("page_heading")
        f = self._heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self._heading.setFont(f)
        self._body = QLabel()
        self._body.setWordWrap(True)
        self._note = QLabel()
        self._note.setWordWrap(True)
        self._note.setStyleSheet("color: #444;")  # secondary, still high contrast
        for w in (self._heading, self._body, self._note):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lay.addWidget(w)
        lay.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return _t(self._item.title)

    def retranslate(self) -> None:
        self._heading.setText(self.title())
        self._body.setText(_t(self._item.description))
        self._note.setText(
            QCoreApplication.translate(
                "pages",
                "This page comes with the next update of the workstation. "
                "Until then use the other pages; nothing here is lost or hidden.",
            )
        )
