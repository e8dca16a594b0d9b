"""The locked-down article view: a QTextBrowser that routes links itself and loads images only from the library."""

from __future__ import annotations

import logging
import math
import os
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPalette,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser

from reader.core import ORIGINAL, SAFE_SCHEMES, Post, image_source, target_without_index

from . import article_images as images
from .article_find import FindInArticle
from .article_highlights import HighlightsInArticle
from .article_html import (
    CJK_FONT_FAMILIES,
    IMAGE_SCHEME,
    LINK_SCHEME,
    SHOW_ALL_HREF,
    Colors,
    ImageRef,
    Look,
    PageDocument,
    PageSetup,
    PreparedBody,
    header_names,
    message_page,
    post_page,
    prepare_body,
    set_margins,
    stylesheet,
)
from .article_scroll import ArticleScrolling

log = logging.getLogger(__name__)

MIN_POINT_SIZE, MAX_POINT_SIZE = 6.0, 48.0


class ArticleView(FindInArticle, HighlightsInArticle, ArticleScrolling, QTextBrowser):
    """Shows one post. Nothing it shows can load a file outside the library or anything from the network."""

    postRequested = Signal(int)
    categoryRequested = Signal(str)
    tagRequested = Signal(str)
    externalRequested = Signal(QUrl)
    linkRefused = Signal(str)  # a sentence for the status bar: what was not followed, and why
    linkHovered = Signal(str)  # the href as the post wrote it, "" when the pointer leaves a link
    fontSizeChanged = Signal(float)
    fullPostRequested = Signal(int)  # "Show the whole article" under a truncated huge post
    highlightsAnchored = Signal(str, dict)  # a post's path, {highlight id: detached now} for those that changed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setUndoRedoEnabled(False)
        self.document().setUndoRedoEnabled(False)
        self.document().setBaseUrl(QUrl())
        self._library = None
        self._post: Post | None = None
        self._labels: dict[str, str] = {}
        self._script = ORIGINAL  # View ▸ Read As
        self._message: tuple[str, str] | None = None
        self._idle_page = ""  # shown while there is no post and no message: the library's summary
        self._body: PreparedBody | None = None
        self._adopted: QTextDocument | None = None  # the page parsed on a worker shown last (page_document)
        self._links: tuple[str, ...] = ()
        self._decoded: dict[int, QImage] = {}  # this post's images as read from disk (capped), by index
        self._fit_width = 0  # the width images were fitted to in the current rendering
        self._widest = 0  # the widest width an image asked for in the current rendering
        self._terms: list[str] = []
        self._hits: list[QTextCursor] = []
        self._current = -1
        self._pending_fraction: float | None = None
        self._hovering = False  # the pointer is over a link
        self._rendering = False
        self._look = Look()  # Edit ▸ Preferences
        self._init_highlights()
        self.context_actions: list[QAction] = []  # the article's own commands, under the standard ones
        self._refit_timer = QTimer(self, singleShot=True, interval=150)
        self._refit_timer.timeout.connect(lambda: self._render(keep_position=True))
        font = QFont(self.font())
        font.setFamilies(list(CJK_FONT_FAMILIES))
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(max(12.0, round(QGuiApplication.font().pointSizeF() * 1.2)))
        self.default_font_size = font.pointSizeF()  # what View ▸ Reset Zoom goes back to
        self.setFont(font)  # QTextEdit hands the widget font to the document as its default font
        self.anchorClicked.connect(self._on_anchor)
        self.highlighted.connect(self._on_hover)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    # --- content --------------------------------------------------------------------------
    def set_library(self, library) -> None:
        """The Library links and images resolve against (None: links to outside only, no local images)."""
        self._library = library
        self._idle_page = ""  # the summary of the library before
        self.clear_post()

    def show_post(
        self,
        post: Post,
        labels: dict[str, str] | None = None,
        body: PreparedBody | None = None,
        ready: PageDocument | None = None,
    ) -> None:
        """Show a post from the top; `labels` maps category/tag keys to readable names. Clears highlights.

        `body` is prepare_body(post.html) when a worker made it already (20 ms for 500 KB of HTML), `ready`
        its page parsed by Qt there too (article_html.page_document), taken if it is the page to show.
        """
        self._post, self._labels, self._message = post, dict(labels or {}), None
        self._body = body if body is not None else prepare_body(post.html)
        self._links = self._body.links + ((post.meta.source_url,) if post.meta.source_url else ())
        self._decoded.clear()
        self._terms = []
        self._render(keep_position=False, ready=ready)

    def page_setup(self, labels: dict[str, str]) -> PageSetup:
        """What a worker needs to build the page of the next post as this view would (page_document)."""
        return PageSetup(
            dict(labels),
            self._script,
            self._style(),
            QFont(self.font()),
            (self._side_margin(), self._em()),
            self.thread(),
        )

    def set_script(self, script: str) -> None:
        """View ▸ Read As: the article in `script` (reader.core's SCRIPTS), drawn again where it was."""
        if script != self._script:
            self._script = script
            if self._post is not None:
                self._render(keep_position=True)

    def set_labels(self, labels: dict[str, str]) -> None:
        """Readable category and tag names that arrived after the post was shown (on opening a
        library the post can come before the tree's facets): its header is drawn again if they change it."""
        changed = self._post is not None and header_names(self._post, labels) != header_names(self._post, self._labels)
        self._labels = dict(labels)
        if changed:
            self._render(keep_position=True)

    def show_message(self, title: str, text: str) -> None:
        """Show a notice instead of a post, e.g. when its file vanished."""
        self._post, self._body, self._links, self._message = None, None, (), (title, text)
        self._decoded.clear()
        self._terms = []
        self._render(keep_position=False)

    def clear_post(self) -> None:
        self._post, self._body, self._links, self._message = None, None, (), None
        self._decoded.clear()
        self._terms = []
        self._render(keep_position=False)

    def labels(self) -> dict[str, str]:
        """The readable category and tag names the header shows."""
        return dict(self._labels)

    def original_name(self, name: str) -> str:
        """What an opaque "jblink:N" or "jbimg:N" of the page stands for, as the post wrote it ("" if nothing)."""
        if name.startswith(f"{IMAGE_SCHEME}:") and self._body is not None:
            try:
                return self._body.images[int(name.split(":", 1)[1])].src
            except (ValueError, IndexError):
                return ""
        return self._original_href(name)

    def set_idle_page(self, page: str, shown: bool = True) -> None:
        """The page (article_html.summary_page) to show while no post is open; drawn now if `shown` (not while a
        post is on its way: the article restored at start, whose body comes after the tree's summary)."""
        self._idle_page = page
        if shown and self._post is None and self._message is None:
            self._render(keep_position=False)

    def current_post(self) -> Post | None:
        return self._post

    def _render(
        self, keep_position: bool, fraction: float | None = None, again: bool = True, ready: PageDocument | None = None
    ) -> None:
        if fraction is None:
            fraction = self.scroll_fraction() if keep_position else 0.0
        self._rendering = True
        try:
            style = self._style()
            self._fit_width, self._widest = self._image_width(), 0
            if self._post is not None and self._body is not None:
                page = post_page(self._post, self._body, self._labels, self.highlight_notice(), self._script)
            elif self._message is not None:
                page = message_page(*self._message)
            else:
                page = self._idle_page
            if ready is not None and (ready.page, ready.style, ready.font) == (page, style, self.font()):
                self._adopt(ready.document)
            else:
                self.document().setDefaultStyleSheet(style)
                self.setHtml(page)
                self.document().setBaseUrl(QUrl())
            self._apply_margins()
        finally:
            self._rendering = False
        if self._paint_highlights() and again:  # the number of detached highlights changed: the header says it
            self._render(keep_position, fraction, again=False)
            return
        self._find_hits()
        self.set_scroll_fraction(fraction)

    def _adopt(self, document: QTextDocument) -> None:
        """Show a page parsed on a worker: its document becomes the view's (Qt deletes the view's first one)."""
        previous, self._adopted = self._adopted, document
        document.setParent(self)  # QTextDocument asks its parent's loadResource for images, as the view's own does
        self.setDocument(document)
        if previous is not None:
            previous.deleteLater()

    def _style(self) -> str:
        return stylesheet(self._colors(), self._mono_families(), self._look)

    def _colors(self) -> Colors:
        pal = self.palette()
        text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
        orange = QColor(230, 150, 0)
        return Colors(
            text=text.name(),
            base=base.name(),
            link=pal.color(QPalette.ColorRole.Link).name(),
            muted=images.blend(text, base, 0.4).name(),
            border=images.blend(base, text, 0.3).name(),
            code_bg=images.blend(base, text, 0.07).name(),
            quote_bg=images.blend(base, pal.color(QPalette.ColorRole.Link), 0.08).name(),
            notice_bg=images.blend(base, orange, 0.2).name(),
            notice_border=images.blend(base, orange, 0.7).name(),
            badge_bg=orange.name(),
            badge_text="#000000",
        )

    @staticmethod
    def _mono_families() -> tuple[str, ...]:
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        return tuple(dict.fromkeys((fixed, "DejaVu Sans Mono", "Menlo", "Consolas", "monospace")))

    # --- layout: a readable column ----------------------------------------------------------
    def _em(self) -> float:
        # From the point size, not from a glyph: a missing CJK font would measure a fallback box.
        return self.document().defaultFont().pointSizeF() * self.logicalDpiY() / 72

    def _side_margin(self) -> float:
        em = self._em()
        return max(em, (self.viewport().width() - self._look.width_em * em) / 2)

    def _image_width(self) -> int:
        """The width an image may take: the text column, at most MAX_IMAGE_WIDTH."""
        column = self.viewport().width() - 2 * self._side_margin()
        return int(max(32, min(column, images.MAX_IMAGE_WIDTH)))

    def _apply_margins(self) -> None:
        set_margins(self.document(), self._side_margin(), self._em())

    def resizeEvent(self, event) -> None:
        fraction = self.scroll_fraction()
        super().resizeEvent(event)
        self._apply_margins()
        width = self._image_width()
        # Images were scaled for the old column: render again once the resizing settles.
        if width != self._fit_width and (self._widest > min(width, self._fit_width)):
            self._refit_timer.start()
        if self._pending_fraction is not None:
            self.set_scroll_fraction(self._pending_fraction)
        elif fraction:
            self.set_scroll_fraction(fraction)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._rendering:
            self._render(keep_position=True)  # light/dark switch: colours live in the style sheet

    # --- resources: nothing outside the library, nothing from the network --------------------
    def loadResource(self, type, name: QUrl):  # `type`: Qt's parameter name
        # Never return None: QTextDocument would then read file: URLs itself (checked on Qt 6.12),
        # and never call the base class, which reads local files and search paths.
        if int(getattr(type, "value", type)) != QTextDocument.ResourceType.ImageResource.value:
            return ""
        if name.scheme() != IMAGE_SCHEME or not self._body:
            return self._placeholder("blocked", self.tr("blocked: {0}").format(name.toString()[:80]))
        try:
            ref = self._body.images[int(name.path())]
        except (ValueError, IndexError):
            return self._placeholder("blocked", self.tr("blocked: {0}").format(name.toString()[:80]))
        return self._image(int(name.path()), ref)

    def _image(self, index: int, ref: ImageRef) -> QImage:
        source = image_source(self._resolve, self._post.meta.path if self._post else "", ref.src)
        if source.kind == "local" and source.path is not None:
            return self._local_image(index, source.path, ref)
        if source.kind == "remote":
            return self._placeholder("remote", ref.alt or source.name, ref, source.host)
        if source.name == "data:":
            return self._placeholder("blocked", self.tr("blocked: data: image"), ref)
        if source.kind == "blocked":
            return self._placeholder("blocked", self.tr("blocked: {0}").format(source.name), ref)
        return self._placeholder("missing", self.tr("image missing: {0}").format(source.name), ref)

    def _resolve(self, src: str) -> Path | None:
        if self._library is None or self._post is None:
            return None
        try:
            path = self._library.resolve_resource(self._post.id, src)
        except Exception:  # a core bug must cost one image, not the article
            log.exception("resolve_resource failed for %r", src)
            return None
        if path is None:
            return None
        root = getattr(self._library, "root", None)
        # Defence in depth: the core promises a path inside the library; check it without following links.
        if root is not None and not Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root)):
            log.warning("resolve_resource returned %s, outside %s", path, root)
            return None
        return Path(path)

    def _local_image(self, index: int, path: Path, ref: ImageRef) -> QImage:
        image = self._decoded.get(index)
        if image is None:
            image = images.decode(path)
            if image is None:
                return self._placeholder("unreadable", self.tr("image unreadable: {0}").format(path.name), ref)
            self._decoded[index] = image
        wanted = ref.width or image.width()
        self._widest = max(self._widest, wanted)
        return images.fit(image, min(wanted, self._fit_width), self.devicePixelRatioF())

    def _placeholder(self, kind: str, text: str, ref: ImageRef | None = None, host: str = "") -> QImage:
        """A box sized like the image would have been, saying what it was and why it is not shown."""
        width = min(ref.width if ref and ref.width else 360, self._fit_width or 360, images.MAX_IMAGE_WIDTH)
        height = 72
        if ref and ref.width and ref.height:
            height = max(48, min(round(ref.height * width / ref.width), 400))
        self._widest = max(self._widest, (ref.width or 0) if ref else 0)
        lines = [text] + ([f"({host})"] if host else [])
        if kind == "remote":
            lines = [text or self.tr("image")] + ([self.tr("{0} (not loaded)").format(host)] if host else [])
        return images.placeholder(kind, lines, width, height, self.palette(), self.font(), self.devicePixelRatioF())

    # --- links ------------------------------------------------------------------------------
    def _original_href(self, url: QUrl | str) -> str:
        url = QUrl(url) if isinstance(url, str) else url
        if url.scheme() == LINK_SCHEME:
            try:
                return self._links[int(url.path())]
            except (ValueError, IndexError):
                return ""
        if url.scheme() in ("category", "tag"):
            return url.toString()
        return url.toString() if not url.isEmpty() else ""

    def _on_hover(self, url: QUrl) -> None:
        href = self._original_href(url)
        self._hovering = bool(href)
        self.linkHovered.emit(href)

    def leaveEvent(self, event) -> None:
        # QTextBrowser says a link is left only on a move inside the view: not when the pointer leaves it.
        if self._hovering:
            self._hovering = False
            self.linkHovered.emit("")
        super().leaveEvent(event)

    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme in ("category", "tag"):
            key = url.path(QUrl.ComponentFormattingOption.FullyDecoded)
            (self.categoryRequested if scheme == "category" else self.tagRequested).emit(key)
            return
        if url.toString() == SHOW_ALL_HREF and self._post is not None:
            self.fullPostRequested.emit(self._post.id)
            return
        href = self._original_href(url)
        if scheme != LINK_SCHEME or not href:
            self._refuse(self.tr("Link not followed: {0}").format(url.toString()[:120]))
            return
        self._follow(href)

    def _follow(self, href: str) -> None:
        target = target_without_index(href)  # without a library: anchors and outside links only
        if self._library is not None and self._post is not None:
            try:
                target = self._library.resolve_link(self._post.id, href)
            except Exception:
                log.exception("resolve_link failed for %r", href)
                self._refuse(self.tr("Could not follow the link {0}").format(href[:120]))
                return
        kind, post_id, key, url = target.kind, target.post_id, target.key, target.url
        if kind == "post" and post_id is not None:
            self.postRequested.emit(post_id)
        elif kind == "category" and key:
            self.categoryRequested.emit(key)
        elif kind == "tag" and key:
            self.tagRequested.emit(key)
        elif kind == "anchor":
            if key:
                self.scrollToAnchor(key)
        elif kind == "external" and url:
            qurl = QUrl(url, QUrl.ParsingMode.StrictMode)
            if qurl.isValid() and qurl.scheme().lower() in SAFE_SCHEMES:
                self.externalRequested.emit(qurl)
            else:
                self._refuse(self.tr("Link refused (only http, https and mailto open outside): {0}").format(url[:120]))
        elif kind == "missing":
            self._refuse(self.tr("The link leads to nothing in this library: {0}").format(href[:120]))
        else:
            self._refuse(self.tr("Link refused: {0}").format(href[:120]))

    def _refuse(self, sentence: str) -> None:
        log.info("%s", sentence)
        self.linkRefused.emit(sentence)

    def contextMenuEvent(self, event) -> None:
        self.context_point = event.pos()  # the commands of the menu act on what is there (a highlight)
        menu = self.createStandardContextMenu(event.pos())
        href = self._original_href(QUrl(self.anchorAt(event.pos())))
        for action in menu.actions():
            if action.objectName() == "link-copy":  # Qt's own action would copy our opaque "jblink:N"
                copy = QAction(action.text(), menu)
                copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(href))
                menu.insertAction(action, copy)
                menu.removeAction(action)
        if self.context_actions:
            menu.addSeparator()
            menu.addActions(self.context_actions)
        menu.exec(event.globalPos())
        self.context_point = None
        menu.deleteLater()

    # --- preferences: fonts, column, line height, font size --------------------------------------
    def look(self) -> Look:
        return self._look

    def set_look(self, look: Look) -> None:
        """Show the open page again with the new fonts, width and line height, where the reader was."""
        if look == self._look:
            return
        self._look = look
        font = QFont(self.font())
        font.setFamilies(list(look.families(CJK_FONT_FAMILIES)))  # the summary and message pages
        self.setFont(font)
        self._render(keep_position=True)

    def font_size(self) -> float:
        return self.font().pointSizeF()

    def set_font_size(self, pt: float) -> None:
        pt = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, float(pt)))
        if math.isclose(pt, self.font_size()):
            return
        fraction = self.scroll_fraction()
        font = QFont(self.font())
        font.setPointSizeF(pt)
        self.setFont(font)
        self._apply_margins()
        if self._image_width() != self._fit_width and self._widest:
            self._refit_timer.start()
        self.set_scroll_fraction(fraction)
        self.fontSizeChanged.emit(pt)

    def zoom_in(self) -> None:
        self.set_font_size(self.font_size() + 1)

    def zoom_out(self) -> None:
        self.set_font_size(self.font_size() - 1)

    def reset_zoom(self) -> None:
        self.set_font_size(self.default_font_size)

    def wheelEvent(self, event) -> None:
        # QTextEdit's own Ctrl+wheel zoom bypasses set_font_size (no signal, no margins).
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_in() if delta > 0 else self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)
