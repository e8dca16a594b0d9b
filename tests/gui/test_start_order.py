"""What a window asks its workers for when it shows a library: the list first, the rest once it is in."""

from __future__ import annotations

from reader.gui.tasks import SyncTaskRunner


class HeldRunner(SyncTaskRunner):
    """Holds every job until the test lets it run, and remembers what each one was."""

    def __init__(self):
        super().__init__()
        self.held: list[tuple[str, object, object]] = []
        self._next = ""

    def submit(self, fn, *args, **kwargs):
        job = args[0] if args and callable(args[0]) else fn  # a session's jobs go through PerThread.run
        self._next = getattr(job, "__name__", repr(job))
        return super().submit(fn, *args, **kwargs)

    def _start(self, task, call) -> None:
        self.held.append((self._next, task, call))

    def names(self) -> list[str]:
        return [name for name, *_ in self.held]

    def run(self, name: str) -> None:
        index = self.names().index(name)
        _, task, call = self.held.pop(index)
        SyncTaskRunner._start(self, task, call)


def test_the_list_is_asked_alone_then_the_tree_and_the_refresh(make_window, library_dir):
    make_window(library_dir).close()  # indexed: the next window's list comes from the index
    runner = HeldRunner()
    window = make_window(library_dir, runner=runner)
    assert runner.names() == ["_list_and_labels"]  # the tree's counts and the refresh's walk wait for it
    runner.run("_list_and_labels")
    assert window.list_model.rowCount() > 0
    assert "load_tree_data" in runner.names() and "_refresh_job" in runner.names()
    assert window.refresher.running()
    runner.run("load_tree_data")
    assert window.tree_model.index_for_id("category:keji").isValid()


def test_a_failed_list_still_starts_the_refresh(make_window, library_dir):
    """The refresh may repair what the list could not read: it does not wait for a list that never comes."""
    runner = HeldRunner()
    window = make_window(library_dir, runner=runner)
    assert runner.names() == ["_list_and_labels"]
    _, task, _ = runner.held.pop(0)
    SyncTaskRunner._start(runner, task, _unreadable)
    assert "_refresh_job" in runner.names()
    assert window.refresher.running()


def _unreadable(*_args):
    raise OSError("the index cannot be read")
