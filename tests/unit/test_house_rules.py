"""House rules read from the source: every `# noqa` says why beside it."""

import ast
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


TRANSACTION_SQL = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|END)(\s+(IMMEDIATE|DEFERRED|EXCLUSIVE|TRANSACTION))?\s*;?\s*",
                             re.IGNORECASE)


def test_only_the_transaction_helper_begins_or_ends_a_transaction():
    """One transaction helper (reader/core/transactions.py) for the index and the reading state: no
    other module has a string that is a BEGIN, COMMIT or ROLLBACK statement."""
    found = [f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
             for path in sorted((ROOT / "reader").rglob("*.py")) if path.name != "transactions.py"
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and TRANSACTION_SQL.fullmatch(node.value)]
    assert found == [], "use reader.core.transactions.transaction:\n" + "\n".join(found)
