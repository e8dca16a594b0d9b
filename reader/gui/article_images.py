"""Images for the article view: decoding library files at a capped size, and drawn placeholders."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QPalette

log = logging.getLogger(__name__)

MAX_IMAGE_WIDTH = 1600  # logical px: nothing is decoded or shown wider
PLACEHOLDER_KEY = "jianbao-placeholder"  # QImage text key naming why an image is a placeholder


def blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def decode(path: Path) -> QImage | None:
    """The image file at `path`, at most MAX_IMAGE_WIDTH wide, or None if it cannot be read."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > MAX_IMAGE_WIDTH:
        # Decode straight to the capped size where the format allows (JPEG does).
        reader.setScaledSize(size.scaled(MAX_IMAGE_WIDTH, 1 << 20, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        log.info("cannot read image %s: %s", path, reader.errorString())
        return None
    if image.width() > MAX_IMAGE_WIDTH:
        image = image.scaledToWidth(MAX_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
    return image


def fit(image: QImage, width: int, dpr: float) -> QImage:
    """`image` shown `width` logical pixels wide on a screen of device pixel ratio `dpr`."""
    if width == image.width():
        return image
    shown = image.scaledToWidth(max(1, round(width * dpr)), Qt.TransformationMode.SmoothTransformation)
    shown.setDevicePixelRatio(dpr)  # Qt lays images out at their device-independent size
    return shown


def placeholder(
    kind: str, lines: list[str], width: int, height: int, palette: QPalette, font: QFont, dpr: float
) -> QImage:
    """A light box with `lines` of text that says what an image was and why it is not shown."""
    image = QImage(QSize(round(width * dpr), round(height * dpr)), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    base, fg = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    image.fill(blend(base, fg, 0.06))
    painter = QPainter(image)
    try:
        painter.setPen(blend(base, fg, 0.35))
        painter.drawRect(0, 0, width - 1, height - 1)
        painter.setPen(blend(fg, base, 0.25))
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        painter.setFont(small)
        painter.drawText(
            QRect(8, 4, width - 16, height - 8),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            "\n".join(lines),
        )
    finally:
        painter.end()
    image.setText(PLACEHOLDER_KEY, kind)
    return image
