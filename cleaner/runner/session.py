"""One CLI run: configuration per file, the runner, messages, progress, report and summary."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import click

from .. import config as config_mod
from ..errors import CleanerError, ConfigError, Interrupted
from .files import discover, write_atomic
from .lookup import Lookup
from ..command.options import Options
from ..command.report import EXIT_ERROR, EXIT_OK, EXIT_SIGINT, EXIT_SIGTERM, Outcome, Report, Status, interrupted_line
from .batch import default_jobs, process_stdin, run as run_targets
from ..steps import STEP_NAMES

EXIT_FOR_SIGNAL = {signal.SIGINT: EXIT_SIGINT, signal.SIGTERM: EXIT_SIGTERM}
# Below this many files no progress bar and no summary are shown (a file's error says it all).
PROGRESS_MIN_FILES = SUMMARY_MIN_FILES = 2


@contextlib.contextmanager
def interrupts_raise():
    """While inside, SIGINT and SIGTERM raise `Interrupted` in the main thread.

    After the first one both are ignored, so the clean-up that follows is not cut short. A
    signal the process was started ignoring (nohup, a background job) stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, _frame):
        for sig in EXIT_FOR_SIGNAL:
            signal.signal(sig, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {sig: signal.getsignal(sig) for sig in EXIT_FOR_SIGNAL}
    for sig, old in previous.items():
        if old is not signal.SIG_IGN:
            signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def exit_code_for(interrupt: BaseException) -> int:
    if isinstance(interrupt, Interrupted):
        return EXIT_FOR_SIGNAL.get(interrupt.signum, EXIT_SIGINT)
    return EXIT_SIGINT  # KeyboardInterrupt


class Session:
    """One run of the command line over `options` (see cleaner.command.options)."""

    def __init__(self, options: Options, cache=None):
        self.options = options
        self.cache = cache  # files known clean (cleaner.runner.cache.Cache), for in-place runs only
        self.lookup = cache.lookup if cache is not None else Lookup(options.config_file)
        self.report = Report(options=options)
        self.records: list[dict] = []
        self.held: list[Outcome] = []  # outcomes with something to say, said sorted by path
        self.skip: frozenset[str] = frozenset()
        self.stdout_taken = False  # the cleaned post goes to standard output: reports to standard error
        self._by_file: dict = {}  # configuration file (None: built-in) -> Config
        self._by_folder: dict = {}  # folder -> Config, its generator resolved

    # ------------------------------------------------------------ configuration

    def configure(self) -> None:
        """Check the steps named and the explicit configuration, before any file is read."""
        unknown = [name for name in (*self.options.skip, *self.options.only) if name not in STEP_NAMES]
        if unknown:
            raise ConfigError(f"unknown step {unknown[0]!r} (steps: {', '.join(STEP_NAMES)})", path="cleaner")
        self.skip = self.options.skipped(STEP_NAMES)
        if self.options.config_file is not None:
            self._config_file(self.lookup.explicit)

    def _config_file(self, found: str | None):
        if found not in self._by_file:
            base = config_mod.read_file(Path(found)) if found else config_mod.default_config()
            self._by_file[found] = base.with_skip(self.skip)
        return self._by_file[found]

    def config_for_target(self, target):
        return self.config_for_folder(target.folder)

    def config_for_folder(self, folder):
        """The configuration for posts in `folder`: the lookup's file, the generator resolved."""
        key = str(folder)
        config = self._by_folder.get(key)
        if config is None:
            base = self._config_file(self.lookup.file_for(key))
            config = self._by_folder[key] = with_generator(base, Path(key or "."))
        return config

    def excluder_for(self, folder):
        """The excludes of a walk from `folder`: the configuration's, or the command line's."""
        from .excludes import Excluder

        config = self.config_for_folder(folder)
        root = self.lookup.root_for(str(folder)) or str(folder)
        exclude = config.exclude if self.options.exclude is None else _regex(self.options.exclude, "--exclude")
        extend = config.extend_exclude
        if self.options.extend_exclude is not None:
            extend = _regex(self.options.extend_exclude, "--extend-exclude")
        return Excluder(root, exclude, extend)

    # ------------------------------------------------------------ runs

    def run_stdin(self, output: Path | None) -> int:
        try:
            with interrupts_raise():
                return self._run_stdin(output)
        except (Interrupted, KeyboardInterrupt) as exc:
            click.echo("interrupted: standard input not cleaned", err=True)
            return exit_code_for(exc)

    def _run_stdin(self, output: Path | None) -> int:
        data = sys.stdin.buffer.read()
        self.stdout_taken = self.options.write and output is None
        named = self.options.stdin_filename
        folder = os.path.dirname(named) if named else os.getcwd()
        try:
            config = self.config_for_folder(folder)
            excluded = named and self.options.force_exclude and self.excluder_for(folder or ".").matches_pattern(
                named, is_dir=False)
        except CleanerError as exc:
            click.echo(str(exc), err=True)
            return EXIT_ERROR
        if excluded:  # as black does: an excluded post passes through as it came
            if self.options.write and output is None:
                sys.stdout.buffer.write(data)
            return EXIT_OK
        outcome = process_stdin(data, config, self.options)
        self._add(outcome)
        if self.options.write and outcome.text is not None:
            self._write_stdin_result(outcome, output, config)
        self._finish()
        return self.report.return_code

    def _write_stdin_result(self, outcome: Outcome, output: Path | None, config) -> None:
        encoding = self.options.output_encoding or config.output_encoding or self.options.encoding or config.encoding
        if output is None:
            sys.stdout.buffer.write(outcome.text.encode(encoding or "utf-8"))
            sys.stdout.flush()
            return
        try:
            write_atomic(Path(output), outcome.text, encoding, run_id=self.options.run_id)
        except CleanerError as exc:
            click.echo(str(exc), err=True)
            self.report.fail()

    def run_paths(self, paths, output: str | None, jobs: int | None) -> int:
        started = time.perf_counter()
        targets = None
        try:
            with interrupts_raise():
                targets = self._targets(paths, output)
                if targets is None:
                    return self.report.return_code
                self._run(targets, jobs or default_jobs())
        except (Interrupted, KeyboardInterrupt) as exc:
            self._say_held()
            click.echo(interrupted_line(self.report.scanned, len(targets or ())), err=True)
            return exit_code_for(exc)
        self._finish()
        if not self.options.quiet and len(targets) >= SUMMARY_MIN_FILES:
            click.echo(self.report.summary(time.perf_counter() - started), err=True)
        return self.report.return_code

    def _targets(self, paths, output: str | None):
        """The files to clean, every configuration validated first; None when one is invalid."""
        try:
            targets, errors = discover(paths, output, self.excluder_for, force_exclude=self.options.force_exclude)
            for target in targets:  # validate every configuration before touching any file
                self.config_for_target(target)
        except CleanerError as exc:
            click.echo(str(exc), err=True)
            self.report.fail()
            return None
        for exc in errors:
            click.echo(str(exc), err=True)
            self.report.fail()
        if not targets and not errors and not self.options.quiet:
            click.echo("No posts to clean: none found, or all excluded (see --exclude).", err=True)
        return targets

    def _run(self, targets, jobs: int) -> None:
        progress = self._progress(len(targets))

        def on_outcome(outcome: Outcome) -> None:
            self._add(outcome)
            self._remember(outcome)
            if progress:
                progress.advance()

        try:
            to_clean = []
            for target in targets:
                if self._is_known_clean(target):
                    on_outcome(Outcome(str(target.src), Status.UNCHANGED))
                else:
                    to_clean.append(target)
            run_targets(to_clean, self.config_for_target, self.options, jobs, on_outcome)
        finally:
            if progress:
                progress.stop()
            if self.cache is not None:
                self.cache.save()

    def _is_known_clean(self, target) -> bool:
        return self.cache is not None and target.dest is None and self.cache.is_clean(target.src)

    def _remember(self, outcome: Outcome) -> None:
        """A file that is clean now (found so, or written so) and raised no problem."""
        if self.cache is None or outcome.problems or outcome.status is Status.FAILED:
            return
        if not outcome.writes or self.options.write:
            self.cache.mark_clean(outcome.path)

    # ------------------------------------------------------------ output

    def _add(self, outcome: Outcome) -> None:
        self.report.add(outcome)
        if self.options.report_format:
            self.records.append({"path": outcome.path, "outcome": outcome.status.value,
                                 "error": outcome.error or None,
                                 "changes": [c.as_dict() for c in outcome.changes],
                                 "problems": [p.as_dict() for p in outcome.problems]})
        if (outcome.error or outcome.problems or outcome.diff or self.options.explain
                or (outcome.writes and not self.options.write)):  # only what prints: memory stays flat
            self.held.append(outcome)

    def _say_held(self) -> None:
        """Every file's lines, sorted by path (workers finish in any order)."""
        held, self.held = sorted(self.held, key=lambda o: o.path), []
        for outcome in held:
            self._messages(outcome)

    def _messages(self, outcome: Outcome) -> None:
        options = self.options
        if outcome.error:
            click.echo(outcome.error, err=True)
        if not options.quiet:
            for problem in outcome.problems:
                where = f"{outcome.path}:{problem.line}" if problem.line else outcome.path
                click.echo(f"{where}: {problem.message}", err=True)
            if outcome.writes and not options.write:
                click.echo(f"would clean {outcome.path}", err=True)
        if outcome.diff:
            click.echo(color_diff(outcome.diff) if options.color else outcome.diff, nl=False, color=options.color)
        if options.explain:
            click.echo(explain_text(outcome, options), err=self.stdout_taken)

    def _finish(self) -> None:
        self._say_held()
        if not self.options.report_format:
            return
        report = self.report
        records = sorted(self.records, key=lambda record: record["path"])
        text = json.dumps({"files": records, "summary": {
            "scanned": report.scanned, "changed": report.changed,
            "unchanged": report.unchanged, "failed": report.failed,
            "problems": report.problems,
            "steps": {f"{s}/{r}": n for (s, r), n in sorted(report.steps.items())}}},
            ensure_ascii=False, indent=2)
        if not self.options.report_file:
            click.echo(text, err=self.stdout_taken)
            return
        try:
            write_atomic(Path(self.options.report_file), text + "\n", None, run_id=self.options.run_id)
        except CleanerError as exc:
            click.echo(str(exc), err=True)
            self.report.fail()

    def _progress(self, total: int):
        if self.options.quiet or total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
            return None
        from ..command.progress import Progress
        return Progress(total)


def _regex(pattern: str, option: str):
    import re

    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"{option}: regular expression {pattern!r} does not compile: {exc}", path="cleaner") from None


def color_diff(diff: str) -> str:
    """black's colours: file names bold, hunk headers cyan, removed lines red, added green."""
    lines = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            line = click.style(line, bold=True, reset=True)
        elif line.startswith("@@"):
            line = click.style(line, fg="cyan", reset=True)
        elif line.startswith("+"):
            line = click.style(line, fg="green", reset=True)
        elif line.startswith("-"):
            line = click.style(line, fg="red", reset=True)
        lines.append(line)
    return "".join(lines)


def explain_text(outcome: Outcome, options: Options) -> str:
    status = options.verb if outcome.status is Status.CHANGED else outcome.status.value
    lines = [f"{outcome.path}: {status}"]
    if outcome.error:
        lines.append(f"  error: {outcome.error}")
    by_step: dict[str, list] = {}
    for change in outcome.changes:
        by_step.setdefault(change.step, []).append(change)
    for step in STEP_NAMES:
        for change in by_step.get(step, []):
            lines.append(f"  {step:<11} {change.rule:<28} {change.what}")
    for problem in outcome.problems:
        lines.append(f"  problem     line {problem.line}: {problem.message}")
    return "\n".join(lines)


def with_generator(config, folder: Path):
    """`config` with `generator = "auto"` resolved from the site around `folder`."""
    from dataclasses import replace

    from ..generators import AUTO, detect

    if config.generator != AUTO:
        return config
    found = detect(folder)
    return replace(config, generator=found) if found else config
