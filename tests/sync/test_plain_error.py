"""Network failures are said in the operator's language, also inside a stored ledger error."""

from __future__ import annotations

import re
import ssl

import httpx
import pytest

from workstation.i18n import QT_TRANSLATE_NOOP, dumps, loads, render
from workstation.sync.client import plain_error

REQUEST = httpx.Request("POST", "https://platform.invalid/v1/batches")

CASES = [
    httpx.ConnectError("refused", request=REQUEST),
    httpx.ReadTimeout("slow", request=REQUEST),
    httpx.RemoteProtocolError("peer closed", request=REQUEST),
    httpx.ReadError("reset", request=REQUEST),
    ssl.SSLCertVerificationError("CERTIFICATE_VERIFY_FAILED"),
    httpx.UnsupportedProtocol("gopher", request=REQUEST),
]


@pytest.mark.parametrize("exc", CASES, ids=lambda e: type(e).__name__)
def test_network_error_is_translated_also_after_storing(exc: BaseException) -> None:
    sent = QT_TRANSLATE_NOOP("sync", "Not sent: {error}. It will be retried automatically.").format(
        error=plain_error(exc)
    )
    stored = loads(dumps(sent))  # what the sync ledger keeps and the Sync page reads back
    zh = render(stored, "zh_CN")
    assert zh.startswith("未发送：")
    # nothing English pasted in, except the error kind's class name for an unknown kind
    leftover = re.sub(r"\w*Error|\w*Protocol", "", zh)
    assert not re.search(r"[A-Za-z]", leftover), zh
    assert str(stored) == str(sent) and "Not sent:" in str(stored)


# ---- the platform's refusal codes -------------------------------------------------------------

def _platform_reason_codes() -> set[str]:
    """Every literal reason code the reference platform raises (`ServiceError(status, "code", …)`)."""
    import ast
    from pathlib import Path

    import workstation.central as central

    codes: set[str] = set()
    for path in Path(central.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "ServiceError"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
            ):
                codes.add(node.args[1].value)
    # the envelope's refusals reach the station through the platform (`ServiceError(400, exc.reason, …)`)
    from workstation.sync import envelope

    for node in ast.walk(ast.parse(Path(envelope.__file__).read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "EnvelopeError"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value != "bad_receipt"  # raised on the station, checking the platform's receipt
        ):
            codes.add(node.args[0].value)
    return codes


def test_every_platform_refusal_code_is_said_in_the_station_words() -> None:
    from workstation.sync.client import CHECKPOINT_REFUSALS, PLATFORM_REASONS

    codes = _platform_reason_codes()
    assert {"bad_code", "revoked", "sequence", "decrypt_failed"} <= codes  # the scan finds them
    handled_elsewhere = set(CHECKPOINT_REFUSALS) | {"injected"}  # own message; fault injection in tests
    assert codes - handled_elsewhere - set(PLATFORM_REASONS) == set()


@pytest.mark.parametrize(
    ("body", "zh"),
    [
        ({"reason": "code_expired", "message": "this enrollment code has expired; ask for a new one"},
         "此注册码已过期，请重新申请"),
        ({"reason": "something_new", "message": "a new refusal"}, "a new refusal（HTTP 403 something_new）"),
        ([1, 2], "HTTP 状态 403"),
    ],
)
def test_refusal_text(body: object, zh: str) -> None:
    from workstation.sync.client import _problem

    resp = httpx.Response(403, json=body, request=REQUEST)
    assert render(_problem(resp), "zh_CN") == zh
