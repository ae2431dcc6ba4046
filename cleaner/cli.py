"""The command line: `cleaner PATH...` (see README for every option and exit code)."""
from __future__ import annotations

import codecs
import sys
from pathlib import Path

import click

from .errors import CleanerError
from .cache import all_known_clean
from .report import EXIT_ERROR, Mode


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_ERROR)


def _check_encoding(encoding: str | None) -> None:
    if encoding is None:
        return
    try:
        codecs.lookup(encoding)
    except LookupError:
        _fail(f"cleaner: unknown encoding {encoding!r} (--encoding takes a name like utf-8 or gb18030)")


def _cache(skip, only, strict: bool, encoding: str | None, config_file):
    from . import cache

    if not cache.enabled():
        return None
    return cache.Cache(cache.options_key(skip=skip, only=only, strict=strict, encoding=encoding), config_file)


def _list_steps(ctx, _param, value) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .steps import STEPS

    for step in STEPS:
        click.echo(f"{step.NAME:<12} {step.DESCRIPTION}")
    ctx.exit(0)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write here instead of in place: a file, or a folder that mirrors the input tree.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option("--diff", is_flag=True, help="Write nothing; print a unified diff of each change.")
@click.option("--skip", "skip", multiple=True, metavar="STEP", help="Switch a step off (repeatable).")
@click.option("--only", "only", multiple=True, metavar="STEP", help="Run only these steps (repeatable).")
@click.option("--list-steps", is_flag=True, expose_value=False, is_eager=True, callback=_list_steps,
              help="List the steps in the order they run, and exit.")
@click.option("--strict", is_flag=True, help="Treat problems (blank title, bad date) as errors.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Configuration file (cleaner.toml or pyproject.toml); default: found from each file.")
@click.option("--encoding", metavar="NAME", help="Read (and write) files in this encoding (default UTF-8).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many files (default: the CPU count).")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; errors only.")
@click.option("--report", "report_format", type=click.Choice(["json"]), default=None,
              help="Print a per-file report (outcome, changes, problems) in this format.")
@click.option("--report-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the --report here instead of standard output (implies --report json).")
@click.option("--explain", is_flag=True, help="Print, per file, what each step removed or rewrote and why.")
@click.option("--no-cache", is_flag=True,
              help="Clean every file, even one a run found clean and that has not changed since.")
@click.version_option(package_name="cleaner")
def main(paths, output, check, diff, skip, only, strict, config_file, encoding, jobs, quiet,
         report_format, report_file, explain, no_cache) -> None:
    """Clean scraped blog posts (YAML front matter + HTML) into canonical Markdown.

    PATH is a file, a folder (every *.md below it) or - for standard input. Files are
    cleaned in place unless -o is given. Exit status: 0 done, 1 would change (--check,
    --diff), 2 error.
    """
    _check_encoding(encoding)
    if report_file is not None and report_format is None:
        report_format = "json"
    mode = Mode.DIFF if diff else Mode.CHECK if check else Mode.WRITE
    cache = None
    if paths and "-" not in paths and output is None and not (diff or explain or report_format or no_cache):
        cache = _cache(skip, only, strict, encoding, config_file)
        if cache is not None and all_known_clean(paths, cache):
            sys.exit(0)  # every file is known clean: nothing to load, nothing to do
    from .session import Session

    session = Session(mode=mode, strict=strict, encoding=encoding, quiet=quiet, explain=explain,
                      report_format=report_format, report_file=report_file, cache=cache)
    try:
        session.configure(config_file, skip, only)
    except CleanerError as exc:
        _fail(str(exc))
    if not paths:
        _fail("cleaner: no PATH given (use - for standard input); see --help")
    if "-" in paths:
        if len(paths) > 1:
            _fail("cleaner: - (standard input) cannot be mixed with other paths")
        sys.exit(session.run_stdin(output))
    sys.exit(session.run_paths(paths, output, jobs))


if __name__ == "__main__":
    main()
