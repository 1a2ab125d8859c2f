"""Audit details in the operator's language, at display time (the rows are never rewritten).

Older rows hold plain English ("via passphrase", "role=officer"); rows written now still hold some
(key=value lists, sentences). `audit_words.details_words` must read every form the code writes or
ever wrote in words: `EXAMPLES` holds one real details text per form (as the writer wrote it), and
a test fails when a form in `LEGACY_FORMS` has no example here. A station that goes through the
administrator's commands is then read back row by row in Chinese, with its About and Outcome columns: a
scan of every audit writer finds the target types and outcomes the code writes, and target ids that are
codes (device roles, setting keys, the anchoring row's ``adopted``) must have words.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from helpers import english_words, make_station
from workstation.domain.enums import Role
from workstation.i18n import render
from workstation.sync import audit_words
from workstation.sync.audit_words import LEGACY_FORMS, details_text, details_words

#: (action, details as written, its Chinese); "" as the Chinese: only "no English words" is checked.
EXAMPLES: list[tuple[str, str, str]] = [
    # the two an officer reported
    ("database.unlock", "via passphrase", "用恢复口令打开"),
    ("operator.create", "role=officer", "角色：民警"),
    ("database.unlock", "via keyring", "用系统密钥环中的密钥打开"),
    ("operator.role", "officer -> supervisor", "由 民警 改为 所领导"),
    ("operator.unlock", "was locked", "账号原已锁定"),
    ("operator.unlock", "was not locked", "账号原未锁定"),
    ("login", "unknown or disabled account", "账号不存在或已停用"),
    ("login", "lockout until 2026-11-30T08:15:00.123456; unknown or disabled account",
     "锁定至 2026-11-30 08:15（协调世界时）；账号不存在或已停用"),
    # a supervisor's confirmation at another operator's desk: every attempt, outcome in its own column
    ("operator.confirm", "registration without a fingerprint", "用于无指纹登记"),
    ("operator.confirm", "confirmed a registration without a fingerprint", "用于无指纹登记"),
    ("operator.confirm", "lockout until 2026-11-30T08:15:00.123456; registration without a fingerprint",
     "锁定至 2026-11-30 08:15（协调世界时）；用于无指纹登记"),
    ("operator.confirm", "unknown or disabled account; registration without a fingerprint",
     "账号不存在或已停用；用于无指纹登记"),
    ("station.init", "440305001 测试警务室; key backend keyring.backends.fail.Keyring", ""),
    ("station.init", "DEMO1 演示; key backend keyring.backends.fail.Keyring; demo station", ""),
    ("audit.anchor", "the audit trail's head is anchored in workstation.db.anchor from here on", ""),
    ("database.rekey", "abandoned before the new passphrase was confirmed", "新口令确认前已放弃"),
    ("database.rekey", "new master key: database key, audit MAC, fingerprint and device-key wrapping", ""),
    ("database.rekey", "new master key", "新的主密钥"),
    ("database.backup", "/media/usb/备份; audit row 42", "/media/usb/备份；审计记录截至第 42 条"),
    ("database.restore", "from /media/usb/备份 made 2026-11-30T08:00:00; audit row 42", ""),
    ("demo.generate", "person=20, identity_document=20, property=5, room=10, tenancy=20, declaration=3 seed=1",
     "实有人口 20、身份证件 20、出租屋 5、房间 10、人屋捆绑 20、业主申报 3；随机种子 1"),
    ("retention.purge", "retention 1095 days, cutoff 2023-11-30: spot_check=0, person=2, outbox=7", ""),
    ("retention.purge.dry_run", "retention 1095 days, cutoff 2023-11-30: spot_check=0", ""),
    ("settings.change", "'30' -> '45'", "由 '30' 改为 '45'"),
    ("settings.change", "730 -> 400", "由 730 改为 400"),
    ("settings.change", "'optional' -> 'required'", ""),
    ("settings.change", "'show' -> 'hide'", ""),
    ("settings.change", "False -> True", ""),
    ("settings.change", "'' -> 'zh_CN'", ""),
    ("settings.change", "'en' -> 'off'", ""),
    ("setting.platform", "set by the platform to 200", "平台设为 200"),
    ("setting.platform", "set by the platform to False", ""),
    ("identity_document.create", "resident_id 110105********0029 validity expired",
     "居民身份证 110105********0029，已过期"),
    ("identity_document.create", "passport E1234****", "护照 E1234****"),
    ("person.create", "registered from card", "登记来源：身份证阅读器"),
    ("fingerprint.create", "finger 11 quality 80", "手指位置 11，质量 80"),
    ("declaration.create", "3 tenants declared", "申报租客 3 人"),
    ("person.update", "changed: name, phone", "修改了：姓名、手机号码"),
    ("person.update", "current residence", "现居住地已变更"),
    ("tenancy.update", "changed: end_date; moved to room 302", "修改了：结束日期；迁至房间 302"),
    ("room.update", "room 101 -> 101A", "房间 101 改名为 101A"),
    ("room.delete", "room 101", "房间 101"),
    ("tenancy.delete", "resident deleted", "该实有人口已删除"),
    ("audit.read", "200 rows, operator 李警官, kind sync, from 2026-11-01T00:00", ""),
    ("audit.read", "12 rows", "12 条"),
    ("audit.read", "12 rows of 1234", "关于 1234 的 12 条"),
    ("audit.export", "40 rows, no filter, to 审计.csv", "40 条（无筛选），导出到 审计.csv"),
    ("audit.verify", "120 rows checked: 120 rows verified", "核验 120 条：已核验 120 条"),
    ("audit.verify", "9 rows checked, first broken row 4: row 4 was altered (hash mismatch)", ""),
    ("person.export", "500 residents, grid all", "实有人口 500 人，网格 全部"),
    ("setting.platform", "set by the platform to '1095'", "平台设为 '1095'"),
    ("sync.enroll", "enrolled with https://127.0.0.1:8443 (platform key k1); replaces device d0 at https://old", ""),
    ("sync.enroll", "enrollment with https://127.0.0.1:8443 refused: not an administrator", ""),
    ("sync.enroll", "already enrolled as d1; replacement not asked for", ""),
    ("sync.enroll", "replacing d1 was not confirmed", ""),
    ("sync.enroll", "CA fingerprint of https://127.0.0.1:8443 does not match", ""),
    ("sync.enroll", "https://127.0.0.1:8443 sent an inconsistent key id", ""),
    ("sync.enroll", "https://127.0.0.1:8443 refused: 403", ""),
    ("sync.enroll", "https://127.0.0.1:8443: the platform could not be reached (no network, or the platform is "
     "down)", ""),
    ("sync.revoked", "the platform reports this device revoked", "平台报告本工作站已被吊销"),
    ("sync.checkpoint_refused", "checkpoint_behind: ours 10, platform 12", ""),
    ("sync.conflict", "not applied: it was based on an older version; platform has version 3; "
     "ours 2 was based on 1", "未采用：它基于较旧的版本；平台为第 3 版；本站第 2 版，基于第 1 版"),
    ("sync.conflict", "platform has version 3; ours 2 was based on 1", ""),
    ("sync.conflict", "not applied: it was based on a version the platform holds with other content (an edit not "
     "seen here); platform has version 2; ours 3 was based on 2", ""),
    ("sync.conflict.compare", "ours 2, platform not shown", ""),
    ("sync.conflict.resolve", "accepted the platform's version", "采用了平台的版本"),
    ("sync.conflict.resolve", "accepted the platform's version: 电话已核实", ""),
    ("sync.conflict.resolve", "kept this station's version; the platform's record is to be corrected", ""),
    ("sync.conflict.resolve", "kept this station's version; the platform's record is to be corrected: 已通知", ""),
    ("sync.conflict.resolve", "kept this station's version (sent_station, 2 unsent changes replaced)", ""),
    ("sync.conflict.resolve", "accepted the platform's version: 已电话核实 (took_platform)", ""),
    ("person.update", "sync conflict: the platform's version taken; changed: name, phone", ""),
    ("person.update", "sync conflict: this station's version sent again; restored; no field changed here", ""),
    ("tenancy.delete", "resident deleted on the platform (sync conflict decided)", ""),
    ("sync.platform_key", "platform key k1 -> k2", "平台密钥 k1 已换为 k2"),
    ("prereg.rejected", "pre-registration from the platform; reason: 重复", "来自平台的网上备案；原因：重复"),
    ("sync.offline_export", "2 sealed batches to /media/usb", ""),
    ("sync.offline_import", "2 batches acknowledged from receipts in /media/usb", ""),
    ("freeze.override", "until 2026-11-30T18:00: 网络中断 (state: Registration is open: unsynced work is within "
     "the platform's limits.)", ""),
    ("registration.blocked", "register resident: New registrations are blocked: 40 changes are waiting to sync "
     "(limit 30); the oldest unsynced change is 80 hours old (limit 72 hours)", ""),
    ("device.assign", "port=/dev/ttyUSB0 (1a86:7523, serial A5XK3); protocol=sam; baud=115200; checked=yes; "
     "was=/dev/ttyUSB1 sam 115200 baud explicit", ""),
    ("device.assign", "port=COM3; protocol=zfm; baud=57600; checked=on connect; was=none", ""),
    ("device.forget", "was=/dev/ttyUSB0 mrz 9600 baud remembered", ""),
    ("device.scan", "os_user=police; extra_ports=-; found=2; states=idcard:connected,mrz:not_found", ""),
    ("device.scanner_set", "setting=security; old=level 3; new=level 4; remembered_baud=-", ""),
    ("device.scanner_set", "setting=baud; old=57600 baud (N=6); new=115200 baud (N=12); remembered_baud=115200", ""),
    # JSON details (structured)
    ("person.search", '{"kind": "name", "query": "张*", "page": "first", "rows": 3}', ""),
    ("property.search", '{"q": "幸福路", "grid": "G01", "property": "p1"}', ""),
    ("tenancy.overlap_acknowledged", '{"overlaps": [{"tenancy": "t1", "room": "101", "property": "p1"}]}', ""),
    ("task.list", '{"status": "open", "due_from": "2026-11-01", "due_before": null, "rows": 4}', ""),
]
#: user names, codes and the like in the examples that are data, not English
DATA_WORDS = {"DEMO", "police", "k", "d", "p", "t", "f", "G", "E", "COM", "A", "XK", "usb", "old", "media"}


@pytest.mark.parametrize(("action", "details", "zh"), EXAMPLES, ids=[f"{a}:{d[:30]}" for a, d, _ in EXAMPLES])
def test_every_known_details_form_reads_in_chinese(action: str, details: str, zh: str) -> None:
    shown = details_text(details, "zh_CN", action)
    assert not english_words(shown, DATA_WORDS), f"{details!r} → {shown!r}"
    if zh:
        assert shown == zh
    assert details_text(details, "en", action).strip()  # English still reads


def test_every_legacy_form_has_an_example_here() -> None:
    """A form added to `LEGACY_FORMS` needs a real example above (so its Chinese is checked)."""
    unused = []
    for form in LEGACY_FORMS:
        hit = False
        for action, details, _ in EXAMPLES:
            if form.actions is not None and action not in form.actions:
                continue
            clauses = [" ".join(details.split()), *details.split("; ")]
            if any(form.regex.fullmatch(c) for c in clauses):
                hit = True
                break
        if not hit:
            unused.append(form.pattern)
    assert not unused, f"forms with no example in EXAMPLES: {unused}"


def test_english_reads_as_before_and_unknown_text_is_kept() -> None:
    assert details_text("via passphrase", "en", "database.unlock") == "opened with the recovery passphrase"
    assert details_text("role=officer", "en", "operator.create") == "role: Officer"
    assert details_text('{"rows": 2}', "en") == "2 rows"
    assert details_text("a note the officer typed", "zh_CN") == "a note the officer typed"  # data stays
    assert details_text("{not json", "zh_CN") == "{not json"
    assert details_text("", "zh_CN") == ""
    # a form written for one action does not read another action's text
    assert details_text("room 101", "zh_CN", "person.update") == "room 101"
    assert render(audit_words.event_label("no.such_action"), "zh_CN") == "no.such_action"


def test_a_station_s_audit_trail_reads_in_chinese_row_by_row(tmp_path) -> None:
    """Real rows, written by the code as it is now: every details text, target and outcome in Chinese holds
    no English (a target id that is a code in words; a record's id or a user name is data)."""
    from workstation.storage import demo, operators, policy, retention, station
    from workstation.storage.schema import AuditEvent

    st = make_station(tmp_path / "st", demo=True)
    officer = st.actor(Role.OFFICER, "li")
    operators.set_role(st.db, st.admin, "li", Role.SUPERVISOR)
    operators.unlock(st.db, st.admin, "li")
    with pytest.raises(Exception):  # noqa: B017 - any refusal: it is the audit row that matters
        operators.authenticate(st.db, "nobody", "wrong-password")
    demo.generate(st.db, 10, actor="admin")
    policy.change(st.db, st.admin, fingerprint_policy="required", photo_policy="hide", language="en",
                  store_fingerprint_images=True, retention_days=400)
    retention.purge(st.db, st.admin, dry_run=True)
    station.backup(st.db, st.admin, tmp_path / "bk")
    data_dir = st.data_dir
    st.db.close()
    db, _ = station.unlock(data_dir, passphrase=st.passphrase)
    try:
        with db.read() as s:
            rows = s.query(
                AuditEvent.action, AuditEvent.details, AuditEvent.target_type, AuditEvent.target_id, AuditEvent.outcome
            ).order_by(AuditEvent.seq).all()
    finally:
        db.close()
    assert officer.username == "li" and len(rows) > 8
    actions = {r[0] for r in rows}
    assert {"operator.create", "operator.role", "database.unlock", "demo.generate", "database.backup"} <= actions
    bad = {}
    for action, details, target_type, target_id, outcome in rows:
        # a code as the target id (lower-case letters) is shown in words; a record's id or a name as recorded
        code = target_id if target_type != "operator" and re.fullmatch(r"[a-z_]+", target_id or "") else None
        shown = f"{details_text(details, 'zh_CN', action)} {about_and_outcome(target_type, code, outcome, 'zh_CN')}"
        words = english_words(shown, {"li", "nobody", "bk", "admin"})
        if words:
            bad[f"{action}: {details}"] = (shown, sorted(words))
    assert not bad, bad
    unlock = next(r[1] for r in rows if r[0] == "database.unlock")
    assert details_text(unlock, "zh_CN", "database.unlock") == "用恢复口令打开"
    assert details_words(unlock, "database.unlock") != unlock  # a marked text, not the stored English
    anchor = next(r for r in rows if r[0] == "audit.anchor")
    assert about_and_outcome(anchor[2], anchor[3], anchor[4], "zh_CN") == "审计锚点 启用 | 成功"
    assert about_and_outcome(anchor[2], anchor[3], anchor[4], "en") == "audit anchor taken into use | ok"


# ---- the About and Outcome columns: target types, target ids that are codes, outcomes ------------------
SRC = Path(__file__).resolve().parents[2] / "src" / "workstation"


def _writer_params(name: str) -> dict[str, int]:
    """(function name → position of its parameter `name`, `self` not counted) for every function in src/
    that has such a parameter: an audit writer may take the value by position (``_audit_enroll``)."""
    found: dict[str, int] = {}
    for path in SRC.rglob("*.py"):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(n, ast.FunctionDef):
                params = [a.arg for a in n.args.args if a.arg != "self"]
                if name in params:
                    found[n.name] = params.index(name)
    return found


def written(name: str) -> dict[str, str]:
    """(value → where) of every string literal the code passes as `name` (``target_type``, ``outcome``) to
    an audit writer: a call of a function named ``record`` or with "audit" in its name, by keyword or by
    position; both branches of a conditional count."""
    positions = _writer_params(name)
    found: dict[str, str] = {}

    def add(node: ast.AST, where: str) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.setdefault(node.value, where)
        elif isinstance(node, ast.IfExp):
            add(node.body, where)
            add(node.orelse, where)

    for path in sorted(SRC.rglob("*.py")):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(n, ast.Call):
                continue
            func = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
            if func != "record" and "audit" not in func.lower():
                continue
            where = f"{path.relative_to(SRC)}:{n.lineno}"
            for k in n.keywords:
                if k.arg == name:
                    add(k.value, where)
            i = positions.get(func)
            if i is not None and i < len(n.args):
                add(n.args[i], where)
    return found


def test_every_target_type_and_outcome_the_code_writes_has_words() -> None:
    types = written("target_type")
    outcomes = written("outcome")
    # the scan finds what is there (it must be able to fail)
    assert {"device", "setting", "batch", "station", "operator", "prereg"} <= set(types)
    assert {"ok", "refused", "locked", "denied", "unconfirmed", "abandoned"} <= set(outcomes)
    from workstation.storage.schema import SYNCABLE
    from workstation.storage.station import ANCHOR_ADOPTED

    every_type = {**types, **dict.fromkeys(SYNCABLE, "a synced record (Transaction.create/update/delete)"),
                  ANCHOR_ADOPTED[0]: "storage/station.py: ANCHOR_ADOPTED"}
    missing = {t: w for t, w in every_type.items() if t not in audit_words.TARGET_TYPES}
    assert not missing, f"target types without words in audit_words.TARGET_TYPES: {missing}"
    missing = {o: w for o, w in outcomes.items() if o not in audit_words.OUTCOME_LABELS}
    assert not missing, f"outcomes without words in audit_words.OUTCOME_LABELS: {missing}"
    for text in [*audit_words.TARGET_TYPES.values(), *audit_words.OUTCOME_LABELS.values()]:
        zh = render(text, "zh_CN")
        assert zh != str(text) and not english_words(zh), f"{text!r} → {zh!r}"


def test_target_ids_that_are_codes_have_words_in_both_languages() -> None:
    """Device roles, setting keys and the anchoring row's ``adopted`` are codes: each has words (the
    About column showed "审计锚点 adopted"); a record's id or a user name stays as recorded."""
    from workstation.devices.manager.status import ROLE_NAMES
    from workstation.storage import settings
    from workstation.storage.policy import StationPolicy
    from workstation.storage.station import ANCHOR_ADOPTED

    codes = [
        ANCHOR_ADOPTED,
        *(("device", role) for role in ROLE_NAMES),
        *(("setting", key) for key in settings.DEFAULTS),
        *(("setting", f.name) for f in dataclasses.fields(StationPolicy)),
    ]
    for target_type, target_id in codes:
        words = audit_words.target_id_label(target_type, target_id)
        assert words is not None, f"no words for {target_type} {target_id}"
        zh = render(words, "zh_CN")
        assert zh != str(words) and not english_words(zh), f"{target_type} {target_id} → {zh!r}"
        assert render(words, "en") != target_id
    assert render(audit_words.target_id_label(*ANCHOR_ADOPTED), "zh_CN") == "启用"
    assert render(audit_words.target_id_label("setting", "retention_days"), "zh_CN") == "已确认数据保存天数"
    assert audit_words.target_id_label("operator", "li") is None
    assert audit_words.target_id_label("device", "3f2a9c1e-0d4b-4e55-9a0e-1b2c3d4e5f60") is None
    assert audit_words.target_id_label(None, "adopted") is None


def about_and_outcome(target_type: str | None, target_id: str | None, outcome: str, lang: str) -> str:
    """What the viewer's About and Outcome columns show for a row (without a record's subject), in `lang`."""
    kind = render(audit_words.target_type_label(target_type), lang)
    words = audit_words.target_id_label(target_type, target_id)
    shown = render(words, lang) if words is not None else (target_id or "")
    return f"{kind} {shown} | {render(audit_words.outcome_label(outcome), lang)}"
