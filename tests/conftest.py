import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Console commands speak the operator's language (workstation.i18n.operator_language); tests pin it so
# a developer's locale cannot change what they see. Tests of the Chinese text set it themselves.
os.environ["WORKSTATION_LANG"] = "en"
sys.path.insert(0, str(Path(__file__).parent))  # tests/helpers.py

IN_CI = os.environ.get("CI") == "true"
