"""One CLI run: configuration per file, the runner, messages, progress, report and summary."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from . import config as config_mod
from .errors import CleanerError, ConfigError
from .files import decode, discover, write_atomic
from .report import EXIT_ERROR, Mode, Outcome, Report, Status
from .runner import Settings, default_jobs, process, run as run_targets
from .steps import STEP_NAMES


class Session:
    def __init__(self, *, mode: Mode, strict: bool, encoding: str | None, quiet: bool, explain: bool,
                 report_format: str | None, report_file: Path | None):
        self.mode = mode
        self.strict = strict
        self.encoding = encoding
        self.quiet = quiet
        self.explain = explain
        self.report_format = report_format
        self.report_file = report_file
        self.report = Report(mode=mode)
        self.records: list[dict] = []
        self.explicit_config = None
        self.skip: frozenset[str] = frozenset()
        self._configs: dict = {}

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
        if self.explicit_config is not None:
            return self.explicit_config
        folder = path.parent if path.suffix else path
        if folder not in self._configs:
            found = config_mod.find_file(folder)
            base = config_mod.read_file(found) if found else config_mod.default_config()
            self._configs[folder] = base.with_skip(self.skip)
        return self._configs[folder]

    # ------------------------------------------------------------ runs

    def settings(self, to_stdout: bool = False) -> Settings:
        return Settings(mode=self.mode, strict=self.strict, encoding=self.encoding, to_stdout=to_stdout)

    def run_stdin(self, output: Path | None) -> int:
        from .api import clean

        data = sys.stdin.buffer.read()
        try:
            config = self.explicit_config or config_mod.find_file(Path.cwd()) and config_mod.read_file(
                config_mod.find_file(Path.cwd())).with_skip(self.skip) or config_mod.default_config().with_skip(self.skip)
            text = decode(data, self.encoding, "<stdin>")
            result = clean(text, config)
            if self.strict and result.problems:
                raise CleanerError(f"{result.problems[0].message} (--strict)", line=result.problems[0].line)
        except CleanerError as exc:
            click.echo(str(exc if exc.path else exc.located("<stdin>")), err=True)
            return EXIT_ERROR
        outcome = Outcome("<stdin>", Status.CHANGED if result.changed else Status.UNCHANGED,
                          [c.as_dict() for c in result.changes], [p.as_dict() for p in result.problems])
        self._messages(outcome)
        if self.mode is Mode.WRITE:
            if output is not None:
                try:
                    write_atomic(output, result.text, self.encoding)
                except CleanerError as exc:
                    click.echo(str(exc), err=True)
                    return EXIT_ERROR
            else:
                sys.stdout.write(result.text)
        elif self.mode is Mode.DIFF and result.changed:
            from .runner import unified_diff
            sys.stdout.write(unified_diff(text, result.text, "<stdin>"))
        self.report.add(outcome)
        self._finish_report()
        return self.report.return_code

    def run_paths(self, paths, output: Path | None, jobs: int | None) -> int:
        started = time.perf_counter()
        targets, errors = discover(paths, output)
        for exc in errors:
            click.echo(str(exc), err=True)
            self.report.fail()
        try:
            for target in targets:  # validate every configuration before touching any file
                self.config_for(target.src)
        except CleanerError as exc:
            click.echo(str(exc), err=True)
            self.report.fail()
            return self.report.return_code
        progress = self._progress(len(targets))
        settings = self.settings()

        def on_outcome(outcome: Outcome) -> None:
            self.report.add(outcome)
            self._messages(outcome)
            if progress:
                progress.advance()

        try:
            run_targets(targets, lambda t: self.config_for(t.src), settings, jobs or default_jobs(), on_outcome)
        finally:
            if progress:
                progress.stop()
        self._finish_report()
        if not self.quiet and (len(targets) > 1 or self.report.failed):
            click.echo(self.report.summary(time.perf_counter() - started), err=True)
        return self.report.return_code

    # ------------------------------------------------------------ output

    def _messages(self, outcome: Outcome) -> None:
        if outcome.error:
            click.echo(outcome.error, err=True)
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
            "steps": {f"{s}/{r}": n for (s, r), n in sorted(self.report.steps.items())}}},
            ensure_ascii=False, indent=2)
        if self.report_file:
            write_atomic(self.report_file, text + "\n", None)
        else:
            click.echo(text)

    def _progress(self, total: int):
        if self.quiet or total < 2 or not sys.stderr.isatty():
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
