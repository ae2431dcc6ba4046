"""Every option of a run, in one frozen object built once from the command line (black's Mode).

The command line (`cleaner.command.cli`) and the hook's fast path (`cleaner.command.entry`) both build an
`Options`; the runner, the session, the report and the cache read it. `cache_key()` names the
options that change what "clean" means for a file, so two runs that agree on them share a
clean-file cache. Only the standard library is imported here.
"""
from __future__ import annotations

from collections import namedtuple


def step_names(values) -> tuple[str, ...]:
    """`--skip a --skip b,c` as ("a", "b", "c"): repeated and comma-separated alike, sorted."""
    names = {name.strip() for value in values for name in value.split(",")}
    return tuple(sorted(name for name in names if name))


_FIELDS = {  # name: default
    "write": True,  # write cleaned files (in place, or to -o / standard output)
    "check": False,  # exit 1 when a file would change
    "diff": False,  # print a unified diff of each change
    "explain": False,
    "report_format": None,
    "report_file": None,
    "quiet": False,
    "strict": False,
    "skip": (),  # as given (see step_names); resolved by `skipped`
    "only": (),
    "encoding": None,  # read files in this encoding (None: the configuration's, or UTF-8)
    "output_encoding": None,  # write in this one (None: the configuration's, or as read)
    "config_file": None,  # --config: this file for every post
    "color": False,  # colour the diff
    "force_exclude": False,  # excludes apply to files named on the command line too
    "exclude": None,  # a regular expression replacing the configuration's excludes
    "extend_exclude": None,  # one added to them
    "stdin_filename": None,
    "run_id": "",  # goes into temporary file names
}


class Options(namedtuple("Options", _FIELDS, defaults=_FIELDS.values())):
    """What the command line asked for, frozen. `write` False: nothing is written in place or
    to -o. (A named tuple rather than a dataclass: it costs a tenth of the import time, and the
    hook's fast path builds one.)"""

    __slots__ = ()

    def cache_key(self) -> str:
        """The options that change what "clean" means (not how a run reports it)."""
        return ";".join([f"skip={','.join(self.skip)}", f"only={','.join(self.only)}",
                         f"strict={self.strict}", f"encoding={self.encoding or ''}",
                         f"output_encoding={self.output_encoding or ''}"])

    def skipped(self, all_steps) -> frozenset[str]:
        """The steps `--skip` and `--only` switch off."""
        off = set(self.skip)
        if self.only:
            off |= {name for name in all_steps if name not in self.only}
        return frozenset(off)

    @property
    def verb(self) -> str:
        """How the run speaks of a file that differs: it was changed, or would be."""
        return "changed" if self.write else "would change"
