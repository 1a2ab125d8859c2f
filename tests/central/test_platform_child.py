"""The reference platform in a child process (the demo's and the UI benchmark's): it serves, answers
the parent's requests, and goes away with the parent (central/child.py)."""

import ssl
import urllib.request

from workstation.central.child import PlatformProcess


def _get(url, ca_pem):
    context = ssl.create_default_context(cadata=ca_pem)
    with urllib.request.urlopen(url, context=context, timeout=10) as r:
        return r.status


def test_the_child_serves_and_hands_out_enrollment_codes(tmp_path):
    p = PlatformProcess.start(tmp_path / "platform")
    try:
        assert p.first_run and p.url.startswith("https://127.0.0.1:")
        assert _get(p.url + "/openapi.json", p.ca_pem) == 200
        code = p.enroll_code("440305001")
        assert code and code != p.enroll_code("440305001")  # one-time codes
        p.seed("440305001", [{"title": "Visit the new tenants"}], [{"name": "Zhang San"}])
    finally:
        p.stop()
    assert not p.process.is_alive()
    again = PlatformProcess.start(tmp_path / "platform", port=p.port)  # same keys, same port when free
    try:
        assert not again.first_run and again.port == p.port and again.ca_pem == p.ca_pem
    finally:
        again.stop()


def test_the_child_ends_when_its_parent_goes_away(tmp_path):
    p = PlatformProcess.start(tmp_path / "platform")
    p.conn.close()  # what the parent's death does to the pipe
    p.process.join(20)
    assert not p.process.is_alive() and p.process.exitcode == 0
