"""What the one-folder build leaves out, checked from source (quick; the build itself and its frozen
self-test are in test_frozen_build.py): the stand-ins for Qt's OpenGL modules let pyqtgraph import and
draw the Today charts; libraries taken from the system are declared by the .deb.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT / "packaging" / "linux"))

import build_deb  # noqa: E402
import bundle  # noqa: E402
import pyi_rth_no_qtopengl  # noqa: E402


def test_the_opengl_stand_ins_let_the_charts_draw_without_qt_opengl():
    """With the stand-ins in place (as in the build, where the modules are absent) pyqtgraph imports,
    a chart draws its bars and its line, and only creating an OpenGL widget is refused."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT / "packaging")!r})
        import pyi_rth_no_qtopengl as hook
        assert hook.install(force=True) == list(hook.STUBBED)
        from PySide6.QtGui import QColor
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        import pyqtgraph as pg
        from workstation.ui.widgets.charts import BAR, LINE, Bars, Chart
        chart = Chart("t", counts=True)
        chart.add(Bars()).setData([1, 3, 2])
        line = chart.add(pg.PlotDataItem(pen=pg.mkPen(LINE, width=2), symbol="o", symbolBrush=LINE))
        line.setData([0, 1, 2], [0.5, 1.5, 2.5])
        chart.set_categories(["a", "b", "c"])
        chart.resize(400, 300)
        chart.show()
        app.processEvents()
        image = chart.plot.grab().toImage()
        pixels = [image.pixel(x, y) for y in range(image.height()) for x in range(image.width())]
        print("bar pixels", pixels.count(QColor(BAR).rgb()) > 100)
        print("line pixels", pixels.count(QColor(LINE).rgb()) > 10)
        print("stand-in", sys.modules["PySide6.QtOpenGL"].__file__ is None)
        try:
            pg.Qt.OpenGLHelpers.GraphicsViewGLWidget()
        except hook.OpenGLLeftOut as exc:
            print("refused:", exc)
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(sys.path)}
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    for line in ("bar pixels True", "line pixels True", "stand-in True", "refused: PySide6.QtOpenGLWidgets."):
        assert line in r.stdout, r.stdout + r.stderr


def test_the_stand_ins_step_aside_for_the_real_modules():
    """From source (PySide6 complete) nothing is replaced: `install` only fills what cannot be found."""
    script = f"import sys; sys.path.insert(0, {str(ROOT / 'packaging')!r}); import pyi_rth_no_qtopengl as h; "
    script += "print(h.install())"
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "[]", r.stdout + r.stderr


def test_the_stubbed_modules_are_the_excluded_ones():
    assert set(pyi_rth_no_qtopengl.STUBBED) <= set(bundle.EXCLUDED_MODULES)
    assert not set(pyi_rth_no_qtopengl.STUBBED) & set(bundle.hidden_imports([]))
    assert "pyi_rth_no_qtopengl.py" in bundle.RUNTIME_HOOKS


def test_system_libraries_are_left_out_of_the_bundle():
    for lib in bundle.SYSTEM_LIBRARIES:
        assert not bundle.keep_in_bundle(lib)
    assert bundle.keep_in_bundle("libssl.so.3") and bundle.keep_in_bundle("PySide6/Qt/lib/libQt6Core.so.6")


def test_the_deb_depends_on_the_package_of_every_system_library():
    if shutil.which("dpkg") is None:
        pytest.skip("no dpkg on this machine")
    for lib in bundle.SYSTEM_LIBRARIES:
        r = subprocess.run(["dpkg", "-S", f"*/{lib}"], capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip(f"{lib} is not installed here")
        packages = {line.split(":", 1)[0] for line in r.stdout.splitlines()}
        assert packages & set(build_deb.DEPENDS), f"{lib} comes from {packages}, which the .deb does not depend on"
