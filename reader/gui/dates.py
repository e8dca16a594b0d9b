"""Dates as the interface language writes them: "2025年6月", "2022年1月21日 15:01" (the patterns are translations)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:[T ](\d{1,2}):(\d{2}))?")


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def _parts(iso: str) -> tuple[int, ...] | None:
    match = _ISO.match(iso.strip())
    return tuple(int(g) if g else 0 for g in match.groups()) if match else None


def format_year(key: str) -> str:
    """ "2025" -> "2025" in English, "2025年" in Chinese."""
    return translate("Dates", "{year}").format(year=key) if key.isdigit() else key


def format_month(key: str | None) -> str:
    """ "2025-06" -> "2025-06" in English, "2025年6月" in Chinese; anything else as it is."""
    parts = _parts(key or "")
    if parts is None or not parts[1]:
        return key or ""
    return translate("Dates", "{year}-{month:02}").format(year=parts[0], month=parts[1])


def format_date(iso: str | None) -> str:
    """ "2022-01-21T15:01:08+08:00" -> "2022-01-21 15:01" / "2022年1月21日 15:01"; midnight and
    date-only values leave the time out; what is not a date stays as it is."""
    parts = _parts(iso or "")
    if parts is None or not parts[2]:
        return format_month(iso) if parts and parts[1] else (iso or "")
    year, month, day, hour, minute = parts
    values = {"year": year, "month": month, "day": day, "hour": hour, "minute": minute}
    if (hour, minute) != (0, 0):
        return translate("Dates", "{year}-{month:02}-{day:02} {hour:02}:{minute:02}").format(**values)
    return translate("Dates", "{year}-{month:02}-{day:02}").format(**values)
