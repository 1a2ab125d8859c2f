"""Passphrase dialog: shown when the keyring has no entry for this station (a new user account, a
reinstalled system, a copied data folder). The passphrase re-creates the keyring entry."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class PassphraseDialog(QDialog):
    """Enter the station's recovery passphrase. `passphrase()` after `accepted`; `show_error(text)`
    keeps the dialog open with the reason below the field (wrong passphrase: try again)."""

    def __init__(self, station_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphrase_dialog")
        self.setMinimumWidth(480)
        self._folder = station_folder
        lay = QVBoxLayout(self)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        lay.addWidget(self.explain)
        self.field = QLineEdit()
        self.field.setObjectName("passphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        lay.addWidget(self.field)
        self.error = QLabel()
        self.error.setObjectName("passphrase_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        lay.addWidget(self.error)
        # own buttons (not standard ones, whose texts Qt resets on a language change)
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton()
        self.ok_button.setObjectName("unlock_button")
        self.ok_button.setDefault(True)
        self.quit_button = QPushButton()
        self.quit_button.setObjectName("quit_button")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Unlock the station"))
        self.explain.setText(
            self.tr(
                "This computer's keyring does not hold the key of the station in {folder}. Enter the station's "
                "recovery passphrase (from the sealed envelope kept at the station) to unlock it; the key is then "
                "kept in the keyring again."
            ).replace("{folder}", self._folder)
        )
        self.field.setPlaceholderText(self.tr("Recovery passphrase"))
        self.ok_button.setText(self.tr("Unlock"))
        self.quit_button.setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_ok(self) -> None:
        if not self.field.text().strip():
            self.show_error(self.tr("Enter the recovery passphrase."))
            return
        self.accept()

    def passphrase(self) -> str:
        return self.field.text().strip()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.field.selectAll()
        self.field.setFocus()
