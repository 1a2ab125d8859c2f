"""Visit sheets (走访登记表) and the monthly round (集中清查), printed through Qt's own printing.

The data comes from the core (`desk.housing.visit_sheet` / `monthly_round`): that call is the audited
read of printing. The sheet is a `QTextDocument` (HTML tables: one per property, a row per person
bound to a room, an empty room gets a row too, boxes to tick on the visit), set in the app's CJK font
list so Chinese renders in the PDF. `QPrintPreviewDialog` previews and prints it; `write_pdf` writes
it to a file with `QPdfWriter`. ID numbers arrive masked from the core.

`MonthlyRoundDialog` lists a grid's properties not spot-checked this month (by address; audited as
``monthly_round.read``) and prints them as one sheet (each preview or PDF audited as
``visit_sheet.print``).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from workstation.storage.areas.checks import VisitSheet
from workstation.ui import i18n
from workstation.ui.screens.housing_checks import texts
from workstation.ui.screens.housing_checks.declaration import table_view
from workstation.ui.screens.housing_checks.models import RoundModel
from workstation.ui.widgets.dialogs import DeskDialog, button, heading

BOX = "□"  # U+25A1, in GB2312: every CJK font of the fallback list has it
SHEET_POINT_SIZE = 9.5
HEAD_POINT_SIZE = 8  # the column heads: "Inconsistent" fits its box column unbroken
# % of the page: room, name, ID number, since, relation, 4 boxes (present, consistent, inconsistent, not found),
# notes: the boxes are the findings the spot-check dialog records (一致 / 不一致 / 查无此人)
WIDTHS = (6, 10, 17, 10, 8, 8, 10, 11, 8, 12)
NO_WRAP = " style='white-space:nowrap'"  # a masked ID number or a date is never broken over two lines


def sheet_font() -> QFont:
    """The printed sheet's font: the app's CJK fallback list (the first installed first)."""
    from PySide6.QtGui import QFontDatabase

    installed = set(QFontDatabase.families())
    families = [f for f in i18n.CJK_FONTS if f in installed] + [f for f in i18n.CJK_FONTS if f not in installed]
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(SHEET_POINT_SIZE)
    return font


def _tr(text: str) -> str:
    return QCoreApplication.translate("HousingChecks", text)


def _tr_n(text: str, n: int) -> str:
    """A text with a count (`%n`, its plural forms in the .ts; English: `ui.i18n.english_plural`)."""
    return QCoreApplication.translate("HousingChecks", text, None, n)


def sheet_title(sheet: VisitSheet) -> str:
    if sheet.month is not None:
        text = QCoreApplication.translate("HousingChecks", "Monthly round %1, grid %2")
        return text.replace("%1", f"{sheet.month:%Y-%m}").replace("%2", sheet.grid_code or "")
    if sheet.grid_code:
        return QCoreApplication.translate("HousingChecks", "Visit sheet, grid %1").replace("%1", sheet.grid_code)
    return QCoreApplication.translate("HousingChecks", "Visit sheet")


# lupdate reads the sheet's texts here; `sheet_html` translates them by their English source
def _sheet_texts_for_lupdate() -> None:  # pragma: no cover - never called
    QCoreApplication.translate("HousingChecks", "printed %1 by %2")
    QCoreApplication.translate("HousingChecks", "%n [property|properties]", None, 0)
    QCoreApplication.translate("HousingChecks", "ID numbers masked")
    QCoreApplication.translate("HousingChecks", "More properties match than one sheet lists: print the rest by "
                                                "property.")
    QCoreApplication.translate("HousingChecks", "Every property of this grid has been spot-checked this month.")
    QCoreApplication.translate("HousingChecks", "Room")
    QCoreApplication.translate("HousingChecks", "Name")
    QCoreApplication.translate("HousingChecks", "ID number")
    QCoreApplication.translate("HousingChecks", "Since")
    QCoreApplication.translate("HousingChecks", "Relation")
    QCoreApplication.translate("HousingChecks", "Present")
    QCoreApplication.translate("HousingChecks", "Consistent")
    QCoreApplication.translate("HousingChecks", "Inconsistent")
    QCoreApplication.translate("HousingChecks", "Not found")
    QCoreApplication.translate("HousingChecks", "Notes")
    QCoreApplication.translate("HousingChecks", "not recorded")
    QCoreApplication.translate("HousingChecks", "grid %1")
    QCoreApplication.translate("HousingChecks", "Landlord")
    QCoreApplication.translate("HousingChecks", "%n room(s)", None, 0)
    QCoreApplication.translate("HousingChecks", "%n [person|people]", None, 0)
    QCoreApplication.translate("HousingChecks", "Last spot check")
    QCoreApplication.translate("HousingChecks", "never")
    QCoreApplication.translate("HousingChecks", "No rooms recorded.")
    QCoreApplication.translate("HousingChecks", "nobody recorded")
    QCoreApplication.translate("HousingChecks", "People found who are not listed (name, ID number, room):")
    QCoreApplication.translate("HousingChecks", "Visited by")
    QCoreApplication.translate("HousingChecks", "Date")
    QCoreApplication.translate("HousingChecks", "Landlord's signature")


def sheet_html(sheet: VisitSheet, *, station_name: str = "") -> str:
    """The sheet as the HTML subset `QTextDocument` lays out (every value escaped)."""
    e = html.escape
    t = _tr
    printed = t("printed %1 by %2").replace("%1", texts.moment(sheet.generated_at)).replace("%2", sheet.generated_by)
    facts = [station_name, printed, _tr_n("%n [property|properties]", len(sheet.properties)),
             t("ID numbers masked")]
    out = [
        "<html><body>",
        f"<h2 style='margin-bottom:2px'>{e(sheet_title(sheet))}</h2>",
        "<p style='margin-top:0'>" + e(" · ".join(x for x in facts if x)) + "</p>",
    ]
    if sheet.truncated:
        out.append("<p><b>" + e(t("More properties match than one sheet lists: print the rest by property."))
                   + "</b></p>")
    if not sheet.properties:
        out.append("<p>" + e(t("Every property of this grid has been spot-checked this month.")) + "</p>")
    heads = [t("Room"), t("Name"), t("ID number"), t("Since"), t("Relation"), t("Present"), t("Consistent"),
             t("Inconsistent"), t("Not found"), t("Notes")]
    box = f"<td align='center'><span style='font-size:14pt'>{BOX}</span></td>"
    boxes = box * 4 + "<td></td>"
    for p in sheet.properties:
        people = sum(len(r.people) for r in p.rooms)
        landlord = p.landlord_name or t("not recorded")
        if p.landlord_phone:
            landlord += " " + p.landlord_phone
        facts = [
            t("grid %1").replace("%1", p.grid_code),
            texts.with_colon(t("Landlord")) + " " + landlord,
            _tr_n("%n room(s)", len(p.rooms)),
            _tr_n("%n [person|people]", people),
            texts.with_colon(t("Last spot check")) + " " + (texts.moment(p.last_check) or t("never")),
        ]
        out.append(f"<h3 style='margin-bottom:2px'>{e(p.address)}</h3>")
        out.append("<p style='margin-top:0'>" + e(" · ".join(facts)) + "</p>")
        out.append("<table border='1' cellspacing='0' cellpadding='3' width='100%' style='border-collapse:collapse'>")
        head = f"<th bgcolor='#eeeeee' width='%d%%' style='font-size:{HEAD_POINT_SIZE}pt'>%s</th>"
        out.append("<tr>" + "".join(head % (w, e(h)) for h, w in zip(heads, WIDTHS, strict=True)) + "</tr>")
        if not p.rooms:
            out.append(f"<tr><td colspan='{len(heads)}'>" + e(t("No rooms recorded.")) + "</td></tr>")
        for room in p.rooms:
            if not room.people:
                out.append(f"<tr><td>{e(room.label)}</td><td colspan='4'><i>" + e(t("nobody recorded"))
                           + f"</i></td>{boxes}</tr>")
            for i, person in enumerate(room.people):
                label = e(room.label) if i == 0 else ""
                cells = [(person.name, ""), (person.id_number_masked or "", NO_WRAP),
                         (person.since.isoformat(), NO_WRAP), (texts.relation_name(person.relation), "")]
                out.append(f"<tr><td>{label}</td>" + "".join(f"<td{style}>{e(c)}</td>" for c, style in cells)
                           + f"{boxes}</tr>")
        out.append("</table>")
        out.append("<p>" + e(t("People found who are not listed (name, ID number, room):")) + "</p>")
        out.append("<table border='1' cellspacing='0' cellpadding='10' width='100%' style='border-collapse:collapse'>"
                   "<tr><td></td></tr></table>")
        out.append(
            "<p>" + e(texts.with_colon(t("Visited by"))) + " ________________ &nbsp; "
            + e(texts.with_colon(t("Date"))) + " ____________ &nbsp; "
            + e(texts.with_colon(t("Landlord's signature"))) + " ________________</p>"
        )
    out.append("</body></html>")
    return "\n".join(out)


def sheet_document(sheet: VisitSheet, *, station_name: str = "") -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(sheet_font())
    doc.setDocumentMargin(0)
    doc.setHtml(sheet_html(sheet, station_name=station_name))
    return doc


def print_sheet(doc: QTextDocument, device: QPagedPaintDevice, *, footer: str = "") -> int:
    """Lay `doc` out for `device` (a PDF writer or a printer) on its printable area and paint it page by
    page, each page with "`footer` — page i / n" at its foot. (Left to itself, `QTextDocument.print_`
    lays out at screen resolution inside 2 cm margins of its own, on top of the page's.) Returns the
    number of pages."""
    rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    doc.documentLayout().setPaintDevice(device)
    font = sheet_font()
    font.setPointSizeF(SHEET_POINT_SIZE * 0.85)
    foot = QFontMetricsF(font, device).height() * 2
    body = QSizeF(rect.width(), rect.height() - foot)
    doc.setPageSize(body)
    pages = max(1, doc.pageCount())
    painter = QPainter(device)
    try:
        for page in range(pages):
            if page and not device.newPage():
                break
            painter.save()
            painter.translate(0, -page * body.height())
            doc.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(font)
            number = QCoreApplication.translate("HousingChecks", "page %1 / %2").replace("%1", str(page + 1)) \
                .replace("%2", str(pages))
            text = f"{footer} — {number}" if footer else number
            painter.drawText(QRectF(0, body.height(), body.width(), foot),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), text)
    finally:
        painter.end()
    return pages


def _a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)


def write_pdf(sheet: VisitSheet, path: Path | str, *, station_name: str = "") -> Path:
    """Write the sheet as an A4 PDF at `path` (fonts embedded by Qt). Returns the path."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(_a4_layout())
    writer.setTitle(sheet_title(sheet))
    writer.setCreator("Police-room Workstation")
    print_sheet(sheet_document(sheet, station_name=station_name), writer, footer=sheet_title(sheet))
    return path


class SheetPreview(QPrintPreviewDialog):
    """Qt's print preview of a sheet, with a Save as PDF button beside Print."""

    def __init__(self, sheet: VisitSheet, parent: QWidget | None = None, *, station_name: str = "") -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer.setPageLayout(_a4_layout())
        self._printer.setDocName(sheet_title(sheet))
        super().__init__(self._printer, parent)
        self.setObjectName("sheetPreview")
        self.sheet = sheet
        self.station_name = station_name
        self.saved_to: Path | None = None
        self.setWindowTitle(sheet_title(sheet))
        self.paintRequested.connect(self._paint)
        self.save_action = QAction(self)
        self.save_action.setObjectName("savePdf")
        self.save_action.triggered.connect(self.ask_and_save)
        bar = self.findChild(QToolBar)
        if bar is not None:
            bar.addSeparator()
            bar.addAction(self.save_action)
        self.resize(1000, 760)
        self._retranslate()

    def _retranslate(self) -> None:
        self.save_action.setText(self.tr("Save as PDF…"))
        self.setWindowTitle(sheet_title(self.sheet))
        widget = self.findChild(QPrintPreviewWidget)
        if widget is not None:
            widget.updatePreview()  # the sheet in the new language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _paint(self, printer: QPrinter) -> None:
        print_sheet(sheet_document(self.sheet, station_name=self.station_name), printer,
                    footer=sheet_title(self.sheet))

    def ask_and_save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the visit sheet"),
                                                    str(Path.home() / (sheet_title(self.sheet) + ".pdf")),
                                                    self.tr("PDF files (*.pdf)"))
        if name:
            self.saved_to = write_pdf(self.sheet, name, station_name=self.station_name)


def open_sheet(ctx: Any, parent: QWidget | None, *, property_id: str | None = None, grid_code: str | None = None,
               monthly: bool = False, on_open: Any = None) -> None:
    """Read the sheet (the audited read of printing; DB lane) and open its print preview."""
    desk = ctx.desk
    station = getattr(getattr(ctx, "station", None), "station_name", "")

    def work(_t: Any) -> VisitSheet:
        sheet: VisitSheet
        if monthly:
            sheet = desk.housing.monthly_round(grid_code or "", printing=True)
        else:
            sheet = desk.housing.visit_sheet(property_id=property_id, grid_code=grid_code)
        return sheet

    def show(sheet: VisitSheet) -> None:
        preview = SheetPreview(sheet, parent, station_name=station)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()
        if on_open is not None:
            on_open(preview)

    label = QCoreApplication.translate("HousingChecks", "Preparing the sheet…")
    ctx.op(work, parent=parent or ctx).on_success(show).with_progress(label).start()


class MonthlyRoundDialog(DeskDialog):
    """集中清查: a grid's properties not spot-checked this calendar month, printable as one sheet."""

    def __init__(self, ctx: Any, parent: QWidget | None, grid_code: str = "") -> None:
        super().__init__(ctx, parent)
        self.sheet: VisitSheet | None = None
        self.preview_dialog: SheetPreview | None = None
        self.setObjectName("monthlyRound")
        self.heading = heading("heading")
        self.grid = QLineEdit(grid_code)
        self.grid.setObjectName("grid_code")
        self.grid.returnPressed.connect(self.reload)
        self.grid_label = QLabel()
        self.grid_label.setBuddy(self.grid)
        self.show_button = button("show", self.reload)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.model = RoundModel(self)
        self.table = table_view("properties")
        self.table.setModel(self.model)
        self.preview_button = button("preview", self.preview)
        self.pdf_button = button("savePdf", self.save_pdf)
        self.close_button = button("close", self.reject)
        self.preview_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.grid_label)
        top.addWidget(self.grid)
        top.addWidget(self.show_button)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(820, 480)
        self.retranslate()
        if grid_code:
            self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Monthly round"))
        self.heading.setText(self.tr("Monthly round: properties not spot-checked this month"))
        self.grid_label.setText(texts.with_colon(self.tr("&Grid")))
        self.grid.setPlaceholderText(self.tr("grid code, for example G01"))
        self.show_button.setText(self.tr("&Show"))
        self.preview_button.setText(self.tr("&Print preview…"))
        self.pdf_button.setText(self.tr("Save as P&DF…"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        self._show(self.sheet)

    def reload(self) -> None:
        grid = self.grid.text().strip()
        if not grid:
            self.summary.setText(self.tr("Enter the grid code first."))
            return
        desk = self.ctx.desk
        self.load(lambda: desk.housing.monthly_round(grid), self._show, once=True)

    def _show(self, sheet: VisitSheet | None) -> None:
        self.sheet = sheet
        if sheet is None:
            self.summary.setText("")
            return
        self.model.set_rows(sheet.properties)
        month = f"{sheet.month:%Y-%m}" if sheet.month else ""
        if sheet.properties:
            text = self.tr("%n [property|properties] of grid %1 not spot-checked in %2, in address order.", "",
                           len(sheet.properties))
            self.summary.setText(text.replace("%1", sheet.grid_code or "").replace("%2", month))
        else:
            self.summary.setText(self.tr("Every property of grid %1 has been spot-checked in %2.")
                                 .replace("%1", sheet.grid_code or "").replace("%2", month))
        self.preview_button.setEnabled(bool(sheet.properties))
        self.pdf_button.setEnabled(bool(sheet.properties))

    def _audit_printing(self) -> None:
        """The listing was audited as ``monthly_round.read``; printing it is audited apart (DB lane)."""
        sheet, desk = self.sheet, self.ctx.desk
        if sheet is not None:
            self.ctx.op(lambda _t: desk.housing.sheet_printed(sheet), parent=self).start()

    def preview(self) -> SheetPreview | None:
        """The print preview of the round shown (audited as printing)."""
        if self.sheet is None:
            return None
        self._audit_printing()
        preview = SheetPreview(self.sheet, self, station_name=getattr(self.ctx.station, "station_name", ""))
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()
        self.preview_dialog = preview
        return preview

    def save_pdf(self, path: str | None = None) -> Path | None:
        if self.sheet is None:
            return None
        if not path:
            path, _f = QFileDialog.getSaveFileName(self, self.tr("Save the monthly round"),
                                                   str(Path.home() / (sheet_title(self.sheet) + ".pdf")),
                                                   self.tr("PDF files (*.pdf)"))
        if not path:
            return None
        self._audit_printing()
        return write_pdf(self.sheet, path, station_name=getattr(self.ctx.station, "station_name", ""))
