import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IN_CI = os.environ.get("CI") == "true"

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
