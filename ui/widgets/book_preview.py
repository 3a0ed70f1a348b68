"""The built memory book: its pages (a PDF view) beside its preflight (pages, size, fonts, photos
left out and why, each photo's print resolution)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from ui.style import error_color, set_muted


class BookPreview(QSplitter):
    """The pages of a built book (or a hint until there is one) and its preflight."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)
        self.document = QPdfDocument(self)
        self.pages = QPdfView(self)
        self.pages.setObjectName("bookPreview")
        self.pages.setDocument(self.document)
        self.pages.setPageMode(QPdfView.PageMode.MultiPage)
        self.pages.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages.setPageSpacing(8)
        self.hint = QLabel(self.tr("Build the book (Ctrl+B) to see its pages here."), self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        set_muted(self.hint)
        self.report = QTextBrowser(self)
        self.report.setObjectName("preflight")
        self.report.setOpenLinks(False)
        self.report.setPlaceholderText(self.tr("Preflight: after a build"))
        self.report.setToolTip(
            self.tr(
                "After a build: the pages, each photo's print resolution, the fonts "
                "and the file size"
            )
        )
        pane = QWidget(self)
        pv = QVBoxLayout(pane)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(self.hint, 1)
        pv.addWidget(self.pages, 1)
        self.pages.hide()
        self.addWidget(pane)
        self.addWidget(self.report)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)

    def show_book(self, path: Path, report, size_label: str) -> bool:
        """Show the PDF at ``path`` and its preflight ``report``; False when it cannot be opened
        (nothing shown then)."""
        self.document.close()
        if self.document.load(str(path)) != QPdfDocument.Error.None_:
            return False
        self.hint.hide()
        self.pages.show()
        self.pages.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.report.setHtml(self.report_html(report, size_label))
        return True

    def clear(self) -> None:
        """No book: the hint instead of pages, no preflight."""
        self.document.close()
        self.pages.hide()
        self.hint.show()
        self.report.clear()

    def report_html(self, report, size_label: str) -> str:
        """The preflight as rich text: the verdict, the facts, photos left out, each photo's ppi."""
        import html

        pal = self.palette()
        bad = error_color(pal).name()
        muted = pal.color(QPalette.ColorRole.PlaceholderText).name()
        text = (
            self.report.palette().color(QPalette.ColorRole.Text).name()
        )  # rich text knows no "inherit"
        out = [f"<h3>{html.escape(self.tr('Preflight'))}</h3>"]
        verdict = (
            self.tr("Ready for print.")
            if report.ok
            else self.tr("Look at the notes below before printing.")
        )
        out.append(
            f"<p><b style='color:{text if report.ok else bad}'>{html.escape(verdict)}</b></p>"
        )
        facts = [
            self.tr("%1 pages").replace("%1", str(report.pages)),
            size_label + (" · " + self.tr("bleed and crop marks") if report.bleed else ""),
            self.tr("%1 MB").replace("%1", f"{report.file_bytes / 1e6:.1f}"),
            self.tr("built in %1 s").replace("%1", f"{report.seconds:.1f}"),
        ]
        out.append("<p>" + "<br>".join(html.escape(f) for f in facts) + "</p>")
        missing = [f for f, embedded in report.fonts if not embedded]
        fonts = (
            self.tr("Fonts: %1, all embedded.").replace("%1", str(len(report.fonts)))
            if not missing
            else self.tr("Fonts NOT embedded: %1").replace("%1", ", ".join(missing))
        )
        out.append(f"<p style='color:{bad if missing else text}'>{html.escape(fonts)}</p>")
        if getattr(report, "missing_glyphs", None):
            out.append(
                f"<p style='color:{bad}'><b>{html.escape(self.tr('Characters no font can draw (printed as their code point):'))}</b></p><ul>"
            )
            for g in report.missing_glyphs:
                out.append(f"<li style='color:{bad}'>{html.escape(g)}</li>")
            out.append("</ul>")
        if report.problems:
            out.append(
                f"<p style='color:{bad}'><b>{html.escape(self.tr('Left out of the book:'))}</b></p><ul>"
            )
            for p in report.problems:
                out.append(
                    f"<li style='color:{bad}'><b>{html.escape(p.name)}</b>: {html.escape(p.reason)}</li>"
                )
            out.append("</ul>")
        if report.images:
            low = len(report.low_ppi)
            head = self.tr("Photos: %1 placed").replace("%1", str(len(report.images)))
            if low:
                head += " · " + self.tr("%1 below 200 ppi").replace("%1", str(low))
            if report.reused:
                head += " · " + self.tr("%1 ready from the last build").replace(
                    "%1", str(report.reused)
                )
            out.append(f"<p><b>{html.escape(head)}</b></p><table cellspacing='0' cellpadding='1'>")
            for i in sorted(report.images, key=lambda i: (not i.low, i.page)):
                colour = bad if i.low else text
                flag = " ⚠" if i.low else ""
                out.append(
                    f"<tr><td style='color:{muted}'>p.{i.page}&nbsp;</td>"
                    f"<td style='color:{colour}'>{html.escape(i.name)}</td>"
                    f"<td align='right' style='color:{colour}'>&nbsp;{i.ppi:.0f}&nbsp;ppi{flag}</td></tr>"
                )
            out.append("</table>")
        else:
            out.append(f"<p>{html.escape(self.tr('No photos placed.'))}</p>")
        return "".join(out)
