"""Audit details in the operator's language, at display time (the rows are never rewritten).

Older rows hold plain English ("via passphrase", "role=officer"); rows written now still hold some
(key=value lists, sentences). `audit_words.details_words` must read every form the code writes or
ever wrote in words: `EXAMPLES` holds one real details text per form (as the writer wrote it), and
a test fails when a form in `LEGACY_FORMS` has no example here. A station that goes through the
administrator's commands is then read back row by row in Chinese.
"""

from __future__ import annotations

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
    """Real rows, written by the code as it is now: every details text in Chinese holds no English."""
    from workstation.storage import demo, operators, retention, station
    from workstation.storage.schema import AuditEvent

    st = make_station(tmp_path / "st", demo=True)
    officer = st.actor(Role.OFFICER, "li")
    operators.set_role(st.db, st.admin, "li", Role.SUPERVISOR)
    operators.unlock(st.db, st.admin, "li")
    with pytest.raises(Exception):  # noqa: B017 - any refusal: it is the audit row that matters
        operators.authenticate(st.db, "nobody", "wrong-password")
    demo.generate(st.db, 10, actor="admin")
    retention.purge(st.db, st.admin, dry_run=True)
    station.backup(st.db, st.admin, tmp_path / "bk")
    data_dir = st.data_dir
    st.db.close()
    db, _ = station.unlock(data_dir, passphrase=st.passphrase)
    try:
        with db.read() as s:
            rows = s.query(AuditEvent.action, AuditEvent.details).order_by(AuditEvent.seq).all()
    finally:
        db.close()
    assert officer.username == "li" and len(rows) > 8
    actions = {a for a, _ in rows}
    assert {"operator.create", "operator.role", "database.unlock", "demo.generate", "database.backup"} <= actions
    bad = {}
    for action, details in rows:
        shown = details_text(details, "zh_CN", action)
        words = english_words(shown, {"li", "nobody", "bk", "admin"})
        if words:
            bad[f"{action}: {details}"] = (shown, sorted(words))
    assert not bad, bad
    unlock = next(d for a, d in rows if a == "database.unlock")
    assert details_text(unlock, "zh_CN", "database.unlock") == "用恢复口令打开"
    assert details_words(unlock, "database.unlock") != unlock  # a marked text, not the stored English
