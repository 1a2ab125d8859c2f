"""The Today page (dashboard): where the desk starts.

* how to begin, in two lines: the card first, the shortcuts;
* the work of the day: tasks due, pre-registrations waiting, devices not ready (each opens its page);
* four charts over the last `DAYS` days: registrations per day, consistency rate (一致率) per grid,
  feedback rate (反馈率) at each day's end, changes waiting for the platform at each day's end.

The figures come from `desk.supervision.dashboard()` (frozen `Dashboard`; a part the role may not read
is None and its chart or tile is hidden). A refresh runs on the DB lane; the GUI thread then only calls
`setData` on plot items created once, and updates a few labels. The page's frame (welcome, how to
begin, the work of the day) shows at once after login with "Loading the figures…" where the charts go;
the charts (pyqtgraph) are built just after, and only for a role that sees some (an administrator's
page never loads pyqtgraph). It refreshes when the page is shown,
every `REFRESH_MS` while it is visible, and shortly after any write (every write waits for the platform
a while, so the backlog moves with each one).

Clicking a bar or point opens the list behind it through `MainWindow.open_list`: a day's registrations
(residents registered that day), a grid's consistency (the properties of that grid when the Properties
page can filter by grid, else the residents of that grid), a day's feedback rate (tasks), a day's
backlog (sync).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workstation.devices.manager import DeviceState
from workstation.domain.permissions import Permission
from workstation.ui.context import DeskContext, role_label
from workstation.ui.pages import NavItem, PageBase, visible_nav
from workstation.ui.widgets.status import ROLE_TITLES

if TYPE_CHECKING:
    from workstation.ui.widgets.charts import Chart

DAYS = 30
REFRESH_MS = 60_000
CHANGE_DELAY_MS = 200  # after a write: refresh once a burst of writes has settled (one save is one burst)
DEVICE_ROLES = ("idcard", "fingerprint", "mrz")


@dataclass(frozen=True)
class RefreshTiming:
    """One refresh, in milliseconds: `total` from the refresh being asked for to the last `setData`;
    `work` of it on the DB lane (the queries); `gui` on the GUI thread (setData and labels)."""

    total: float
    work: float
    gui: float


class TodayPage(PageBase):
    """The dashboard. `refresh()` asks for new figures; `refreshed(RefreshTiming)` after they are shown.
    `charts` holds the four `Chart`s by name ("registrations", "consistency", "feedback", "backlog");
    `tiles` the work of the day by name ("tasks", "preregistrations", "devices")."""

    nav_key = "today"
    permission = None
    refreshed = Signal(object)

    def __init__(self, ctx: DeskContext, item: NavItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dashboard: Any = None  # the last `Dashboard` shown
        self.timing: RefreshTiming | None = None
        self._refreshing = False
        self._again = False
        self._asked_at = 0.0
        # writes announced (`ctx.changed`) and the count of them the figures shown were read after: while
        # they differ, what waits for the platform is not stated (the status bar already counts the write)
        self._changes_seen = 0
        self._changes_shown = 0

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 12)
        lay.setSpacing(8)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("today_heading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.heading.setFont(f)
        top.addWidget(self.heading)
        top.addStretch(1)
        self.demo_note = QLabel()
        self.demo_note.setObjectName("today_demo")
        self.demo_note.setWordWrap(True)
        self.demo_note.setStyleSheet(
            "background: #fff4ce; color: #3d2e00; border: 1px solid #c8a600; padding: 4px 8px;"
        )
        self.demo_note.setVisible(ctx.is_demo)
        top.addWidget(self.demo_note, 2)
        lay.addLayout(top)
        self.body = QLabel()  # how to begin: the card first, then the shortcuts
        self.body.setObjectName("today_body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.body)

        work = QHBoxLayout()
        work.setSpacing(10)
        self.work_label = QLabel()
        self.work_label.setObjectName("today_work")
        f = self.work_label.font()
        f.setBold(True)
        self.work_label.setFont(f)
        work.addWidget(self.work_label)
        self.tiles: dict[str, QPushButton] = {}
        for name, page in (("tasks", "tasks"), ("preregistrations", "tasks"), ("devices", "devices")):
            b = QPushButton()
            b.setObjectName(f"tile_{name}")
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            if name == "preregistrations":
                b.clicked.connect(self._open_preregistrations)
            else:
                b.clicked.connect(lambda _c=False, page=page: self._open(page))
            b.setVisible(False)
            work.addWidget(b)
            self.tiles[name] = b
        work.addStretch(1)
        self.updated = QLabel()
        self.updated.setObjectName("today_updated")
        self.updated.setStyleSheet("color: #5f6368;")
        work.addWidget(self.updated)
        lay.addLayout(work)

        self.no_charts = QLabel()  # a role that may read none of the figures (the administrator)
        self.no_charts.setObjectName("today_no_charts")
        self.no_charts.setWordWrap(True)
        self.no_charts.setStyleSheet("color: #5f6368;")
        self.no_charts.setVisible(False)
        lay.addWidget(self.no_charts)
        self.charts_loading = QLabel()  # where the charts go, until they are built and have figures
        self.charts_loading.setObjectName("today_charts_loading")
        self.charts_loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.charts_loading.setStyleSheet("color: #5f6368;")
        lay.addWidget(self.charts_loading, 1)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        lay.addLayout(self.grid, 1)
        # the charts and their plot items: built once (`_build_charts`), later only setData
        self.charts: dict[str, Chart] = {}
        self.registrations: Any = None
        self.consistency: Any = None
        self.feedback: Any = None
        self.backlog: Any = None
        self._grids: tuple[str, ...] = ()
        self._days: tuple[date, ...] = ()
        # a role that sees no figure never builds charts; the others build them once the frame is up
        self.sees_charts = ctx.can(Permission.READ_REPORTS) or ctx.can(Permission.SYNC)
        self.charts_loading.setVisible(self.sees_charts)
        self.no_charts.setVisible(not self.sees_charts)  # said at once: no figures to wait for
        if self.sees_charts:
            QTimer.singleShot(0, self, self._build_charts)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(CHANGE_DELAY_MS)
        self._change_timer.timeout.connect(self.refresh)
        ctx.changed.connect(self._on_changed)
        # a bound method, not a lambda: Qt drops the connection when this page is deleted at logout
        ctx.devices.state_changed.connect(self._on_device_state)
        self.retranslate()
        self._show_devices()

    # ---- PageBase -----------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Today")

    def on_shown(self) -> None:
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def retranslate(self) -> None:
        op = self.ctx.operator
        self.heading.setText(
            self.tr("Welcome, {user} ({role})").replace("{user}", op.username).replace("{role}", role_label(op.role))
        )
        first: list[str] = []
        keys: list[str] = []
        if self.ctx.can("register"):
            first.append(
                self.tr(
                    "<b>Place an ID card on the reader</b> at any time: a known person opens, an unknown one "
                    "opens a new registration. <b>Swipe a passport</b> for a foreign national."
                )
            )
            keys.append(self.tr("<b>F2</b> new registration without a card"))
        if self.ctx.can("read_person"):
            keys.append(self.tr("<b>Ctrl+F</b> search residents"))
        if self.ctx.can("sync"):
            keys.append(self.tr("<b>F5</b> sync now"))
        keys.append(self.tr("<b>Ctrl+L</b> lock the desk"))
        pages = min(len(visible_nav(self.ctx)), 8)  # Alt+1…8 at most
        if pages > 1:  # the session's real range (an officer has more pages than an administrator)
            keys.append(self.tr("<b>Alt+1…{last}</b> pages").replace("{last}", str(pages)))
        self.body.setText(" ".join(first) + ("<br>" if first else "") + " · ".join(keys))
        self.demo_note.setText(
            self.tr("Demo station: synthetic data. The demo desk on the right places cards and unplugs devices.")
        )
        self.work_label.setText(self.tr("Work of the day:"))
        self.no_charts.setText(
            self.tr("The station's figures (registrations, rates, what waits for the platform) are shown to the "
                    "roles that work with residents and reports.")
        )
        self.charts_loading.setText(self.tr("Loading the figures…"))
        self._retranslate_charts()
        if self.dashboard is not None:
            self._show_texts(self.dashboard)
        else:
            self.updated.setText(self.tr("Loading…"))
        self._show_devices()

    def _build_charts(self) -> None:
        """The four charts and their plot items (once; pyqtgraph is loaded here, not with the page)."""
        if self.charts:
            return
        import pyqtgraph as pg

        from workstation.ui.widgets.charts import BACKLOG, CONSISTENCY, LINE, Bars, Chart

        for i, name in enumerate(("registrations", "consistency", "feedback", "backlog")):
            chart = Chart(name, counts=name in ("registrations", "backlog"))
            chart.setVisible(False)  # until the first figures say what this role sees
            self.grid.addWidget(chart, i // 2, i % 2)
            self.charts[name] = chart
        self.grid.setRowStretch(0, 1)
        self.grid.setRowStretch(1, 1)
        self.registrations = self.charts["registrations"].add(Bars())
        self.consistency = self.charts["consistency"].add(Bars(CONSISTENCY))
        self.feedback = self.charts["feedback"].add(
            pg.PlotDataItem(
                pen=pg.mkPen(LINE, width=2), symbol="o", symbolSize=6, symbolBrush=LINE, symbolPen=None,
                connect="finite",
            )
        )
        self.backlog = self.charts["backlog"].add(Bars(BACKLOG))
        self.charts["registrations"].clicked.connect(self._open_day)
        self.charts["consistency"].clicked.connect(self._open_grid)
        self.charts["feedback"].clicked.connect(lambda _i: self._open("tasks"))
        self.charts["backlog"].clicked.connect(lambda _i: self._open("sync"))
        self._retranslate_charts()

    def _retranslate_charts(self) -> None:
        c = self.charts
        if not c:
            return
        c["registrations"].title.setText(self.tr("Registrations per day"))
        c["registrations"].set_axis_labels(self.tr("residents"), self.tr("day"))
        c["consistency"].title.setText(self.tr("Consistency rate per grid (spot checks)"))
        c["consistency"].set_axis_labels(self.tr("consistent %"), self.tr("grid"))
        c["feedback"].title.setText(self.tr("Feedback rate (tasks answered / received)"))
        c["feedback"].set_axis_labels(self.tr("answered %"), self.tr("day"))
        c["backlog"].title.setText(self.tr("Changes waiting for the platform"))
        c["backlog"].set_axis_labels(self.tr("changes"), self.tr("day"))
        for chart in c.values():
            chart.plot.setToolTip(self.tr("Click a bar or point to open the list behind it"))

    # ---- refreshing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """New figures, off the GUI thread (one refresh at a time; one more if asked meanwhile)."""
        if self._refreshing:
            self._again = True
            return
        self._refreshing = True
        self._again = False
        self._asked_at = time.perf_counter()
        desk = self.ctx.desk
        spent: list[float] = []
        seen = self._changes_seen  # the figures read now include every write announced so far

        def work(_token: Any) -> Any:
            t = time.perf_counter()
            d = desk.supervision.dashboard(days=DAYS)
            spent.append(1000 * (time.perf_counter() - t))
            return d

        def failed(_exc: BaseException) -> bool:
            self.updated.setText(self.tr("Figures not updated"))
            return False  # the window's message bar says why

        def finished() -> None:
            self._refreshing = False
            if self._again and self.isVisible():
                self.refresh()

        self.ctx.op(work, parent=self).on_success(
            lambda d: self._show(d, spent[0] if spent else 0.0, seen)
        ).on_failure(failed).on_finished(finished).start()

    @property
    def stale(self) -> bool:
        """A write was announced after the figures shown were read (a refresh is on its way)."""
        return self._changes_shown < self._changes_seen

    def _on_changed(self, changes: Any) -> None:
        """A write (the facade's `Changes`): what waits for the platform changed with it. The backlog's
        line says "updating" at once (never the count from before the write, beside a status bar that
        already counts it) and the figures are read again right away (on showing, when hidden)."""
        if not getattr(changes, "kinds", None):
            return
        self._changes_seen += 1
        self._show_backlog_text()
        if self.isVisible():
            self._change_timer.start()

    def _show(self, d: Any, work_ms: float, seen: int | None = None) -> None:
        """The figures of `d` (a `Dashboard`) into the items made once: setData and labels only. `seen`:
        how many announced writes `d` was read after (default: all)."""
        t0 = time.perf_counter()
        self.dashboard = d
        self._changes_shown = max(self._changes_shown, self._changes_seen if seen is None else seen)
        parts = (d.registrations_per_day, d.consistency_by_grid, d.feedback_per_day, d.backlog_per_day)
        if any(part is not None for part in parts):
            self._build_charts()
        self.charts_loading.hide()
        c = self.charts
        if c:
            c["registrations"].setVisible(d.registrations_per_day is not None)
            c["consistency"].setVisible(d.consistency_by_grid is not None)
            c["feedback"].setVisible(d.feedback_per_day is not None)
            c["backlog"].setVisible(d.backlog_per_day is not None)
        self.no_charts.setVisible(not any(ch.isVisibleTo(self) for ch in c.values()))
        if d.registrations_per_day is not None:
            self._days = tuple(day for day, _n in d.registrations_per_day)
            counts = [n for _day, n in d.registrations_per_day]
            self.registrations.setData(counts)
            c["registrations"].set_clickable([n > 0 for n in counts])
            c["registrations"].set_categories(_day_labels(self._days), every=7)
        if d.consistency_by_grid is not None:
            self._grids = tuple(g for g, _r in d.consistency_by_grid)
            values = [_percent(r) for _g, r in d.consistency_by_grid]
            self.consistency.setData([0.0 if math.isnan(v) else v for v in values])
            c["consistency"].set_clickable([r.denominator > 0 for _g, r in d.consistency_by_grid])
            c["consistency"].set_categories(
                list(self._grids), every=max(1, math.ceil(len(self._grids) / 14)), y_max=100
            )
        if d.feedback_per_day is not None:
            import numpy as np

            days = tuple(day for day, _r in d.feedback_per_day)
            y = np.array([_percent(r) for _day, r in d.feedback_per_day], dtype=float)
            if np.isfinite(y).any():  # a day without any task received yet has no rate: a gap
                self.feedback.setData(np.arange(len(y), dtype=float), y)
            else:  # no rate on any day: no points (pyqtgraph cannot bound an all-NaN series)
                self.feedback.setData(np.zeros(0), np.zeros(0))
            c["feedback"].set_clickable([r.denominator > 0 for _day, r in d.feedback_per_day])
            c["feedback"].set_categories(_day_labels(days), every=7, y_max=100)
        if d.backlog_per_day is not None:
            days = tuple(day for day, _n in d.backlog_per_day)
            counts = [n for _day, n in d.backlog_per_day]
            self.backlog.setData(counts)
            c["backlog"].set_clickable([n > 0 for n in counts])
            c["backlog"].set_categories(_day_labels(days), every=7)
        self._show_texts(d)
        gui_ms = 1000 * (time.perf_counter() - t0)
        self.timing = RefreshTiming(total=1000 * (time.perf_counter() - self._asked_at), work=work_ms, gui=gui_ms)
        self.refreshed.emit(self.timing)

    def _show_texts(self, d: Any) -> None:
        c = self.charts
        if d.registrations_per_day is not None:
            total = sum(n for _day, n in d.registrations_per_day)
            today = d.registrations_per_day[-1][1] if d.registrations_per_day else 0
            c["registrations"].summary.setText(
                self.tr("%1 today, %2 in %n day(s)", "", len(d.registrations_per_day))
                .replace("%1", f"{today:,}").replace("%2", f"{total:,}")
            )
        if d.consistency_by_grid is not None:
            checks = sum(r.denominator for _g, r in d.consistency_by_grid)
            ok = sum(r.numerator for _g, r in d.consistency_by_grid)
            c["consistency"].summary.setText(
                self.tr("%1 of %n spot check(s) consistent", "", checks).replace("%1", f"{ok:,}")
                if checks else self.tr("No spot checks yet")
            )
            c["consistency"].set_empty_text("" if checks else self.tr("No spot checks yet"))
        if d.feedback_per_day is not None:
            last = d.feedback_per_day[-1][1] if d.feedback_per_day else None
            c["feedback"].summary.setText(
                self.tr("Now %1: %2 of %n task(s) answered", "", last.denominator).replace("%1", last.percent())
                .replace("%2", f"{last.numerator:,}")
                if last is not None and last.denominator else self.tr("No tasks received yet")
            )
            c["feedback"].set_empty_text("" if last is not None and last.denominator else self.tr("No tasks yet"))
        self._show_backlog_text()
        tasks = self.tiles["tasks"]
        tasks.setVisible(d.tasks_due is not None)
        if d.tasks_due is not None:
            text = self.tr("Tasks due: %1").replace("%1", str(d.tasks_due))
            if d.tasks_overdue:
                text += " " + self.tr("(%1 overdue)").replace("%1", str(d.tasks_overdue))
            tasks.setText(text)
        pre = self.tiles["preregistrations"]
        pre.setVisible(d.preregistrations_waiting is not None)
        if d.preregistrations_waiting is not None:
            pre.setText(self.tr("Pre-registrations waiting: %1").replace("%1", str(d.preregistrations_waiting)))
        self.updated.setText(self.tr("Updated %1").replace("%1", time.strftime("%H:%M")))
        self._show_work_label()

    def _show_backlog_text(self) -> None:
        d = self.dashboard
        if d is None or d.backlog is None or "backlog" not in self.charts:
            return
        b = d.backlog
        if self.stale:
            text = self.tr("Updating…")
        elif b.records and b.oldest is not None:
            hours = b.age_hours(datetime.now(UTC).replace(tzinfo=None))
            age = (self.tr("%1 h").replace("%1", f"{hours:.0f}") if hours >= 1
                   else self.tr("%1 min").replace("%1", f"{hours * 60:.0f}"))
            text = self.tr("%1 waiting now, the oldest for %2").replace("%1", f"{b.records:,}").replace("%2", age)
            if b.for_decision:  # apart: a sync does not send them (sync.freeze does not count them)
                text += " " + self.tr("(%1 for a conflict decision)").replace("%1", f"{b.for_decision:,}")
        else:
            text = self.tr("Nothing waiting: everything has reached the platform")
        self.charts["backlog"].summary.setText(text)

    def _on_device_state(self, _role: str, _status: object) -> None:
        self._show_devices()

    def _show_devices(self) -> None:
        """Devices not ready (the bridge's last states; nothing is asked of a device here)."""
        devices = self.ctx.devices
        not_ready = [
            r for r in DEVICE_ROLES
            if (st := devices.status(r)) is not None and st.state is not DeviceState.CONNECTED
        ]
        known = [r for r in DEVICE_ROLES if devices.status(r) is not None]
        tile = self.tiles["devices"]
        tile.setVisible(bool(known))
        self._show_work_label()
        if not known:
            return
        if not_ready:
            names = ", ".join(QCoreApplication.translate("status", ROLE_TITLES[r]) for r in not_ready)
            tile.setText(self.tr("Devices not ready: %1 (%2)").replace("%1", str(len(not_ready))).replace("%2", names))
        else:
            tile.setText(self.tr("Devices: all ready"))

    def _show_work_label(self) -> None:
        self.work_label.setVisible(any(t.isVisibleTo(self) for t in self.tiles.values()))

    # ---- the lists behind the charts --------------------------------------------------------------
    def _window(self) -> Any:
        win = self.window()
        return win if callable(getattr(win, "open_list", None)) else None

    def _open(self, key: str, **filters: Any) -> None:
        win = self._window()
        if win is not None:
            win.open_list(key, **filters)

    def _open_preregistrations(self) -> None:
        """The Tasks page on its pre-registrations tab (`TasksPage.show_preregs`)."""
        win = self._window()
        page = win.open_list("tasks") if win is not None else None
        show = getattr(page, "show_preregs", None)
        if callable(show):
            show()

    def _open_day(self, i: int) -> None:
        if 0 <= i < len(self._days):
            self._open("residents", registered_on=self._days[i])

    def _open_grid(self, i: int) -> None:
        """A grid's bar: its properties when the Properties page filters by grid, else its residents."""
        if not 0 <= i < len(self._grids):
            return
        grid = self._grids[i]
        win = self._window()
        if win is None:
            return
        if win.has_page("properties", filtered=True):
            win.open_list("properties", grid_code=grid)
        else:
            win.open_list("residents", grid_code=grid)


def _percent(rate: Any) -> float:
    v = rate.value
    return float("nan") if v is None else 100.0 * v


def _day_labels(days: tuple[date, ...]) -> list[str]:
    return [f"{d.month}-{d.day:02d}" for d in days]
