"""The permission refusal is one marked sentence, in the operator's language, naming role and action."""

from __future__ import annotations

import pytest

from workstation.domain.enums import Role
from workstation.domain.permissions import ACTIONS, MATRIX, Permission, require
from workstation.errors import PermissionDenied
from workstation.i18n import render


def test_every_permission_has_an_action_text() -> None:
    assert set(ACTIONS) == set(Permission)


@pytest.mark.parametrize("role", list(Role))
def test_refusal_names_role_and_action_in_both_languages(role: Role) -> None:
    refused = [p for p in Permission if p not in MATRIX[role]]
    assert refused, role
    for permission in refused:
        with pytest.raises(PermissionDenied) as info:
            require(role, permission)
        en, zh = info.value.render("en"), info.value.render("zh_CN")
        assert en.startswith("The role ") and en.endswith(f"may not {ACTIONS[permission]}.")
        assert "无权" in zh and zh.endswith("。")
        assert render(ACTIONS[permission], "zh_CN") in zh
        assert not any("a" <= c <= "z" for c in zh), zh  # no English pasted inside the Chinese


def test_assistant_may_not_verify_in_chinese() -> None:
    with pytest.raises(PermissionDenied) as info:
        require(Role.ASSISTANT, Permission.VERIFY)
    assert info.value.render("zh_CN") == "协管员无权录入抽查核查。"
    assert info.value.render("en") == "The role Assistant may not record spot checks."
