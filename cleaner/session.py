"""One CLI run: configuration per file, the runner, messages, progress, report and summary."""
from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
import time
import uuid
from pathlib import Path

import click

from . import config as config_mod
from .errors import CleanerError, ConfigError, Interrupted
from .files import discover, write_atomic
from .report import EXIT_ERROR, EXIT_SIGINT, EXIT_SIGTERM, Mode, Outcome, Report, Status, interrupted_line
from .runner import Settings, default_jobs, process_stdin, run as run_targets
from .steps import STEP_NAMES

EXIT_FOR_SIGNAL = {signal.SIGINT: EXIT_SIGINT, signal.SIGTERM: EXIT_SIGTERM}
RUN_ID_CHARS = 8
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
    def __init__(self, *, mode: Mode, strict: bool, encoding: str | None, quiet: bool, explain: bool,
                 report_format: str | None, report_file: Path | None, cache=None):
        self.mode = mode
        self.cache = cache  # files known clean (cleaner.cache.Cache), for in-place runs only
        self.quiet = quiet
        self.explain = explain
        self.report_format = report_format
        self.report_file = report_file
        self.settings = Settings(mode=mode, strict=strict, encoding=encoding, run_id=uuid.uuid4().hex[:RUN_ID_CHARS])
        self.report = Report(mode=mode)
        self.records: list[dict] = []
        self.explicit_config = None
        self.skip: frozenset[str] = frozenset()
        self._configs: dict = {}
        self._target_configs: dict = {}  # by folder name: the lookup a batch makes per file

    # ------------------------------------------------------------ configuration

    def configure(self, config_file, skip, only) -> None:
        unknown = [name for name in (*skip, *only) if name not in STEP_NAMES]
        if unknown:
            raise ConfigError(f"unknown step {unknown[0]!r} (steps: {', '.join(STEP_NAMES)})", path="cleaner")
        chosen = set(skip)
        if only:
            chosen |= {name for name in STEP_NAMES if name not in only}
        self.skip = frozenset(chosen)
        if config_file is not None:
            self.explicit_config = config_mod.read_file(config_file).with_skip(self.skip)

    def config_for(self, path: Path):
        """The configuration for a file: --config, else the one found from its folder."""
        return self.config_for_folder(path.parent)

    def config_for_target(self, target):
        """`config_for(target.src)`, looked up by the folder's name (once per file, or more)."""
        config = self._target_configs.get(target.folder)
        if config is None:
            config = self._target_configs[target.folder] = self.config_for(target.src)
        return config

    def config_for_folder(self, folder: Path):
        if self.explicit_config is not None:
            return with_generator(self.explicit_config, folder)
        if folder not in self._configs:
            found = config_mod.find_file(folder)
            base = config_mod.read_file(found) if found else config_mod.default_config()
            self._configs[folder] = with_generator(base.with_skip(self.skip), folder)
        return self._configs[folder]

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
        try:
            config = self.config_for_folder(Path.cwd())
        except CleanerError as exc:
            click.echo(str(exc), err=True)
            return EXIT_ERROR
        outcome = process_stdin(data, config, self.settings)
        self._add(outcome)
        if self.mode is Mode.WRITE and outcome.text is not None:
            self._write_stdin_result(outcome, output)
        self._finish_report()
        return self.report.return_code

    def _write_stdin_result(self, outcome: Outcome, output: Path | None) -> None:
        if output is None:
            sys.stdout.write(outcome.text)
            sys.stdout.flush()
            return
        try:
            write_atomic(output, outcome.text, self.settings.encoding, run_id=self.settings.run_id)
        except CleanerError as exc:
            click.echo(str(exc), err=True)
            self.report.fail()

    def run_paths(self, paths, output: Path | None, jobs: int | None) -> int:
        started = time.perf_counter()
        targets = None
        try:
            with interrupts_raise():
                targets = self._targets(paths, output)
                if targets is None:
                    return self.report.return_code
                self._run(targets, jobs or default_jobs())
        except (Interrupted, KeyboardInterrupt) as exc:
            click.echo(interrupted_line(self.report.scanned, len(targets or ())), err=True)
            return exit_code_for(exc)
        self._finish_report()
        if not self.quiet and len(targets) >= SUMMARY_MIN_FILES:
            click.echo(self.report.summary(time.perf_counter() - started), err=True)
        return self.report.return_code

    def _targets(self, paths, output: Path | None):
        """The files to clean, every configuration validated first; None when one is invalid."""
        targets, errors = discover(paths, output)
        for exc in errors:
            click.echo(str(exc), err=True)
            self.report.fail()
        try:
            for target in targets:  # validate every configuration before touching any file
                self.config_for_target(target)
        except CleanerError as exc:
            click.echo(str(exc), err=True)
            self.report.fail()
            return None
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
            run_targets(to_clean, self.config_for_target, self.settings, jobs, on_outcome)
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
        if outcome.status is Status.UNCHANGED or self.mode is Mode.WRITE:
            self.cache.mark_clean(Path(outcome.path))

    # ------------------------------------------------------------ output

    def _add(self, outcome: Outcome) -> None:
        self.report.add(outcome)
        self._messages(outcome)

    def _messages(self, outcome: Outcome) -> None:
        if outcome.error:
            click.echo(outcome.error, err=True)
        if not self.quiet:
            for problem in outcome.problems:
                where = f"{outcome.path}:{problem['line']}" if problem["line"] else outcome.path
                click.echo(f"{where}: {problem['message']}", err=True)
        if outcome.diff:
            click.echo(outcome.diff, nl=False)
        if self.explain:
            click.echo(explain_text(outcome))
        if self.report_format:
            self.records.append({"path": outcome.path, "outcome": outcome.status.value,
                                 "error": outcome.error or None, "changes": outcome.changes,
                                 "problems": outcome.problems})

    def _finish_report(self) -> None:
        if not self.report_format:
            return
        text = json.dumps({"files": self.records, "summary": {
            "scanned": self.report.scanned, "changed": self.report.changed,
            "unchanged": self.report.unchanged, "failed": self.report.failed,
            "problems": self.report.problems,
            "steps": {f"{s}/{r}": n for (s, r), n in sorted(self.report.steps.items())}}},
            ensure_ascii=False, indent=2)
        if not self.report_file:
            click.echo(text)
            return
        try:
            write_atomic(self.report_file, text + "\n", None, run_id=self.settings.run_id)
        except CleanerError as exc:
            click.echo(str(exc), err=True)
            self.report.fail()

    def _progress(self, total: int):
        if self.quiet or total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
            return None
        from .progress import Progress
        return Progress(total)


def explain_text(outcome: Outcome) -> str:
    lines = [f"{outcome.path}: {outcome.status.value}"]
    if outcome.error:
        lines.append(f"  error: {outcome.error}")
    by_step: dict[str, list] = {}
    for change in outcome.changes:
        by_step.setdefault(change["step"], []).append(change)
    for step in STEP_NAMES:
        for change in by_step.get(step, []):
            lines.append(f"  {step:<11} {change['rule']:<28} {change['what']}")
    for problem in outcome.problems:
        lines.append(f"  problem     line {problem['line']}: {problem['message']}")
    return "\n".join(lines)


def with_generator(config, folder: Path):
    """`config` with `generator = "auto"` resolved from the site around `folder`."""
    from dataclasses import replace

    from .generators import AUTO, detect

    if config.generator != AUTO:
        return config
    found = detect(folder)
    return replace(config, generator=found) if found else config
