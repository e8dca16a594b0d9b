"""Every path the program writes to, computed in one place (platformdirs, or --data-dir)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

_APP = "jianbao"


@dataclass(frozen=True)
class AppPaths:
    """Where the index cache, the user data (reading state) and the settings live."""

    cache: Path
    data: Path
    config: Path

    @classmethod
    def for_user(cls, data_dir: str | os.PathLike[str] | None = None) -> "AppPaths":
        """The platform's standard folders, or everything under `data_dir` when given."""
        if data_dir is not None:
            base = Path(data_dir).expanduser().resolve()
            return cls(cache=base / "cache", data=base / "data", config=base / "config")
        return cls(
            cache=Path(platformdirs.user_cache_dir(_APP, appauthor=False)),
            data=Path(platformdirs.user_data_dir(_APP, appauthor=False)),
            config=Path(platformdirs.user_config_dir(_APP, appauthor=False)),
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
    return hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:20]
