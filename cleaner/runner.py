"""Clean many files: one in-process, many through a process pool; errors collected per file."""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .errors import CleanerError
from .files import Target, read, write_atomic
from .report import Mode, Outcome, Status


@dataclass(frozen=True)
class Settings:
    """What every file of a run shares (picklable, sent once per worker task)."""

    mode: Mode = Mode.WRITE
    strict: bool = False
    encoding: str | None = None
    to_stdout: bool = False


def process(target: Target, config: Config, settings: Settings) -> Outcome:
    """Clean one file and write it if it changed. Never raises for a bad file."""
    from .api import clean

    name = str(target.src)
    try:
        text = read(target.src, settings.encoding)
        result = clean(text, config)
        problems = [p.as_dict() for p in result.problems]
        changes = [c.as_dict() for c in result.changes]
        if settings.strict and problems:
            first = result.problems[0]
            raise CleanerError(f"{first.message} (--strict)", line=first.line)
        current = text if target.dest is None else _existing(target.dest, settings.encoding)
        differs = result.text != current
        status = Status.CHANGED if differs else Status.UNCHANGED
        outcome = Outcome(name, status, changes, problems)
        if settings.mode is Mode.DIFF and differs:
            outcome.diff = unified_diff(current or "", result.text, name)
        if settings.to_stdout:
            outcome.text = result.text
        elif settings.mode is Mode.WRITE and differs:
            write_atomic(target.out, result.text, settings.encoding)
        return outcome
    except CleanerError as exc:
        return Outcome(name, Status.FAILED, error=str(exc if exc.path else exc.located(name)))
    except RecursionError:
        return Outcome(name, Status.FAILED, error=f"{name}: markup nested too deeply to clean")
    except MemoryError:
        return Outcome(name, Status.FAILED, error=f"{name}: out of memory while cleaning")


def _existing(path: Path, encoding: str | None) -> str | None:
    try:
        return path.read_bytes().decode(encoding or "utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def unified_diff(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"{name}\toriginal", tofile=f"{name}\tcleaned"))


def default_jobs() -> int:
    return os.cpu_count() or 1


def run(targets, config_for, settings: Settings, jobs: int, on_outcome) -> None:
    """Process `targets`, calling `on_outcome` in the main process as each finishes.

    `config_for(target)` gives each file its configuration. One file, or jobs=1, runs here;
    more go through a process pool (imported only then).
    """
    if jobs <= 1 or len(targets) <= 1:
        for target in targets:
            on_outcome(process(target, config_for(target), settings))
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # a bounded window of submitted files keeps memory flat for any number of files
    window = jobs * 8
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending = set()
        queue = iter(targets)
        for target in queue:
            pending.add(pool.submit(process, target, config_for(target), settings))
            if len(pending) >= window:
                done = next(as_completed(pending))
                pending.discard(done)
                on_outcome(done.result())
        for future in as_completed(pending):
            on_outcome(future.result())
