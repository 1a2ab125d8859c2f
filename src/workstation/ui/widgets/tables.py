"""Table views over the desk's paged models (`workstation.ui.models.paged`), painted once per search.

A paged model replaces its rows with each search's first page (a model reset). Left to itself, a
`QTableView` then paints the new rows at once, lays them out on its next timer and paints them again;
and when the number of rows crosses what fits, its vertical scroll bar comes or goes, which resizes the
columns and paints a third time. At 7 ms a paint, with a search per keystroke, that was most of the
GUI thread's time while an officer typed (benchmarks/ui.py, the residents phase).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView


def steady_view(view: QAbstractItemView) -> None:
    """Make `view` (its model already set) paint each reset of its model once: the vertical scroll bar
    is always shown (disabled while every row fits), and the rows are laid out as soon as the model
    was reset rather than on the view's next timer. Call once, after `setModel`."""
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    model = view.model()
    if model is None:
        raise ValueError("steady_view needs the view's model set first")

    def lay_out() -> None:
        if shiboken6.isValid(view):
            view.executeDelayedItemsLayout()

    model.modelReset.connect(lay_out)  # after the view's own reset handling (connected by setModel)
