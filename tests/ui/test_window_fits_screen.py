"""The main window stays whole on a 1366×768 desk with a window manager (`main_window.fit_inside`): the
new officer's trial saw the 768-pixel window plus its title bar run past the bottom of the screen, the
status bar (device lights, changes waiting) out of sight."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from workstation.ui.main_window import fit_inside

pytestmark = pytest.mark.qt

TITLE = 30  # a title bar's height, pixels
WORK_AREA = QRect(0, 0, 1366, 768)


def _window(x: int, y: int, w: int, h: int) -> tuple[QRect, QRect]:
    """(frame, client) of a window whose client area is w×h at (x, y + TITLE), framed by a title bar."""
    return QRect(x, y, w, h + TITLE), QRect(x, y + TITLE, w, h)


def test_a_window_as_tall_as_the_screen_is_shrunk_by_its_title_bar_and_moved_up():
    frame, client = _window(0, 0, 1366, 768)
    fitted = fit_inside(frame, client, WORK_AREA)
    assert fitted == QRect(0, 0, 1366, 768)
    assert fitted.height() - TITLE == 738  # the client area that `resize` gets


def test_a_window_past_a_panel_moves_inside_the_work_area():
    area = QRect(0, 32, 1366, 704)  # a top panel and a bottom panel
    frame, client = _window(100, 0, 1000, 600)
    assert fit_inside(frame, client, area) == QRect(100, 32, 1000, 630)
    frame, client = _window(500, 200, 1000, 600)  # past the right and the bottom edge
    assert fit_inside(frame, client, area) == QRect(366, 32 + 704 - 630, 1000, 630)


def test_a_window_that_fits_is_left_as_it_is():
    frame, client = _window(40, 40, 1200, 600)
    assert fit_inside(frame, client, QRect(0, 0, 1920, 1080)) == frame
