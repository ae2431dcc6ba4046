"""Clean many files: one in-process, many through a process pool; errors collected per file.

Interrupts: workers ignore SIGINT (the terminal sends it to the whole process group); the
parent, on `Interrupted`, cancels the files not started, lets the running ones finish (each
is written whole or not at all), reports what finished, and removes the temporary files a
worker killed mid-write left (their names carry the run's id).
"""
from __future__ import annotations

import codecs
import difflib
import os
import signal
from collections import deque
from pathlib import Path

from ..config import Config, default_config
from ..errors import CleanerError
from .files import Target, decode, read, remove_temp_files, write_atomic
from ..command.options import Options
from ..command.report import Outcome, Status
from ..result import Result

# Files sent to a worker in one task: fewer, larger tasks cost the parent less per file.
CHUNK_FILES = 8
# Tasks submitted to the pool per worker ahead of the results: memory stays flat.
WINDOW_PER_JOB = 4
STDIN_NAME = "<stdin>"
NO_NEWLINE = "\n\\ No newline at end of file\n"


# ---------------------------------------------------------------- one file

def clean_text(text: str, config: Config, options: Options) -> Result:
    """`api.clean`; under --strict a problem is an error."""
    from ..api import clean

    result = clean(text, config)
    if options.strict and result.problems:
        first = result.problems[0]
        raise CleanerError(f"{first.message} (--strict)", line=first.line)
    return result


def process(target: Target, config: Config, options: Options) -> Outcome:
    """Clean one file and write it if it changed. Never raises for a bad file or a bug."""
    name = str(target.src)
    return _guarded(name, lambda: _process(target, name, config, options))


def _process(target: Target, name: str, config: Config | None, options: Options) -> Outcome:
    config = config or default_config()
    encoding = options.encoding or config.encoding
    out_encoding = options.output_encoding or config.output_encoding or encoding
    text = read(target.src, encoding)
    result = clean_text(text, config, options)
    if target.dest is None:  # in place: what is there is the source, unless written anew in another encoding
        current = text if same_encoding(encoding, out_encoding) else None
    else:
        current = _existing(target.dest, out_encoding)
    outcome = _outcome(name, result, text, current, options)
    if options.write and outcome.writes:
        write_atomic(target.out, result.text, out_encoding, run_id=options.run_id)
    return outcome


def process_stdin(data: bytes, config: Config, options: Options) -> Outcome:
    """Clean standard input; the cleaned text is in `outcome.text` (the caller writes it)."""
    name = options.stdin_filename or STDIN_NAME

    def run() -> Outcome:
        text = decode(data, options.encoding or config.encoding, name)
        result = clean_text(text, config, options)
        outcome = _outcome(name, result, text, text, options)
        outcome.text = result.text
        return outcome

    return _guarded(name, run)


def _outcome(name: str, result: Result, source: str, current: str | None, options: Options) -> Outcome:
    """CHANGED when the cleaned text differs from the source; `writes` when from what is there."""
    writes = result.text != current
    status = Status.CHANGED if result.text != source else Status.UNCHANGED
    outcome = Outcome(name, status, list(result.changes), list(result.problems), writes=writes)
    if options.diff and writes:
        outcome.diff = unified_diff(current or "", result.text, name)
    return outcome


def _guarded(name: str, work) -> Outcome:
    """Run `work()`; any error becomes a FAILED outcome naming the file. Interrupts pass."""
    try:
        return work()
    except CleanerError as exc:
        return failed(name, str(exc if exc.path else exc.located(name)))
    except RecursionError:
        return failed(name, f"{name}: markup nested too deeply to clean")
    except MemoryError:
        return failed(name, f"{name}: out of memory while cleaning")
    except Exception as exc:  # a bug in a step must not abort the batch
        return failed(name, f"{name}: internal error ({type(exc).__name__}: {exc}); please report it")


def failed(name: str, error: str) -> Outcome:
    return Outcome(name, Status.FAILED, error=error)


def same_encoding(a: str | None, b: str | None) -> bool:
    return codecs.lookup(a or "utf-8").name == codecs.lookup(b or "utf-8").name


def _existing(path: Path, encoding: str | None) -> str | None:
    try:
        return path.read_bytes().decode(encoding or "utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def unified_diff(old: str, new: str, name: str) -> str:
    """A patch `patch -p0` and `git apply -p0` take, a last line without newline marked so."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"{name}\toriginal", tofile=f"{name}\tcleaned")
    return "".join(line if line.endswith("\n") else line + NO_NEWLINE for line in lines)


# ---------------------------------------------------------------- many files

def default_jobs() -> int:
    return os.cpu_count() or 1


def run(targets, config_for, options: Options, jobs: int, on_outcome) -> None:
    """Process `targets`, calling `on_outcome` in the main process as each finishes.

    `config_for(target)` gives each file its configuration. One file, or jobs=1, runs here;
    more go through a process pool (imported only then). An interrupt (`Interrupted`,
    KeyboardInterrupt) propagates after the files in flight are finished or cleaned up.
    """
    if jobs <= 1 or len(targets) <= 1:
        _run_here(targets, config_for, options, on_outcome)
    else:
        _run_pool(targets, config_for, options, jobs, on_outcome)


def _run_here(targets, config_for, options: Options, on_outcome) -> None:
    for target in targets:
        try:
            outcome = process(target, config_for(target), options)
        except BaseException:
            remove_temp_files(target.out, options.run_id)
            raise
        on_outcome(outcome)


def _worker_init() -> None:
    """Workers leave SIGINT to the parent, and die on SIGTERM (the parent cleans up)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def process_chunk(targets, config: Config, options: Options) -> list[Outcome]:
    """`process` for several files sharing one configuration (one task for the pool)."""
    return [process(target, config, options) for target in targets]


def _run_pool(targets, config_for, options: Options, jobs: int, on_outcome) -> None:
    _Pool(config_for, options, on_outcome).run(targets, jobs)


class _Pool:
    """A process pool over many files that survives a worker dying (killed, or a crash in C).

    When a worker dies every file in flight fails with it, so those files are tried again
    afterwards, one at a time: a file that kills its worker alone is that file's failure, and
    the others are cleaned as usual.
    """

    def __init__(self, config_for, options: Options, on_outcome):
        self.config_for = config_for
        self.options = options
        self.on_outcome = on_outcome
        self.pending: dict = {}  # future -> the targets of its chunk
        self.suspects: list[Target] = []  # in flight when a worker died

    def run(self, targets, jobs: int) -> None:
        queue = deque(self._chunks(targets))
        while queue:
            self._pass(queue, jobs, window=jobs * WINDOW_PER_JOB)
        suspects, self.suspects = self.suspects, []
        for target in suspects:
            self._pass(deque([[target]]), 1, window=1, last_try=True)

    def _chunks(self, targets):
        """Consecutive targets that share a configuration, CHUNK_FILES at a time."""
        chunk: list[Target] = []
        chunk_config = None
        for target in targets:
            config = self.config_for(target)
            if chunk and (len(chunk) == CHUNK_FILES or config is not chunk_config):
                yield chunk
                chunk = []
            chunk.append(target)
            chunk_config = config
        if chunk:
            yield chunk

    def _pass(self, queue: deque, jobs: int, *, window: int, last_try: bool = False) -> None:
        """Clean from `queue` until it is empty or the pool breaks (then a new pass follows)."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
        try:
            while queue or self.pending:
                while queue and len(self.pending) < window:
                    chunk = queue[0]
                    try:
                        future = pool.submit(process_chunk, chunk, self.config_for(chunk[0]), self.options)
                    except BrokenProcessPool:
                        break
                    self.pending[future] = queue.popleft()
                if not self.pending:
                    break  # the pool is broken: a new pass takes the rest of the queue
                self._collect(last_try=last_try)
        except BaseException:  # an interrupt: finish the files in flight, cancel the rest
            pool.shutdown(wait=True, cancel_futures=True)
            self._after_interrupt()
            raise
        pool.shutdown(wait=True)

    def _collect(self, *, last_try: bool) -> None:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        done, _ = wait(self.pending, return_when=FIRST_COMPLETED)
        for future in done:
            chunk = self.pending.pop(future)
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                for target in chunk:
                    remove_temp_files(target.out, self.options.run_id)
                if not last_try:
                    self.suspects.extend(chunk)
                    continue
                target = chunk[0]
                outcomes = [failed(str(target.src), f"{target.src}: the worker process cleaning it died "
                                                    "(killed, or a crash in a C library)")]
            for outcome in outcomes:
                self.on_outcome(outcome)

    def _after_interrupt(self) -> None:
        """After the pool is shut down: report the files that finished, clean up after the rest."""
        for future, chunk in self.pending.items():
            if future.cancelled() or future.exception() is not None:
                for target in chunk:
                    remove_temp_files(target.out, self.options.run_id)
            else:
                for outcome in future.result():
                    self.on_outcome(outcome)
        self.pending.clear()
        for target in self.suspects:
            remove_temp_files(target.out, self.options.run_id)
