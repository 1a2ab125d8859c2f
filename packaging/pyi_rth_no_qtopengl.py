"""PyInstaller run-time hook of the one-folder build: stand-ins for ``PySide6.QtOpenGL`` and
``PySide6.QtOpenGLWidgets``, which the build leaves out (their bindings are ~9 MB).

pyqtgraph imports both by name when it is imported (``pyqtgraph/Qt/OpenGLHelpers.py``,
``graphicsItems/PlotCurveItem.py``) but uses them only when OpenGL drawing is switched on
(``pg.setConfigOptions(useOpenGL=True)`` or ``enableExperimental``); the Today page's charts draw
with QPainter and never do. Each stand-in module answers any attribute with a class that can be
subclassed and tested with ``isinstance`` (pyqtgraph does both when it is imported and when it paints)
but refuses to be created, saying why. Runs before the entry script, in every process of the build
(the demo platform's child too); it does nothing when the real modules are present.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any

STUBBED = ("PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets")


class OpenGLLeftOut(RuntimeError):
    """Raised by a stand-in class when something tries to create it."""


def _stand_in(module: str, name: str) -> type:
    def __init__(self: object, *_args: Any, **_kwargs: Any) -> None:
        raise OpenGLLeftOut(f"{module}.{name}: Qt's OpenGL modules are not part of this build")

    return type(name, (), {"__init__": __init__, "__module__": module})


def _stub_module(module: str) -> types.ModuleType:
    mod = types.ModuleType(module, f"Stand-in for {module} (left out of the build; see {__name__})")
    made: dict[str, type] = {}

    def __getattr__(name: str) -> type:
        if name.startswith("__"):
            raise AttributeError(name)
        if name not in made:
            made[name] = _stand_in(module, name)
        return made[name]

    mod.__getattr__ = __getattr__  # type: ignore[method-assign]
    mod.__file__ = None
    return mod


def install(*, force: bool = False) -> list[str]:
    """Put a stand-in into ``sys.modules`` for each of `STUBBED` that cannot be found (the frozen
    build; `force`: whether or not it can, for the tests) and is not imported yet; returns the names
    stubbed (empty when the real modules are there). Looking a module up imports PySide6 itself,
    which PyInstaller's own PySide6 run-time hook has done already."""
    done = []
    for name in STUBBED:
        if name in sys.modules:
            continue
        try:
            found = not force and importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            sys.modules[name] = _stub_module(name)
            done.append(name)
    return done


install()
