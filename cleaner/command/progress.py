"""A rich progress bar on a terminal (imported only when one is shown)."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TaskProgressColumn
from rich.progress import TextColumn, TimeElapsedColumn, TimeRemainingColumn


class Progress:
    def __init__(self, total: int):
        self._bar = RichProgress(
            TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=True,
        )
        self._task = self._bar.add_task("clean", total=total, rate="")
        self._bar.start()

    def advance(self) -> None:
        self._bar.advance(self._task)
        task = self._bar.tasks[0]
        if task.speed:
            self._bar.update(self._task, rate=f"{task.speed:.0f} files/s")

    def stop(self) -> None:
        self._bar.stop()
