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
