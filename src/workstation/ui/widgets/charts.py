"""Small pyqtgraph charts for the Today dashboard: a chart panel (title, one-line summary, plot) whose
plot items are created once and later only get `setData`, and whose bars or points report a click.

Every chart plots one value per category at x = 0, 1, …, n - 1 (days, grids); the category of a click
is the column under the pointer (x rounded), so a short bar is as easy to hit as a tall one. Panning,
zooming and the plot's context menu are off: a dashboard is read, not explored.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

INK = "#202124"
MUTED = "#5f6368"
BAR = "#3367d6"
LINE = "#188038"
CONSISTENCY = "#7b1fa2"
BACKLOG = "#b06000"
#: every colour a series is drawn in (the self-test looks for them in a grabbed chart)
SERIES_COLOURS = (BAR, LINE, CONSISTENCY, BACKLOG)


class Bars(pg.BarGraphItem):  # type: ignore[misc]  # pyqtgraph ships no types
    """Bars at x = 0, 1, …, n - 1 with heights `setData(heights)`; `getData()` gives them back."""

    def __init__(self, colour: str = BAR) -> None:
        super().__init__(x=np.zeros(0), height=np.zeros(0), width=0.7, brush=pg.mkBrush(colour), pen=pg.mkPen(None))

    def setData(self, heights: Sequence[float]) -> None:
        h = np.asarray(heights, dtype=float)
        self.setOpts(x=np.arange(len(h), dtype=float), height=h)

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        return np.asarray(self.opts["x"], dtype=float), np.asarray(self.opts["height"], dtype=float)


class EdgeAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph ships no types
    """A y axis whose end labels are drawn ("100" at the top of a rate, "0" at the bottom): with the grid
    on, pyqtgraph drops a label that reaches past the plot by a pixel; this one may reach `EDGE_PX`."""

    EDGE_PX = 12

    def boundingRect(self) -> Any:
        rect = super().boundingRect()
        if self.orientation in ("left", "right"):
            return rect.adjusted(0, -self.EDGE_PX, 0, self.EDGE_PX)
        return rect


class CountAxis(EdgeAxis):
    """A y axis of counts: ticks on whole numbers only (no "0.5 residents")."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        levels = super().tickSpacing(minVal, maxVal, size)
        whole = [(spacing, offset) for spacing, offset in levels if spacing >= 1]
        return whole or [(1.0, 0.0)]


class Chart(QFrame):
    """A titled chart: `title` and `summary` labels above a plot (a y axis of whole numbers with `counts`).
    Add items with `add(item)` once, then `set_categories(labels, every)` and the items' `setData`.
    `clicked(int)` gives the column clicked (0..n-1) when it holds a value (`set_clickable`)."""

    clicked = Signal(int)

    def __init__(self, name: str, *, counts: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 6)
        lay.setSpacing(2)
        self.title = QLabel()
        self.title.setObjectName(f"chart_{name}_title")
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.summary = QLabel()
        self.summary.setObjectName(f"chart_{name}_summary")
        self.summary.setStyleSheet(f"color: {MUTED};")
        self.summary.setWordWrap(True)
        lay.addWidget(self.title)
        lay.addWidget(self.summary)
        axes = {"left": CountAxis("left") if counts else EdgeAxis("left")}
        self.plot = pg.PlotWidget(background="w", axisItems=axes)
        self.plot.setObjectName(f"chart_{name}_plot")
        self.plot.setMinimumHeight(150)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot.setCursor(Qt.CursorShape.PointingHandCursor)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.25)
        font = QFont(self.font())
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(MUTED))
            axis.setTextPen(pg.mkPen(INK))
            axis.setTickFont(font)
            axis.enableAutoSIPrefix(False)  # counts and percentages: never "(x0.001)" beside a label
        item.getAxis("left").setWidth(48)
        # the newest day's label sits under the last bar and reaches past the axis: room for it on the right
        item.getAxis("bottom").setStyle(hideOverlappingLabels=24)
        item.layout.setContentsMargins(2, EdgeAxis.EDGE_PX, 22, 2)  # room above the top label
        lay.addWidget(self.plot, 1)
        self.empty = pg.TextItem(anchor=(0.5, 0.5), color=MUTED)
        self.empty.setFont(font)
        self.empty.setVisible(False)
        item.addItem(self.empty, ignoreBounds=True)
        self._count = 0
        self._y_max: float | None = None
        self._labels: tuple[list[str], int] = ([], 0)
        self._clickable: np.ndarray = np.zeros(0, dtype=bool)
        self.plot.scene().sigMouseClicked.connect(self._on_click)

    def add(self, item: Any) -> Any:
        self.plot.getPlotItem().addItem(item)
        return item

    def set_axis_labels(self, left: str, bottom: str) -> None:
        item = self.plot.getPlotItem()
        style = {"color": MUTED}
        item.setLabel("left", left, **style)
        item.setLabel("bottom", bottom, **style)
        for side in ("left", "bottom"):  # the labels' font: the app's, with its CJK fallback
            item.getAxis(side).label.setFont(self.font())

    def set_categories(self, labels: Sequence[str], every: int = 1, y_max: float | None = None) -> None:
        """The x axis: `labels[i]` under column i, one label in `every` (counted from the last, so the
        newest day is always labelled); a minor tick at every column. `y_max` fixes the y range (rates in
        %: 0, 50 and 100 labelled), else it follows the data."""
        n = len(labels)
        if (list(labels), every) != self._labels:  # new ticks make the axis lay its text out again
            major = [(float(i), labels[i]) for i in range(n - 1, -1, -max(1, every))]
            minor = [(float(i), "") for i in range(n)]
            self.plot.getPlotItem().getAxis("bottom").setTicks([major[::-1], minor])
            self._labels = (list(labels), every)
        item = self.plot.getPlotItem()
        if n != self._count:
            item.setXRange(-0.6, max(n, 1) - 0.4, padding=0)
            self._count = n
        if y_max is not None and self._y_max != y_max:  # a rate: 0 to 100 %, each quarter labelled
            item.getAxis("left").setTicks([[(0.0, "0"), (50.0, "50"), (100.0, "100")], [(25.0, ""), (75.0, "")]])
            item.getAxis("left").setStyle(hideOverlappingLabels=16)  # "0" and "100" sit at the ends
            item.setYRange(-0.06 * y_max, 1.06 * y_max, padding=0)
            self._y_max = y_max
        elif y_max is None and self._y_max is not None:
            item.getAxis("left").setTicks(None)
            item.enableAutoRange(axis="y")
            self._y_max = None

    def set_clickable(self, has_value: Sequence[bool]) -> None:
        """Which columns open a list when clicked (those with something behind them)."""
        self._clickable = np.asarray(has_value, dtype=bool)

    def set_empty_text(self, text: str) -> None:
        """A note in the middle of the plot (no data yet), or "" for none."""
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        if text:
            vb = self.plot.getPlotItem().getViewBox()
            (x0, x1), (y0, y1) = vb.viewRange()
            self.empty.setPos((x0 + x1) / 2, (y0 + y1) / 2)

    def column_at(self, scene_pos: QPointF) -> int | None:
        """The column under a point of the plot's scene, or None (outside the plot, or between columns)."""
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = vb.mapSceneToView(scene_pos).x()
        if not math.isfinite(x):
            return None
        i: int = round(float(x))
        if not 0 <= i < len(self._clickable) or abs(x - i) > 0.45:
            return None
        return i

    def point_of(self, column: int, y: float) -> QPointF:
        """Where (column, y) of the data is, in the plot widget's viewport coordinates (tests click there)."""
        vb = self.plot.getPlotItem().getViewBox()
        scene = vb.mapViewToScene(QPointF(float(column), float(y)))
        return QPointF(self.plot.mapFromScene(scene))

    def _on_click(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        i = self.column_at(event.scenePos())
        if i is not None and self._clickable[i]:
            event.accept()
            self.clicked.emit(i)
