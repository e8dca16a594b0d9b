"""`python -m reader` starts the desktop app."""

import sys

from reader.app.main import main

# The guard matters: indexing workers are spawned processes that import this module as
# "__mp_main__", and must not start a second app each.
if __name__ == "__main__":
    sys.exit(main())
