"""What one request may cost (issue 14 item 4): a size cap checked before reading (413), streamed
reading with a cap, read timeouts (408) — over raw TLS sockets, so the test controls exactly what is
declared and what is sent."""

from __future__ import annotations

import json
import socket
import ssl
import time

import pytest

from workstation.central.app import Limits, create_app
from workstation.central.server import ServerThread
from workstation.sync import client as sc

CAP = 4096


@pytest.fixture
def limited(sqlite_platform):
    p = sqlite_platform
    srv = ServerThread(
        create_app(
            p.central, limits=Limits(max_batch_bytes=CAP, max_body_bytes=512, read_timeout_s=1.0, body_deadline_s=3.0)
        ),
        p.keys.tls_cert,
        p.keys.tls_key,
    ).start()
    yield p, srv
    srv.stop()


def raw(
    srv: ServerThread, ca_pem: str, head: bytes, body_parts: list[bytes] = (), pause: float = 0.0
) -> tuple[int, dict, float]:
    """Send `head` and the body parts over TLS; return (status, JSON body, seconds until the answer)."""
    ctx = sc.ssl_context(ca_pem)
    with (
        socket.create_connection(("127.0.0.1", srv.port), timeout=30) as plain,
        ctx.wrap_socket(plain, server_hostname="127.0.0.1") as s,
    ):
        t0 = time.monotonic()
        s.sendall(head)
        for part in body_parts:
            time.sleep(pause)
            try:
                s.sendall(part)
            except (ssl.SSLError, OSError):
                break  # the server answered and closed while we were still sending
        data = b""
        while b"\r\n\r\n" not in data or len(data) < data.index(b"\r\n\r\n") + 4 + _length(data):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        took = time.monotonic() - t0
    status = int(data.split(b" ", 2)[1])
    return status, json.loads(data.split(b"\r\n\r\n", 1)[1] or b"{}"), took


def _length(data: bytes) -> int:
    for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0


def head(path: str, length: int | None, ctype: str = sc.BATCH_MEDIA_TYPE, chunked: bool = False) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Type: {ctype}"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_declared_size_over_the_cap_is_refused_before_reading(limited):
    p, srv = limited
    status, body, took = raw(srv, p.ca_pem, head("/v1/batches", 10**9))  # 1 GB declared, nothing sent
    assert (status, body["reason"]) == (413, "too_large") and took < 2
    status, body, _ = raw(srv, p.ca_pem, head("/v1/enroll", 600, "application/json"), [b"{" * 600])
    assert (status, body["reason"]) == (413, "too_large")
    assert p.central.status()["batches"] == 0


def test_a_streamed_body_is_cut_off_at_the_cap(limited):
    p, srv = limited
    chunk = b"%x\r\n%s\r\n" % (1024, b"x" * 1024)
    status, body, _ = raw(srv, p.ca_pem, head("/v1/batches", None, chunked=True), [chunk] * 64 + [b"0\r\n\r\n"])
    assert (status, body["reason"]) == (413, "too_large")


def test_a_body_shorter_than_its_content_length_does_not_hold_the_worker(limited):
    p, srv = limited
    status, body, took = raw(srv, p.ca_pem, head("/v1/batches", 100), [b"WSB1" + b"\0" * 6])
    assert (status, body["reason"]) == (408, "timeout") and took < 5
    # a body dribbled in small pieces, each inside the read timeout, still ends at the deadline
    status, body, took = raw(srv, p.ca_pem, head("/v1/batches", 100), [b"x"] * 20, pause=0.5)
    assert (status, body["reason"]) == (408, "timeout") and took < 8
    with sc.make_http(srv.url, p.ca_pem) as h:  # the service still answers
        assert h.get("/v1/health").status_code == 200


def test_a_batch_of_the_wrong_media_type_is_refused(limited):
    p, srv = limited
    with sc.make_http(srv.url, p.ca_pem) as h:
        r = h.post("/v1/batches", content=b"WSB1", headers={"content-type": "application/json"})
        assert (r.status_code, r.json()["reason"]) == (415, "media_type")
