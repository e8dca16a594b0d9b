"""`python -m reader` starts the desktop app."""

import sys

from reader.app.main import main

sys.exit(main())
