"""What an administrator checks before enrolling (`sync.pinning`): the CA file's fingerprint is the one
`workstation-central enroll-code` prints, and bad addresses, codes and files are refused in words."""

from __future__ import annotations

import pytest

from workstation.central.keys import init_keys
from workstation.errors import ValidationError
from workstation.sync import envelope as env
from workstation.sync import pinning


def test_the_fingerprint_of_a_ca_file_is_the_platforms(tmp_path):
    keys = init_keys(tmp_path / "central")
    ca = tmp_path / "ca.pem"
    ca.write_bytes(keys.ca_pem)
    cert = pinning.read_ca_certificate(ca)
    assert cert.sha256 == env.ca_fingerprint(keys.ca_pem) and len(cert.sha256) == 64
    assert cert.fingerprint_groups == ":".join(cert.sha256[i:i + 2] for i in range(0, 64, 2)).upper()
    assert cert.pem == keys.ca_pem.decode() and "CN=" in cert.subject and cert.not_after > cert.not_before
    assert pinning.check_fingerprint(cert.fingerprint_groups.lower()) == cert.sha256


@pytest.mark.parametrize(
    ("content", "reason"),
    [(None, "there is no file"), (b"hello", "not a PEM certificate"), (b"", "not a PEM certificate"),
     ("folder", "is a folder")],
)
def test_a_bad_ca_file_is_refused_in_words(tmp_path, content, reason):
    path = tmp_path / "ca.pem"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ValidationError) as err:
        pinning.read_ca_certificate(path)
    (problem,) = err.value.problems
    assert problem.field == "ca_file" and reason in problem.message


@pytest.mark.parametrize(
    "url", ["", "http://platform.example", "https://", "https://bad host", "https://h:0", "https://h:99999",
            "ftp://platform.example", "https://-bad-.example"],
)
def test_only_an_https_address_with_a_host_is_a_platform_address(url):
    with pytest.raises(ValidationError) as err:
        pinning.check_platform_url(url)
    assert err.value.problems[0].field == "url"


def test_good_addresses_codes_and_station_codes_pass():
    assert pinning.check_platform_url(" https://127.0.0.1:8443 ") == "https://127.0.0.1:8443"
    assert pinning.check_platform_url("https://platform.example") == "https://platform.example"
    assert pinning.check_one_time_code("abcd-efgh 2345") == "ABCDEFGH2345"
    assert pinning.check_station_code(" 440305001 ") == "440305001"
    for bad, check in (("", pinning.check_one_time_code), ("--", pinning.check_one_time_code),
                       ("a b", pinning.check_station_code), ("x" * 33, pinning.check_station_code),
                       ("AB:12", pinning.check_fingerprint), ("g" * 64, pinning.check_fingerprint)):
        with pytest.raises(ValidationError):
            check(bad)
