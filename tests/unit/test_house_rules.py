"""House rules read from the source: every `# noqa` says why beside it; functions under 60 lines and
modules under 500; one transaction helper."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOQA = re.compile(r"#\s*noqa(?::\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)?(.*)$")


def _sources() -> list[Path]:
    """Every Python file of ours: the package, its tests, the benchmarks and the tools."""
    return [
        path
        for folder in ("reader", "tests", "bench", "tools")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "_shipped" not in path.parts
    ]


def test_every_noqa_gives_its_reason():
    bare = []
    for path in _sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = NOQA.search(line)
            if match and not re.search(r"\w", match.group(1)):
                bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert bare == [], "a `# noqa` needs its reason beside it (`# noqa: E731 - why`):\n" + "\n".join(bare)


TRANSACTION_SQL = re.compile(
    r"\s*(BEGIN|COMMIT|ROLLBACK|END)(\s+(IMMEDIATE|DEFERRED|EXCLUSIVE|TRANSACTION))?\s*;?\s*", re.IGNORECASE
)


def test_only_the_transaction_helper_begins_or_ends_a_transaction():
    """One transaction helper (reader/core/transactions.py) for the index and the reading state: no
    other module has a string that is a BEGIN, COMMIT or ROLLBACK statement."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
        for path in sorted((ROOT / "reader").rglob("*.py"))
        if path.name != "transactions.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and TRANSACTION_SQL.fullmatch(node.value)
    ]
    assert found == [], "use reader.core.transactions.transaction:\n" + "\n".join(found)


MAX_FUNCTION_LINES = 59  # "under 60": from the `def` line to the last line of the body, decorators apart
MAX_MODULE_LINES = 499


def _long_functions(path: Path, root: Path = ROOT) -> dict[str, int]:
    """{"file::name": lines} of the functions over MAX_FUNCTION_LINES in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    rel = path.relative_to(root).as_posix()
    return {
        f"{rel}::{node.name}": node.end_lineno - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    }


def test_every_function_is_under_60_lines():
    found = {name: n for path in _sources() for name, n in _long_functions(path).items()}
    over = [f"{name}: {n} lines" for name, n in found.items()]
    assert over == [], "split these functions (under 60 lines each):\n" + "\n".join(over)


def test_every_module_is_under_500_lines():
    found = {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines()) for path in _sources()
    }
    over = [f"{name}: {n} lines" for name, n in found.items() if n > MAX_MODULE_LINES]
    assert over == [], "split these modules (under 500 lines each):\n" + "\n".join(over)


def test_the_length_rule_sees_a_long_function(tmp_path):
    body = "".join(f"    x{i} = {i}\n" for i in range(58))
    (tmp_path / "m.py").write_text(f"def short():\n{body}\n\ndef long():\n{body}    x = 0\n", encoding="utf-8")
    assert _long_functions(tmp_path / "m.py", tmp_path) == {"m.py::long": 60}


CREATE_TABLE = re.compile(r"CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)


def test_every_table_is_defined_once():
    """Each table is made by one module (the `marks` table was once made by state.py and again by
    schema.py); a module's migrations may make a table again in a later shape."""
    where: dict[str, set[str]] = {}
    for path in sorted((ROOT / "reader").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for table in CREATE_TABLE.findall(node.value):
                    where.setdefault(table.lower(), set()).add(str(path.relative_to(ROOT)))
    assert {"posts", "marks"} <= set(where)
    assert {table: places for table, places in where.items() if len(places) > 1} == {}


def test_dates_are_shown_by_one_formatter():
    """The window shows dates through reader/gui/dates.py alone (its patterns are translations)."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "reader" / "gui").rglob("*.py"))
        if path.name != "dates.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bstrftime\(|\bstrptime\(|\.toString\(\s*[\"'][^\"']*(yy|MM|dd)", line)
    ]
    assert found == [], "format dates with reader.gui.dates:\n" + "\n".join(found)
