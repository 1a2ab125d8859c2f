"""Bridges from the Qt-free core's threads and callbacks into Qt signals on the GUI thread."""
