"""The core's English messages (a file's problem, a skipped entry, an embed's label) in the interface language.

The core writes stable English (the CLI, the logs and the tests read it; the index stores it). Here a
message's fixed part is matched by a pattern and replaced by the translation of a template ("CoreMessage"
context of the .ts files), its variable parts (line numbers, the YAML's own words, names) kept as they
are. A part that is a message itself (the reason after "front matter, line 3:") is translated the same
way; what no pattern knows stays English. Results are cached: a list row's tooltip asks again and again.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from reader.core import LABEL_CLASS, PostError

from . import i18n

TR = "CoreMessage"

# Obsidian's callout kinds (https://help.obsidian.md/callouts), as a callout with no title shows them.
CALLOUTS = (
    QT_TRANSLATE_NOOP("CoreMessage", "Note"),
    QT_TRANSLATE_NOOP("CoreMessage", "Abstract"),
    QT_TRANSLATE_NOOP("CoreMessage", "Summary"),
    QT_TRANSLATE_NOOP("CoreMessage", "Tldr"),
    QT_TRANSLATE_NOOP("CoreMessage", "Info"),
    QT_TRANSLATE_NOOP("CoreMessage", "Todo"),
    QT_TRANSLATE_NOOP("CoreMessage", "Tip"),
    QT_TRANSLATE_NOOP("CoreMessage", "Hint"),
    QT_TRANSLATE_NOOP("CoreMessage", "Important"),
    QT_TRANSLATE_NOOP("CoreMessage", "Success"),
    QT_TRANSLATE_NOOP("CoreMessage", "Check"),
    QT_TRANSLATE_NOOP("CoreMessage", "Done"),
    QT_TRANSLATE_NOOP("CoreMessage", "Question"),
    QT_TRANSLATE_NOOP("CoreMessage", "Help"),
    QT_TRANSLATE_NOOP("CoreMessage", "Faq"),
    QT_TRANSLATE_NOOP("CoreMessage", "Warning"),
    QT_TRANSLATE_NOOP("CoreMessage", "Caution"),
    QT_TRANSLATE_NOOP("CoreMessage", "Attention"),
    QT_TRANSLATE_NOOP("CoreMessage", "Failure"),
    QT_TRANSLATE_NOOP("CoreMessage", "Fail"),
    QT_TRANSLATE_NOOP("CoreMessage", "Missing"),
    QT_TRANSLATE_NOOP("CoreMessage", "Danger"),
    QT_TRANSLATE_NOOP("CoreMessage", "Error"),
    QT_TRANSLATE_NOOP("CoreMessage", "Bug"),
    QT_TRANSLATE_NOOP("CoreMessage", "Example"),
    QT_TRANSLATE_NOOP("CoreMessage", "Quote"),
    QT_TRANSLATE_NOOP("CoreMessage", "Cite"),
)
# Whole messages with no variable part.
_FIXED = frozenset(
    (
        # PyYAML's problems, from libyaml and from its Python loader (frontmatter._yaml_error adds the line's
        # text in parentheses)
        QT_TRANSLATE_NOOP("CoreMessage", "mapping values are not allowed in this context"),
        QT_TRANSLATE_NOOP("CoreMessage", "block sequence entries are not allowed in this context"),
        QT_TRANSLATE_NOOP("CoreMessage", "found a tab character that violates indentation"),
        QT_TRANSLATE_NOOP("CoreMessage", "found character that cannot start any token"),
        QT_TRANSLATE_NOOP("CoreMessage", "found undefined alias"),
        QT_TRANSLATE_NOOP("CoreMessage", "found unknown escape character"),
        QT_TRANSLATE_NOOP("CoreMessage", "control characters are not allowed"),
        QT_TRANSLATE_NOOP("CoreMessage", "found unhashable key"),
        QT_TRANSLATE_NOOP("CoreMessage", "mapping values are not allowed here"),
        QT_TRANSLATE_NOOP("CoreMessage", "mapping keys are not allowed here"),
        QT_TRANSLATE_NOOP("CoreMessage", "block sequence entries are not allowed here"),
        QT_TRANSLATE_NOOP("CoreMessage", "could not find expected ':'"),
        QT_TRANSLATE_NOOP("CoreMessage", "found unexpected end of stream"),
        QT_TRANSLATE_NOOP("CoreMessage", "found duplicate key"),
        # what a YAML value "that never ends" is
        QT_TRANSLATE_NOOP("CoreMessage", "a quoted scalar"),
        QT_TRANSLATE_NOOP("CoreMessage", "a double-quoted scalar"),
        QT_TRANSLATE_NOOP("CoreMessage", "a single-quoted scalar"),
        QT_TRANSLATE_NOOP("CoreMessage", "a flow mapping"),
        QT_TRANSLATE_NOOP("CoreMessage", "a flow sequence"),
        QT_TRANSLATE_NOOP("CoreMessage", "a block mapping"),
        QT_TRANSLATE_NOOP("CoreMessage", "a block collection"),
        QT_TRANSLATE_NOOP("CoreMessage", "a block scalar"),
        QT_TRANSLATE_NOOP("CoreMessage", "a simple key"),
        QT_TRANSLATE_NOOP("CoreMessage", "a value"),
        # JSON (json.JSONDecodeError.msg) and TOML (tomllib) front matter
        QT_TRANSLATE_NOOP("CoreMessage", "Expecting value"),
        QT_TRANSLATE_NOOP("CoreMessage", "Expecting property name enclosed in double quotes"),
        QT_TRANSLATE_NOOP("CoreMessage", "Expecting ',' delimiter"),
        QT_TRANSLATE_NOOP("CoreMessage", "Expecting ':' delimiter"),
        QT_TRANSLATE_NOOP("CoreMessage", "Extra data"),
        QT_TRANSLATE_NOOP("CoreMessage", "Unterminated string starting at"),
        QT_TRANSLATE_NOOP("CoreMessage", "Invalid control character at"),
        QT_TRANSLATE_NOOP("CoreMessage", "Invalid value"),
        QT_TRANSLATE_NOOP("CoreMessage", "Invalid statement"),
        QT_TRANSLATE_NOOP("CoreMessage", "Expected '=' after a key in a key/value pair"),
        QT_TRANSLATE_NOOP("CoreMessage", "Unclosed array"),
        QT_TRANSLATE_NOOP("CoreMessage", "Unclosed inline table"),
        QT_TRANSLATE_NOOP("CoreMessage", "Unterminated string"),
        QT_TRANSLATE_NOOP("CoreMessage", "Cannot overwrite a value"),
        QT_TRANSLATE_NOOP("CoreMessage", "Invalid date or datetime"),
        # the front matter as a whole (frontmatter._as_mapping), dates (datetime's ValueError)
        QT_TRANSLATE_NOOP("CoreMessage", "front matter is a list, not keys with values"),
        QT_TRANSLATE_NOOP("CoreMessage", "front matter is a single value, not keys with values"),
        QT_TRANSLATE_NOOP("CoreMessage", "day is out of range for month"),
        QT_TRANSLATE_NOOP("CoreMessage", "month must be in 1..12"),
        QT_TRANSLATE_NOOP("CoreMessage", "a YAML alias inside its own anchor"),
        # decode.py
        QT_TRANSLATE_NOOP("CoreMessage", "binary file, not text"),
        QT_TRANSLATE_NOOP("CoreMessage", "binary file, not text (no known encoding fits)"),
        # the system's reasons (strerror) after "cannot be read:"
        QT_TRANSLATE_NOOP("CoreMessage", "Permission denied"),
        QT_TRANSLATE_NOOP("CoreMessage", "No such file or directory"),
        QT_TRANSLATE_NOOP("CoreMessage", "Is a directory"),
        QT_TRANSLATE_NOOP("CoreMessage", "Input/output error"),
        QT_TRANSLATE_NOOP("CoreMessage", "Too many levels of symbolic links"),
        QT_TRANSLATE_NOOP("CoreMessage", "File name too long"),
        # scanner.py: entries a refresh did not read
        QT_TRANSLATE_NOOP("CoreMessage", "symbolic link pointing outside the library"),
        QT_TRANSLATE_NOOP("CoreMessage", "file name is not valid UTF-8"),
        QT_TRANSLATE_NOOP("CoreMessage", "folder name is not valid UTF-8 (nothing in it is read)"),
        QT_TRANSLATE_NOOP("CoreMessage", "permission denied"),
        QT_TRANSLATE_NOOP("CoreMessage", "symbolic link loop"),
        QT_TRANSLATE_NOOP("CoreMessage", "broken symbolic link"),
        QT_TRANSLATE_NOOP("CoreMessage", "outside the library"),
        QT_TRANSLATE_NOOP("CoreMessage", "was replaced by a symbolic link"),
        QT_TRANSLATE_NOOP("CoreMessage", "the library"),
        QT_TRANSLATE_NOOP("CoreMessage", "FIFO"),
        QT_TRANSLATE_NOOP("CoreMessage", "socket"),
        QT_TRANSLATE_NOOP("CoreMessage", "character device"),
        QT_TRANSLATE_NOOP("CoreMessage", "block device"),
        QT_TRANSLATE_NOOP("CoreMessage", "folder"),
        QT_TRANSLATE_NOOP("CoreMessage", "symbolic link"),
        # the index (store.py, library.py): why it was rebuilt
        QT_TRANSLATE_NOOP("CoreMessage", "the index was damaged and has been rebuilt"),
        QT_TRANSLATE_NOOP("CoreMessage", "the index was deleted while the program ran and has been rebuilt"),
        # the index and the reading state (store.py, store_base.py, state.py) and what SQLite says of them
        QT_TRANSLATE_NOOP("CoreMessage", "the index was corrupt and has been rebuilt"),
        QT_TRANSLATE_NOOP("CoreMessage", "database is locked"),
        QT_TRANSLATE_NOOP("CoreMessage", "disk I/O error"),
        QT_TRANSLATE_NOOP("CoreMessage", "unable to open database file"),
        QT_TRANSLATE_NOOP("CoreMessage", "attempt to write a readonly database"),
        QT_TRANSLATE_NOOP("CoreMessage", "database or disk is full"),
        QT_TRANSLATE_NOOP("CoreMessage", "No space left on device"),
        QT_TRANSLATE_NOOP("CoreMessage", "Read-only file system"),
        QT_TRANSLATE_NOOP("CoreMessage", "Not a directory"),
        QT_TRANSLATE_NOOP("CoreMessage", "read-only file system"),  # index_location.py: why the index moved
        QT_TRANSLATE_NOOP("CoreMessage", "the disk is full"),
        QT_TRANSLATE_NOOP("CoreMessage", "no permission to write"),
        # a post that cannot be shown (library.py, library_files.py: PostError's reason)
        QT_TRANSLATE_NOOP("CoreMessage", "no such post in the index"),
        QT_TRANSLATE_NOOP("CoreMessage", "the file is no longer there (moved or deleted)"),
        # a highlight that cannot be made (highlights.py)
        QT_TRANSLATE_NOOP("CoreMessage", "nothing is selected"),
        # a search that cannot be understood (query.py, planner.py: QueryError)
        QT_TRANSLATE_NOOP("CoreMessage", "Type a word or phrase to search for."),
        QT_TRANSLATE_NOOP("CoreMessage", "A “-” must be followed by what to leave out, as in -word."),
        QT_TRANSLATE_NOOP("CoreMessage", 'A quotation mark is not closed: add the closing ".'),
        QT_TRANSLATE_NOOP("CoreMessage", "“OR” needs something to search for on each side, as in 新能源 OR 电池."),
        QT_TRANSLATE_NOOP("CoreMessage", "Add a word to search for: “-” only leaves words out."),
        QT_TRANSLATE_NOOP(
            "CoreMessage", "use date:2022, date:2022-01, date:2021-12-08 or a range like date:2022-01..2022-03"
        ),
        # placeholders in the article (sanitize.py's media)
        # a callout with no title of its own shows its kind (obsidian.py)
        *CALLOUTS,
        QT_TRANSLATE_NOOP("CoreMessage", "video"),
        QT_TRANSLATE_NOOP("CoreMessage", "audio"),
        QT_TRANSLATE_NOOP("CoreMessage", "embed"),
    )
)

# (pattern, template, the groups that are messages themselves, whether those must be known for the rule to apply).
# A pattern whose two open groups are followed by a fixed end starts by looking for that end, "(?=.*\)\Z)":
# without it a long message that lacks the end was tried at every place of the literal between the groups
# (1,200 repeats of the message's own words: 25-156 ms against 1.6-10 for 300; now linear).
_RULES: tuple[tuple[re.Pattern[str], str, tuple[int, ...], bool], ...] = tuple(
    (re.compile(pattern + r"\Z", re.S), template, nested, strict)
    for pattern, template, nested, strict in (
        # parse.py: a file read with a problem
        (r"front matter, line (\d+): (.+)", QT_TRANSLATE_NOOP("CoreMessage", "front matter, line %1: %2"), (2,), False),
        (r"front matter, (.+)", QT_TRANSLATE_NOOP("CoreMessage", "front matter, %1"), (1,), False),
        (
            r"(?=.*' is not a date\Z)(.+) '(.*)' is not a date",
            QT_TRANSLATE_NOOP("CoreMessage", "%1 '%2' is not a date"),
            (),
            False,
        ),
        (r"could not read: (.+)", QT_TRANSLATE_NOOP("CoreMessage", "could not read: %1"), (), False),
        (r"cannot be read: (.+)", QT_TRANSLATE_NOOP("CoreMessage", "cannot be read: %1"), (1,), False),
        (
            r"not valid (.+) after its byte-order mark",
            QT_TRANSLATE_NOOP("CoreMessage", "not valid %1 after its byte-order mark"),
            (),
            False,
        ),
        (
            r"no closing '(.+)' line after this opening one",
            QT_TRANSLATE_NOOP("CoreMessage", "no closing '%1' line after this opening one"),
            (),
            False,
        ),
        # budget.py, frontmatter.py: over the per-file budget
        (r"too complex to read \((.+)\)", QT_TRANSLATE_NOOP("CoreMessage", "too complex to read (%1)"), (1,), False),
        (r"over ([\d.e+-]+) s of CPU", QT_TRANSLATE_NOOP("CoreMessage", "over %1 s of CPU"), (), False),
        (r"over (\d+) MB of memory", QT_TRANSLATE_NOOP("CoreMessage", "over %1 MB of memory"), (), False),
        (
            r"YAML aliases expand to over ([\d,]+) values",
            QT_TRANSLATE_NOOP("CoreMessage", "YAML aliases expand to over %1 values"),
            (),
            False,
        ),
        (
            r"(.+): searched by its source text",
            QT_TRANSLATE_NOOP("CoreMessage", "%1: searched by its source text"),
            (1,),
            False,
        ),
        # PyYAML's problems with a variable part
        (r"(.+) that never ends", QT_TRANSLATE_NOOP("CoreMessage", "%1 that never ends"), (1,), False),
        (
            r"found character (.+) that cannot start any token",
            QT_TRANSLATE_NOOP("CoreMessage", "found character %1 that cannot start any token"),
            (),
            False,
        ),
        (r"found undefined alias (\S+)", QT_TRANSLATE_NOOP("CoreMessage", "found undefined alias %1"), (), False),
        (
            r"found unknown escape character (\S+)",
            QT_TRANSLATE_NOOP("CoreMessage", "found unknown escape character %1"),
            (),
            False,
        ),
        (
            r"found undefined tag handle (\S+)",
            QT_TRANSLATE_NOOP("CoreMessage", "found undefined tag handle %1"),
            (),
            False,
        ),
        (
            r"could not determine a constructor for the tag (\S+)",
            QT_TRANSLATE_NOOP("CoreMessage", "could not determine a constructor for the tag %1"),
            (),
            False,
        ),
        (r"did not find expected (.+)", QT_TRANSLATE_NOOP("CoreMessage", "did not find expected %1"), (), False),
        (
            r"expected (.+?), but (?:found|got) (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "expected %1, but found %2"),
            (),
            False,
        ),
        (r"Cannot declare (.+) twice", QT_TRANSLATE_NOOP("CoreMessage", "Cannot declare %1 twice"), (), False),
        (r"Illegal character (\S+)", QT_TRANSLATE_NOOP("CoreMessage", "Illegal character %1"), (), False),
        # scanner.py
        (r"not a regular file \((.+)\)", QT_TRANSLATE_NOOP("CoreMessage", "not a regular file (%1)"), (1,), False),
        (r"folder cannot be read: (.+)", QT_TRANSLATE_NOOP("CoreMessage", "folder cannot be read: %1"), (1,), False),
        (
            r"symbolic link to a folder read already \((.+)\)",
            QT_TRANSLATE_NOOP("CoreMessage", "symbolic link to a folder read already (%1)"),
            (1,),
            False,
        ),
        (
            r"folder whose name ends in (.+) \(not a post; the files in it are read\)",
            QT_TRANSLATE_NOOP("CoreMessage", "folder whose name ends in %1 (not a post; the files in it are read)"),
            (),
            False,
        ),
        # indexer.py, store.py: the index as a whole
        (
            r"no post found \(a drive not mounted\?\): the index keeps its (\d+) posts until a refresh finds some",
            QT_TRANSLATE_NOOP(
                "CoreMessage",
                "no post found (a drive not mounted?): the index keeps its %1 posts until a refresh finds some",
            ),
            (),
            False,
        ),
        (
            r"the index was made by a newer version of the program \(schema (\d+), this one knows (\d+)\): .+ \((.+)\)",
            QT_TRANSLATE_NOOP(
                "CoreMessage",
                "the index was made by a newer version of the program (schema %1, this one knows %2): it is left for that version, and this one keeps its own (%3)",  # noqa: E501 - one literal, as lupdate reads it
            ),
            (),
            False,
        ),
        # store.py, store_base.py, fulltext.py, state.py: the index or the reading state cannot be used
        (
            r"Cannot create the index folder (.+?): (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "Cannot create the index folder %1: %2"),
            (2,),
            False,
        ),
        (
            r"Cannot replace the damaged index (.+?): (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "Cannot replace the damaged index %1: %2"),
            (2,),
            False,
        ),
        (
            r"Cannot open the index (.+?): (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "Cannot open the index %1: %2"),
            (2,),
            False,
        ),
        (
            r"Cannot open the reading state (.+?): (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "Cannot open the reading state %1: %2"),
            (2,),
            False,
        ),
        (
            r"Cannot create the data folder (.+?): (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "Cannot create the data folder %1: %2"),
            (2,),
            False,
        ),
        (
            r"Cannot write the full-text index (.+?): (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "Cannot write the full-text index %1: %2"),
            (2,),
            False,
        ),
        (
            r"Cannot remove the old full-text index (.+?): (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "Cannot remove the old full-text index %1: %2"),
            (2,),
            False,
        ),
        (
            r"the index folder (.+) cannot be used \((.+)\); until it can, the index is kept in (.+)",
            QT_TRANSLATE_NOOP(
                "CoreMessage", "the index folder %1 cannot be used (%2); until it can, the index is kept in %3"
            ),
            (2,),
            False,
        ),
        (
            r"Cannot make the full-text index: (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "Cannot make the full-text index: %1"),
            (1,),
            False,
        ),
        (
            r"Cannot write to the index: (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "Cannot write to the index: %1"),
            (1,),
            False,
        ),
        (
            r"The index could not be used: (.+)",
            QT_TRANSLATE_NOOP("CoreMessage", "The index could not be used: %1"),
            (1,),
            False,
        ),
        (r"\[Errno \d+\] ([^:]+)(: .+)?", QT_TRANSLATE_NOOP("CoreMessage", "%1%2"), (1,), True),
        # state_transfer.py: reading data that cannot be imported or exported
        (
            r"(?=.*\)\Z)(.+): cannot be written \((.+)\)",
            QT_TRANSLATE_NOOP("CoreMessage", "%1: cannot be written (%2)"),
            (2,),
            False,
        ),
        (
            r"(?=.*\)\Z)(.+): not a JSON file \((.+)\)",
            QT_TRANSLATE_NOOP("CoreMessage", "%1: not a JSON file (%2)"),
            (),
            False,
        ),
        (
            r"(.+): not a Jianbao reading-data file",
            QT_TRANSLATE_NOOP("CoreMessage", "%1: not a Jianbao reading-data file"),
            (),
            False,
        ),
        # library.py, library_files.py, highlights.py: a library or a post that cannot be opened, a highlight
        (r"(.+): no such folder", QT_TRANSLATE_NOOP("CoreMessage", "%1: no such folder"), (), False),
        (r"(.+): not a folder", QT_TRANSLATE_NOOP("CoreMessage", "%1: not a folder"), (), False),
        (
            r"(?=.*\)\Z)(.+): cannot be read \((.+)\)",
            QT_TRANSLATE_NOOP("CoreMessage", "%1: cannot be read (%2)"),
            (2,),
            False,
        ),
        (
            r"is too large to show \(([\d,]+) bytes\)",
            QT_TRANSLATE_NOOP("CoreMessage", "is too large to show (%1 bytes)"),
            (),
            False,
        ),
        (
            r"a highlight holds at most ([\d,]+) characters",
            QT_TRANSLATE_NOOP("CoreMessage", "a highlight holds at most %1 characters"),
            (),
            False,
        ),
        # query.py, store_queries.py: a search that cannot be understood or run
        (
            r"(?=.*\.\Z)“date:(.+)” is not a date I understand: (.+)\.",
            QT_TRANSLATE_NOOP("CoreMessage", "“date:%1” is not a date I understand: %2."),
            (2,),
            False,
        ),
        (
            r"(?=.*\.\Z)“date:(.+)” is not a real date: (.+)\.",
            QT_TRANSLATE_NOOP("CoreMessage", "“date:%1” is not a real date: %2."),
            (2,),
            False,
        ),
        (
            r"“date:(.+)” ends before it starts\.",
            QT_TRANSLATE_NOOP("CoreMessage", "“date:%1” ends before it starts."),
            (),
            False,
        ),
        (
            r"“([^”]+):” needs a value, as in (\S+)\.",
            QT_TRANSLATE_NOOP("CoreMessage", "“%1:” needs a value, as in %2."),
            (),
            False,
        ),
        (
            r"This search could not be run \((.+)\)\.",
            QT_TRANSLATE_NOOP("CoreMessage", "This search could not be run (%1)."),
            (),
            False,
        ),
        # labels in the article (obsidian.py, liquid.py, sanitize.py)
        (r"Embedded: (.+)", QT_TRANSLATE_NOOP("CoreMessage", "Embedded: %1"), (), False),
        (r"YouTube video (.+)", QT_TRANSLATE_NOOP("CoreMessage", "YouTube video %1"), (), False),
        (r"Vimeo video (.+)", QT_TRANSLATE_NOOP("CoreMessage", "Vimeo video %1"), (), False),
        (r"Tweet (.+)", QT_TRANSLATE_NOOP("CoreMessage", "Tweet %1"), (), False),
        (r"Gist (.+)", QT_TRANSLATE_NOOP("CoreMessage", "Gist %1"), (), False),
        (r"Instagram post (.+)", QT_TRANSLATE_NOOP("CoreMessage", "Instagram post %1"), (), False),
        (r"\[(video|audio|embed): (.+)\]", QT_TRANSLATE_NOOP("CoreMessage", "[%1: %2]"), (1,), False),
        (r"\[(video|audio|embed)\]", QT_TRANSLATE_NOOP("CoreMessage", "[%1]"), (1,), False),
        # last: a known problem followed by the line it is on, "found unhashable key (created: {{date}})"
        (r"(?=.*\)\Z)(.+?) \((.*)\)", QT_TRANSLATE_NOOP("CoreMessage", "%1 (%2)"), (1,), True),
    )
)
_PLACE = re.compile(r"%(\d)")
_DEPTH = 4  # "front matter, line 3: a flow mapping that never ends (…)" is three deep


def error_text(error: BaseException) -> str:
    """What a core error says, in the interface language: a post's path and line kept, its reason translated."""
    if isinstance(error, PostError):
        where = f"{error.path}:{error.line}" if error.line else error.path
        return f"{where}: {translated(error.reason)}"
    return translated(str(error))


def translated(message: str) -> str:
    """`message` in the interface language, or as it is if it is none of the core's known messages."""
    return _cached(message, i18n.current())


@lru_cache(maxsize=4096)
def _cached(message: str, _language: str) -> str:
    found = _translate(message, _DEPTH)
    return message if found is None else found


def translate_labels(root, source: str) -> None:
    """The renderer's own words in a post's body (lxml tree `root` of `source`) in the interface language."""
    if LABEL_CLASS not in source:  # most posts: no tree search
        return
    for element in root.find_class(LABEL_CLASS):
        if element.text and not len(element):
            element.text = translated(element.text)


def _translate(message: str, depth: int) -> str | None:
    if message in _FIXED:
        return QCoreApplication.translate(TR, message)
    if depth == 0:
        return None
    for pattern, template, nested, strict in _RULES:
        m = pattern.match(message)
        if m is None:
            continue
        parts = [part or "" for part in m.groups()]  # an optional group that did not match: nothing
        for group in nested:
            inner = _translate(parts[group - 1], depth - 1)
            if inner is None and strict:
                break
            parts[group - 1] = parts[group - 1] if inner is None else inner
        else:
            return _fill(QCoreApplication.translate(TR, template), parts)
    return None


def _fill(template: str, parts: list[str]) -> str:
    """%1, %2… in one pass: a part holding "%2" itself stays as it is."""
    return _PLACE.sub(lambda p: parts[int(p[1]) - 1], template)
