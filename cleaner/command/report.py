"""What a run did, file by file, and the exit status that follows (black's `Report`)."""
from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field

from .options import Options


class Status(str, enum.Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass
class Outcome:
    """One file's result, small and picklable (it crosses the process pool)."""

    path: str
    status: Status  # CHANGED: the cleaned text differs from the source
    changes: list = field(default_factory=list)  # Change
    problems: list = field(default_factory=list)  # Problem
    error: str = ""
    writes: bool = False  # the output differs from what is there (the source, or -o's file)
    diff: str = ""
    text: str | None = None  # the cleaned text, for stdout


EXIT_OK, EXIT_WOULD_CHANGE, EXIT_ERROR = 0, 1, 2
EXIT_SIGINT, EXIT_SIGTERM = 130, 143  # 128 + the signal number, as shells report it
# Summary rows: (label, step, rules that start with any of these; empty: all of the step)
SUMMARY_ROWS = (
    ("widgets removed", "widgets", ()),
    ("unsafe elements removed", "unsafe", ()),
    ("URLs unwrapped", "proxies", ()),
    ("lazy images recovered", "images", ("lazy",)),
    ("headings fixed", "headings", ()),
    ("dates normalized", "frontmatter", ("date",)),
)


@dataclass
class Report:
    options: Options = field(default_factory=Options)
    scanned: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: int = 0
    steps: Counter = field(default_factory=Counter)  # (step, rule) -> count
    would_write: int = 0  # outcomes whose output differs from what is there

    def add(self, outcome: Outcome) -> None:
        self.scanned += 1
        self.would_write += outcome.writes
        if outcome.status is Status.CHANGED:
            self.changed += 1
            for change in outcome.changes:  # what an unchanged file's steps redid is no change
                self.steps[(change.step, change.rule)] += 1
        elif outcome.status is Status.UNCHANGED:
            self.unchanged += 1
        else:
            self.failed += 1
        self.problems += len(outcome.problems)

    def fail(self) -> None:
        """An error outside any file (a missing path, a bad configuration)."""
        self.failed += 1

    @property
    def return_code(self) -> int:
        if self.failed:
            return EXIT_ERROR
        if self.would_write and (self.options.check or self.options.diff):
            return EXIT_WOULD_CHANGE
        return EXIT_OK

    def step_counts(self) -> list[tuple[str, int]]:
        rows = []
        for label, step, prefixes in SUMMARY_ROWS:
            n = sum(c for (s, rule), c in self.steps.items()
                    if s == step and (not prefixes or rule.startswith(prefixes)))
            rows.append((label, n))
        return rows

    def summary(self, seconds: float) -> str:
        verb = self.options.verb
        lines = [f"{plural(self.scanned, 'file')} scanned: {self.changed} {verb}, {self.unchanged} unchanged, "
                 f"{self.failed} failed, {plural(self.problems, 'problem')}, in {seconds:.2f}s"]
        counts = [f"{label} {n}" for label, n in self.step_counts() if n]
        if counts:
            lines.append("  " + "; ".join(counts))
        return "\n".join(lines)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def interrupted_line(done: int, total: int) -> str:
    return f"interrupted: {done} of {plural(total, 'file')} done"
