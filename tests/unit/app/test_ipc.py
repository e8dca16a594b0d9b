"""The single-instance protocol: messages, garbage, wrong versions, stale sockets, who may connect."""

from __future__ import annotations

import json
import logging
import os
import socket as pysocket
import stat
import sys

import pytest
from PySide6.QtNetwork import QLocalSocket

from reader.app import ipc
from reader.app.ipc import ProtocolError, Request, Server, decode_request, encode_request, send_to_running


@pytest.fixture
def name(tmp_path):
    # A full path keeps every test's socket apart from each other and from a running app.
    return str(tmp_path / "sock")


@pytest.fixture
def server(qtbot, name):
    server = Server(name)
    assert server.listen()
    yield server
    server.close()


def test_a_request_round_trips_with_any_path():
    paths = ["/tmp/剪报 库/第一篇.md", "-leading-dash.md", "a b\tc.md", "\udcff-undecodable.md"]
    data = encode_request("/home/用户", paths)
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    assert json.loads(data.decode("utf-8", "surrogateescape"))["version"] == ipc.PROTOCOL_VERSION
    assert decode_request(data.rstrip(b"\n")) == Request("/home/用户", tuple(paths))


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x00\xff\xfe binary garbage", "not JSON"),
        (b"GET / HTTP/1.1", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"cwd": "/", "paths": []}', "protocol version None"),
        (b'{"version": 2, "cwd": "/", "paths": []}', "protocol version 2"),
        (b'{"version": "1", "cwd": "/", "paths": []}', "protocol version '1'"),
        (b'{"version": 1, "cwd": 5, "paths": []}', "cwd is not a string"),
        (b'{"version": 1, "cwd": "/", "paths": "/etc/passwd"}', "paths is not a list of strings"),
        (b'{"version": 1, "cwd": "/", "paths": [1]}', "paths is not a list of strings"),
        (b" " * (ipc.MAX_MESSAGE_BYTES + 1), "too large"),
    ],
)
def test_invalid_messages_are_refused_with_a_reason(data, reason):
    with pytest.raises(ProtocolError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode_request(data)


def test_a_second_launch_hands_over_its_paths(qtbot, server, name):
    with qtbot.waitSignal(server.requested, timeout=3000) as blocker:
        assert send_to_running(name, "/工作/目录", ["第一篇.md", "-x.md"])
    assert blocker.args == [Request("/工作/目录", ("第一篇.md", "-x.md"))]


def _raw_send(name: str, data: bytes) -> None:
    client = QLocalSocket()
    client.connectToServer(name)
    assert client.waitForConnected(1000)
    client.write(data)
    client.waitForBytesWritten(1000)
    client.disconnectFromServer()


@pytest.mark.parametrize(
    "garbage",
    [
        b"\xff\xfe\x00garbage\n",
        b'{"version": 99, "cwd": "/", "paths": ["/etc/passwd"]}\n',
        b'{"version": 1, "cwd": "/", "paths": [{"nested": true}]}\n',
    ],
)
def test_garbage_is_dropped_with_a_log_line_and_the_server_keeps_working(qtbot, server, name, caplog, garbage):
    caplog.set_level(logging.WARNING, logger="reader.app.ipc")
    with qtbot.assertNotEmitted(server.requested, wait=300):
        _raw_send(name, garbage)
    assert any("ignored a message" in r.getMessage() for r in caplog.records)
    with qtbot.waitSignal(server.requested, timeout=3000) as blocker:
        assert send_to_running(name, "/", ["still.md"])
    assert blocker.args == [Request("/", ("still.md",))]


def test_a_last_line_without_newline_still_counts(qtbot, server, name):
    with qtbot.waitSignal(server.requested, timeout=3000) as blocker:
        _raw_send(name, encode_request("/", ["a.md"]).rstrip(b"\n"))
    assert blocker.args == [Request("/", ("a.md",))]


def test_an_endless_message_is_cut_off(qtbot, server, name, caplog, monkeypatch):
    monkeypatch.setattr(ipc, "MAX_MESSAGE_BYTES", 1000)
    caplog.set_level(logging.WARNING, logger="reader.app.ipc")
    client = QLocalSocket()
    client.connectToServer(name)
    assert client.waitForConnected(1000)
    with qtbot.assertNotEmitted(server.requested, wait=300):
        client.write(b"x" * 5000)  # never a newline
        client.waitForBytesWritten(1000)
    qtbot.waitUntil(lambda: any("larger than" in r.getMessage() for r in caplog.records), timeout=2000)
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=2000)


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files only")
def test_a_stale_socket_from_a_crash_is_cleaned_up(qtbot, name):
    # What a crashed instance leaves: a socket file nobody listens on.
    stale = pysocket.socket(pysocket.AF_UNIX, pysocket.SOCK_STREAM)
    stale.bind(name)
    stale.close()
    assert stat.S_ISSOCK(os.stat(name).st_mode)
    assert not send_to_running(name, "/", ["a.md"])  # nobody there: the caller starts the app
    server = Server(name)
    assert server.listen()
    try:
        with qtbot.waitSignal(server.requested, timeout=3000):
            assert send_to_running(name, "/", ["a.md"])
    finally:
        server.close()


def test_a_live_instance_is_never_taken_over(qtbot, server, name):
    second = Server(name)
    assert not second.listen()
    with qtbot.waitSignal(server.requested, timeout=3000):
        assert send_to_running(name, "/", ["a.md"])


@pytest.mark.skipif(sys.platform == "win32", reason="Unix permissions")
def test_only_this_user_can_connect(server):
    mode = os.stat(server.full_name()).st_mode
    assert stat.S_ISSOCK(mode)
    assert mode & (stat.S_IRWXG | stat.S_IRWXO) == 0


def test_no_running_instance_means_false_quickly(name):
    assert not send_to_running(name, "/", [])


def test_the_socket_name_depends_on_user_and_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    a, b = ipc.socket_name(tmp_path / "a"), ipc.socket_name(tmp_path / "b")
    assert a != b and a == ipc.socket_name(tmp_path / "a")
    assert os.path.basename(a).startswith("jianbao-")
    monkeypatch.setattr(ipc.getpass, "getuser", lambda: "someone-else")
    assert ipc.socket_name(tmp_path / "a") != a
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
        assert os.path.dirname(ipc.socket_name(tmp_path / "a")) == str(tmp_path)
