"""Every path the program writes to, computed in one place (platformdirs, or --data-dir)."""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import reader

try:  # the interpreter's own SHA-256 (_sha2 from Python 3.12): hashlib's loads OpenSSL, 3-4 ms of a CLI command
    sha256 = importlib.import_module("_sha2" if sys.version_info >= (3, 12) else "_sha256").sha256
except ImportError:
    from hashlib import sha256

_APP = "jianbao"


@dataclass(frozen=True)
class AppPaths:
    """Where the index cache, the user data (reading state), the settings and the log live."""

    cache: Path
    data: Path
    config: Path
    log: Path

    @classmethod
    def for_user(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        """The platform's standard folders, or everything under `data_dir` when given."""
        if data_dir is not None:
            base = Path(data_dir).expanduser().resolve()
            return cls(cache=base / "cache", data=base / "data", config=base / "config", log=base / "log")
        import platformdirs  # only here: it imports tempfile and random, 6 ms of a CLI command run with --data-dir

        return cls(
            cache=Path(platformdirs.user_cache_dir(_APP, appauthor=False)),
            data=Path(platformdirs.user_data_dir(_APP, appauthor=False)),
            config=Path(platformdirs.user_config_dir(_APP, appauthor=False)),
            log=Path(platformdirs.user_log_dir(_APP, appauthor=False)),
        )

    def index_file(self, library_root: Path) -> Path:
        """The SQLite index of one library: a cache, named after the library's real path."""
        key = library_key(library_root)
        return self.cache / "indexes" / f"{key}.sqlite"

    @property
    def state_file(self) -> Path:
        """Reading state (read, starred, position) for every library: user data."""
        return self.data / "state.sqlite"


def library_key(library_root: Path) -> str:
    """A stable short key for a library folder, from its resolved path."""
    real = str(Path(library_root).resolve())
    return sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def shipped(*parts: str) -> Path:
    """A file that ships with the app (the sample library, desktop files, icons).

    In a wheel they are inside the package (pyproject maps resources/ and packaging/linux/
    into it); in a source checkout, an editable install or a PyInstaller folder they sit
    beside it.
    """
    package = Path(reader.__file__).resolve().parent
    top, rest = parts[0], parts[1:]
    inside = package / "_shipped" / top
    return inside.joinpath(*rest) if inside.exists() else package.parent.joinpath(*parts)
