"""The Today page: where the desk starts. Says how to begin (card first) and what is waiting.

Part 3 of the desktop app turns it into the dashboard (rates, tasks due, sync); until then it
gives the operator the three ways in and the shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workstation.ui.context import DeskContext, role_label
from workstation.ui.pages import NavItem, PageBase


class TodayPage(PageBase):
    nav_key = "today"
    permission = None

    def __init__(self, ctx: DeskContext, item: NavItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 28, 32, 28)
        lay.setSpacing(14)
        self.heading = QLabel()
        self.heading.setObjectName("today_heading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self.heading.setFont(f)
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.body = QLabel()
        self.body.setObjectName("today_body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.body)
        self.demo_note = QLabel()
        self.demo_note.setObjectName("today_demo")
        self.demo_note.setWordWrap(True)
        self.demo_note.setStyleSheet("background: #fff4ce; color: #3d2e00; border: 1px solid #c8a600; padding: 8px;")
        self.demo_note.setVisible(ctx.is_demo)
        lay.addWidget(self.demo_note)
        lay.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Today")

    def retranslate(self) -> None:
        op = self.ctx.operator
        self.heading.setText(
            self.tr("Welcome, {user} ({role})").replace("{user}", op.username).replace("{role}", role_label(op.role))
        )
        lines: list[str] = []
        if self.ctx.can("register"):
            lines += [
                self.tr(
                    "<b>Place an ID card on the reader</b> at any time: a known person opens, an unknown one "
                    "opens a new registration with the card's fields filled in."
                ),
                self.tr("<b>Swipe a passport</b> on the passport reader to register a foreign national."),
                self.tr("<b>F2</b>: new registration by typing, without a card."),
            ]
        if self.ctx.can("read_person"):
            lines.append(self.tr("<b>Ctrl+F</b>: search residents by name, pinyin, ID number, phone or address."))
        if self.ctx.can("sync"):
            lines.append(self.tr("<b>F5</b>: sync with the central platform now."))
        lines.append(self.tr("<b>Ctrl+L</b>: lock the desk when you step away. <b>Alt+1…8</b>: pages."))
        self.body.setText("<p>" + "</p><p>".join(lines) + "</p>")
        self.demo_note.setText(
            self.tr(
                "Demo station: everything here is synthetic. Use the demo desk on the right "
                "to place a card, press a finger, swipe a passport or unplug a device."
            )
        )
