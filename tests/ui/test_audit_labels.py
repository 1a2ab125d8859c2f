"""Every audit action written anywhere in src/ has words (ui/screens/audit/labels.py), and the viewer shows
the words and readable details, in English and Chinese, over a real station; an administrator (who may
not search residents) narrows the trail to one resident by double-clicking a row about that resident. The
About and Outcome columns show words too (target ids that are codes, every outcome)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from PySide6.QtCore import Qt

from workstation.domain.enums import Role
from workstation.storage.schema import SYNCABLE
from workstation.ui.screens.audit import AuditPage
from workstation.ui.screens.audit.labels import EVENT_LABELS, details_text, event_label
from workstation.ui.screens.audit.model import COLUMNS

SRC = Path(__file__).resolve().parents[2] / "src" / "workstation"
CODE = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
F_CODE = re.compile(r"^[a-z_{}.]+$")


def _table_names() -> list[str]:
    return list(SYNCABLE)


def _expand(template: str) -> list[str] | None:
    """The actions an f-string action can be (None: the test does not know it - teach it here)."""
    if template in ("{kind}.create", "{kind}.update", "{kind}.delete"):  # Transaction.create/update/delete
        return [f"{t}.{template.split('.')[1]}" for t in _table_names()]
    if template == "prereg.{outcome}":  # client.settle_prereg: outcome is checked to be one of these
        return ["prereg.confirmed", "prereg.rejected"]
    return None


def audit_actions() -> tuple[dict[str, str], list[str]]:
    """(action → where) for every action literal in src/, and the f-string actions the test cannot expand.
    An action is: the first argument of `tx.audit(...)`, an argument of any function whose name has
    "audit" in it, an `action=` keyword, a value assigned to a variable `action`, or the default of a
    parameter `action`."""
    found: dict[str, str] = {}
    unknown: list[str] = []

    def add(node: ast.AST, where: str) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
            found.setdefault(node.value, where)
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{" + ast.unparse(v.value) + "}"
                           for v in node.values if isinstance(v, ast.Constant | ast.FormattedValue))
            if F_CODE.match(text) and "." in text:
                expanded = _expand(text)
                if expanded is None:
                    unknown.append(f"{where}: f'{text}'")
                else:
                    for a in expanded:
                        found.setdefault(a, where)
        elif isinstance(node, ast.IfExp):
            add(node.body, where)
            add(node.orelse, where)

    for path in sorted(SRC.rglob("*.py")):
        if path.name == "labels.py" and path.parent.name == "audit":
            continue
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(SRC)}:{getattr(n, 'lineno', 0)}"
            if isinstance(n, ast.Call):
                name = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                for k in n.keywords:
                    if k.arg == "action":
                        add(k.value, where)
                if "audit" in name.lower():
                    for a in n.args:
                        add(a, where)
            elif isinstance(n, ast.Assign | ast.AnnAssign):
                targets = n.targets if isinstance(n, ast.Assign) else [n.target]
                if n.value is not None and any(isinstance(t, ast.Name) and t.id == "action" for t in targets):
                    add(n.value, where)
            elif isinstance(n, ast.FunctionDef):
                pos = n.args.args[len(n.args.args) - len(n.args.defaults):]
                pairs = [*zip(pos, n.args.defaults, strict=True),
                         *zip(n.args.kwonlyargs, n.args.kw_defaults, strict=True)]
                for a, d in pairs:
                    if a.arg == "action" and d is not None:
                        add(d, where)
    return found, unknown


def test_every_audit_action_in_the_source_has_a_label():
    found, unknown = audit_actions()
    assert not unknown, f"f-string audit actions the test cannot expand (teach _expand): {unknown}"
    # the scan finds what the officer reported (it must be able to fail)
    assert {"task.received", "visit_sheet.print", "room.tenancies", "room.occupants", "declaration.compare",
            "property.rows", "tenancy.move", "person.create", "prereg.confirmed"} <= set(found)
    missing = {a: where for a, where in found.items() if a not in EVENT_LABELS}
    assert not missing, f"audit actions without a label in sync/audit_words.py: {missing}"


def test_every_labelled_action_falls_in_an_event_filter():
    """The viewer's Event filter (supervision.AUDIT_KINDS) reaches every action; a refusal-only action is
    reached through "Refused or failed"."""
    from workstation.storage.areas.supervision import AUDIT_KINDS

    def hit(pattern: str, action: str) -> bool:
        return re.fullmatch(re.escape(pattern).replace("%", ".*"), action) is not None

    orphans = [a for a in EVENT_LABELS
               if not any(hit(p, a) for ps in AUDIT_KINDS.values() for p in ps) and a != "registration.blocked"]
    assert not orphans, f"actions no Event filter shows: {orphans}"


def test_details_read_as_words_in_both_languages(switch_language):
    assert details_text('{"rows": 2}') == "2 rows"
    assert details_text('{"kind": "browse", "query": "", "grid": null, "page": "first", "rows": 5}') == (
        "search by: browse; page: first; 5 rows")
    moved = '{"from_tenancy": "t1", "from_room": "101", "to_room": "202", "on": "2026-11-30"}'
    assert details_text(moved) == "previous tenancy: t1; from room 101; to room 202; on 2026-11-30"
    assert details_text('{"mystery": "x", "flag": true}') == "mystery: x; flag: yes"
    assert details_text("via passphrase") == "via passphrase"  # a form of one action only
    assert details_text("via passphrase", "database.unlock") == "opened with the recovery passphrase"
    assert details_text("{not json") == "{not json"
    assert event_label("no.such_action") == "no.such_action"
    switch_language("zh_CN")
    zh = details_text('{"rows": 2, "status": "pending"}')
    assert "2" in zh and "rows" not in zh and "status" not in zh and "{" not in zh
    assert event_label("task.received") != EVENT_LABELS["task.received"]
    # older rows' plain English, in the UI's language (rows unchanged)
    assert details_text("via passphrase", "database.unlock") == "用恢复口令打开"
    assert details_text("role=officer", "operator.create") == "角色：民警"


def _open(qtbot, ctx) -> AuditPage:
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    page.on_shown()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.model.busy, timeout=10_000)
    return page


def _cells(page: AuditPage, action: str) -> tuple[str, str]:
    m = page.model
    for i in range(m.rowCount()):
        if m.row(i).action == action:
            return (m.index(i, COLUMNS.index("event")).data(), m.index(i, COLUMNS.index("details")).data())
    raise AssertionError(f"no {action} row shown")


def test_viewer_shows_words_not_codes(qtbot, login, switch_language, shoot):
    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    officer.desk.housing.create_property(address="深圳市南山区审计路2号", grid_code="G01")
    props = officer.desk.housing.find_properties("审计路", limit=5).items
    officer.desk.housing.rooms(props[0].id)  # room.list {"rows": n}
    page = _open(qtbot, supervisor)
    event, details = _cells(page, "room.list")
    assert event == "Listed rooms" and details.endswith("rows") and "{" not in details
    event, details = _cells(page, "property.search")
    assert event == "Searched rental properties" and "{" not in details and '"' not in details
    for i in range(page.model.rowCount()):
        shown = page.model.index(i, COLUMNS.index("event")).data()
        assert shown != page.model.row(i).action, f"raw code shown: {shown}"
    assert all(p.stat().st_size > 5000 for p in shoot(page, "audit-readable", sizes=[(1366, 768)]))
    switch_language("zh_CN")
    event, details = _cells(page, "room.list")
    assert event != "Listed rooms" and "rows" not in details


def test_admin_narrows_to_a_resident_by_double_click(qtbot, login):
    officer, admin = login(Role.OFFICER), login(Role.ADMIN)
    pid = officer.desk.residents.find("", limit=1).items[0].id
    officer.desk.residents.get(pid)  # person.read about that resident
    page = _open(qtbot, admin)
    assert "Double-click" in page.person_box.placeholderText()
    assert "may not search" in page.person_box.toolTip()
    row = next(i for i in range(page.model.rowCount()) if page.model.row(i).target_id == pid)
    page.table.doubleClicked.emit(page.model.index(row, 0))
    qtbot.waitUntil(lambda: page.model.query.target_id == pid and not page.model.busy, timeout=10_000)
    assert {r.target_id for r in (page.model.row(i) for i in range(page.model.rowCount()))} == {pid}
    assert page.person_clear.isVisible()


def test_about_and_outcome_columns_show_words_not_codes(qtbot, login, switch_language, shoot):
    """The anchoring row read "审计锚点 adopted"; a setting's row named its key, a scanner setting's
    outcome was "unconfirmed": the About and Outcome columns show words in both languages."""
    from helpers import english_words
    from workstation.storage import audit, policy

    supervisor, admin = login(Role.SUPERVISOR), login(Role.ADMIN)
    db = admin.station.db
    policy.change(db, admin.operator, retention_days=400, fingerprint_policy="required")
    with db.write() as s:  # what `wiring.set_scanner_setting` writes when the scanner did not confirm
        audit.record(s, actor="admin", action="device.scanner_set", target_type="device", target_id="fingerprint",
                     outcome="unconfirmed", details="setting=security; old=level 3; new=level 4; remembered_baud=-")
    page = _open(qtbot, supervisor)
    m = page.model

    def cells(action: str, column: str) -> list[str]:
        return [m.index(i, COLUMNS.index(column)).data() for i in range(m.rowCount()) if m.row(i).action == action]

    def everything() -> None:
        while m.canFetchMore():
            m.fetchMore()
            qtbot.waitUntil(lambda: not m.busy, timeout=10_000)

    everything()
    assert cells("audit.anchor", "target") == ["audit anchor taken into use"]
    assert set(cells("settings.change", "target")) == {"setting days acknowledged data is kept",
                                                      "setting fingerprint at registration"}
    assert "from optional to required" in cells("settings.change", "details")
    assert cells("device.scanner_set", "target") == ["device fingerprint scanner"]
    assert cells("device.scanner_set", "outcome") == ["not confirmed by the device"]
    row = next(i for i in range(m.rowCount()) if m.row(i).action == "device.scanner_set")
    tip = m.index(row, COLUMNS.index("outcome")).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "not confirmed by the device"  # the narrow column elides it: in full on hover
    assert all(p.stat().st_size > 5000 for p in shoot(page, "audit-about-words", sizes=[(1366, 768)]))
    switch_language("zh_CN")
    assert cells("audit.anchor", "target") == ["审计锚点 启用"]
    assert "设置 已确认数据保存天数" in cells("settings.change", "target")
    assert cells("device.scanner_set", "outcome") != ["unconfirmed"]
    bad = {}
    for i in range(m.rowCount()):
        r = m.row(i)
        data_id = r.target_type == "operator" or not re.fullmatch(r"[a-z_]+", r.target_id or "")
        shown = [m.index(i, COLUMNS.index(c)).data() for c in ("event", "outcome", "target", "details")]
        text = " ".join(shown)
        if data_id and r.target_id:  # a record's id (shortened on screen) or a user name: data
            text = text.replace(r.target_id, " ").replace(r.target_id[:8] + "…", " ")
        words = english_words(text, {"admin", "assistant", "officer", "supervisor", "DEMO", "demo"})
        if words:
            bad[f"{r.action} {r.target_type} {r.target_id} {r.outcome}"] = (shown, sorted(words))
    assert not bad, bad
