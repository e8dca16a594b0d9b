"""`python -m reader.cli`: the same as `jianbao-cli`."""

from . import run

run()
