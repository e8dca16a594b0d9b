"""Test set-up for every test: Qt offscreen, and no test ever touches the user's real folders."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

from tests.corpus import CORPUS, FOUND

# Before anything imports Qt (neither pytest nor the modules above do): no display is needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_CORPUS_TESTS = pytest.StashKey[int]()


# Every test in these folders starts the real app in a process of its own (and tests/user an X
# server): seconds each, so they are `slow` without each file having to say so.
_SLOW_FOLDERS = ("e2e", "user")


def pytest_collection_modifyitems(config, items):
    """Whole folders marked slow; without the real post folders, the tests that need them are left
    out, and counted."""
    tests = Path(__file__).resolve().parent
    for item in items:
        path = item.path.resolve()
        if path.is_relative_to(tests) and path.relative_to(tests).parts[0] in _SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
    needing = [item for item in items if item.get_closest_marker("corpus")]
    config.stash[_CORPUS_TESTS] = len(needing)
    if needing and not FOUND:
        items[:] = [item for item in items if not item.get_closest_marker("corpus")]
        config.hook.pytest_deselected(items=needing)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say plainly whether the real-corpus tests ran, so their absence is never mistaken for a pass."""
    count = config.stash.get(_CORPUS_TESTS, 0)
    if count and not FOUND:
        terminalreporter.write_sep(
            "=",
            f"{count} corpus tests NOT run: {CORPUS} not found; set JIANBAO_CORPUS to the real post folders",
            yellow=True,
            bold=True,
        )
    elif count:
        terminalreporter.write_line(f"{count} corpus tests ran on {CORPUS}")


@pytest.fixture(autouse=True)
def _temporary_user_dirs(tmp_path_factory, monkeypatch):
    """Point the platform's data, cache and config folders at a fresh temporary folder."""
    base = tmp_path_factory.mktemp("userdirs")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(base / sub))
    yield base


# --- No test reaches the network (issue 6): a post must never make the program fetch anything. ---


def _is_local(family, address) -> bool:
    """AF_UNIX sockets and loopback addresses stay allowed (single-instance socket, test servers)."""
    if family == getattr(socket, "AF_UNIX", None) or not isinstance(address, tuple):
        return True
    host = str(address[0])
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a host name: resolving it would already be a network request


@pytest.fixture(autouse=True)
def _no_outbound_connections(monkeypatch):
    """Refuse and record every outbound connection; a test that attempts one fails."""
    attempts: list[str] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create = socket.create_connection

    def connect(self, address):
        if not _is_local(self.family, address):
            attempts.append(f"connect {address!r}")
            raise ConnectionRefusedError(f"tests: outbound connection to {address!r} blocked")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _is_local(self.family, address):
            attempts.append(f"connect_ex {address!r}")
            return 111  # ECONNREFUSED
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        if not _is_local(socket.AF_INET, address):
            attempts.append(f"create_connection {address!r}")
            raise ConnectionRefusedError(f"tests: outbound connection to {address!r} blocked")
        return real_create(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    yield attempts
    if attempts:
        pytest.fail("outbound network connection attempted: " + "; ".join(attempts), pytrace=False)
