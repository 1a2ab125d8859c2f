"""The registration desk as a new officer found it (issue 10 review): headings per document, the
passport's check-digit banner and nationality, the photo note, the desk's messages in both languages."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures
from desk_fixtures import card

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Sex
from workstation.ui.screens.registration.form import RegistrationForm

pytestmark = pytest.mark.qt


def _card_doc(name: str) -> IdentityDocument:
    from workstation.devices.sam.decode import decode_card

    c = card(name)
    return decode_card(c.text, c.photo).document.with_changes(source="card")


def _passport(**changes) -> IdentityDocument:
    values = dict(doc_type=DocumentType.PASSPORT, number="L898902C3", name="ERIKSSON ANNA MARIA",
                  name_latin="ERIKSSON ANNA MARIA", sex=Sex.FEMALE, birth_date=date(1974, 8, 12),
                  nationality="UTO", issuer="UTO", valid_to=date(2032, 4, 15), source="mrz")
    values.update(changes)
    return IdentityDocument(**values)


@pytest.mark.parametrize(("name", "words"), [
    ("resident_id", "resident ID card"),
    ("hmt_permit", "HK/Macau/Taiwan residence permit"),
    ("foreigner_2017", "foreigner permanent residence card"),
    ("foreigner_2023", "foreigner permanent residence card"),
])
def test_the_heading_names_the_document_read(qtbot, ctx, name, words):
    form = RegistrationForm(ctx, None, document=_card_doc(name))
    qtbot.addWidget(form)
    assert words in form.windowTitle() and words in form.heading.text()
    if name != "resident_id":
        assert "ID card" not in form.windowTitle()


def test_a_passport_with_failed_checks_names_the_fields_in_words(qtbot, ctx, switch_language):
    form = RegistrationForm(ctx, None, document=_passport(mrz_checks={"document_number": True, "birth_date": False,
                                                                      "composite": False}))
    qtbot.addWidget(form)
    text = form.mrz_banner.text()
    assert "date of birth" in text and "overall check" in text, text
    assert "birth_date" not in text and "composite" not in text
    form.show()
    switch_language("zh_CN")
    qtbot.waitUntil(lambda: "出生日期" in form.mrz_banner.text(), timeout=2000)
    text = form.mrz_banner.text()
    assert "birth_date" not in text and "composite" not in text and "出生日期" in text, text


def test_the_nationality_is_shown_with_its_name(qtbot, ctx):
    form = RegistrationForm(ctx, None, document=_passport())
    qtbot.addWidget(form)
    assert form.editors["nationality"].text() == "UTO"
    assert "Utopia" in form.country_names["nationality"].text()
    # typed in: the name follows the code, ICAO-only codes included
    manual = RegistrationForm(ctx, None)
    qtbot.addWidget(manual)
    manual.editors["doc_type"].setCurrentIndex(manual.editors["doc_type"].findData(DocumentType.PASSPORT.value))
    manual.editors["nationality"].setText("XXA")
    assert manual.country_names["nationality"].text() == "Stateless person"
    manual.editors["nationality"].setText("D")
    assert manual.country_names["nationality"].text() == "Germany"
    manual.editors["nationality"].setText("QQQ")
    assert manual.country_names["nationality"].text() == ""


def test_manual_entry_with_a_wrong_check_digit_does_not_say_re_read_the_card(qtbot, ctx):
    form = RegistrationForm(ctx, None)
    qtbot.addWidget(form)
    form.show()
    form.editors["number"].setText("110105194912310029")
    form.editors["name"].setText("张三")
    form.editors["birth_date"].setText("1949-12-31")
    form.validate()
    reason = form.errors.label("number").text()
    assert "not a valid ID number" in reason and "card" not in reason and "X" not in reason, reason


def test_manual_entry_takes_birth_date_and_sex_from_a_valid_number(qtbot, ctx):
    form = RegistrationForm(ctx, None)
    qtbot.addWidget(form)
    form.show()
    ed = form.editors
    assert ed["sex"].currentIndex() == -1  # not "male" by default
    doc, _entry, _p = form.read()
    assert doc.sex is Sex.UNKNOWN
    form.editors["name"].setText("张三")
    form.validate()
    assert form.errors.label("sex").text()  # a resident ID card's holder's sex must be given
    qtbot.keyClicks(ed["number"], "11010519491231002")
    assert ed["birth_date"].text() == "" and not ed["birth_date"].isReadOnly()  # 17 characters: nothing yet
    qtbot.keyClicks(ed["number"], "X")
    assert ed["birth_date"].text() == "1949-12-31"
    assert ed["sex"].currentData() == Sex.FEMALE.value
    assert ed["birth_date"].isReadOnly() and not ed["sex"].isEnabled()  # the number determines them
    # 440524188001010014: 17th digit 1 -> male
    ed["number"].setText("440524188001010014")
    assert ed["birth_date"].text() == "1880-01-01" and ed["sex"].currentData() == Sex.MALE.value
    # a wrong check digit: not taken; editable again
    ed["number"].setText("440524188001010015")
    assert not ed["birth_date"].isReadOnly() and ed["sex"].isEnabled()
    # a passport number tells nothing
    ed["number"].setText("11010519491231002X")
    ed["doc_type"].setCurrentIndex(ed["doc_type"].findData(DocumentType.PASSPORT.value))
    assert not ed["birth_date"].isReadOnly() and ed["sex"].isEnabled()
    ed["doc_type"].setCurrentIndex(ed["doc_type"].findData(DocumentType.RESIDENT_ID.value))
    assert ed["birth_date"].isReadOnly()
    form._dirty = False  # closed by the test without the "discard?" question


def _commit(widget, text):
    """Chinese typed as an input method commits it (QTest's key clicks know only ASCII)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_property_search_shows_only_results_of_the_current_text(qtbot, ctx, runner):
    from desk_fixtures import drain, off_gui

    a = off_gui(lambda: ctx.desk.housing.create_property(address="演示市东城区幸福路18号", grid_code="G07")).id
    off_gui(lambda: ctx.desk.housing.add_room(a, label="301"))
    off_gui(lambda: ctx.desk.housing.add_room(a, label="302"))
    off_gui(lambda: ctx.desk.housing.create_property(address="演示市北山区北山路2号", grid_code="G07"))
    form = RegistrationForm(ctx, None)
    qtbot.addWidget(form)
    form.show()
    prop = form.editors["property"]
    prop.setFocus()
    _commit(prop, "幸福")
    assert form.property_state.text() == "searching…"
    qtbot.waitUntil(lambda: form._completer_model.stringList() == ["演示市东城区幸福路18号"], timeout=5000)
    assert form.property_state.text() == ""
    # a keystroke drops the previous text's results at once: Enter cannot take one of them
    prop.setText("")
    _commit(prop, "北山")
    assert form._completer_model.stringList() == [] and form.property_state.text() == "searching…"
    form._on_property_chosen("演示市东城区幸福路18号")  # what a stale ↓+Enter would have taken
    assert form._property_id is None
    qtbot.waitUntil(lambda: form._completer_model.stringList() == ["演示市北山区北山路2号"], timeout=5000)
    # choosing a property says its rooms are loading until they are there
    prop.setText("演示市东城区幸福路18号")
    form._property_hits = [(a, "演示市东城区幸福路18号")]
    form._on_property_chosen("演示市东城区幸福路18号")
    assert form.room_combo.placeholderText() == "loading rooms…"
    qtbot.waitUntil(lambda: form.room_combo.count() == 2, timeout=5000)
    assert form.room_combo.placeholderText() == "choose the room"
    drain(qtbot, runner)
    form._dirty = False


@pytest.mark.parametrize("source", ["card", "manual"])
def test_resident_detail_keeps_what_a_reader_read_read_only(qtbot, ctx, source):
    from desk_fixtures import off_gui

    from workstation.ui.screens.residents.detail import ResidentDetailDialog

    doc = _card_doc("resident_id").with_changes(source=source)
    pid = off_gui(lambda: ctx.desk.residents.register(doc, phone="13800138000")).id
    detail = off_gui(lambda: ctx.desk.residents.get(pid))
    dialog = ResidentDetailDialog(ctx, None, detail)
    qtbot.addWidget(dialog)
    dialog.show()
    locked = source == "card"
    assert dialog.editors["name"].isReadOnly() is locked
    assert dialog.editors["birth_date"].isReadOnly() is locked
    assert dialog.editors["sex"].isEnabled() is not locked
    assert dialog.device_note.isVisibleTo(dialog) is locked
    assert not dialog.editors["phone"].isReadOnly()  # what the operator added stays editable
    # no fingerprint: the tab says so instead of an empty table
    assert dialog.no_fingerprints.text() == "None enrolled" and not dialog.no_fingerprints.isHidden()
    assert dialog.fingerprints.isHidden()
