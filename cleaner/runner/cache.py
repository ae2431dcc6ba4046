"""Files known to be clean, so a run over them does no work (as black's cache does).

A file is recorded when a run found it clean (or wrote it clean) with no problems; it is
skipped while its size and modification time stay the same (or, the time changed but not the
size, its content hash) and nothing else changed: not cleaner's code or version, not the
options, not the configuration that applies to it (found by `cleaner.runner.lookup`, as the run finds
it). The
cache is a plain JSON file per set of options under `$CLEANER_CACHE_DIR` (default
`$XDG_CACHE_HOME/cleaner`, or `~/.cache/cleaner`); `--no-cache` or `CLEANER_NO_CACHE=1`
turns it off. Only the standard library is imported here: a hook run over clean files never
loads the cleaning pipeline.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .lookup import Lookup, digest
from ..command.options import Options

CACHE_ENV = "CLEANER_CACHE_DIR"
NO_CACHE_ENV = "CLEANER_NO_CACHE"
PACKAGE_DIR = Path(__file__).parent
ENTRY_FIELDS = 4  # size, mtime_ns, sha256 of the content, configuration stamp


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


def _code_stamp() -> str:
    """cleaner's version and its files' modification times (an edited install counts)."""
    from .. import __version__

    stamps = [__version__]
    for folder, _dirs, files in os.walk(PACKAGE_DIR):
        for name in sorted(files):
            if name.endswith((".py", ".toml")):
                stamps.append(f"{name}:{os.stat(os.path.join(folder, name)).st_mtime_ns}")
    return "|".join(stamps)


def _content_hash(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


class Cache:
    """Files known clean under one set of options; the configuration comes from `lookup`."""

    def __init__(self, options: Options, lookup: Lookup):
        self.lookup = lookup
        explicit = lookup.stamp_for("") if lookup.explicit else ""
        self.path = cache_dir() / f"clean-{digest(_code_stamp(), options.cache_key(), explicit)}.json"
        self.entries: dict[str, list] = self._load()
        self.dirty = False

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # no cache yet, or a damaged one: start afresh
            return {}
        return data if isinstance(data, dict) else {}

    def _stat(self, path) -> tuple[str, list] | None:
        """The file's absolute name, and [size, mtime, configuration stamp]."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        absolute = os.path.abspath(path)
        return absolute, [st.st_size, st.st_mtime_ns, self.lookup.stamp_for(os.path.dirname(absolute))]

    def is_clean(self, path) -> bool:
        """Known clean: same size, time and configuration; or, the time changed but not the size,
        the same content (a checkout or `touch` changes only the time, as black allows for)."""
        key = self._stat(path)
        entry = key and self.entries.get(key[0])
        if not isinstance(entry, list) or len(entry) != ENTRY_FIELDS:
            return False
        size, mtime, stamp = key[1]
        if (entry[0], entry[3]) != (size, stamp):
            return False
        if entry[1] == mtime:
            return True
        if _content_hash(key[0]) != entry[2]:
            return False
        entry[1] = mtime
        self.dirty = True
        return True

    def mark_clean(self, path) -> None:
        key = self._stat(path)
        if key is None:
            return
        size, mtime, stamp = key[1]
        entry = self.entries.get(key[0])
        if isinstance(entry, list) and entry[:2] == [size, mtime] and entry[3:] == [stamp]:
            return
        content = _content_hash(key[0])
        if content is not None:
            self.entries[key[0]] = [size, mtime, content, stamp]
            self.dirty = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written only costs speed."""
        if not self.dirty:
            return
        import tempfile

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".cache-", suffix=".tmp")
        except OSError:  # a read-only home, say: run without a cache
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.entries, fh)
            os.replace(tmp, self.path)
            self.dirty = False
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def all_known_clean(paths, cache: Cache) -> bool:
    """True when every path is a file this cache knows to be clean (folders: not known here)."""
    return all(os.path.isfile(p) and cache.is_clean(p) for p in paths)
