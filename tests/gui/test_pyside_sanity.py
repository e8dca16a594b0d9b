"""Guards against Qt binding bugs that would crash the whole app, not one feature."""

import subprocess
import sys

CODE = """
import sys
from PySide6.QtCore import QObject, Signal
class O(QObject):
    t = Signal(str)
o = O()
before = sys.getrefcount(True)
for _ in range(1000):
    o.t.emit("x")
print(sys.getrefcount(True) - before)
"""


def test_signal_emit_keeps_reference_counts():
    # PySide6 6.12.0 drops a reference to True on every emit and aborts with
    # "bool_dealloc: deallocating True or False"; pyproject.toml keeps us off it.
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-500:]
    assert abs(int(out.stdout.strip())) < 10
