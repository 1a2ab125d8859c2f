import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))

from sync_fixtures import platform, sqlite_platform, station  # noqa: F401
