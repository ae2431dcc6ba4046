"""The configuration file for a post: one lookup for the configuration, the cache and the run.

For a post's folder: `--config` when given; else the nearest `cleaner.toml`, or `pyproject.toml`
holding a `[tool.cleaner]` table, from that folder up to the repository root (a folder holding
`.git` or `.hg`) or the file system root. In one folder `cleaner.toml` wins. Answers are kept
per folder, for every folder a walk passed. Only the standard library is imported (and
`tomllib` only for a `pyproject.toml` that mentions cleaner): the hook's fast path uses this.
"""
from __future__ import annotations

import hashlib
import os

CONFIG_FILE = "cleaner.toml"
PYPROJECT_FILE = "pyproject.toml"
REPOSITORY_MARKERS = (".git", ".hg")
STAMP_CHARS = 16


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:  # unreadable: reading the configuration proper will say so
        return b"?"


def pyproject_has_table(path: str) -> bool:
    """Whether a pyproject.toml holds `[tool.cleaner]` (a broken one is a ConfigError)."""
    data = _read(path)
    if b"cleaner" not in data:  # no table can name it: no need to parse
        return False
    import tomllib

    from ..errors import ConfigError

    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from None
    tool = parsed.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError("tool must be a table", path=path)
    return tool.get("cleaner") is not None


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return h.hexdigest()[:STAMP_CHARS]


class Lookup:
    """`file_for(folder)`: the configuration file that applies to posts in `folder`, or None."""

    def __init__(self, explicit: str | None = None):
        self.explicit = os.path.abspath(explicit) if explicit else None
        self._files: dict[str, str | None] = {}
        self._roots: dict[str, str | None] = {}
        self._stamps: dict[str | None, str] = {}

    def file_for(self, folder: str) -> str | None:
        if self.explicit:
            return self.explicit
        return self._walk(os.path.abspath(folder or "."))[0]

    def root_for(self, folder: str) -> str | None:
        """Where the walk from `folder` stopped: the configuration's folder, or the repository root."""
        return self._walk(os.path.abspath(folder or "."))[1]

    def stamp_for(self, folder: str) -> str:
        """A digest of the configuration that applies to `folder`: its path and bytes."""
        found = self.file_for(folder)
        if found not in self._stamps:
            self._stamps[found] = digest(found, _read(found)) if found else digest("built-in")
        return self._stamps[found]

    def _walk(self, folder: str) -> tuple[str | None, str | None]:
        passed = []
        found = root = None
        here = folder
        while True:
            if here in self._files:
                found, root = self._files[here], self._roots[here]
                break
            passed.append(here)
            own = os.path.join(here, CONFIG_FILE)
            pyproject = os.path.join(here, PYPROJECT_FILE)
            if os.path.isfile(own):
                found, root = own, here
                break
            if os.path.isfile(pyproject) and pyproject_has_table(pyproject):
                found, root = pyproject, here
                break
            if any(os.path.exists(os.path.join(here, marker)) for marker in REPOSITORY_MARKERS):
                root = here
                break
            parent = os.path.dirname(here)
            if parent == here:
                break
            here = parent
        for seen in passed:
            self._files[seen], self._roots[seen] = found, root
        return found, root
