"""The interface's translations: re-extract resources/translations/*.ts from the code, compile the .qm files.

    python tools/translations.py            # update every .ts from reader/gui and reader/app, compile the .qm
    python tools/translations.py --check    # exit 1 if a .ts lacks a string of the code, has an unfinished
                                            # translation, or a .qm is not compiled from its .ts

Then translate what is new in Qt Linguist (pyside6-linguist) or by hand. English is the source
language; its .ts holds only the plural forms ("%n result(s)" -> "1 result", "2 results").
Both tools ship with PySide6 (pyside6-lupdate, pyside6-lrelease).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("en", "zh_CN", "zh_TW")  # reader.gui.i18n.LANGUAGES
SOURCES = ("reader/gui", "reader/app")
_UNFINISHED = re.compile(r'type="unfinished"|<translation>\s*</translation>|<numerusform>\s*</numerusform>')


def _tool(name: str) -> str:
    """lupdate/lrelease from the PySide6 package (the pyside6-* scripts only wrap them)."""
    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"{name} not found beside PySide6 ({folder})")
    return found


def ts_file(language: str, folder: Path = FOLDER) -> Path:
    return folder / f"jianbao_{language}.ts"


def lupdate(ts: Path, language: str) -> None:
    """Merge the code's strings into `ts` (no line numbers: a moved string changes nothing)."""
    sources = sorted(str(p) for folder in SOURCES for p in (ROOT / folder).glob("*.py"))
    extra = ["-pluralonly"] if language == "en" else []
    subprocess.run(
        [
            _tool("lupdate"),
            "-silent",
            "-locations",
            "none",
            "-no-obsolete",
            *extra,
            "-source-language",
            "en",
            "-target-language",
            language,
            *sources,
            "-ts",
            str(ts),
        ],
        check=True,
        cwd=ROOT,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def problems() -> list[str]:
    """What is out of date: each .ts against a fresh extraction into a copy, each .qm against a fresh compile."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            ts = ts_file(language)
            if not ts.exists():
                found.append(f"{ts.name} is missing")
                continue
            copy = Path(tmp) / ts.name
            shutil.copyfile(ts, copy)
            lupdate(copy, language)
            if copy.read_text(encoding="utf-8") != ts.read_text(encoding="utf-8"):
                found.append(f"{ts.name} is not up to date with the code: run python tools/translations.py")
            unfinished = len(_UNFINISHED.findall(ts.read_text(encoding="utf-8")))
            if unfinished:
                found.append(f"{ts.name} has {unfinished} unfinished translations")
            qm = Path(tmp) / ts.with_suffix(".qm").name
            lrelease(ts, qm)
            shipped = ts.with_suffix(".qm")
            if not shipped.exists() or shipped.read_bytes() != qm.read_bytes():
                found.append(f"{shipped.name} is not compiled from {ts.name}: run python tools/translations.py")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is out of date")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    FOLDER.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        lupdate(ts_file(language), language)
        lrelease(ts_file(language), ts_file(language).with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
