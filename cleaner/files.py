"""Reading, finding and atomically writing article files."""
from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import CleanerError

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Bytes read to sniff a file as binary before decoding it whole.
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Target:
    """One file to clean and where its output goes (`dest` None: in place)."""

    src: Path
    dest: Path | None = None

    @property
    def out(self) -> Path:
        return self.dest or self.src


def decode(data: bytes, encoding: str | None, name: str) -> str:
    if b"\x00" in data[:SNIFF_BYTES] or b"\x00" in data:
        raise CleanerError("binary content (NUL bytes): not a text article", path=name)
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise CleanerError(f"unknown encoding {encoding!r}", path=name) from None
        except UnicodeDecodeError as exc:
            raise CleanerError(f"not valid {encoding}: {exc.reason} at byte {exc.start}", path=name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = " (it decodes as GBK/GB18030: pass --encoding gb18030)"
        except UnicodeDecodeError:
            hint = " (pass --encoding NAME to read it)"
        raise CleanerError(f"not UTF-8: invalid byte 0x{data[exc.start]:02x}{hint}", line=line, path=name) from None


def read(path: Path, encoding: str | None) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CleanerError("file not found (deleted?)", path=str(path)) from None
    except IsADirectoryError:
        raise CleanerError("is a folder, not a file", path=str(path)) from None
    except OSError as exc:
        raise CleanerError(f"cannot read: {exc.strerror}", path=str(path)) from None
    if not data.strip():
        raise CleanerError("empty file: nothing to clean", path=str(path))
    return decode(data, encoding, str(path))


def write_atomic(path: Path, text: str, encoding: str | None) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`.

    The file is either the old one or the new one, never partial; its permission bits stay.
    """
    data = text.encode(encoding or "utf-8")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cleaner-tmp", dir=folder)
    except OSError as exc:
        raise CleanerError(f"cannot write: {exc.strerror}", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise CleanerError(f"cannot write: {exc.strerror}", path=str(path)) from None
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def discover(paths, output: Path | None) -> tuple[list[Target], list[CleanerError]]:
    """Targets for the given paths: files as given, folders as every *.md below them, sorted.

    An output folder inside an input folder is skipped; a file named twice is cleaned once;
    symlink loops are not followed.
    """
    targets: list[Target] = []
    errors: list[CleanerError] = []
    seen: set[Path] = set()
    out_resolved = output.resolve() if output else None
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            errors.append(CleanerError("no such file or folder", path=str(path)))
            continue
        if path.is_dir():
            found = _walk(path, out_resolved, errors)
            for f in found:
                key = f.resolve()
                if key in seen:
                    continue
                seen.add(key)
                dest = (output / f.relative_to(path)) if output else None
                targets.append(Target(f, dest))
        else:
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            dest = None
            if output:
                dest = output / path.name if (output.is_dir() or len(paths) > 1) else output
            targets.append(Target(path, dest))
    return targets, errors


def _walk(root: Path, exclude: Path | None, errors: list) -> list[Path]:
    found = []
    visited: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True, onerror=lambda e: errors.append(
            CleanerError(f"cannot list folder: {e.strerror}", path=e.filename))):
        here = Path(folder)
        try:
            st = here.stat()
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:  # a symlink loop
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        resolved = here.resolve()
        if exclude is not None and (resolved == exclude or exclude in resolved.parents):
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                found.append(here / name)
    return sorted(found)
