"""The single-instance socket belongs to its user (issue 11): a private folder, the peer's user checked
on both ends, and nested or oversized messages dropped with a log line."""

from __future__ import annotations

import logging
import os
import shutil
import socket as pysocket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from reader.app import ipc
from reader.app.ipc import ProtocolError, Server, decode_request, send_to_running

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets and permissions")


@pytest.fixture
def no_runtime_dir(tmp_path, monkeypatch):
    """No XDG_RUNTIME_DIR, and a shared temp folder of our own (open to all, as /tmp is)."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    shared = tmp_path / "shared tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    return shared


def test_without_a_runtime_dir_the_socket_is_in_a_folder_only_this_user_can_enter(no_runtime_dir, tmp_path):
    name = ipc.socket_name(tmp_path / "data")
    folder = os.path.dirname(name)
    assert os.path.dirname(folder) == str(no_runtime_dir)  # not a predictable name in the shared folder
    info = os.lstat(folder)
    assert stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    assert stat.S_IMODE(info.st_mode) == 0o700


def test_a_folder_taken_first_by_someone_else_is_not_used(no_runtime_dir, tmp_path, monkeypatch, caplog):
    taken = no_runtime_dir / "jianbao-4242"
    taken.mkdir()
    taken.chmod(0o777)  # another user made the folder under the name user 4242 would make
    monkeypatch.setattr(ipc.os, "getuid", lambda: 4242)
    caplog.set_level(logging.WARNING, logger="reader.app.ipc")
    assert ipc.socket_name(tmp_path / "data") is None
    assert any("not a folder private to this user" in r.getMessage() for r in caplog.records)


def test_a_link_in_place_of_the_folder_is_not_followed(no_runtime_dir, tmp_path):
    elsewhere = tmp_path / "attacker"
    elsewhere.mkdir(mode=0o700)
    (no_runtime_dir / f"jianbao-{os.getuid()}").symlink_to(elsewhere)
    assert ipc.socket_name(tmp_path / "data") is None


def test_our_own_folder_left_open_is_closed_before_use(no_runtime_dir, tmp_path):
    folder = no_runtime_dir / f"jianbao-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o755)
    assert os.path.dirname(ipc.socket_name(tmp_path / "data")) == str(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("mode, owner", [(0o700, 4242), (0o755, None)])
def test_a_runtime_dir_of_another_user_or_open_to_others_is_not_used(
    no_runtime_dir, tmp_path, monkeypatch, mode, owner
):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    runtime.chmod(mode)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    if owner is not None:
        monkeypatch.setattr(ipc.os, "getuid", lambda: owner)  # the runtime dir is someone else's
    name = ipc.socket_name(tmp_path / "data")
    assert name is None or not name.startswith(str(runtime))
    assert stat.S_IMODE(runtime.stat().st_mode) == mode  # and it is left as it was
    if owner is None:
        assert os.path.dirname(name) == str(no_runtime_dir / f"jianbao-{os.getuid()}")


def test_peer_uid_is_the_user_at_the_other_end():
    a, b = pysocket.socketpair(pysocket.AF_UNIX)
    with a, b:
        assert ipc.peer_uid(a.fileno()) == os.getuid()


def test_a_client_sends_nothing_to_a_listener_of_another_user(qtbot, tmp_path, monkeypatch, caplog):
    server = Server(str(tmp_path / "sock"))
    assert server.listen()
    caplog.set_level(logging.WARNING, logger="reader.app.ipc")
    try:
        monkeypatch.setattr(ipc.os, "getuid", lambda: 4242)  # the listener is not user 4242
        with qtbot.assertNotEmitted(server.requested, wait=300):
            assert not send_to_running(server.name, "/", ["secret.md"])
    finally:
        server.close()
    assert any("not run by this user: nothing sent" in r.getMessage() for r in caplog.records)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("python3", path="/usr/bin"),
    reason="needs root and a system Python to run a listener as another user",
)
def test_a_listener_run_by_another_real_user_receives_nothing():
    shared = Path(tempfile.mkdtemp(prefix="jianbao-test-", dir="/tmp"))  # reachable by user nobody
    shared.chmod(0o777)
    name, got = shared / "sock", shared / "got"
    listener = (
        "import socket, sys\n"
        "s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)\n"
        "c, _ = s.accept(); c.settimeout(2)\n"
        "try:\n    data = c.recv(100)\nexcept OSError:\n    data = b''\n"
        "open(sys.argv[2], 'wb').write(data)\n"
    )
    proc = subprocess.Popen(["/usr/bin/python3", "-c", listener, str(name), str(got)], user=65534, group=65534, cwd="/")
    try:
        deadline = time.monotonic() + 10
        while not name.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not send_to_running(str(name), "/home/me", ["secret.md"])
        proc.wait(10)
        assert os.stat(name).st_uid == 65534
        assert got.read_bytes() == b""  # the stranger accepted the connection and was told nothing
    finally:
        proc.kill()
        shutil.rmtree(shared)


def test_a_server_drops_a_client_of_another_user(qtbot, tmp_path, monkeypatch, caplog):
    server = Server(str(tmp_path / "sock"))
    assert server.listen()
    caplog.set_level(logging.WARNING, logger="reader.app.ipc")
    client = QLocalSocket()
    client.connectToServer(server.name)
    assert client.waitForConnected(1000)
    try:
        monkeypatch.setattr(ipc.os, "getuid", lambda: 4242)
        client.write(ipc.encode_request("/", ["a.md"]))
        client.waitForBytesWritten(1000)
        with qtbot.assertNotEmitted(server.requested, wait=300):
            pass
    finally:
        server.close()
    assert any("from another user" in r.getMessage() for r in caplog.records)


def test_a_deeply_nested_message_is_refused_not_raised():
    with pytest.raises(ProtocolError, match="nested too deeply"):
        decode_request(b"[" * 100_000)
    with pytest.raises(ProtocolError, match="nested too deeply"):
        decode_request(b'{"version": 1, "cwd": "/", "paths": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")


@pytest.mark.parametrize("message", [b"[" * 100_000 + b"\n", b"{" * 50_000 + b"\n"])
def test_a_nested_flood_on_the_socket_is_dropped_with_a_log_line(qtbot, tmp_path, caplog, message):
    server = Server(str(tmp_path / "sock"))
    assert server.listen()
    caplog.set_level(logging.WARNING, logger="reader.app.ipc")
    try:
        client = QLocalSocket()
        client.connectToServer(server.name)
        assert client.waitForConnected(1000)
        with qtbot.assertNotEmitted(server.requested, wait=300):
            client.write(message)
            client.waitForBytesWritten(1000)
        qtbot.waitUntil(lambda: any("ignored a message" in r.getMessage() for r in caplog.records), timeout=3000)
        with qtbot.waitSignal(server.requested, timeout=3000):  # and the server still works
            assert send_to_running(server.name, "/", ["a.md"])
    finally:
        server.close()
