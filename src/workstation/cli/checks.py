"""Argument types for the console commands: each turns a bad argument into a one-line usage error
(argparse prints it with the command's usage and exits with code 2) before anything is opened or
written. Whatever can only be found by trying (a folder that cannot be written) is reported when the
command tries, as a `UserFacingError` (see `terminal.run_main`).

The complaints are marked texts rendered in the operator's language when raised (argparse prints
``str(exc)``); ``what`` arguments naming a value (``"station code"``) are marked texts too."""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from workstation.i18n import QT_TRANSLATE_NOOP, render


def _bad(text: str) -> argparse.ArgumentTypeError:
    """The usage error argparse prints, in the operator's language."""
    return argparse.ArgumentTypeError(render(text))


_FILE = QT_TRANSLATE_NOOP("cli", "file")
_FOLDER = QT_TRANSLATE_NOOP("cli", "folder")
_A_FOLDER = QT_TRANSLATE_NOOP("cli", "{value} is a folder, not a file")
_A_FILE = QT_TRANSLATE_NOOP("cli", "{value} is a file, not a folder")


def _path(value: str, what: str) -> Path:
    if not value or not value.strip():
        raise _bad(QT_TRANSLATE_NOOP("cli", "{what}: an empty path is not a path").format(what=what))
    if "\0" in value:
        raise _bad(QT_TRANSLATE_NOOP("cli", "{what}: a path cannot contain a NUL character").format(what=what))
    return Path(value).expanduser()


def _blocking_file(path: Path) -> Path | None:
    """The first existing non-folder among `path` and its ancestors, if any."""
    for p in [path, *path.parents]:
        if p.exists() or p.is_symlink():
            return None if p.is_dir() else p
    return None


def existing_file(value: str) -> Path:
    """An existing, readable regular file."""
    path = _path(value, _FILE)
    if path.is_dir():
        raise _bad(_A_FOLDER.format(value=repr(value)))
    if not path.exists():
        raise _bad(QT_TRANSLATE_NOOP("cli", "no file {value}").format(value=repr(value)))
    if not path.is_file():
        raise _bad(QT_TRANSLATE_NOOP("cli", "{value} is not a regular file").format(value=repr(value)))
    if not os.access(path, os.R_OK):
        raise _bad(QT_TRANSLATE_NOOP("cli", "{value} cannot be read").format(value=repr(value)))
    return path


def existing_folder(value: str) -> Path:
    """An existing folder."""
    path = _path(value, _FOLDER)
    if not path.exists():
        raise _bad(QT_TRANSLATE_NOOP("cli", "no folder {value}").format(value=repr(value)))
    if not path.is_dir():
        raise _bad(_A_FILE.format(value=repr(value)))
    return path


def folder_to_write(value: str) -> Path:
    """A folder that exists or can be created: neither it nor any parent is a file."""
    path = _path(value, _FOLDER)
    blocker = _blocking_file(path)
    if blocker is not None:
        raise _bad(
            QT_TRANSLATE_NOOP("cli", "{value} cannot be a folder: {blocker} is a file").format(
                value=repr(value), blocker=repr(str(blocker))
            )
            if blocker != path
            else _A_FILE.format(value=repr(value))
        )
    return path


def empty_folder(value: str) -> Path:
    """A folder that does not exist yet or is empty (for a new station or a backup)."""
    path = folder_to_write(value)
    if path.is_dir() and any(path.iterdir()):
        not_empty = QT_TRANSLATE_NOOP("cli", "{value} is not empty; choose a new or empty folder")
        raise _bad(not_empty.format(value=repr(value)))
    return path


def json_file_to_update(value: str) -> Path:
    """A JSON file the command reads and may rewrite: either it exists as a regular file holding
    valid JSON, or it does not exist yet and no parent of it is a file."""
    path = _path(value, _FILE)
    if path.is_dir():
        raise _bad(_A_FOLDER.format(value=repr(value)))
    if path.exists():
        json_file(value)
        return path
    blocker = _blocking_file(path.parent)
    if blocker is not None:
        raise _bad(
            QT_TRANSLATE_NOOP("cli", "{value} cannot be created: {blocker} is a file").format(
                value=repr(value), blocker=repr(str(blocker))
            )
        )
    return path


def tcp_port(value: str) -> int:
    """A TCP port, 1–65535."""
    try:
        port = int(value)
    except ValueError:
        raise _bad(QT_TRANSLATE_NOOP("cli", "{value} is not a port number").format(value=repr(value))) from None
    if not 1 <= port <= 65535:
        raise _bad(QT_TRANSLATE_NOOP("cli", "port {port} is outside 1–65535").format(port=port))
    return port


def int_range(low: int, high: int, what: str) -> Any:
    """An integer type accepting `low`..`high` inclusive (`what`: the value's name, a marked text)."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise _bad(QT_TRANSLATE_NOOP("cli", "{value} is not a whole number").format(value=repr(value))) from None
        if not low <= n <= high:
            raise _bad(
                QT_TRANSLATE_NOOP("cli", "{what} must be between {low} and {high}, not {n}").format(
                    what=what, low=low, high=high, n=n
                )
            )
        return n

    parse.__name__ = str(what)
    return parse


def future_date(value: str) -> str:
    """An ISO 8601 calendar date (YYYY-MM-DD), today or later; returned as the ISO text."""
    try:
        if len(value) != 10:
            raise ValueError
        d = date.fromisoformat(value)
    except ValueError:
        raise _bad(
            QT_TRANSLATE_NOOP("cli", "{value} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01").format(
                value=repr(value)
            )
        ) from None
    if d < date.today():
        raise _bad(QT_TRANSLATE_NOOP("cli", "{value} has already passed").format(value=value))
    return d.isoformat()


def text(max_len: int, what: str) -> Any:
    """Non-empty text of at most `max_len` characters with no control or format characters (`what`: the
    value's name, a marked text)."""

    def parse(value: str) -> str:
        value = unicodedata.normalize("NFC", value).strip()
        if not value:
            raise _bad(QT_TRANSLATE_NOOP("cli", "{what} cannot be empty").format(what=what))
        if len(value) > max_len:
            raise _bad(
                QT_TRANSLATE_NOOP("cli", "{what} has at most {max_len} characters").format(what=what, max_len=max_len)
            )
        if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs", "Cn") for c in value):
            raise _bad(QT_TRANSLATE_NOOP("cli", "{what} may not contain control characters").format(what=what))
        return value

    parse.__name__ = str(what)
    return parse


def code(max_len: int, what: str) -> Any:
    """A code of 1–`max_len` ASCII letters, digits, '-' or '_' (station codes; `what`: a marked text)."""

    def parse(value: str) -> str:
        value = value.strip()
        if not value or len(value) > max_len or not all(c.isascii() and (c.isalnum() or c in "-_") for c in value):
            raise _bad(
                QT_TRANSLATE_NOOP(
                    "cli", "{what} {value} must be 1–{max_len} ASCII letters, digits, `-` or `_`"
                ).format(what=what, value=repr(value), max_len=max_len)
            )
        return value

    parse.__name__ = str(what)
    return parse


def json_file(value: str) -> Any:
    """An existing file holding JSON; returns the parsed value."""
    path = existing_file(value)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise _bad(QT_TRANSLATE_NOOP("cli", "{value} is not UTF-8 text").format(value=repr(value))) from None
    except json.JSONDecodeError as exc:
        raise _bad(
            QT_TRANSLATE_NOOP("cli", "{value} is not valid JSON (line {line}: {reason})").format(
                value=repr(value), line=exc.lineno, reason=exc.msg
            )
        ) from None
    except OSError as exc:
        raise _bad(
            QT_TRANSLATE_NOOP("cli", "{value} cannot be read ({reason})").format(value=repr(value), reason=exc.strerror)
        ) from None


_HOSTNAME = re.compile(r"^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$")


def host_name(value: str) -> str:
    """A host name (RFC 1123) or an IP address."""
    try:
        ipaddress.ip_address(value)
        return value
    except ValueError:
        pass
    if not _HOSTNAME.match(value):
        neither = QT_TRANSLATE_NOOP("cli", "{value} is neither a host name nor an IP address")
        raise _bad(neither.format(value=repr(value)))
    return value


def float_range(low: float, high: float, what: str) -> Any:
    """A number type accepting `low`..`high` inclusive (no NaN; `what`: a marked text)."""

    def parse(value: str) -> float:
        try:
            x = float(value)
        except ValueError:
            raise _bad(QT_TRANSLATE_NOOP("cli", "{value} is not a number").format(value=repr(value))) from None
        if not low <= x <= high:  # also false for NaN
            raise _bad(
                QT_TRANSLATE_NOOP("cli", "{what} must be between {low} and {high}, not {n}").format(
                    what=what, low=f"{low:g}", high=f"{high:g}", n=value
                )
            )
        return x

    parse.__name__ = str(what)
    return parse


def _core_check(value: str, check: Any) -> Any:
    """Run a core check (`workstation.sync.pinning`: the same rules the desktop app applies) and turn
    its `ValidationError` into a usage error in the operator's language."""
    from workstation.errors import ValidationError
    from workstation.i18n import Listing

    try:
        return check(value)
    except ValidationError as exc:
        problems = Listing((p.message for p in exc.problems), separator="semicolon")
        refused = QT_TRANSLATE_NOOP("cli", "{value}: {problems}").format(value=repr(value), problems=problems)
        raise _bad(refused) from None


def pem_certificate(value: str) -> Path:
    """An existing file holding an X.509 certificate in PEM form (a platform's CA)."""
    from workstation.sync import pinning

    path = existing_file(value)
    _core_check(str(path), pinning.read_ca_certificate)
    return path


def https_url(value: str) -> str:
    """An https:// URL with a host (the platform's address)."""
    from workstation.sync import pinning

    return str(_core_check(value, pinning.check_platform_url))


def sha256_fingerprint(value: str) -> str:
    """A SHA-256 fingerprint: 64 hex digits, colons allowed."""
    from workstation.sync import pinning

    _core_check(value, pinning.check_fingerprint)
    return value
