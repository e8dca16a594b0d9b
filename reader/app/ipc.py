"""Single instance: a second launch hands its paths to the running app over a QLocalServer."""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import socket as pysocket
import stat
import struct
import sys
import tempfile
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ..paths import AppPaths

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 1024 * 1024  # a file manager can pass thousands of paths; nothing needs more
CONNECT_TIMEOUT_MS = 300
WRITE_TIMEOUT_MS = 500
READ_TIMEOUT_MS = 3000  # a client that connects and never finishes its line is dropped


class ProtocolError(ValueError):
    """A message on the socket that is not a valid request; the text says what is wrong."""


@dataclass(frozen=True)
class Request:
    """What a second launch asks for: open `paths`, relative ones against `cwd`."""

    cwd: str
    paths: tuple[str, ...]


def socket_name(data_dir: str | os.PathLike[str] | None = None) -> str | None:
    """The server name for this user and data dir: two data dirs are two independent apps.

    On Unix the socket goes in a folder private to the user (see private_folder): a name in the
    shared temp folder could be taken first by another user, who would then receive our paths.
    None when there is no such folder: the app then runs without a single instance.
    """
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (containers): the uid is as good
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    data = str(AppPaths.for_user(data_dir).data)
    digest = hashlib.sha256(f"{user}\0{data}".encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = f"jianbao-{digest}"
    if sys.platform == "win32":
        return name  # a named pipe, which UserAccessOption gives this user's ACL
    folder = private_folder()
    return os.path.join(folder, name) if folder else None


def private_folder() -> str | None:
    """$XDG_RUNTIME_DIR, else `<temp>/jianbao-<uid>` made with mode 0700: a folder that this user
    owns and nobody else can enter, checked before each use. None if neither is such a folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _is_private(runtime, repair=False):
        return runtime
    folder = os.path.join(tempfile.gettempdir(), f"jianbao-{os.getuid()}")
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as error:
        log.warning("cannot make the private folder %s: %s", folder, error)
        return None
    if _is_private(folder, repair=True):
        return folder
    log.warning("%s is not a folder private to this user (owner or mode): no single instance", folder)
    return None


def _is_private(folder: str, *, repair: bool) -> bool:
    """A real folder (not a link) owned by this user and closed to others; with `repair`, our own
    folder left open (by a umask, say) is closed instead of refused."""
    try:
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return False
        if info.st_mode & 0o077:
            if not repair:
                return False
            os.chmod(folder, 0o700)
        return True
    except OSError:
        return False


def peer_uid(descriptor: int) -> int | None:
    """The user id of the process at the other end of a connected Unix socket; None if it cannot be
    told (Windows, whose named pipes carry this user's ACL instead)."""
    if sys.platform == "win32":
        return None
    with pysocket.fromfd(descriptor, pysocket.AF_UNIX, pysocket.SOCK_STREAM) as sock:  # a duplicate
        if hasattr(pysocket, "SO_PEERCRED"):  # Linux: struct ucred {pid, uid, gid}
            creds = sock.getsockopt(pysocket.SOL_SOCKET, pysocket.SO_PEERCRED, struct.calcsize("3i"))
            return struct.unpack("3i", creds)[1]
        return _getpeereid(sock.fileno())


def _getpeereid(descriptor: int) -> int:
    """macOS and the BSDs: getpeereid(2) from the C library."""
    import ctypes

    uid, gid = ctypes.c_uint32(), ctypes.c_uint32()
    if ctypes.CDLL(None, use_errno=True).getpeereid(descriptor, ctypes.byref(uid), ctypes.byref(gid)) != 0:
        raise OSError(ctypes.get_errno(), "getpeereid failed")
    return uid.value


def _same_user(socket: QLocalSocket) -> bool:
    """True if the other end of `socket` runs as this user (or cannot be asked, on Windows)."""
    try:
        uid = peer_uid(int(socket.socketDescriptor()))
    except OSError as error:
        log.warning("cannot tell who is at the other end of the single-instance socket: %s", error)
        return False
    return uid is None or uid == os.getuid()


def encode_request(cwd: str, paths: list[str] | tuple[str, ...]) -> bytes:
    """One JSON line: {"version": 1, "cwd": ..., "paths": [...]}."""
    line = json.dumps({"version": PROTOCOL_VERSION, "cwd": cwd, "paths": list(paths)}, ensure_ascii=False)
    return line.encode("utf-8", "surrogateescape") + b"\n"


def decode_request(data: bytes) -> Request:
    """Check and read one message; raises ProtocolError for anything but a valid request."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message too large ({len(data):,} bytes)")
    try:
        message = json.loads(data.decode("utf-8", "surrogateescape"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ProtocolError(f"not JSON: {error}") from None
    except RecursionError:  # "[" * 100_000: json's decoder recurses once per level
        raise ProtocolError("nested too deeply") from None
    if not isinstance(message, dict):
        raise ProtocolError("not a JSON object")
    version = message.get("version")
    if version != PROTOCOL_VERSION:
        raise ProtocolError(f"protocol version {version!r}, expected {PROTOCOL_VERSION}")
    cwd, paths = message.get("cwd"), message.get("paths")
    if not isinstance(cwd, str):
        raise ProtocolError("cwd is not a string")
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ProtocolError("paths is not a list of strings")
    return Request(cwd=cwd, paths=tuple(paths))


def send_to_running(name: str, cwd: str, paths: list[str] | tuple[str, ...]) -> bool:
    """Hand `paths` to the instance listening on `name`. False if none is running (or it died)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        log.debug("no running instance at %s: %s", name, socket.errorString())
        return False
    if not _same_user(socket):
        log.warning("the process listening on %s is not run by this user: nothing sent to it", name)
        socket.abort()
        return False
    socket.write(encode_request(cwd, paths))
    sent = socket.waitForBytesWritten(WRITE_TIMEOUT_MS) or socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(WRITE_TIMEOUT_MS)
    return sent


class Server(QObject):
    """Listens for second launches; emits `requested(Request)` for each valid message.

    The request travels as a Python object: Qt's strings would cut a path at its first byte that is
    not UTF-8 ("caf\\xe9" became "caf", a name of only such bytes ""), and open something else.
    """

    requested = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        # Only this user may connect (on Unix the socket file gets mode 0700 in its own folder).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        """Start listening; a socket left by a crashed instance is removed first. False on failure.

        A live instance is asked first, because with socket options Qt's Unix listen() binds in a
        private folder and renames the socket over the old path: it would silently take over a
        running instance's name instead of failing with AddressInUseError.
        """
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(CONNECT_TIMEOUT_MS):
            probe.abort()
            log.warning("another instance is already listening on %s", self.name)
            return False
        # Nobody answers: whatever is left at the name is a stale socket from a crash.
        QLocalServer.removeServer(self.name)
        if self._server.listen(self.name):
            return True
        log.warning("cannot listen on %s: %s", self.name, self._server.errorString())
        return False

    def full_name(self) -> str:
        return self._server.fullServerName()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if not _same_user(socket):
                log.warning("dropped a connection on the single-instance socket from another user")
                _dispose(socket)
                continue
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._finish(s))
            QTimer.singleShot(READ_TIMEOUT_MS, socket, lambda s=socket: self._drop(s, "timed out"))
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if b"\n" in buffer:
            self._handle(socket, bytes(buffer[: buffer.index(b"\n")]))
        elif len(buffer) > MAX_MESSAGE_BYTES:
            self._drop(socket, f"message larger than {MAX_MESSAGE_BYTES:,} bytes")

    def _finish(self, socket: QLocalSocket) -> None:
        """The client hung up: a last line without its newline still counts."""
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if buffer.strip():
            self._handle(socket, bytes(buffer))
        else:
            self._forget(socket)

    def _handle(self, socket: QLocalSocket, line: bytes) -> None:
        self._forget(socket)
        try:
            request = decode_request(line)
        except ProtocolError as error:
            log.warning("ignored a message on the single-instance socket: %s", error)
            return
        self.requested.emit(request)

    def _drop(self, socket: QLocalSocket, why: str) -> None:
        if socket in self._buffers:
            log.warning("dropped a connection on the single-instance socket: %s", why)
            self._forget(socket)

    def _forget(self, socket: QLocalSocket) -> None:
        if self._buffers.pop(socket, None) is not None:
            _dispose(socket)


def _dispose(socket: QLocalSocket) -> None:
    socket.abort()
    # Out of the server's children first: if the Server is destroyed before the event loop
    # runs, Qt would delete the socket directly with its deferred delete pending, which
    # PySide 6.11 turns into "shared QObject was deleted directly" and a segfault.
    socket.setParent(None)
    socket.deleteLater()
