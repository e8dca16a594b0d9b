"""Test set-up for every test: Qt offscreen, and no test ever touches the user's real folders."""

from __future__ import annotations

import os

# Before anything imports Qt: no display is needed, in CI or here.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _temporary_user_dirs(tmp_path_factory, monkeypatch):
    """Point the platform's data, cache and config folders at a fresh temporary folder."""
    base = tmp_path_factory.mktemp("userdirs")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(base / sub))
    yield base
