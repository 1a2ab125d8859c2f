"""The Administration page (nav key ``admin``, permission MANAGE_SETTINGS): the administrator sets
the station up without a terminal.

Tabs: operators and roles (`operators.OperatorsTab`), station settings (`settings.SettingsTab`),
enrollment with the platform (`enrollment.EnrollmentTab`), backup and purge
(`maintenance.MaintenanceTab`). Every action calls the same core code as ``workstation-admin`` /
``workstation sync --enroll`` (permission checked and audited there), off the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from workstation.domain.permissions import Permission
from workstation.ui.context import DeskContext
from workstation.ui.pages import NavItem, PageBase
from workstation.ui.screens.admin.common import heading


class AdminPage(PageBase):
    """Tabs of administration. ``tab(key)`` gives a tab by key: "operators", "settings",
    "enrollment", "maintenance"."""

    nav_key = "admin"
    permission = Permission.MANAGE_SETTINGS

    def __init__(self, ctx: DeskContext, item: NavItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from workstation.ui.screens.admin.enrollment import EnrollmentTab
        from workstation.ui.screens.admin.maintenance import MaintenanceTab
        from workstation.ui.screens.admin.operators import OperatorsTab
        from workstation.ui.screens.admin.settings import SettingsTab

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        self.heading = heading("admin_heading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        self.heading.setFont(f)
        lay.addWidget(self.heading)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("admin_tabs")
        self.operators = OperatorsTab(ctx)
        self.settings = SettingsTab(ctx)
        self.enrollment = EnrollmentTab(ctx)
        self.maintenance = MaintenanceTab(ctx)
        self._tabs: dict[str, Any] = {
            "operators": self.operators,
            "settings": self.settings,
            "enrollment": self.enrollment,
            "maintenance": self.maintenance,
        }
        for w in self._tabs.values():
            self.tabs.addTab(w, "")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())
        lay.addWidget(self.tabs, 1)
        self.retranslate()

    def tab(self, key: str) -> Any:
        return self._tabs[key]

    def show_tab(self, key: str) -> Any:
        w = self._tabs[key]
        self.tabs.setCurrentWidget(w)
        return w

    # ---- PageBase ------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Admin")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Administration"))
        titles = {
            "operators": self.tr("Operators and roles"),
            "settings": self.tr("Station settings"),
            "enrollment": self.tr("Platform enrollment"),
            "maintenance": self.tr("Backup and purge"),
        }
        for key, w in self._tabs.items():
            self.tabs.setTabText(self.tabs.indexOf(w), titles[key])

    def on_shown(self) -> None:
        self._refresh_current(force=True)

    def _refresh_current(self, *, force: bool = False) -> None:
        w = self.tabs.currentWidget()
        refresh = getattr(w, "refresh", None)
        if callable(refresh) and (force or self.isVisible()):
            refresh()
