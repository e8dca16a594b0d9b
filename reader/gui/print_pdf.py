"""A post laid out for paper: the view's page in a QTextDocument, printed or written as PDF with page numbers;
its highlights drawn as the view draws them (light colours), each note after the paragraph of its quote.

Notes follow their paragraph, numbered like a footnote (a small superscript after the quote): the reader finds
the note beside the passage without turning to a page's foot or the article's end, and the author's sentences
stay whole. Real footnotes would need each page laid out twice (QTextDocument paginates on its own)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from ..core import Highlight, Library, Post, anchor_all, image_source, original_url
from . import article_images as images
from .article_highlights import marker_format
from .article_html import (
    CJK_FONT_FAMILIES,
    IMAGE_SCHEME,
    Colors,
    ImageRef,
    build_page,
    prepare_body,
    source_line,
    stylesheet,
)

_OFFSCREEN_APP: list[QGuiApplication] = []  # the command line's application, kept alive while it prints
PAGE_WIDTH_PX = 640  # the text column of an A4 page with 2 cm margins, in the document's 96-dpi pixels
FONT_PT = 11.0
MARGIN_MM = 20.0
MONO = ("DejaVu Sans Mono", "Noto Sans Mono CJK SC", "monospace")
# Paper is white whatever the screen's theme: the print colours are fixed.
PRINT_COLORS = Colors(
    text="#000000",
    base="#ffffff",
    link="#1a4f8b",
    muted="#666666",
    border="#bbbbbb",
    code_bg="#f2f2f2",
    quote_bg="#eef3f9",
    notice_bg="#fbeacc",
    notice_border="#e69600",
    badge_bg="#e69600",
    badge_text="#000000",
)


@dataclass
class Printable:
    """A post made ready for paper on a worker: the page's HTML and its images by resource name."""

    title: str
    html: str
    images: dict[str, QImage] = field(default_factory=dict)
    highlights: list[Highlight] = field(default_factory=list)


def load_printable(library: Library, post_id: int, labels: dict[str, str] | None = None) -> Printable:
    """On a worker: the post read whole and rendered as the view renders it, its library images decoded."""
    post = library.get_post(post_id, full=True)
    body = prepare_body(post.html)
    page = build_page(post, body, labels)
    link = original_url(library.site, post.meta)
    if link:
        page += source_line(link, body)
    printable = Printable(post.meta.title or post.meta.path, page, highlights=library.highlights(post_id))
    for index, ref in enumerate(body.images):
        printable.images[f"{IMAGE_SCHEME}:{index}"] = _image(library, post, ref)
    return printable


def _image(library: Library, post: Post, ref: ImageRef) -> QImage:
    source = image_source(lambda src: library.resolve_resource(post.id, src), post.meta.path, ref.src)
    if source.kind == "local" and source.path is not None:
        data = library.read_image(source.path)
        image = QImage.fromData(data) if data else QImage()
        if not image.isNull():
            width = min(ref.width or image.width(), PAGE_WIDTH_PX, image.width())
            return (
                image
                if width == image.width()
                else image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            )
    what = {
        "remote": QGuiApplication.translate("PrintPdf", "{0} (not loaded)").format(source.host),
        "local": QGuiApplication.translate("PrintPdf", "image unreadable: {0}").format(source.name),
        "missing": QGuiApplication.translate("PrintPdf", "image missing: {0}").format(source.name),
    }
    lines = [
        ref.alt or source.name or QGuiApplication.translate("PrintPdf", "image"),
        what.get(source.kind, QGuiApplication.translate("PrintPdf", "blocked: {0}").format(source.name)),
    ]
    width = min(ref.width or 360, PAGE_WIDTH_PX)
    height = max(48, min(round(ref.height * width / ref.width), 400)) if ref.width and ref.height else 72
    return images.placeholder(source.kind, lines, width, height, _paper_palette(), _font(), 1.0)


def _paper_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.white)
    palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
    return palette


def _font() -> QFont:
    font = QFont()
    font.setFamilies(list(CJK_FONT_FAMILIES))
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(FONT_PT)
    # Noto CJK's 'locl' swaps the digits of a Latin-only run for glyphs outside its cmap, and Qt's PDF
    # maps a glyph back to text only through the cmap (QFontSubset::getReverseMap): "2022-01-21" in the
    # header was drawn but extracted and copied as "--". Off, the digits stay searchable.
    font.setFeature(QFont.Tag("locl"), 0)
    return font


def document(printable: Printable) -> QTextDocument:
    """The page in a QTextDocument with its images as resources: nothing is loaded from anywhere else."""
    doc = _ClosedDocument()
    doc.setDefaultFont(_font())
    doc.setDefaultStyleSheet(stylesheet(PRINT_COLORS, MONO))
    for name, image in printable.images.items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    doc.setHtml(printable.html)
    mark_highlights(doc, printable.highlights)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, printable.title)
    return doc


def mark_highlights(doc: QTextDocument, highlights: list[Highlight]) -> int:
    """Draw the highlights found in `doc` as the view does on a white page; a note gets a number after its
    quote and follows the quote's paragraph. Returns how many were found (a detached one is left out)."""
    found = sorted(
        ((span, h) for h, span in anchor_all(doc.toPlainText(), highlights) if span is not None),
        key=lambda item: item[0],
    )
    base = QColor(PRINT_COLORS.base)
    for (start, end), highlight in found:
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(marker_format(base, bool(highlight.note.strip())))
    noted = [(span, h, number) for number, (span, h) in enumerate((i for i in found if i[1].note.strip()), 1)]
    for (_start, end), highlight, number in sorted(noted, key=lambda item: item[0][1], reverse=True):
        _add_note(doc, end, number, highlight.note.strip())  # from the end: the positions before stay
    return len(found)


def _add_note(doc: QTextDocument, end: int, number: int, note: str) -> None:
    """The note's number after the quote (at `end`), the note in a block of its own after the quote's paragraph."""
    green = images.blend(QColor(PRINT_COLORS.base), QColor(40, 120, 20), 0.9)
    cursor = QTextCursor(doc)
    cursor.setPosition(end)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    block = QTextBlockFormat()
    block.setLeftMargin(24)
    block.setTopMargin(2)
    block.setBottomMargin(8)
    block.setBackground(images.blend(QColor(PRINT_COLORS.base), QColor(140, 215, 80), 0.12))
    text = QTextCharFormat()
    text.setFont(_font())
    text.setFontPointSize(FONT_PT * 0.9)
    text.setForeground(QColor(PRINT_COLORS.text))
    cursor.insertBlock(block, text)
    label = QTextCharFormat(text)
    label.setFontWeight(QFont.Weight.Bold)
    label.setForeground(green)
    cursor.insertText(f"{number} ", label)
    cursor.insertText(note.replace("\r\n", "\n").replace("\n", "\u2028"), text)
    mark = QTextCharFormat()
    mark.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    mark.setForeground(green)
    mark.setFontWeight(QFont.Weight.Bold)
    cursor.setPosition(end)
    cursor.insertText(str(number), mark)


class _ClosedDocument(QTextDocument):
    """Resources only from addResource: QTextDocument would otherwise read file: URLs itself."""

    def loadResource(self, type, name: QUrl):  # `type`: Qt's parameter name
        return QImage() if int(getattr(type, "value", type)) == QTextDocument.ResourceType.ImageResource.value else ""


def paint(printable: Printable, device: QPagedPaintDevice) -> int:
    """Lay the post out on the device's pages and paint them, each with its number; returns the pages painted."""
    doc = document(printable)
    layout = device.pageLayout()
    rect = layout.paintRectPixels(device.resolution())
    scale = device.resolution() / 96.0  # the document is laid out in 96-dpi pixels, as on a screen
    footer = QFontMetricsF(_font()).height() * 2
    page_size = QSizeF(rect.width() / scale, (rect.height() - footer * scale) / scale)
    doc.setPageSize(page_size)
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start printing")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -page * page_size.height())
            clip = QRectF(0, page * page_size.height(), page_size.width(), page_size.height())
            doc.drawContents(painter, clip)
            painter.restore()
            _page_number(painter, page + 1, pages, rect.width(), rect.height())
    finally:
        painter.end()
    return pages


def _page_number(painter: QPainter, number: int, pages: int, width: float, height: float) -> None:
    painter.save()
    font = _font()
    font.setPointSizeF(FONT_PT * 0.8)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    text = QGuiApplication.translate("PrintPdf", "{0} / {1}").format(number, pages)
    painter.drawText(
        QRectF(0, height - painter.fontMetrics().height() * 1.2, width, painter.fontMetrics().height() * 1.2),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
        text,
    )
    painter.restore()


def write_pdf(printable: Printable, target: str | os.PathLike) -> Path:
    """The post as an A4 PDF at `target` (fonts embedded by Qt, subset); returns the path written."""
    writer = QPdfWriter(str(target))
    writer.setTitle(printable.title)
    writer.setCreator("Jianbao Reader")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    paint(printable, writer)
    del writer  # the file is complete once the writer is gone
    return Path(target)


def export_pdf(library: Library, post_id: int, target: str | os.PathLike, labels: dict[str, str] | None = None) -> Path:
    """Read, lay out and write one post as PDF (a worker's job, or the CLI's)."""
    return write_pdf(load_printable(library, post_id, labels), target)


def export_pdf_offscreen(library: Library, post_id: int, target: str | os.PathLike) -> Path:
    """For the command line: the same PDF without a window (a QGuiApplication on the offscreen platform)."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _OFFSCREEN_APP.append(QGuiApplication(["jianbao-cli"]))
    return export_pdf(library, post_id, target)
