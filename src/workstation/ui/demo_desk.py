"""The demo desk: a small window shown only on a demo station, standing in for the card, finger and
passport a newcomer does not have to hand. It drives the emulators behind the device manager (the same
bytes a real reader sends), so everything after it — polling, decoding, the desk — is the real path.

It stands in for a hand, so no dialog of the app may block it: the fingerprint capture waits for
presses, a test read on the Devices page waits for a finger or a passport, both in window-modal
dialogs. It is therefore a top-level tool window of its own, with no parent (a dialog modal to the
main window blocks the main window and every window below it, a dock included, but not a window
outside that hierarchy). It never takes the keyboard (`Qt.WindowDoesNotAcceptFocus`, buttons without
focus): pressing "Good press" leaves Esc, Enter and the cursor where the officer was."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.resources import resource_path
from workstation.ui.context import Station
from workstation.ui.tasks import Lane, Op

SCENARIOS = resource_path("scenarios")
MIN_MAIN_WIDTH = 1000  # px the main window keeps when the demo desk makes room beside it
DEMO_FINGER = ("demo-resident-1", 2)  # ISO 19794-2 position 2: right index finger
OTHER_FINGER = ("demo-resident-2", 7)  # someone else's left index finger

# the first is the demo desk's default: a passport valid today (a first swipe shows no expiry warning);
# the ICAO specimens expired long ago and say so in their names
MRZ_TITLES = {
    "td3_valid": "Passport",
    "td3_specimen": "Passport, expired (ICAO specimen, 2012)",
    "td3_old_specimen": "Passport, expired (older ICAO specimen, 1994)",
    "td3_bad_check_digit": "Passport with a wrong check digit",
    "td3_canada_short_number": "Passport with a short number (expired 2023)",
    "td1_specimen": "Identity card (TD1)",
    "td1_spain": "Spanish identity card (TD1)",
    "td2_specimen": "Identity document (TD2)",
    "mrva_specimen": "Visa (MRV-A)",
    "mrvb_specimen": "Visa (MRV-B)",
    "mrva_honeywell": "Visa (MRV-A), Honeywell reader",
    "mrvb_honeywell": "Visa (MRV-B), Honeywell reader",
}

CARD_TITLES = {
    "resident_id": "Resident ID card",
    "hmt_permit": "HK/Macau/Taiwan residence permit",
    "foreigner_2017": "Foreigner permanent residence card (2017)",
    "foreigner_2023": "Foreigner permanent residence card (2023)",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("DemoDesk", text)


def _lupdate_strings() -> None:  # pragma: no cover
    QCoreApplication.translate("DemoDesk", "Passport")
    QCoreApplication.translate("DemoDesk", "Passport, expired (ICAO specimen, 2012)")
    QCoreApplication.translate("DemoDesk", "Passport, expired (older ICAO specimen, 1994)")
    QCoreApplication.translate("DemoDesk", "Passport with a short number (expired 2023)")
    QCoreApplication.translate("DemoDesk", "Passport, older specimen")
    QCoreApplication.translate("DemoDesk", "Passport with a wrong check digit")
    QCoreApplication.translate("DemoDesk", "Passport with a short number")
    QCoreApplication.translate("DemoDesk", "Identity card (TD1)")
    QCoreApplication.translate("DemoDesk", "Spanish identity card (TD1)")
    QCoreApplication.translate("DemoDesk", "Identity document (TD2)")
    QCoreApplication.translate("DemoDesk", "Visa (MRV-A)")
    QCoreApplication.translate("DemoDesk", "Visa (MRV-B)")
    QCoreApplication.translate("DemoDesk", "Visa (MRV-A), Honeywell reader")
    QCoreApplication.translate("DemoDesk", "Visa (MRV-B), Honeywell reader")
    (
        QCoreApplication.translate("DemoDesk", "Resident ID card"),
        QCoreApplication.translate("DemoDesk", "HK/Macau/Taiwan residence permit"),
    )
    (
        QCoreApplication.translate("DemoDesk", "Foreigner permanent residence card (2017)"),
        QCoreApplication.translate("DemoDesk", "Foreigner permanent residence card (2023)"),
    )


def scenario_files(kind: str) -> list[Path]:
    return sorted((SCENARIOS / kind).glob("*.json"))


def passport_scenarios() -> list[Path]:
    """The MRZ scenarios in the demo desk's order: those of `MRZ_TITLES` in its order (a valid passport
    first), then any other file by name."""
    files = scenario_files("mrz")
    order = {stem: i for i, stem in enumerate(MRZ_TITLES)}
    return sorted(files, key=lambda f: (order.get(f.stem, len(order)), f.stem))


class DemoDesk(QWidget):
    """The demo desk's window (a tool window without a parent: see the module docstring). `place_beside`
    puts it at the right of the main window."""

    def __init__(self, station: Station) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("demo_desk")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # closing the main window quits
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.station = station
        station.devices.state_changed.connect(self._show_device_note)  # the devices start after the window
        self.setMinimumWidth(250)
        self.setMaximumWidth(340)
        lay = QVBoxLayout(self)
        self.heading = QLabel()  # its name in the window too: a desk without a window manager shows no title
        self.heading.setObjectName("demo_desk_heading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        lay.addWidget(self.heading)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)

        self.card_box = QGroupBox()
        g = QGridLayout(self.card_box)
        self.card_choice = QComboBox()
        self.card_choice.setObjectName("demo_card_choice")
        for f in scenario_files("cards"):
            self.card_choice.addItem(f.stem, f)
        self.card_choice.setCurrentIndex(max(0, self.card_choice.findText("resident_id")))
        self.place_card = QPushButton()
        self.place_card.setObjectName("demo_place_card")
        self.remove_card = QPushButton()
        self.remove_card.setObjectName("demo_remove_card")
        self.place_card.clicked.connect(self._on_place_card)
        self.remove_card.clicked.connect(lambda: self._emulator("idcard", lambda e: e.remove_card()))
        g.addWidget(self.card_choice, 0, 0, 1, 2)
        g.addWidget(self.place_card, 1, 0)
        g.addWidget(self.remove_card, 1, 1)
        lay.addWidget(self.card_box)

        self.finger_box = QGroupBox()
        g = QGridLayout(self.finger_box)
        self.good_finger, self.poor_finger = QPushButton(), QPushButton()
        self.other_finger, self.lift_finger = QPushButton(), QPushButton()
        for name, b in (
            ("good", self.good_finger),
            ("poor", self.poor_finger),
            ("other", self.other_finger),
            ("lift", self.lift_finger),
        ):
            b.setObjectName(f"demo_finger_{name}")
        self.good_finger.clicked.connect(
            lambda: self._emulator("fingerprint", lambda e: e.place_finger(*DEMO_FINGER, quality="good"))
        )
        self.poor_finger.clicked.connect(
            lambda: self._emulator("fingerprint", lambda e: e.place_finger(*DEMO_FINGER, quality="poor"))
        )
        self.other_finger.clicked.connect(
            lambda: self._emulator("fingerprint", lambda e: e.place_finger(*OTHER_FINGER, quality="good"))
        )
        self.lift_finger.clicked.connect(lambda: self._emulator("fingerprint", lambda e: e.lift_finger()))
        g.addWidget(self.good_finger, 0, 0)
        g.addWidget(self.poor_finger, 0, 1)
        g.addWidget(self.other_finger, 1, 0)
        g.addWidget(self.lift_finger, 1, 1)
        lay.addWidget(self.finger_box)

        self.passport_box = QGroupBox()
        g = QGridLayout(self.passport_box)
        self.passport_choice = QComboBox()
        self.passport_choice.setObjectName("demo_passport_choice")
        for f in passport_scenarios():
            self.passport_choice.addItem(f.stem, f)
        i = self.passport_choice.findText("td3_valid")
        if i >= 0:
            self.passport_choice.setCurrentIndex(i)
        self.swipe = QPushButton()
        self.swipe.setObjectName("demo_swipe_passport")
        self.swipe.clicked.connect(self._on_swipe)
        g.addWidget(self.passport_choice, 0, 0)
        g.addWidget(self.swipe, 1, 0)
        lay.addWidget(self.passport_box)

        self.cable_box = QGroupBox()
        g = QGridLayout(self.cable_box)
        self.unplug_buttons: dict[str, QPushButton] = {}
        self.plugged = {"idcard": True, "fingerprint": True, "mrz": True}
        for row, role in enumerate(("idcard", "fingerprint", "mrz")):
            b = QPushButton()
            b.setObjectName(f"demo_cable_{role}")
            b.clicked.connect(lambda _c=False, role=role: self._toggle_cable(role))
            self.unplug_buttons[role] = b
            g.addWidget(b, row, 0)
        lay.addWidget(self.cable_box)
        self.note = QLabel()
        self.note.setObjectName("demo_note")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        lay.addStretch(1)
        for w in self.findChildren(QWidget):  # a hand, not a keyboard: focus stays in the app's window
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retranslate()

    def place_beside(self, main: QWidget) -> None:
        """At the right edge of `main`'s screen, beside `main`: `main` is narrowed to make room when the
        screen is wide enough for both (at least `MIN_MAIN_WIDTH` left for it), else the desk overlaps
        its right edge (a tool window stays above the app's windows)."""
        screen = main.screen() or self.screen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        hint = self.sizeHint()
        width = max(self.minimumWidth(), min(hint.width(), self.maximumWidth()))
        frame = main.frameGeometry()
        extra = frame.width() - main.width()  # the window manager's frame around `main`
        maximised = bool(main.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen))
        if not maximised and frame.right() + width > avail.right() and avail.width() - width >= MIN_MAIN_WIDTH:
            main.resize(avail.width() - width - extra, main.height())
            main.move(avail.left(), frame.top())
            frame = main.frameGeometry()
        x = min(frame.right() + 1, avail.right() + 1 - width)
        top = max(avail.top(), frame.top())
        height = max(hint.height(), min(frame.height(), avail.bottom() + 1 - top))
        self.setGeometry(QRect(x, top, width, height))

    # ---- texts -----------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "Demo desk"))
        self.heading.setText(self.windowTitle())
        self.intro.setText(
            QCoreApplication.translate(
                "DemoDesk",
                "Stands in for the card, finger and passport you do not have to hand. "
                "The emulated devices send what real ones send.",
            )
        )
        self.card_box.setTitle(QCoreApplication.translate("DemoDesk", "ID card reader"))
        for i in range(self.card_choice.count()):
            path: Path = self.card_choice.itemData(i)
            title = CARD_TITLES.get(path.stem)
            self.card_choice.setItemText(i, _t(title) if title else path.stem)
            self.card_choice.setItemData(i, _label_of(path), 3)  # Qt.ToolTipRole
        self.place_card.setText(QCoreApplication.translate("DemoDesk", "Place card"))
        self.remove_card.setText(QCoreApplication.translate("DemoDesk", "Remove card"))
        self.finger_box.setTitle(QCoreApplication.translate("DemoDesk", "Fingerprint scanner"))
        self.good_finger.setText(QCoreApplication.translate("DemoDesk", "Good press"))
        self.poor_finger.setText(QCoreApplication.translate("DemoDesk", "Poor press"))
        self.other_finger.setText(QCoreApplication.translate("DemoDesk", "Other finger"))
        self.other_finger.setToolTip(QCoreApplication.translate("DemoDesk", "A finger of another person"))
        self.lift_finger.setText(QCoreApplication.translate("DemoDesk", "Lift finger"))
        self.passport_box.setTitle(QCoreApplication.translate("DemoDesk", "Passport reader"))
        for i in range(self.passport_choice.count()):
            path = self.passport_choice.itemData(i)
            title = MRZ_TITLES.get(path.stem)
            self.passport_choice.setItemText(i, _t(title) if title else path.stem)
            self.passport_choice.setItemData(i, _label_of(path), 3)
        self.swipe.setText(QCoreApplication.translate("DemoDesk", "Swipe passport"))
        self.cable_box.setTitle(QCoreApplication.translate("DemoDesk", "Cables"))
        texts = {
            ("idcard", True): QCoreApplication.translate("DemoDesk", "Unplug the ID card reader"),
            ("idcard", False): QCoreApplication.translate("DemoDesk", "Plug in the ID card reader"),
            ("fingerprint", True): QCoreApplication.translate("DemoDesk", "Unplug the fingerprint scanner"),
            ("fingerprint", False): QCoreApplication.translate("DemoDesk", "Plug in the fingerprint scanner"),
            ("mrz", True): QCoreApplication.translate("DemoDesk", "Unplug the passport reader"),
            ("mrz", False): QCoreApplication.translate("DemoDesk", "Plug in the passport reader"),
        }
        for role, b in self.unplug_buttons.items():
            b.setText(texts[(role, self.plugged[role])])
        self._show_device_note()

    def _show_device_note(self, *_: object) -> None:
        """Under the buttons: nothing while the emulators run; a note while the devices are still starting
        (the window shows before them), or when real hardware answers instead of emulators."""
        devices = self.station.devices
        if devices.demo is not None:
            self.note.setText("")
        elif devices.manager is None:
            self.note.setText(QCoreApplication.translate("DemoDesk", "The devices are starting…"))
        else:
            self.note.setText(
                QCoreApplication.translate(
                    "DemoDesk", "Real devices are connected: the demo desk drives emulated devices only."
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- actions ---------------------------------------------------------------------------------------------
    def _emulator(self, role: str, fn: Any) -> None:
        demo = self.station.devices.demo
        if demo is None or role not in demo.servers:
            self.note.setText(QCoreApplication.translate("DemoDesk", "This device is not emulated here."))
            return
        device = demo.device(role)
        # the emulator's own lane: the device lane may be busy waiting for exactly this hand
        self.station.runner.start(Op(self, lambda _t: fn(device), lane=Lane.EMULATOR, runner=self.station.runner))

    def _on_place_card(self) -> None:
        from workstation.devices.sam.emulator import load_card_scenario

        path = self.card_choice.currentData()
        if path is None:
            return
        card = load_card_scenario(path)

        def place(emu: Any) -> None:
            if emu.card is not None:  # lift the card on the reader first, long enough for the poll to notice
                emu.remove_card()
                time.sleep(0.25)
            emu.place_card(card)

        self._emulator("idcard", place)

    def _on_swipe(self) -> None:
        from workstation.devices.mrz.emulator import load_mrz_scenario

        path = self.passport_choice.currentData()
        if path is not None:
            doc = load_mrz_scenario(path)
            self._emulator("mrz", lambda emu: emu.present(doc))

    def _toggle_cable(self, role: str) -> None:
        demo = self.station.devices.demo
        if demo is None or role not in demo.servers:
            self.note.setText(QCoreApplication.translate("DemoDesk", "This device is not emulated here."))
            return
        plug = not self.plugged[role]
        self.plugged[role] = plug
        self.retranslate()
        work = (lambda _t: demo.replug(role)) if plug else (lambda _t: demo.unplug(role))
        self.station.runner.start(Op(self, work, lane=Lane.EMULATOR, runner=self.station.runner))


def _label_of(path: Path) -> str:
    try:
        return str(json.loads(path.read_text(encoding="utf-8")).get("label", path.stem))
    except (OSError, ValueError):
        return path.stem
