"""`jianbao-cli search`'s snippets made in a forked process, which imports the post readers while this one searches.

A snippet is read from the post's file and brought to text (snippets.post_snippets): that imports
the front matter, Markdown and HTML readers, about 45 ms of a 0.15 s search, after the search.
Forked before the index is opened, the helper imports them (and reads each library's settings)
on the other core meanwhile, then makes the snippets the search asks for. Where there is no
fork (Windows), macOS (whose system libraries do not all survive a fork), one core, or the helper
fails, the snippets are made here as before. `jianbao-cli search` forks it first thing (fork_early), before
the command line is parsed: it gets the libraries once they are known (start).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from ..core import Library, Snippet

# Seconds to wait for the helper's first byte: it answers in milliseconds, unless it is stuck.
_PATIENCE = 10.0
# The helper fork_early made, until start() takes it (or discard_early() ends it).
_EARLY: SnippetHelper | None = None


class SnippetHelper:
    """The parent's end: asks for each library's snippets in turn, and reaps the process at close()."""

    def __init__(self, pid: int, requests: BinaryIO, answers: BinaryIO) -> None:
        self._pid = pid
        self._requests: BinaryIO | None = requests
        self._answers = answers
        self._asked = False  # a request answered: the helper waits for the next one, or the end

    def libraries(self, roots: Sequence[str]) -> None:
        """Give the helper the libraries at `roots` (as typed), its first message: it reads their sites and
        warms up its readers with them."""
        if self._requests is not None:
            try:
                pickle.dump(list(roots), self._requests)
                self._requests.flush()
            except OSError:
                self.close(kill=True)  # it died: the snippets are made here

    def snippets(self, library: Library, query: str, post_ids: Sequence[int]) -> dict[int, Snippet]:
        """What library.snippets(query, post_ids) answers, made by the helper (by this process when
        the helper cannot)."""
        posts = [(post.id, post.path) for post in library.summaries(post_ids)]
        made = None
        if self._requests is not None:
            try:
                pickle.dump((str(library.root), query, posts), self._requests)
                self._requests.flush()
                if select.select([self._answers], [], [], _PATIENCE)[0]:
                    made = pickle.load(self._answers)
                    self._asked = True
            except (OSError, EOFError, pickle.PickleError):
                pass
            if made is None:  # it failed, died or hangs: this process makes the snippets from now on
                self.close(kill=True)
        return made if made is not None else library.snippets(query, post_ids)

    def close(self, kill: bool = False) -> None:
        """End the helper and reap it (its CPU then counts in this process's children's, as a command's
        should). One that answered reads the end of its requests and exits; one never asked (no hits),
        or that failed (`kill`), is killed: it may still be warming up."""
        if self._requests is None:
            return
        if kill or not self._asked:
            with suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
        for pipe in (self._requests, self._answers):
            with suppress(OSError):
                pipe.close()
        self._requests = None
        with suppress(ChildProcessError):
            os.waitpid(self._pid, 0)


def fork_early(argv: Sequence[str]) -> None:
    """Fork the helper of a `search` command line (`argv`) as the process starts: its imports (some 45 ms of
    post readers) begin 10-15 ms sooner than once the command line is parsed. Not for -l (no snippets); a
    command that does not take it after all (an abbreviated option, --limit 0) ends it (discard_early)."""
    global _EARLY
    if _EARLY is None and not {"-l", "--files-with-matches"} & set(argv):
        _EARLY = _fork()


def discard_early() -> None:
    """End a helper fork_early made that no command took."""
    global _EARLY
    if _EARLY is not None:
        _EARLY.close(kill=True)
        _EARLY = None


def start(roots: Sequence[str]) -> SnippetHelper | None:
    """The helper for the libraries at `roots` (as typed): fork_early's, else one forked now; None where it
    would not help."""
    global _EARLY
    helper, _EARLY = _EARLY or _fork(), None
    if helper is not None:
        helper.libraries(roots)
    return helper


def _fork() -> SnippetHelper | None:
    """Fork the helper, which then waits for its libraries; None where it would not help."""
    threading = sys.modules.get("threading")
    if (
        not hasattr(os, "fork")
        or sys.platform == "darwin"
        or (os.cpu_count() or 1) < 2
        or (threading is not None and threading.active_count() > 1)  # a fork copies no thread, but their locks
    ):
        return None
    requests_in, requests_out = os.pipe()
    answers_in, answers_out = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (requests_in, requests_out, answers_in, answers_out):
            os.close(fd)
        return None
    if pid == 0:  # the helper: never returns into the command
        code = 1
        try:
            os.close(requests_out)
            os.close(answers_in)
            _serve(os.fdopen(requests_in, "rb"), os.fdopen(answers_out, "wb"))
            code = 0
        finally:
            os._exit(code)  # not the parent's exit handlers, nor its buffers flushed twice
    os.close(requests_in)
    os.close(answers_out)
    return SnippetHelper(pid, os.fdopen(requests_out, "wb"), os.fdopen(answers_in, "rb"))


def _serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """The helper: import, read the libraries' roots (the first message), warm up, then answer (root, query,
    posts) with the snippets, or None on an error, until the parent closes its end."""
    from ..core import snippet_maker  # the roots come meanwhile

    try:
        roots = pickle.load(requests)
    except (EOFError, OSError, pickle.PickleError):
        return
    make = snippet_maker(roots)
    while True:
        try:
            root, query, posts = pickle.load(requests)
        except (EOFError, OSError, pickle.PickleError):
            return
        try:
            made = make(root, query, posts)
        except Exception:  # noqa: BLE001 - the parent makes them itself then, and says what went wrong
            made = None
        pickle.dump(made, answers)
        answers.flush()
