"""Tasks page (任务单 and 网上备案): the inbox of tasks the platform pushed, and the pre-registrations
waiting at the desk.

* Tasks tab: filters (open, due this week, overdue, done, all) asked of the core
  (`desk.tasks.list(status=…, due_from=…, due_before=…)`), overdue rows marked in words and colour,
  open the subject (a resident's record; a property on the Properties page when this build has it),
  complete with a result and notes (`CompleteTaskDialog`). The feedback rate (反馈率,
  `desk.tasks.feedback_rate()`) is shown above and read again whenever a task changes.
* Pre-registrations tab: those waiting, matched to the card placed on the reader while the tab is
  shown (`on_card_placed`) or to an ID number typed in; confirm or reject with a reason
  (`SettlePreRegistrationDialog`). The outcome syncs back to the platform through the outbox.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.enums import TaskStatus
from workstation.domain.permissions import Permission
from workstation.ui.pages import PageBase
from workstation.ui.screens.tasks.dialogs import CompleteTaskDialog, SettlePreRegistrationDialog
from workstation.ui.screens.tasks.model import FILTERS, PreRegistrationsModel, TaskFilter, TasksModel, filter_args

__all__ = ["FILTERS", "CompleteTaskDialog", "SettlePreRegistrationDialog", "TasksPage", "filter_args"]

PROPERTIES_MODULE = "workstation.ui.screens.properties"


def _can(ctx: Any, permission: Permission) -> bool:
    can = getattr(ctx, "can", None)
    return bool(can(permission)) if callable(can) else True


def _table(name: str, model: Any) -> QTableView:
    t = QTableView()
    t.setObjectName(name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return t


class TasksPage(PageBase):
    """The task inbox and the pre-registrations. `today` decides what is overdue (tests may set it)."""

    nav_key = "tasks"
    permission = Permission.READ_TASKS

    def __init__(self, ctx: Any, item: Any = None, parent: Any = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("tasksPage")
        self.today = date.today()
        self.filter = "open"
        self.rate: Any = None  # storage.metrics.Rate last read
        self.loading = False  # the inbox's pages are being read
        self.prereg_loading = False
        self._keep: str | None = None  # the task selected when the list was asked for (selected again)
        self._card: Any = None  # the document whose number the matches came from (card placed)
        self._matches: dict[str, str] = {}  # prereg id -> basis of the last match
        self._loaded_once = False
        self._prereg_count: int | None = None
        self._match_said: tuple[str, tuple[Any, ...]] | None = None
        self.may_complete = _can(ctx, Permission.COMPLETE_TASK)
        self.may_settle = _can(ctx, Permission.REGISTER)
        self.shows_preregs = _can(ctx, Permission.READ_PERSON)

        self.heading = QLabel()
        self.heading.setObjectName("page_heading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        self.heading.setFont(f)
        self.rate_label = QLabel()
        self.rate_label.setObjectName("feedbackRate")
        self.rate_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rf = self.rate_label.font()
        rf.setPointSizeF(rf.pointSizeF() * 1.15)
        self.rate_label.setFont(rf)

        # ---- tasks tab
        self.model = TasksModel(ctx, self)
        self.model.searched.connect(lambda *_: self._on_loaded())
        self.model.loading.connect(self._on_loading)
        self.model.rowsInserted.connect(lambda *_: self._show_status())
        self.model.failed.connect(self._on_failed)
        self.filter_buttons: dict[str, QPushButton] = {}
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        filters = QHBoxLayout()
        self.filter_label = QLabel()
        filters.addWidget(self.filter_label)
        for name in FILTERS:
            b = QPushButton()
            b.setObjectName(f"filter_{name}")
            b.setCheckable(True)
            b.setChecked(name == self.filter)
            b.clicked.connect(lambda _c=False, n=name: self.set_filter(n))
            self.filter_group.addButton(b)
            self.filter_buttons[name] = b
            filters.addWidget(b)
        filters.addStretch(1)
        self.table = _table("tasksTable", self.model)
        header = self.table.horizontalHeader()
        for col, width in enumerate((150, 380, 90, 110, 200)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_subject())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_task_selected())
        self.details = QLabel()
        self.details.setObjectName("taskDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openSubject")
        self.open_button.clicked.connect(self.open_subject)
        self.complete_button = QPushButton()
        self.complete_button.setObjectName("completeTask")
        self.complete_button.clicked.connect(self.complete_current)
        self.complete_button.setVisible(self.may_complete)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.complete_button)
        tasks_tab = QWidget()
        tl = QVBoxLayout(tasks_tab)
        tl.addLayout(filters)
        tl.addWidget(self.table, 1)
        tl.addWidget(self.details)
        tl.addLayout(actions)

        # ---- pre-registrations tab
        self.prereg_model = PreRegistrationsModel(self)
        self.prereg_table = _table("preregTable", self.prereg_model)
        ph = self.prereg_table.horizontalHeader()
        for col, width in enumerate((140, 120, 180, 130, 300)):
            ph.resizeSection(col, width)
        ph.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.prereg_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.prereg_hint = QLabel()
        self.prereg_hint.setObjectName("preregHint")
        self.prereg_hint.setWordWrap(True)
        self.number_label = QLabel()
        self.number_box = QLineEdit()
        self.number_box.setObjectName("manualNumber")
        self.number_box.setClearButtonEnabled(True)
        self.number_box.setMaxLength(32)
        self.number_label.setBuddy(self.number_box)
        self.name_label = QLabel()
        self.name_box = QLineEdit()
        self.name_box.setObjectName("manualName")
        self.name_box.setMaxLength(64)
        self.name_label.setBuddy(self.name_box)
        self.number_box.returnPressed.connect(self.match_manual)
        self.name_box.returnPressed.connect(self.match_manual)
        self.match_button = QPushButton()
        self.match_button.setObjectName("matchManual")
        self.match_button.clicked.connect(self.match_manual)
        manual = QHBoxLayout()
        manual.addWidget(self.number_label)
        manual.addWidget(self.number_box, 1)
        manual.addWidget(self.name_label)
        manual.addWidget(self.name_box, 1)
        manual.addWidget(self.match_button)
        self.match_status = QLabel()
        self.match_status.setObjectName("matchStatus")
        self.match_status.setWordWrap(True)
        self.match_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmPrereg")
        self.confirm_button.clicked.connect(lambda: self.settle_current("confirmed"))
        self.reject_button = QPushButton()
        self.reject_button.setObjectName("rejectPrereg")
        self.reject_button.clicked.connect(lambda: self.settle_current("rejected"))
        for b in (self.confirm_button, self.reject_button):
            b.setVisible(self.may_settle)
        pre_actions = QHBoxLayout()
        pre_actions.addWidget(self.match_status, 1)
        pre_actions.addWidget(self.confirm_button)
        pre_actions.addWidget(self.reject_button)
        prereg_tab = QWidget()
        pl = QVBoxLayout(prereg_tab)
        pl.addWidget(self.prereg_hint)
        pl.addLayout(manual)
        pl.addWidget(self.prereg_table, 1)
        pl.addLayout(pre_actions)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tasksTabs")
        self.tabs.addTab(tasks_tab, "")
        self.prereg_tab = prereg_tab
        if self.shows_preregs:
            self.tabs.addTab(prereg_tab, "")
        self.tabs.currentChanged.connect(self._on_tab)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.rate_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        changed = getattr(ctx, "changed", None)
        if changed is not None:
            changed.connect(self.on_changed)
        self.retranslate()
        self._update_buttons()

    # ---- PageBase ------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Tasks")

    def on_shown(self) -> None:
        self.refresh()
        self.table.setFocus()

    def clear_personal(self) -> None:
        self.model.clear()
        self.prereg_model.set_rows([])
        self._card = None
        self._matches = {}
        self.number_box.clear()
        self.name_box.clear()
        self._say_match(None)
        self._prereg_count = None
        self._show_prereg_count()
        self.details.clear()
        self._loaded_once = False
        self._update_buttons()

    def on_card_placed(self, doc: Any) -> bool:
        """While the pre-registrations tab is shown, a card placed is matched against those waiting
        (True: the page used it, whether one matches or not). Otherwise the main window handles it."""
        if not self.prereg_shown():
            return False
        self.match(doc, number=doc.number, name=doc.name)
        return True

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.tabs.setTabText(0, self.tr("&Tasks"))
        if self.shows_preregs:
            self._show_prereg_count()
        self.filter_label.setText(self.tr("Show:"))
        texts = {
            "open": self.tr("&Open"),
            "week": self.tr("Due this &week"),
            "overdue": self.tr("O&verdue"),
            "done": self.tr("&Done"),
            "all": self.tr("&All"),
        }
        for name, b in self.filter_buttons.items():
            b.setText(texts[name])
        self.open_button.setText(self.tr("Open the &subject"))
        self.open_button.setToolTip(self.tr("The resident's record or the property the task is about (double click)"))
        self.complete_button.setText(self.tr("&Complete…"))
        self.complete_button.setToolTip(self.tr("Give the task its result; it goes to the platform with the next sync"))
        self.prereg_hint.setText(
            self.tr("Registrations submitted online wait here. Place the person's ID card on the reader while "
                    "this tab is shown, or type the ID number, to find theirs.")
        )
        self.number_label.setText(self.tr("ID &number:"))
        self.name_label.setText(self.tr("N&ame:"))
        self.name_box.setPlaceholderText(self.tr("if only part of the number was given"))
        self.match_button.setText(self.tr("&Find"))
        self.confirm_button.setText(self.tr("&Confirm…"))
        self.reject_button.setText(self.tr("&Reject…"))
        self.model.retranslate()
        self.prereg_model.retranslate()
        self._show_rate()
        self._show_status()
        self._render_match()
        self._on_task_selected()

    # ---- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the current filter's first page, the feedback rate and (when shown) the pre-registrations."""
        self.load_tasks()
        self.load_rate()
        if self.shows_preregs:
            self.load_preregs()

    def set_filter(self, name: str) -> None:
        self.filter = name
        self.filter_buttons[name].setChecked(True)
        self.load_tasks()

    def load_tasks(self) -> None:
        """Read the current filter's first page (the model reads the next ones as the table scrolls)."""
        current = self.current_task()
        self._keep = current.id if current is not None else None
        self.model.search(TaskFilter(self.filter, self.today))

    def _on_loaded(self) -> None:
        self._loaded_once = True
        keep = self._keep
        if keep is not None and self.model.row_of(keep) >= 0:
            self.table.selectRow(self.model.row_of(keep))
        elif self.model.rowCount():
            self.table.selectRow(0)
        self._on_task_selected()

    def _on_loading(self, busy: bool) -> None:
        self.loading = busy
        self._show_status()
        if not busy:
            self._update_buttons()

    def _on_failed(self, exc: BaseException) -> None:
        from workstation.ui.errors import show_error

        show_error(self, exc)

    def load_rate(self) -> None:
        desk = self.ctx.desk

        def done(rate: Any) -> None:
            self.rate = rate
            self._show_rate()

        self.ctx.op(lambda _t: desk.tasks.feedback_rate(), parent=self).on_success(done).start()

    def load_preregs(self) -> None:
        desk = self.ctx.desk
        self.prereg_loading = True
        current = self.current_prereg()
        keep = current.id if current is not None else None

        def done(rows: Any) -> None:
            self.prereg_model.set_rows(rows)
            self._matches = {k: v for k, v in self._matches.items() if self.prereg_model.row_of(k) >= 0}
            self.prereg_model.set_highlight(set(self._matches))
            if keep is not None and self.prereg_model.row_of(keep) >= 0:
                self.prereg_table.selectRow(self.prereg_model.row_of(keep))
            self._prereg_count = len(rows)
            self._show_prereg_count()

        def finished() -> None:
            self.prereg_loading = False
            self._update_buttons()

        self.ctx.op(lambda _t: desk.preregistrations.list(), parent=self).on_success(done).on_finished(
            finished
        ).start()

    def on_changed(self, changes: Any) -> None:
        """The core wrote something (here, another session or sync): refresh only what we show."""
        kinds = {str(getattr(k, "value", k)) for k in getattr(changes, "kinds", ())}
        if "task" in kinds:
            self.load_tasks()
            self.load_rate()
        if "prereg" in kinds and self.shows_preregs:
            self.load_preregs()

    # ---- texts -----------------------------------------------------------------------------------
    def _show_rate(self) -> None:
        r = self.rate
        if r is None:
            self.rate_label.setText(self.tr("Feedback rate: …"))
            self.rate_label.setToolTip("")
            return
        if not r.denominator:
            self.rate_label.setText(self.tr("Feedback rate: — (no tasks received)"))
        else:
            self.rate_label.setText(
                self.tr("Feedback rate: %1 (%2 of %n task(s) answered)", "", r.denominator)
                .replace("%1", r.percent())
                .replace("%2", str(r.numerator))
            )
        self.rate_label.setToolTip(self.tr("Tasks with a result among all tasks received; the target is 100%."))

    def _show_status(self) -> None:
        if self.loading and not self._loaded_once:
            self.status.setText(self.tr("Loading…"))
            return
        n = self.model.rowCount()
        if n == 0:
            empty = {
                "open": self.tr("No open task."),
                "week": self.tr("No open task is due this week."),
                "overdue": self.tr("No task is overdue."),
                "done": self.tr("No task done yet."),
                "all": self.tr("No task received yet. Tasks arrive from the platform with a sync."),
            }
            self.status.setText(empty[self.filter] if self._loaded_once else "")
        elif self.model.has_more():
            self.status.setText(self.tr("%n task(s) shown; scroll for more", "", n))
        else:
            overdue = sum(1 for r in self.model.rows if r is not None and r.overdue(self.today))
            text = self.tr("%n task(s)", "", n)
            if overdue:
                text += " · " + self.tr("%1 overdue").replace("%1", str(overdue))
            self.status.setText(text)

    # ---- tasks -----------------------------------------------------------------------------------
    def current_task(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def select_task(self, task_id: str) -> bool:
        row = self.model.row_of(task_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def _on_task_selected(self) -> None:
        task = self.current_task()
        if task is None:
            self.details.clear()
        else:
            parts = [task.details or ""]
            if task.result_notes:
                parts.append(self.tr("Notes: %1").replace("%1", task.result_notes))
            if task.completed_by:
                parts.append(self.tr("Completed by %1").replace("%1", task.completed_by))
            self.details.setText("\n".join(p for p in parts if p))
        self._update_buttons()

    def _update_buttons(self) -> None:
        task = self.current_task()
        self.open_button.setEnabled(task is not None and bool(task.subject_ref)
                                    and task.subject_type in ("person", "property"))
        self.complete_button.setEnabled(task is not None and task.status is TaskStatus.OPEN)
        pre = self.current_prereg()
        self.confirm_button.setEnabled(pre is not None)
        self.reject_button.setEnabled(pre is not None)

    def complete_current(self) -> CompleteTaskDialog | None:
        """Open the completion dialog for the selected open task (window-modal, not blocking)."""
        task = self.current_task()
        if task is None or task.status is not TaskStatus.OPEN or not self.may_complete:
            return None
        dialog = CompleteTaskDialog(self.ctx, task, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_subject(self) -> None:
        """The task's subject: a resident's record (the dialog the Residents page opens), or the
        property on the Properties page when this build has it (else the property's address is said)."""
        task = self.current_task()
        if task is None or not task.subject_ref:
            return
        if task.subject_type == "person":
            from workstation.ui.screens.residents.detail import open_detail

            open_detail(self.ctx, self, task.subject_ref)
        elif task.subject_type == "property":
            self._open_property(task.subject_ref)

    def _open_property(self, property_id: str) -> None:
        has_page = importlib.util.find_spec(PROPERTIES_MODULE) is not None
        if has_page:
            window = self.window()
            show_page = getattr(window, "show_page", None)
            page = show_page("properties") if callable(show_page) else None
            opener = getattr(page, "open_property", None)
            if callable(opener):
                opener(property_id)
                return
        desk = self.ctx.desk

        def said(detail: Any) -> None:
            if has_page:  # this build has the page, but not in this window (or the role may not open it)
                text = self.tr("Open the Properties page to see this property: %1 (grid %2).")
            else:
                text = self.tr("The Properties page is not in this version of the workstation yet, so the "
                               "property cannot be opened here. The task is about: %1 (grid %2).")
            self._say(text.replace("%1", detail.address).replace("%2", detail.grid_code or "—"), "info")

        self.ctx.op(lambda _t: desk.housing.get_property(property_id), parent=self).on_success(said).start()

    def _say(self, text: str, kind: str = "info") -> None:
        window = self.window()
        show_message = getattr(window, "show_message", None)
        if callable(show_message) and window is not self:
            show_message(text, kind)
        self.last_message = text
        self.status.setText(text)

    # ---- pre-registrations -------------------------------------------------------------------------
    def _show_prereg_count(self) -> None:
        if not self.shows_preregs:
            return
        if self._prereg_count is None:
            self.tabs.setTabText(1, self.tr("&Pre-registrations"))
        else:
            self.tabs.setTabText(1, self.tr("&Pre-registrations (%1)").replace("%1", str(self._prereg_count)))

    def _say_match(self, what: str | None, *args: Any) -> None:
        """Remember what the matching line says (re-rendered on a language switch) and show it."""
        self._match_said = (what, args) if what else None
        self._render_match()

    def _render_match(self) -> None:
        said = self._match_said
        if said is None:
            self.match_status.clear()
            self.match_status.setStyleSheet("")
            return
        what, args = said
        colour = ""
        if what == "type":
            text = self.tr("Type the ID number (and the name) to find a pre-registration.")
        elif what == "looking":
            text = self.tr("Looking for a pre-registration…")
        elif what == "none_card":
            text = self.tr("No pre-registration matches this card (%1). Register the person as usual, "
                           "or lift the card and try another.").replace("%1", args[0])
            colour = "color: #8a1c1c;"
        elif what == "none_typed":
            text = self.tr("No pre-registration matches what you typed.")
            colour = "color: #8a1c1c;"
        elif what == "matched":
            name, basis, more = args
            how = {
                "number": self.tr("same ID number"),
                "masked_number": self.tr("visible digits of the ID number and the name"),
                "name": self.tr("name only: the pre-registration holds no ID number; check it"),
            }[basis]
            text = self.tr("Matches the pre-registration of %1 (%2).").replace("%1", name).replace("%2", how)
            if more:
                text += " " + self.tr("%1 more match; they are marked in the list.").replace("%1", str(more))
            colour = "color: #1b5e20;"
        elif what == "confirmed":
            text = self.tr("Pre-registration of %1 confirmed; the platform hears of it with the next sync.").replace(
                "%1", args[0]
            )
        else:
            text = self.tr("Pre-registration of %1 rejected; the platform hears of it with the next sync.").replace(
                "%1", args[0]
            )
        self.match_status.setText(text)
        self.match_status.setStyleSheet(colour)

    def prereg_shown(self) -> bool:
        return self.shows_preregs and self.tabs.currentWidget() is self.prereg_tab and self.isVisible()

    def show_preregs(self) -> None:
        if self.shows_preregs:
            self.tabs.setCurrentWidget(self.prereg_tab)

    def _on_tab(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.prereg_tab and self.shows_preregs:
            self.load_preregs()
            self.number_box.setFocus()

    def current_prereg(self) -> Any:
        idx = self.prereg_table.currentIndex()
        return self.prereg_model.row_at(idx.row()) if idx.isValid() else None

    def match_manual(self) -> None:
        """Match the ID number (and name) typed in, as a card would be matched."""
        number = self.number_box.text().strip()
        name = self.name_box.text().strip()
        if not number and not name:
            self._say_match("type")
            return
        self.match(None, number=number, name=name)

    def match(self, card: Any, *, number: str | None, name: str | None) -> None:
        """Find the pending pre-registrations of this person (DB lane); select the best and say how it
        matched, or say plainly that none does."""
        desk = self.ctx.desk
        self._say_match("looking")

        def done(matches: Any) -> None:
            self._card = card
            self._matches = {m.row.id: m.basis for m in matches}
            if not matches:
                self.prereg_model.set_highlight(set())
                self._say_match("none_card" if card is not None else "none_typed", name or "")
                self._update_buttons()
                return

            def show() -> None:
                self.prereg_model.set_highlight(set(self._matches))
                best = matches[0]
                row = self.prereg_model.row_of(best.row.id)
                if row >= 0:
                    self.prereg_table.selectRow(row)
                    self.prereg_table.scrollTo(self.prereg_model.index(row, 0))
                self._say_match("matched", best.row.name, best.basis, len(matches) - 1)
                self._update_buttons()

            if any(self.prereg_model.row_of(m.row.id) < 0 for m in matches):
                # arrived since the list was read: read it again, then select
                def reread(rows: Any) -> None:
                    self.prereg_model.set_rows(rows)
                    show()

                self.ctx.op(lambda _t: desk.preregistrations.list(), parent=self).on_success(reread).start()
            else:
                show()

        self.ctx.op(lambda _t: desk.preregistrations.match(number=number, name=name), parent=self).on_success(
            done
        ).start()

    def settle_current(self, outcome: str) -> SettlePreRegistrationDialog | None:
        """Confirm or reject the selected pre-registration (a dialog; a rejection needs a reason). A
        confirmation against the card placed then opens the person (or a new registration from it)."""
        row = self.current_prereg()
        if row is None or not self.may_settle:
            return None
        basis = self._matches.get(row.id)
        card = self._card if basis is not None else None
        dialog = SettlePreRegistrationDialog(self.ctx, row, outcome, self, card=card, basis=basis)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(code: int) -> None:
            if code != SettlePreRegistrationDialog.DialogCode.Accepted or dialog.done_changes is None:
                return
            self._say_match(outcome, row.name)
            self.number_box.clear()
            self.name_box.clear()
            self._matches.pop(row.id, None)
            if outcome == "confirmed" and card is not None:
                from workstation.ui.screens.registration import open_for_card

                open_for_card(self.ctx, self.window(), card)

        dialog.finished.connect(finished)
        dialog.open()
        return dialog


def _lupdate_strings() -> None:  # pragma: no cover - lupdate reads literal strings only
    QCoreApplication.translate("TasksPage", "Tasks")
