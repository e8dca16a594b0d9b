"""Entry script of the PyInstaller app: the same `main()` as the `jianbao` command."""

import sys

from reader.app.main import main

# The guard matters: indexing workers are spawned processes that re-run this script, and
# main() calls multiprocessing.freeze_support() so that they become workers, not second apps.
if __name__ == "__main__":
    sys.exit(main())
