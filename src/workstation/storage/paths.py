"""Where a station's files are: light enough for the desktop app to ask before storage loads
(`storage.station` re-exports these)."""

from __future__ import annotations

import os
from pathlib import Path

DB_NAME = "workstation.db"


def default_data_dir() -> Path:
    """The station's data folder: ``$WORKSTATION_DATA_DIR``, else the user's data folder."""
    env = os.environ.get("WORKSTATION_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("police-room-workstation", appauthor=False))


def db_path(data_dir: Path) -> Path:
    """The station's encrypted database file in `data_dir`."""
    return Path(data_dir) / DB_NAME
