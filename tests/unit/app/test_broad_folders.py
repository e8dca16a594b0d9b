"""Tests for reader.app.broad_folders: the root, the home folder, what holds it and system folders are too
broad to open as a library without asking; folders inside them are not."""

from __future__ import annotations

import os
import sys

import pytest

from reader.app import broad_folders
from reader.app.broad_folders import broad_folder_reason


@pytest.mark.parametrize(
    "folder, reason",
    [
        ("/", "the top of a disk"),
        ("/etc", "a system folder"),
        ("/usr", "a system folder"),
        ("/proc/self", "a system folder"),
        ("/dev", "a system folder"),
        ("/sys/kernel", "a system folder"),
        ("/var", "a system folder"),
        ("/bin", "a system folder"),
    ],
)
def test_system_folders_are_too_broad(folder, reason):
    if not os.path.exists(folder):
        pytest.skip(f"{folder} does not exist on this system")
    assert broad_folder_reason(folder) == reason


def test_home_and_its_parents_are_too_broad_its_folders_are_not(tmp_path, monkeypatch):
    home = tmp_path / "users" / "剪报用户"
    (home / "blog").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert broad_folder_reason(home) == "your home folder"
    assert broad_folder_reason(home.parent) == "a folder that holds the home folders"
    assert broad_folder_reason(home / "blog") is None
    assert broad_folder_reason("/usr/share/doc") is None  # only the system folder itself


def test_a_link_to_a_broad_folder_is_as_broad(tmp_path, monkeypatch):
    home = tmp_path / "home" / "user"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / "to-home").symlink_to(home)
    (tmp_path / "to-root").symlink_to("/")
    assert broad_folder_reason(tmp_path / "to-home") == "your home folder"
    assert broad_folder_reason(tmp_path / "to-root") == "the top of a disk"


def test_a_relative_path_is_judged_where_it_points(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "notes").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "home" / "notes")
    assert broad_folder_reason("..") == "your home folder"
    assert broad_folder_reason(".") is None


@pytest.mark.skipif(sys.platform == "win32", reason="fakes Windows' variables on another system")
def test_windows_system_folders_come_from_its_environment(tmp_path, monkeypatch):
    windows = tmp_path / "Windows"
    windows.mkdir()
    monkeypatch.setattr(broad_folders.sys, "platform", "win32")
    monkeypatch.setenv("SystemRoot", str(windows))
    for name in ("windir", "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "ProgramData", "PUBLIC"):
        monkeypatch.delenv(name, raising=False)
    assert broad_folder_reason(windows) == "a system folder"
    assert broad_folder_reason(windows / "Temp") is None
    assert broad_folder_reason("/etc") is None  # not a system folder there
