"""Screenshots of every screen and dialog of the registration desk and the residents page, in English
and Chinese, with `shoot` (tests/ui/conftest.py): pages at 1366×768 and 1920×1080, dialogs at their own
size and at the size a 1366×768 screen leaves them. Look at them (build/screenshots/ or
$WORKSTATION_SHOTS): clipped or overlapping text, English left in a Chinese screen, tofu boxes."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures (bridge, ctx, runner, station_fx, ...)
from desk_fixtures import card, drain, make_ctx, mrz_lines, off_gui

from helpers import make_station
from workstation.devices.mrz.parse import parse_mrz
from workstation.devices.sam.decode import decode_card
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, FingerPosition, Sex
from workstation.storage import demo
from workstation.ui.screens.registration.fingerprint import FingerprintDialog
from workstation.ui.screens.registration.form import RegistrationForm
from workstation.ui.screens.residents import ResidentsPage
from workstation.ui.screens.residents.detail import ResidentDetailDialog

pytestmark = pytest.mark.qt

DIALOG_SIZES = (None, (1000, 700))  # natural size; what a 1366×768 screen leaves a dialog


@pytest.fixture
def demo_ctx(tmp_path, runner, bridge):
    st = make_station(tmp_path / "demo-station", demo=True)
    off_gui(lambda: demo.generate(st.db, 300, seed=3))
    yield make_ctx(st, runner, bridge)
    st.db.close()


def card_doc(name):
    c = card(name)
    return decode_card(c.text, c.photo).document.with_changes(source="card")


@pytest.mark.parametrize("name", ["resident_id", "hmt_permit", "foreigner_2017", "foreigner_2023"])
def test_shoot_card_forms(qtbot, demo_ctx, shoot, name):
    form = RegistrationForm(demo_ctx, None, document=card_doc(name))
    form.show()
    shoot(form, f"registration-card-{name}", sizes=DIALOG_SIZES)


def test_shoot_passport_form(qtbot, demo_ctx, shoot):
    doc = parse_mrz(mrz_lines("td3_specimen")).to_document()
    form = RegistrationForm(demo_ctx, None, document=doc)
    form.show()
    shoot(form, "registration-passport", sizes=DIALOG_SIZES)
    form.editors["visa_number"].setText("E-12")
    form.editors["entry_date"].setText("1950-01-01")  # before the specimen's birth in 1974

    def prepare():
        form.validate()  # every reason beside its field, in the language of the shot

    shoot(form, "registration-passport-stay-reasons", sizes=DIALOG_SIZES, prepare=prepare)


def test_shoot_foreign_guests_record(qtbot, demo_ctx, runner, shoot):
    desk = demo_ctx.desk
    doc = parse_mrz(mrz_lines("td3_specimen")).to_document()
    pid = off_gui(lambda: desk.residents.register(
        doc, visa_type="Q2", visa_number="E12345678", entry_date=date(2024, 5, 1), stay_until=date(2024, 8, 1),
        phone="13800138001",
    )).id
    dialog = ResidentDetailDialog(demo_ctx, None, off_gui(lambda: desk.residents.get(pid)))
    dialog.show()
    shoot(dialog, "resident-record-foreign-guest", sizes=DIALOG_SIZES)


def test_shoot_manual_form_with_reasons(qtbot, demo_ctx, shoot):
    form = RegistrationForm(demo_ctx, None)
    form.show()
    form.editors["number"].setText("110105194912310021")
    form.editors["phone"].setText("12345")
    form.editors["birth_date"].setText("1949-13-01")

    def prepare():
        form.validate()

    shoot(form, "registration-manual-reasons", sizes=DIALOG_SIZES, prepare=prepare)


def test_shoot_duplicate_offer_and_expired(qtbot, demo_ctx, runner, shoot):
    doc = IdentityDocument(DocumentType.RESIDENT_ID, "11010519491231002X", "张三", Sex.FEMALE, date(1949, 12, 31),
                           address="北京市朝阳区测试路1号", issuer="北京市公安局朝阳分局",
                           valid_from=date(2005, 1, 1), valid_to=date(2015, 1, 1), source="card")
    off_gui(lambda: demo_ctx.desk.residents.register(doc.with_changes(valid_to=None, long_term=True)))
    form = RegistrationForm(demo_ctx, None, document=doc)
    form.show()
    form.check_duplicate_now()
    qtbot.waitUntil(form.duplicate_banner.isVisible, timeout=5000)
    shoot(form, "registration-duplicate-expired", sizes=DIALOG_SIZES)


def test_shoot_fingerprint_dialog(qtbot, demo_ctx, runner, bridge, shoot):
    dialog = FingerprintDialog(demo_ctx, None, person_label="张三", timeout_per_press=10)
    device = bridge.demo.device("fingerprint")
    dialog._relay.step.connect(lambda s: device.place_finger("shot", int(dialog.position), quality="good")
                               if s.code == "place_finger" else device.lift_finger() if s.code == "lift_finger"
                               else None)
    dialog.show()
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=40000)
    shoot(dialog, "fingerprint-enrolled", sizes=None)
    dialog.done(0)
    failed = FingerprintDialog(demo_ctx, None, person_label="张三", timeout_per_press=0.5)
    failed.show()
    qtbot.waitUntil(failed.retry_button.isEnabled, timeout=10000)
    shoot(failed, "fingerprint-timeout", sizes=None)
    failed.done(0)
    drain(qtbot, runner)


def test_shoot_residents_page(qtbot, demo_ctx, runner, shoot):
    page = ResidentsPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.model.searched, timeout=10000):
        page.on_shown()
    shoot(page, "residents-page")
    drain(qtbot, runner)


def test_shoot_resident_record(qtbot, demo_ctx, runner, shoot):
    desk = demo_ctx.desk
    doc = IdentityDocument(DocumentType.RESIDENT_ID, "11010519491231002X", "张三", Sex.FEMALE, date(1949, 12, 31),
                           address="北京市朝阳区测试路1号", issuer="北京市公安局朝阳分局", long_term=True,
                           valid_from=date(2015, 1, 1))
    pid = off_gui(lambda: desk.residents.register(doc, phone="13800138000", employer="演示科技有限公司")).id
    prop = off_gui(lambda: desk.housing.create_property(address="演示市东城区幸福路18号", grid_code="G07")).id
    room = off_gui(lambda: desk.housing.add_room(prop, label="301")).id
    off_gui(lambda: desk.housing.bind(pid, room, start=date(2023, 3, 1), end=date(2024, 2, 29)))
    off_gui(lambda: desk.housing.bind(pid, room, start=date(2024, 3, 1)))
    off_gui(lambda: desk.biometrics.add(pid, position=FingerPosition.RIGHT_INDEX, template=b"\x01" * 512, quality=82))
    dialog = ResidentDetailDialog(demo_ctx, None, off_gui(lambda: desk.residents.get(pid)))
    dialog.show()
    for tab in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(tab)
        shoot(dialog, f"resident-record-tab{tab}", sizes=DIALOG_SIZES)
    dialog.conflict.setText(dialog.tr("Not saved: someone changed this record after you opened it. Press Reload (F5) "
                                      "to see the current record, then make your change again."))
    dialog.conflict.show()
    dialog.tabs.setCurrentIndex(0)
    shoot(dialog, "resident-record-conflict", sizes=DIALOG_SIZES)
