"""The spot-check dialog reads who is bound to each room again — on the DB lane — each time it is shown
and after a binding changed while it stayed open, keeping what was marked on the lines still there
(it kept the lines it was made with once anything was marked, and never read again when shown again)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QWidget

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Sex, SpotCheckResult
from workstation.domain.validation import gb11643_check_char
from workstation.ui.screens.housing_checks import SpotCheckDialog, open_spot_check
from workstation.ui.screens.housing_checks.models import NOTES_COLUMN, RESULT_COLUMN

TODAY = date.today()


def _doc(name: str, seq: int) -> IdentityDocument:
    first17 = f"44030519880601{seq:03d}"
    return IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=first17 + gb11643_check_char(first17), name=name,
                            sex=Sex.MALE if seq % 2 else Sex.FEMALE, birth_date=date(1988, 6, 1), source="card")


@pytest.fixture
def town(ctx):
    """A property with rooms 101 (张三, 李四), 102 (王五) and 103 (empty), recorded by an officer."""
    h = ctx.desk.housing
    pid = h.create_property(address="演示市南湖区复查路8号", grid_code="HC02").id
    rooms = {lb: h.add_room(pid, label=lb).id for lb in ("101", "102", "103")}
    for i, (name, room, days) in enumerate((("张三", "101", 10), ("李四", "101", 1), ("王五", "102", 20))):
        person = ctx.desk.residents.register(_doc(name, 71 + i), phone=f"1390000{i:04d}").id
        h.bind(person, rooms[room], start=TODAY - timedelta(days=days))
    return pid


def _line(model, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.data(model.index(r, 1)) == name)


def _names(dialog: SpotCheckDialog) -> list[str]:
    m = dialog.model
    return [m.data(m.index(r, 1)) for r in range(m.rowCount())]


def _loaded(qtbot, dialog: SpotCheckDialog) -> None:
    qtbot.waitUntil(lambda: dialog.sheet is not None and not dialog.loading, timeout=10_000)


def _through_the_desk(qtbot, ctx, work) -> None:
    """A write as a screen of this desk makes it (DB lane; its changes announced on `ctx.changed`)."""
    done = []
    ctx.op(lambda _t: work()).on_success(done.append).start()
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)


def test_a_binding_changed_while_the_dialog_is_open_is_read_again_marks_kept(qtbot, ctx, town, shoot):
    pid = town
    h = ctx.desk.housing
    dialog = SpotCheckDialog(ctx, None, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    _loaded(qtbot, dialog)
    m = dialog.model
    assert _names(dialog) == ["张三", "李四", "王五", "(nobody recorded)"]
    m.setData(m.index(_line(m, "张三"), RESULT_COLUMN), "consistent")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved_count == 1, timeout=10_000)
    m.setData(m.index(_line(m, "王五"), RESULT_COLUMN), "inconsistent")
    m.setData(m.index(_line(m, "王五"), NOTES_COLUMN), "换了工作")

    # on the property page: 赵六 moves into 103, 李四 moves out
    room_103 = next(r.id for r in h.rooms(pid) if r.label == "103")
    zhao = ctx.desk.residents.register(_doc("赵六", 61), phone="13900000061").id
    _through_the_desk(qtbot, ctx, lambda: h.bind(zhao, room_103, start=TODAY - timedelta(days=1)))
    li = next(t for t in h.room_tenancies(next(r.id for r in h.rooms(pid) if r.label == "101"))
              if t.person_name == "李四")
    _through_the_desk(qtbot, ctx, lambda: h.end_tenancy(li.id, base_version=li.version, end=TODAY))

    qtbot.waitUntil(lambda: _names(dialog) == ["张三", "王五", "赵六"], timeout=10_000)
    zhang, wang, zhao_line = (m.row(_line(m, n)) for n in ("张三", "王五", "赵六"))
    assert zhang.result is SpotCheckResult.CONSISTENT and zhang.saved_at is not None  # still marked saved
    assert (wang.result, wang.notes, wang.saved_at) == (SpotCheckResult.INCONSISTENT, "换了工作", None)
    assert zhao_line.result is None and zhao_line.room == "103"
    shoot(dialog, "spot-check-read-again", sizes=((1000, 460),))
    dialog.save()  # 王五's finding, on the line that is still his
    qtbot.waitUntil(lambda: dialog.saved_count == 2, timeout=10_000)


def test_shown_again_it_reads_who_is_bound_now_on_the_db_lane(qtbot, ctx, town, monkeypatch):
    """A binding made elsewhere (another session, the console) announces nothing here: the dialog
    shown again reads it, and never on the GUI thread."""
    pid = town
    h = ctx.desk.housing
    threads = []
    occupants = h.occupants

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return occupants(*args, **kwargs)

    monkeypatch.setattr(h, "occupants", spy)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = open_spot_check(ctx, parent, pid)
    _loaded(qtbot, dialog)
    assert _names(dialog) == ["张三", "李四", "王五", "(nobody recorded)"]
    dialog.model.setData(dialog.model.index(0, RESULT_COLUMN), "consistent")
    dialog.hide()

    room_103 = next(r.id for r in h.rooms(pid) if r.label == "103")
    zhao = ctx.desk.residents.register(_doc("赵六", 62), phone="13900000062").id
    h.bind(zhao, room_103, start=TODAY)  # not through this desk's screens: nothing announced
    reads = len(threads)
    dialog.show()
    qtbot.waitUntil(lambda: "赵六" in _names(dialog) and not dialog.loading, timeout=10_000)
    assert len(threads) == reads + 1
    assert dialog.model.row(_line(dialog.model, "张三")).result is SpotCheckResult.CONSISTENT

    # "Spot check…" again while it is open: the same dialog, read again (not a second one with old lines)
    wu = ctx.desk.residents.register(_doc("吴七", 63), phone="13900000063").id
    h.bind(wu, room_103, start=TODAY)
    assert open_spot_check(ctx, parent, pid) is dialog
    qtbot.waitUntil(lambda: "吴七" in _names(dialog) and not dialog.loading, timeout=10_000)
    assert len(parent.findChildren(SpotCheckDialog)) == 1
    assert threads and all(t is not threading.main_thread() for t in threads)
