"""The command line: `cleaner PATH...` (see README for every option and exit code)."""
from __future__ import annotations

import codecs
import sys
import uuid

import click

from ..errors import CleanerError
from ..runner.cache import all_known_clean
from .options import Options, step_names
from .report import EXIT_ERROR

RUN_ID_CHARS = 8


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_ERROR)


def _check_encoding(encoding: str | None, option: str) -> None:
    if encoding is None:
        return
    try:
        codecs.lookup(encoding)
    except LookupError:
        _fail(f"cleaner: unknown encoding {encoding!r} ({option} takes a name like utf-8 or gb18030)")


def _cache(options: Options):
    from ..runner import cache
    from ..runner.lookup import Lookup

    if not cache.enabled():
        return None
    return cache.Cache(options, Lookup(options.config_file))


def _complete_steps(_ctx, _param, incomplete: str):
    """Shell completion of step names, after any commas already typed (`--only a,b`)."""
    from click.shell_completion import CompletionItem

    from ..steps import STEPS

    done, _, part = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    return [CompletionItem(prefix + step.NAME, help=step.DESCRIPTION) for step in STEPS
            if step.NAME.startswith(part)]


def _list_steps(ctx, _param, value) -> None:
    if not value or ctx.resilient_parsing:
        return
    from ..steps import STEPS

    for step in STEPS:
        click.echo(f"{step.NAME:<12} {step.DESCRIPTION}")
    ctx.exit(0)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output", type=click.Path(path_type=str),
              help="Write here instead of in place: a file, or a folder (an existing one, or a name "
                   "ending in /) that mirrors the input tree.")
@click.option("--check", is_flag=True, help="Write nothing; name each file that would change; exit 1 if any.")
@click.option("--diff", is_flag=True, help="Write nothing; print a unified diff (a patch) of each change; exit 1 if any.")
@click.option("--color/--no-color", default=None, help="Colour the diff (default: when standard output is a terminal).")
@click.option("--skip", "skip", multiple=True, metavar="STEP[,STEP]", shell_complete=_complete_steps,
              help="Switch steps off (repeatable, or comma-separated).")
@click.option("--only", "only", multiple=True, metavar="STEP[,STEP]", shell_complete=_complete_steps,
              help="Run only these steps (repeatable, or comma-separated).")
@click.option("--list-steps", is_flag=True, expose_value=False, is_eager=True, callback=_list_steps,
              help="List the steps in the order they run, and exit.")
@click.option("--strict", is_flag=True, help="Treat problems (blank title, bad date) as errors.")
@click.option("--config", "config_file", type=click.Path(path_type=str, dir_okay=False),
              help="Configuration file (cleaner.toml or pyproject.toml); default: found from each file.")
@click.option("--encoding", metavar="NAME", help="Read files in this encoding (default: the configuration's, or UTF-8).")
@click.option("--output-encoding", metavar="NAME",
              help="Write files in this encoding (default: the configuration's, or the one they were read in).")
@click.option("--exclude", metavar="REGEX",
              help="Paths to leave out when walking a folder (replaces the default and the configuration's).")
@click.option("--extend-exclude", metavar="REGEX", help="Paths to leave out, added to the excludes.")
@click.option("--force-exclude", is_flag=True, help="Apply the excludes to files named on the command line too.")
@click.option("--stdin-filename", metavar="PATH",
              help="The name of the post read from standard input, for configuration, excludes and messages.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many files (default: the CPU count).")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; errors only.")
@click.option("--report", "report_format", type=click.Choice(["json"]), default=None,
              help="Print a per-file report (outcome, changes, problems) in this format; writes nothing unless --write.")
@click.option("--report-file", type=click.Path(path_type=str, dir_okay=False),
              help="Write the --report here instead of standard output (implies --report json).")
@click.option("--explain", is_flag=True,
              help="Print, per file, what each step removes or rewrites and why; writes nothing unless --write.")
@click.option("--write", "write_too", is_flag=True, help="With --explain or --report: clean the files in place too.")
@click.option("--no-cache", is_flag=True,
              help="Clean every file, even one a run found clean and that has not changed since.")
@click.version_option(None, "-V", "--version", package_name="cleaner")
def main(paths, output, check, diff, color, skip, only, strict, config_file, encoding, output_encoding,
         exclude, extend_exclude, force_exclude, stdin_filename, jobs, quiet, report_format, report_file,
         explain, write_too, no_cache) -> None:
    """Clean scraped blog posts (YAML front matter + HTML) into canonical Markdown.

    PATH is a file, a folder (every *.md below it, less the excludes) or - for standard input.
    Files are cleaned in place unless -o is given. Exit status: 0 done, 1 would change
    (--check, --diff), 2 error.
    """
    _check_encoding(encoding, "--encoding")
    _check_encoding(output_encoding, "--output-encoding")
    if report_file is not None and report_format is None:
        report_format = "json"
    stdin = "-" in paths
    reading = (explain or report_format) and not write_too and output is None and not stdin
    options = Options(
        write=not (check or diff or reading), check=check, diff=diff, explain=explain,
        report_format=report_format, report_file=report_file, quiet=quiet, strict=strict,
        skip=step_names(skip), only=step_names(only), encoding=encoding, output_encoding=output_encoding,
        config_file=config_file, color=sys.stdout.isatty() if color is None else color,
        force_exclude=force_exclude, exclude=exclude, extend_exclude=extend_exclude,
        stdin_filename=stdin_filename, run_id=uuid.uuid4().hex[:RUN_ID_CHARS])
    cache = None
    if paths and not stdin and output is None and not (diff or explain or report_format or no_cache):
        try:
            cache = _cache(options)
            if cache is not None and all_known_clean(paths, cache):
                sys.exit(0)  # every file is known clean: nothing to load, nothing to do
        except CleanerError as exc:
            _fail(str(exc))
    from ..runner.session import Session

    session = Session(options, cache)
    try:
        session.configure()
    except CleanerError as exc:
        _fail(str(exc))
    if not paths:
        _fail("cleaner: no PATH given (use - for standard input); see --help")
    if stdin:
        if len(paths) > 1:
            _fail("cleaner: - (standard input) cannot be mixed with other paths")
        sys.exit(session.run_stdin(output))
    sys.exit(session.run_paths(paths, output, jobs))


if __name__ == "__main__":
    main()
