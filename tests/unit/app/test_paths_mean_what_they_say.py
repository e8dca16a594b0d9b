"""Every path means what it says (issue 11): no path that Qt cannot carry turns into "" or the current
folder, and no root, home or system folder is opened or saved as a library without asking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import settings as S
from reader.app.ipc import Request, Server, send_to_running
from reader.app.locate import locate
from reader.app.open_paths import open_paths, reopen_last

NOT_UTF8 = os.fsdecode(b"caf\xe9 \xff")  # a folder name written on a Latin-1 system


def _warnings() -> list[str]:
    return [
        w.text()
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() != "broadFolderQuestion"
    ]


@pytest.mark.parametrize(
    "raw, cwd, says",
    [
        ("", "/", "empty path"),
        ("   ", "/tmp", "empty path"),
        ("file://", "/", "empty path"),
        ("posts/a.md", None, "relative path"),
        ("posts/a.md", "relative/cwd", "relative path"),
        ("\udce9", "/", "not valid UTF-8"),
        ("\ud800.md", "/", "not valid UTF-8"),  # a lone surrogate from JSON's "\ud800"
        ("a.md", "/tmp/" + NOT_UTF8, "not valid UTF-8"),
    ],
)
def test_a_path_that_says_nothing_is_refused_never_the_current_folder(raw, cwd, says):
    target = locate(raw, cwd)
    assert target.kind == "error" and target.library is None
    assert says in target.message


def test_a_real_folder_whose_name_is_not_utf8_is_refused_by_name(tmp_path):
    folder = os.fsencode(tmp_path) + b"/caf\xe9 \xff"
    os.mkdir(folder)
    open(folder + b"/a.md", "wb").close()
    target = locate(os.fsdecode(folder))
    assert target.kind == "error"
    assert "caf\\xe9 \\xff cannot be opened: its name is not valid UTF-8" in target.message


def test_a_second_launch_path_reaches_the_window_whole(qtbot, tmp_path):
    """Qt's strings cut "café\\xff" at its first bad byte; a name of only such bytes became ""."""
    server = Server(str(tmp_path / "sock"))
    assert server.listen()
    try:
        with qtbot.waitSignal(server.requested, timeout=3000) as blocker:
            assert send_to_running(server.name, "/", ["\udce9", "/tmp/" + NOT_UTF8])
    finally:
        server.close()
    assert blocker.args == [Request("/", ("\udce9", "/tmp/" + NOT_UTF8))]


def test_an_undecodable_path_from_a_second_launch_opens_nothing(make_window, library_dir, qtbot):
    # The launch was made in the library's folder: before, "\udce9" arrived as "" and opened it.
    window = make_window(start=False)
    targets = open_paths(window, ["\udce9"], str(library_dir))
    assert [t.kind for t in targets] == ["error"]
    assert window.library is None
    assert window.settings.window.get(S.LAST_LIBRARY) == ""
    qtbot.waitUntil(lambda: any("\\xe9 cannot be opened" in text for text in _warnings()), timeout=2000)


def test_the_root_is_not_opened_when_the_user_says_no(make_window, answer):
    window = make_window(start=False)
    asked = answer("Cancel")
    open_paths(window, ["/"], "/")
    assert len(asked) == 1 and asked[0].startswith("/ is the top of a disk")
    assert window.library is None
    assert window.settings.window.get(S.LAST_LIBRARY) == ""
    assert "/" not in window.settings.window.get(S.RECENT_LIBRARIES)


def test_the_home_folder_opens_and_is_saved_only_when_the_user_says_yes(make_window, library_dir, monkeypatch, answer):
    monkeypatch.setenv("HOME", str(library_dir))
    window = make_window(start=False)
    asked = answer("Cancel")
    open_paths(window, ["~"], "/")
    assert asked and "is your home folder" in asked[0] and window.library is None
    asked = answer("Open Anyway")
    open_paths(window, [str(library_dir)], "/")
    assert len(asked) == 1 and window.library.root == library_dir.resolve()
    assert window.settings.window.get(S.LAST_LIBRARY) == str(library_dir.resolve())
    open_paths(window, [str(library_dir / "_posts")], "/")  # the open library is not asked about again
    assert len(asked) == 1


def test_a_saved_root_is_not_reopened_without_asking(make_window, answer, tmp_path):
    window = make_window(start=False)
    window.settings.window.set(S.LAST_LIBRARY, "/")  # as the bug saved it
    asked = answer("Cancel")
    reopen_last(window)
    assert len(asked) == 1
    assert window.library is None or window.library.root != Path("/")
    assert window.settings.window.get(S.LAST_LIBRARY) == ""


def test_a_saved_root_does_not_claim_every_file(tmp_path):
    lone = tmp_path / "downloads" / "读我.md"
    lone.parent.mkdir()
    lone.write_text("# 读我\n", encoding="utf-8")
    (tmp_path / "downloads" / "setup.exe").write_bytes(b"x")
    assert locate(str(lone), known_libraries=["/", str(Path.home())]).kind == "lone"
