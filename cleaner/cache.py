"""Files known to be clean, so a run over them does no work (as black's cache does).

A file is recorded when a run found it clean (or wrote it clean) with no problems; it is
skipped while its size and modification time stay the same and nothing else changed: not
cleaner's code or version, not the options, not the configuration that applies to it. The
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

CACHE_ENV = "CLEANER_CACHE_DIR"
NO_CACHE_ENV = "CLEANER_NO_CACHE"
PACKAGE_DIR = Path(__file__).parent
CONFIG_NAMES = ("cleaner.toml", "pyproject.toml")
REPO_MARKERS = (".git", ".hg")
KEY_CHARS = 16


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


def _code_stamp() -> str:
    """cleaner's version and its files' modification times (an edited install counts)."""
    from . import __version__

    stamps = [__version__]
    for folder, _dirs, files in os.walk(PACKAGE_DIR):
        for name in sorted(files):
            if name.endswith((".py", ".toml")):
                stamps.append(f"{name}:{os.stat(os.path.join(folder, name)).st_mtime_ns}")
    return "|".join(stamps)


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return h.hexdigest()[:KEY_CHARS]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # unreadable: the run proper will say so; here it only changes the key
        return b"?"


class Cache:
    def __init__(self, options: str, explicit_config: Path | None):
        self._explicit = _digest(str(explicit_config), _read(explicit_config)) if explicit_config else None
        self.path = cache_dir() / f"clean-{_digest(_code_stamp(), options, self._explicit or '')}.json"
        self._folders: dict[str, str] = {}
        self.entries: dict[str, list] = self._load()
        self.dirty = False

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # no cache yet, or a damaged one: start afresh
            return {}
        return data if isinstance(data, dict) else {}

    def _config_stamp(self, folder: str) -> str:
        """What configures files in `folder`: the nearest cleaner.toml/pyproject.toml files
        up to the repository root (their bytes), unless --config names one."""
        if self._explicit:
            return self._explicit
        if folder not in self._folders:
            parts = []
            here = Path(folder)
            for candidate in (here, *here.parents):
                for name in CONFIG_NAMES:
                    config = candidate / name
                    if config.is_file():
                        parts += [str(config), _read(config)]
                if parts or any((candidate / marker).exists() for marker in REPO_MARKERS):
                    break
            self._folders[folder] = _digest(*parts)
        return self._folders[folder]

    def _key(self, path: Path) -> tuple[str, list] | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        absolute = os.path.abspath(path)
        return absolute, [st.st_size, st.st_mtime_ns, self._config_stamp(os.path.dirname(absolute))]

    def is_clean(self, path: Path) -> bool:
        key = self._key(path)
        return key is not None and self.entries.get(key[0]) == key[1]

    def mark_clean(self, path: Path) -> None:
        key = self._key(path)
        if key is not None and self.entries.get(key[0]) != key[1]:
            self.entries[key[0]] = key[1]
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


def options_key(*, skip, only, strict: bool, encoding: str | None) -> str:
    """The options that change what clean means, as the command line gave them."""
    return f"skip={','.join(sorted(skip))};only={','.join(sorted(only))};strict={strict};encoding={encoding or ''}"


def all_known_clean(paths, cache: Cache) -> bool:
    """True when every path is a file this cache knows to be clean (folders: not known here)."""
    return all(os.path.isfile(p) and cache.is_clean(Path(p)) for p in paths)
