"""`python -m reader.cli`: the same as `jianbao-cli`."""

import sys

from . import main

sys.exit(main())
