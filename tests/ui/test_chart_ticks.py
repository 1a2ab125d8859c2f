"""The Today page's rate charts label 0, 50 and 100 on their y axis at every height a dashboard gives them
and in both languages (the 100 went missing in English: a label at the very top of the grid was dropped as
reaching past the axis). Read from the axis's own drawing specification, not from a screenshot."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from workstation.ui.widgets.charts import Bars, Chart


def _left_labels(chart: Chart) -> list[str]:
    axis = chart.plot.getPlotItem().getAxis("left")
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [t[2] for t in texts]


@pytest.mark.parametrize("height", [180, 230, 300, 420])
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_rate_axis_labels_0_50_and_100(qtbot, switch_language, lang, height):
    switch_language(lang)
    chart = Chart("consistency")
    qtbot.addWidget(chart)
    bars = chart.add(Bars())
    chart.set_axis_labels("consistent %", "grid")
    bars.setData([90.0, 40.0])
    chart.set_categories(["G1", "G2"], y_max=100)
    chart.resize(390, height)
    chart.show()
    qtbot.waitExposed(chart)
    for _ in range(3):
        QApplication.processEvents()
    assert _left_labels(chart) == ["0", "50", "100"]
