"""House rules read from the source: every `# noqa` says why beside it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOQA = re.compile(r"#\s*noqa(?::\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)?(.*)$")


def test_every_noqa_gives_its_reason():
    bare = []
    for folder in ("reader", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                match = NOQA.search(line)
                if match and not re.search(r"\w", match.group(1)):
                    bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert bare == [], "a `# noqa` needs its reason beside it (`# noqa: E731 - why`):\n" + "\n".join(bare)
