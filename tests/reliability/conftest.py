"""Fixtures for the reliability tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """Where the program keeps its index and reading state in a test (never the library)."""
    return tmp_path / "appdata"
