"""The `cleaner` command's entry point: the pre-commit fast path, then the full command line.

When the arguments are only file paths and the flags that do not change what "clean" means
for a file already known clean (`--check`, `--quiet`, `--strict`, `--force-exclude`), and
every file is in the clean-file cache, the run ends here: no click, no pipeline, nothing to
do. Anything else goes to `cleaner.command.cli`. The options and the configuration lookup are the
ones the full run uses (`cleaner.command.options`, `cleaner.runner.lookup`).
"""
from __future__ import annotations

import os
import sys

FAST_FLAGS = {"--check": "check", "-q": "quiet", "--quiet": "quiet", "--strict": "strict",
              "--force-exclude": "force_exclude"}


def _known_clean(args: list[str]) -> bool:
    flags, paths = set(), []
    for arg in args:
        if arg in FAST_FLAGS:
            flags.add(FAST_FLAGS[arg])
        elif arg.startswith("-") or not os.path.isfile(arg):
            return False  # another option, standard input, a folder, a missing file: the full run
        else:
            paths.append(arg)
    if not paths:
        return False
    from ..runner import cache
    from ..errors import ConfigError
    from ..runner.lookup import Lookup
    from .options import Options

    if not cache.enabled():
        return False
    options = Options(strict="strict" in flags)
    try:
        return cache.all_known_clean(paths, cache.Cache(options, Lookup()))
    except ConfigError:  # a broken configuration: the full run reports it
        return False


def main() -> None:
    if _known_clean(sys.argv[1:]):
        sys.exit(0)
    from .cli import main as cli_main

    cli_main(prog_name="cleaner")  # also names the shell completion variable, _CLEANER_COMPLETE


if __name__ == "__main__":
    main()
