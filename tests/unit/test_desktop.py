"""Packaging metadata is source: validated desktop entry and AppStream file, generated document types,
the Windows installer's associations, and `jianbao-cli desktop install | uninstall`."""

from __future__ import annotations

import plistlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import reader
from reader import desktop
from reader.cli import main as cli_main
from reader.core.scanner import HTML_EXTENSIONS, MARKDOWN_EXTENSIONS

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
LINUX = PACKAGING / "linux"


def _tool(name: str) -> str:
    path = shutil.which(name)
    # .ci/run installs desktop-file-utils and appstream; a missing validator is a broken set-up.
    assert path, f"{name} is not installed (apt-get install desktop-file-utils appstream)"
    return path


def _entry(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_the_committed_desktop_entry_is_the_generated_one_and_valid():
    committed = LINUX / desktop.DESKTOP_FILE
    assert committed.read_text(encoding="utf-8") == desktop.desktop_entry()
    entry = _entry(committed.read_text(encoding="utf-8"))
    assert entry["Exec"] == "jianbao -- %F"
    assert entry["Icon"] == reader.APP_ID
    assert set(entry["MimeType"].strip(";").split(";")) == {"text/markdown", "text/x-markdown", "inode/directory"}
    result = subprocess.run([_tool("desktop-file-validate"), str(committed)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_appstream_metainfo_is_valid_and_has_screenshots():
    metainfo = LINUX / desktop.METAINFO_FILE
    text = metainfo.read_text(encoding="utf-8")
    assert f"<id>{reader.APP_ID}</id>" in text and '<screenshot type="default">' in text
    assert f'<launchable type="desktop-id">{desktop.DESKTOP_FILE}</launchable>' in text
    assert f'<release version="{reader.__version__}"' in text
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(metainfo)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_icons_exist_in_every_hicolor_size_and_as_svg():
    from PySide6.QtGui import QImage  # reading PNG sizes; QImage needs no application

    for size in desktop.ICON_SIZES:
        png = LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{reader.APP_ID}.png"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png
    svg = LINUX / "icons" / "hicolor" / "scalable" / "apps" / f"{reader.APP_ID}.svg"
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert (PACKAGING / "windows" / "jianbao.ico").stat().st_size > 0
    assert (PACKAGING / "macos" / "jianbao.icns").stat().st_size > 0


def test_mac_document_types_come_from_the_scanner_extension_list():
    plist = plistlib.loads(plistlib.dumps(desktop.info_plist()))  # it must be plist-serialisable
    assert plist["CFBundleIdentifier"] == reader.APP_ID
    types = plist["CFBundleDocumentTypes"]
    extensions = {e for t in types for e in t.get("CFBundleTypeExtensions", [])}
    assert extensions == {e.lstrip(".") for e in MARKDOWN_EXTENSIONS + HTML_EXTENSIONS}
    assert any("public.folder" in t.get("LSItemContentTypes", []) for t in types)
    assert all(t["CFBundleTypeRole"] == "Viewer" for t in types)
    spec = (PACKAGING / "jianbao.spec").read_text(encoding="utf-8")
    assert "info_plist=info_plist()" in spec  # the bundle uses the generated list, not a copy


def test_the_windows_installer_registers_markdown_with_an_open_with_verb():
    iss = (PACKAGING / "windows" / "jianbao.iss").read_text(encoding="utf-8")
    for ext in MARKDOWN_EXTENSIONS:
        assert f"Software\\Classes\\{ext}\\OpenWithProgids" in iss
    for ext in (".md", ".markdown"):
        assert f"SystemFileAssociations\\{ext}\\shell\\JianbaoReader" in iss
    assert '#define AppName "Jianbao Reader"' in iss and iss.count('ValueData: "{cm:OpenWith}"') == 4
    # The wizard and the names in Chinese too: Inno Setup's official .isl files (since 7.0.2)
    assert 'MessagesFile: "compiler:Languages\\ChineseSimplified.isl"' in iss
    assert 'MessagesFile: "compiler:Languages\\ChineseTraditional.isl"' in iss
    for line in (
        "en.OpenWith=Open with {#AppName}",
        "chinesesimplified.AppName=剪报阅读器",
        "chinesetraditional.AppName=剪報閱讀器",
        "chinesesimplified.OpenWith=用剪报阅读器打开",
    ):
        assert line in iss
    assert f'#define AppVersion "{reader.__version__}"' in iss
    assert '"" -- ""%1""' in iss  # "--" before the file, as on Linux
    assert "[Icons]" in iss and "{uninstallexe}" in iss and "ChangesAssociations=yes" in iss


@pytest.mark.parametrize(
    "arg, quoted",
    [
        ("/usr/bin/jianbao", "/usr/bin/jianbao"),
        ("/home/me/my apps/jianbao", '"/home/me/my apps/jianbao"'),
        ('/opt/a"b$c/jianbao', '"/opt/a\\\\"b\\\\$c/jianbao"'),
    ],
)
def test_exec_paths_are_quoted_as_the_spec_asks(arg, quoted):
    assert desktop._quote_exec(arg) == quoted


class FakeRun:
    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, argv, **_kwargs):
        self.calls.append(list(argv))
        return subprocess.CompletedProcess(argv, 0, "", "")


def test_install_default_and_uninstall(tmp_path):
    home, config = tmp_path / "share", tmp_path / "config"
    run = FakeRun()
    done = desktop.install(default=True, home=home, command='"/opt/剪 报/jianbao"', run=run)
    entry = home / "applications" / desktop.DESKTOP_FILE
    assert _entry(entry.read_text(encoding="utf-8"))["Exec"] == '"/opt/剪 报/jianbao" -- %F'
    result = subprocess.run([_tool("desktop-file-validate"), str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    for dest, _source in desktop.installed_files(home):
        assert dest.is_file(), dest
    assert ["xdg-mime", "default", desktop.DESKTOP_FILE, "text/markdown", "text/x-markdown"] in run.calls
    assert not any("inode/directory" in call for call in run.calls)  # folders stay the file manager's
    assert any(line.startswith("made Jianbao Reader the default") for line in done)

    config.mkdir()
    (config / "mimeapps.list").write_text(
        "[Default Applications]\n"
        f"text/markdown={desktop.DESKTOP_FILE};\n"
        f"text/x-markdown=org.gnome.TextEditor.desktop;{desktop.DESKTOP_FILE};\n"
        "text/plain=org.gnome.TextEditor.desktop;\n",
        encoding="utf-8",
    )
    desktop.uninstall(home=home, config=config, run=run)
    assert not any(dest.exists() for dest, _ in desktop.installed_files(home))
    assert (config / "mimeapps.list").read_text(encoding="utf-8") == (
        "[Default Applications]\n"
        "text/x-markdown=org.gnome.TextEditor.desktop;\n"
        "text/plain=org.gnome.TextEditor.desktop;\n"
    )


def test_the_cli_installs_under_xdg_data_home(_temporary_user_dirs, capsys):
    # conftest points XDG_DATA_HOME at a temporary folder: nothing touches the real ~/.local/share.
    home = desktop.data_home()
    assert home == _temporary_user_dirs / "data"
    assert cli_main(["desktop", "install"]) == 0
    out = capsys.readouterr().out
    entry = home / "applications" / desktop.DESKTOP_FILE
    assert f"installed {entry}" in out
    assert re.search(r"^Exec=.+ -- %F$", entry.read_text(encoding="utf-8"), re.M)
    assert cli_main(["desktop", "uninstall"]) == 0
    assert not entry.exists()
    assert f"removed {entry}" in capsys.readouterr().out
