"""Draw the app icon (an SVG) and render every PNG, ICO and ICNS from it with Qt: `python packaging/make_icons.py`."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter, QPainterPath, QTransform  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from reader.desktop import APP_ID, ICON_SIZES  # noqa: E402

HICOLOR = HERE / "linux" / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
GLYPH_FONT = "Noto Serif CJK SC"  # OFL; the glyph is stored as an outline, so no font is needed later


def glyph_path(char: str, box: QRectF) -> str:
    """The outline of `char`, fitted into `box`, as SVG path data."""
    font = QFont(GLYPH_FONT)
    font.setPixelSize(200)
    font.setWeight(QFont.Weight.Black)
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, char)
    bounds = path.boundingRect()
    scale = min(box.width() / bounds.width(), box.height() / bounds.height())
    fitted = (
        QTransform()
        .translate(box.center().x(), box.center().y())
        .scale(scale, scale)
        .translate(-bounds.center().x(), -bounds.center().y())
        .map(path)
    )
    parts, i = [], 0
    while i < fitted.elementCount():
        e = fitted.elementAt(i)
        if e.type == QPainterPath.ElementType.MoveToElement:
            parts.append(f"M{e.x:.2f} {e.y:.2f}")
            i += 1
        elif e.type == QPainterPath.ElementType.LineToElement:
            parts.append(f"L{e.x:.2f} {e.y:.2f}")
            i += 1
        else:  # a cubic: this element and the two data elements after it
            c1, c2 = e, fitted.elementAt(i + 1)
            end = fitted.elementAt(i + 2)
            parts.append(f"C{c1.x:.2f} {c1.y:.2f} {c2.x:.2f} {c2.y:.2f} {end.x:.2f} {end.y:.2f}")
            i += 3
    return "".join(parts) + "Z"


def svg_text() -> str:
    """A newspaper clipping with a scissor-cut edge on a red tile, 剪 printed on it."""
    # The clipping's cut edges zigzag, like paper cut with pinking shears.
    teeth = [f"{100 - 4 * (k % 2)},{22 + 6 * k}" for k in range(15)]
    clipping = "M30,22 L100,22 " + " ".join(f"L{t}" for t in teeth) + " L100,106 L30,106 Z"
    glyph = glyph_path("剪", QRectF(40, 30, 48, 48))
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <title>Jianbao Reader</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#d4543c"/>
      <stop offset="1" stop-color="#a63221"/>
    </linearGradient>
  </defs>
  <rect x="6" y="6" width="116" height="116" rx="26" fill="url(#tile)"/>
  <g transform="rotate(-7 64 64)">
    <path d="{clipping}" fill="#000" opacity="0.18" transform="translate(3 4)"/>
    <path d="{clipping}" fill="#fbf6ea"/>
    <path d="{glyph}" fill="#1f1f1f"/>
    <rect x="40" y="84" width="48" height="4" rx="2" fill="#9a9284"/>
    <rect x="40" y="93" width="34" height="4" rx="2" fill="#b9b2a4"/>
  </g>
</svg>
"""


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts need an application
    SVG.parent.mkdir(parents=True, exist_ok=True)
    SVG.write_text(svg_text(), encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.read_bytes()))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: Qt cannot render it")
    for size in ICON_SIZES:
        out = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        render(renderer, size).save(str(out), "PNG")
    # Qt's image format plugins write both: ICO (largest 256) for Windows, ICNS for macOS.
    render(renderer, 256).save(str(HERE / "windows" / "jianbao.ico"), "ICO")
    render(renderer, 512).save(str(HERE / "macos" / "jianbao.icns"), "ICNS")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
