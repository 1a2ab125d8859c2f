"""Housing checks (issue 11 items 4–6): landlord declarations beside the record, spot checks of a
visit, visit sheets and the monthly round. Dialogs a property page opens; `property_actions` gives
the buttons for a property page's toolbar, following the permission matrix (an assistant enters
declarations, only an officer verifies)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from workstation.domain.permissions import Permission
from workstation.ui.screens.housing_checks.declaration import DeclarationDialog, DeclarationEntryDialog, can
from workstation.ui.screens.housing_checks.sheet import MonthlyRoundDialog, SheetPreview, open_sheet, write_pdf
from workstation.ui.screens.housing_checks.spot_check import SpotCheckDialog

__all__ = [
    "DeclarationDialog",
    "DeclarationEntryDialog",
    "MonthlyRoundDialog",
    "PropertyChecks",
    "SheetPreview",
    "SpotCheckDialog",
    "open_declarations",
    "open_monthly_round",
    "open_sheet",
    "open_spot_check",
    "property_actions",
    "write_pdf",
]


def _show(dialog: Any) -> Any:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.activateWindow()
    return dialog


def open_declarations(ctx: Any, parent: QWidget | None, property_id: str) -> DeclarationDialog:
    return _show(DeclarationDialog(ctx, parent, property_id))  # type: ignore[no-any-return]


def open_spot_check(ctx: Any, parent: QWidget | None, property_id: str) -> SpotCheckDialog:
    """The spot-check dialog of `property_id`: the one already open for it under `parent` (brought to the
    front, who is bound read again; marks kept), else a new one (who is bound read when it is shown)."""
    if parent is not None:
        for dialog in parent.findChildren(SpotCheckDialog):
            if dialog.property_id == property_id and dialog.isVisible():
                dialog.reload()
                dialog.raise_()
                dialog.activateWindow()
                return dialog
    return _show(SpotCheckDialog(ctx, parent, property_id))  # type: ignore[no-any-return]


def open_monthly_round(ctx: Any, parent: QWidget | None, grid_code: str = "") -> MonthlyRoundDialog:
    return _show(MonthlyRoundDialog(ctx, parent, grid_code))  # type: ignore[no-any-return]


def property_actions(ctx: Any, parent: QWidget, current_property: Callable[[], str | None]) -> list[QAction]:
    """Actions for a property page's toolbar: Declarations…, Spot check… (officers only) and Visit
    sheet…; each acts on `current_property()` (None: nothing open, the action does nothing).
    `retranslate_actions(actions)` sets their texts again after a language switch."""
    actions: list[QAction] = []

    def make(name: str, fn: Callable[[str], Any]) -> QAction:
        action = QAction(parent)
        action.setObjectName(name)

        def run() -> None:
            pid = current_property()
            if pid:
                fn(pid)

        action.triggered.connect(run)
        actions.append(action)
        return action

    if can(ctx, Permission.READ_PERSON):
        make("declarations", lambda pid: open_declarations(ctx, parent, pid))
    if can(ctx, Permission.VERIFY):
        make("spotCheck", lambda pid: open_spot_check(ctx, parent, pid))
    if can(ctx, Permission.READ_PERSON):
        make("visitSheet", lambda pid: open_sheet(ctx, parent, property_id=pid))
    retranslate_actions(actions)
    return actions


class PropertyChecks:
    """The housing-check buttons on a property page's toolbar (``property_actions``): Declarations…,
    Spot check… (officers only) and Visit sheet…, acting on the property the view has open."""

    def __init__(self, ctx: Any, view: Any) -> None:
        from PySide6.QtWidgets import QPushButton

        self.actions = property_actions(ctx, view, lambda: getattr(view, "property_id", None))
        self.buttons: dict[str, QPushButton] = {}
        for action in self.actions:
            button = QPushButton()
            button.setObjectName(action.objectName())
            button.setAutoDefault(False)
            button.clicked.connect(action.trigger)
            view.add_action(button)
            self.buttons[action.objectName()] = button
        self.retranslate()

    def retranslate(self) -> None:
        retranslate_actions(self.actions)
        for action in self.actions:
            button = self.buttons[action.objectName()]
            button.setText(action.text())
            button.setToolTip(action.toolTip())


def retranslate_actions(actions: list[QAction]) -> None:
    t = {
        "declarations": (QCoreApplication.translate("HousingChecks", "Declarations…"),
                         QCoreApplication.translate("HousingChecks", "What the landlord declared beside the record; "
                                                    "enter a declaration")),
        "spotCheck": (QCoreApplication.translate("HousingChecks", "Spot check…"),
                      QCoreApplication.translate("HousingChecks", "Record what a visit found, room by room")),
        "visitSheet": (QCoreApplication.translate("HousingChecks", "Visit sheet…"),
                       QCoreApplication.translate("HousingChecks", "Print the rooms and the people bound to them, "
                                                  "with boxes to tick on the visit")),
    }
    for a in actions:
        text, tip = t[a.objectName()]
        a.setText(text)
        a.setToolTip(tip)
