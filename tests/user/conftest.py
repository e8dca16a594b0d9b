"""Fixtures of the user-level suite: one virtual X server for the session, apps started on it, and
libraries to open (the shared corpus, read-only, and a generated one with a 500 KB post)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import BIG_POST_500K, add_big_post, generate
from tests.user.harness import REPO, App, XServer, missing_tools

GENERATED_POSTS = 3000  # a cold index of these takes a few seconds: long enough to quit in the middle


@pytest.fixture(scope="session")
def xserver():
    """Xvfb for the whole session. Without Xvfb or xdotool every test here fails, saying what to install."""
    missing = missing_tools()
    if missing:
        pytest.fail(missing, pytrace=False)
    server = XServer()
    yield server
    server.stop()


@pytest.fixture
def start_app(xserver, tmp_path):
    """start_app(PATH, data=None) -> a running App on the X server; stopped after the test."""
    apps: list[App] = []

    def start(*paths: Path, data: Path | None = None) -> App:
        app = App(xserver, data or tmp_path / f"data-{len(apps)}", *map(str, paths))
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.stop()


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> tuple[Path, Path]:
    """A generated finews-like library with the 500 KB post, and a data dir with its index built."""
    base = tmp_path_factory.mktemp("generated")
    library = generate(base / "library", GENERATED_POSTS)
    add_big_post(library, BIG_POST_500K)
    data = base / "indexed-data"
    subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data), "index", str(library)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return library, data


@pytest.fixture
def indexed_copy(generated, tmp_path) -> Path:
    """A data dir of the test's own, holding the generated library's finished index."""
    return Path(shutil.copytree(generated[1], tmp_path / "indexed-data"))


_FIGURES: dict[str, float] = {}


@pytest.fixture
def figures() -> dict[str, float]:
    """Measured figures a test reports; printed in the session's summary."""
    return _FIGURES


def pytest_terminal_summary(terminalreporter) -> None:
    if _FIGURES:
        terminalreporter.section("tests/user: measured in the real window")
        for name, value in _FIGURES.items():
            terminalreporter.write_line(f"{name}: {value:,}")
