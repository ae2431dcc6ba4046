"""Reading, finding and atomically writing article files."""
from __future__ import annotations

import codecs
import errno
import os
import stat
import tempfile
from pathlib import Path

from ..errors import CleanerError

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Bytes looked at to tell binary content from text with a stray NUL byte.
SNIFF_BYTES = 8192
# Share of control bytes (other than tab, newlines, form feed) above which content is binary.
BINARY_CONTROL_SHARE = 0.05
TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
# The encoding a file that is not UTF-8 most often is, in this corpus (Chinese blogs).
LEGACY_ENCODING = "gb18030"
CJK_RANGE = ("\u4e00", "\u9fff")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Temporary files: `.NAME.RUN.random.cleaner-tmp`, beside the file they replace.
TEMP_SUFFIX = ".cleaner-tmp"
NEW_FILE_MODE = 0o666


def _current_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_UMASK = _current_umask()  # read once: os.umask can only be read by setting it


class Target:
    """One file to clean and where its output goes (`dest` None: in place).

    Kept as strings (a batch holds one per file: Path objects would cost several times the
    memory); `src`, `dest` and `out` are Paths made when asked for.
    """

    __slots__ = ("_src", "_dest")

    def __init__(self, src, dest=None):
        self._src = os.fspath(src)
        self._dest = os.fspath(dest) if dest is not None else None

    @property
    def src(self) -> Path:
        return Path(self._src)

    @property
    def folder(self) -> str:
        """The source's folder, as given ("" for a bare file name)."""
        return os.path.dirname(self._src)

    @property
    def dest(self) -> Path | None:
        return Path(self._dest) if self._dest is not None else None

    @property
    def out(self) -> Path:
        return Path(self._dest or self._src)

    def __eq__(self, other) -> bool:
        return isinstance(other, Target) and (self._src, self._dest) == (other._src, other._dest)

    def __hash__(self) -> int:
        return hash((self._src, self._dest))

    def __repr__(self) -> str:
        return f"Target({self._src!r}, {self._dest!r})"

    def __reduce__(self):
        return (Target, (self._src, self._dest))


# ---------------------------------------------------------------- reading

def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_binary(data: bytes) -> bool:
    sample = data[:SNIFF_BYTES]
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in TEXT_CONTROLS)
    return controls > len(sample) * BINARY_CONTROL_SHARE


def _refuse_nul(data: bytes, name: str) -> None:
    """A NUL byte never belongs in an article: say whether it is UTF-16, binary or one stray byte."""
    at = data.find(b"\x00")
    if at < 0:
        return
    if data.startswith(UTF16_BOMS):
        raise CleanerError("UTF-16 text: pass --encoding utf-16 to read it", path=name)
    if _looks_binary(data):
        raise CleanerError("binary content, not a text article", path=name)
    raise CleanerError("contains a NUL byte: not a text article", line=_line_at(data, at), path=name)


def _legacy_hint(data: bytes) -> str:
    try:
        text = data.decode(LEGACY_ENCODING)
    except UnicodeDecodeError:
        return " (pass --encoding NAME to read it)"
    if any(CJK_RANGE[0] <= ch <= CJK_RANGE[1] for ch in text):
        return f" (it reads as GBK/GB18030 Chinese text: pass --encoding {LEGACY_ENCODING})"
    return " (pass --encoding NAME to read it)"


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise CleanerError(f"unknown encoding {encoding!r} (see --encoding)", path=name) from None
    except UnicodeDecodeError as exc:
        raise CleanerError(f"not valid {encoding}: {exc.reason} at byte {exc.start}",
                           line=_line_at(data, exc.start), path=name) from None
    at = text.find("\x00")
    if at >= 0:
        raise CleanerError("contains a NUL character: not a text article",
                           line=text.count("\n", 0, at) + 1, path=name)
    return text


def decode(data: bytes, encoding: str | None, name: str) -> str:
    """The text of `data`: UTF-8 (a BOM is fine) unless `encoding` is given."""
    if encoding:
        return _decode_as(data, encoding, name)
    _refuse_nul(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _looks_binary(data):
            raise CleanerError("binary content, not a text article", path=name) from None
        raise CleanerError(f"not UTF-8: invalid byte 0x{data[exc.start]:02x}{_legacy_hint(data)}",
                           line=_line_at(data, exc.start), path=name) from None


def _os_message(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


def read(path: Path, encoding: str | None) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CleanerError("file not found (deleted?)", path=str(path)) from None
    except IsADirectoryError:
        raise CleanerError("is a folder, not a file", path=str(path)) from None
    except OSError as exc:
        raise CleanerError(f"cannot read: {_os_message(exc)}", path=str(path)) from None
    if not data.strip():
        raise CleanerError("empty file: nothing to clean", path=str(path))
    return decode(data, encoding, str(path))


# ---------------------------------------------------------------- writing

def temp_prefix(path: Path, run_id: str) -> str:
    return f".{path.name}.{run_id}." if run_id else f".{path.name}."


def write_atomic(path: Path, text: str, encoding: str | None, *, run_id: str = "") -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`.

    The file is either the old one or the new one, never partial; its permission bits stay.
    It is not forced to disk (no fsync), as formatters do not: a flush per file costs a
    journal commit, which serialises parallel workers and takes milliseconds on laptop disks;
    after a power cut the filesystem decides (ext4 and btrfs flush a file renamed over another).
    A symbolic link is kept: the file it points to is replaced. `run_id` goes into the
    temporary name, so `remove_temp_files` can find what an interrupted run left.
    """
    data = _encode(text, encoding or "utf-8", path)
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else NEW_FILE_MODE & ~_UMASK
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path, run_id), suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise CleanerError(f"cannot write: {_os_message(exc)}", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        _unlink_quietly(Path(tmp))
        raise CleanerError(f"cannot write: {_os_message(exc)}", path=str(path)) from None
    except BaseException:  # an interrupt mid-write: leave the old file, and no temporary one
        _unlink_quietly(Path(tmp))
        raise


def _encode(text: str, encoding: str, path: Path) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise CleanerError(f"cannot write: the cleaned text has {text[exc.start]!r} (its line {line}), "
                           f"which {encoding} cannot hold; choose another --encoding", path=str(path)) from None


def _unlink_quietly(path: Path) -> None:
    """Remove a temporary file that may already be gone."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def remove_temp_files(path: Path, run_id: str) -> list[Path]:
    """Remove the temporary files run `run_id` left beside `path` (a worker killed mid-write)."""
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    prefix = temp_prefix(path, run_id)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    left = [path.parent / n for n in names if n.startswith(prefix) and n.endswith(TEMP_SUFFIX)]
    for tmp in left:
        _unlink_quietly(tmp)
    return left


# ---------------------------------------------------------------- finding files

def discover(paths, output: str | None, excluder_for=None, *,
             force_exclude: bool = False) -> tuple[list[Target], list[CleanerError]]:
    """Targets for the given paths: files as given, folders as every *.md below them, sorted.

    `excluder_for(folder)` gives the `excludes.Excluder` of a walk (None: nothing excluded);
    with `force_exclude` its patterns apply to files named here too. An output folder inside an
    input folder is skipped; a file named twice is cleaned once; two files that would be
    written to the same output are an error; symlink loops are not followed. `output` ending
    in a separator, or an existing folder, is a folder.
    """
    finder = _Finder(output, excluder_for, several=len(paths) > 1, force_exclude=force_exclude)
    for raw in paths:
        finder.add(Path(raw))
    return finder.targets, finder.errors


class _Finder:
    def __init__(self, output: str | None, excluder_for, *, several: bool, force_exclude: bool):
        self.output = Path(output) if output is not None else None
        self.excluder_for = excluder_for
        self.force_exclude = force_exclude
        self.several = several
        self.out_is_folder = output is not None and (
            several or output.endswith((os.sep, "/")) or os.path.isdir(output))
        self.out_resolved = self.output.resolve() if self.output else None
        self.targets: list[Target] = []
        self.errors: list[CleanerError] = []
        # keys are strings: a resolved Path per file would cost several times the memory
        self._sources: set[str] = set()
        self._dests: dict[str, str] = {}

    def add(self, path: Path) -> None:
        try:
            st = path.stat()
        except OSError as exc:
            message = "no such file or folder" if exc.errno == errno.ENOENT else _os_message(exc)
            self.errors.append(CleanerError(message, path=str(path)))
            return
        if stat.S_ISDIR(st.st_mode):
            self._add_folder(path)
        elif not (self.force_exclude and self.excluder_for
                  and self.excluder_for(path.parent).matches_pattern(str(path), is_dir=False)):
            self._add_file(path, self._file_dest(path))

    def _file_dest(self, path: Path) -> Path | None:
        if self.output is None:
            return None
        return self.output / path.name if self.out_is_folder else self.output

    def _add_folder(self, root: Path) -> None:
        if self.output is not None:
            if self.out_resolved == root.resolve():
                self.errors.append(CleanerError(
                    "the output folder is the input folder; leave out -o to clean in place", path=str(root)))
                return
            if self.output.exists() and not self.output.is_dir():
                self.errors.append(CleanerError(
                    "is a file: -o must name a folder when a PATH is a folder", path=str(self.output)))
                return
            if not self.output.exists() and self.output.name.lower().endswith(MARKDOWN_SUFFIXES):
                self.errors.append(CleanerError(
                    f"-o names a file, but {root} is a folder: give -o a folder", path=str(self.output)))
                return
        excluder = self.excluder_for(root) if self.excluder_for else None
        for name in _walk(root, self.out_resolved, self.errors, excluder):
            found = Path(name)
            self._add_file(found, self.output / found.relative_to(root) if self.output else None)

    def _add_file(self, path: Path, dest: Path | None) -> None:
        if self.several:
            self._add_checked(path, dest)
        else:  # one PATH: its walk meets each folder once, so no file twice; nothing to remember
            self.targets.append(Target(path, dest))

    def _add_checked(self, path: Path, dest: Path | None) -> None:
        """Several PATHs may name one file twice, or two files with one output."""
        key = _resolve(path)
        if key in self._sources:
            return
        if dest is not None:
            dest_key = _resolve(dest)
            if dest_key in self._dests:
                self.errors.append(CleanerError(
                    f"would be written to {dest}, as {self._dests[dest_key]} is; skipped", path=str(path)))
                return
            self._dests[dest_key] = str(path)
        self._sources.add(key)
        self.targets.append(Target(path, dest))


def _resolve(path: Path) -> str:
    """`path` made absolute with links followed; a link loop stays as it is (reading it fails)."""
    return os.path.realpath(path)


def _walk(root: Path, exclude: Path | None, errors: list, excluder=None) -> list[str]:
    found: list[str] = []  # strings until used: a Path per file would hold several times the memory
    visited: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        errors.append(CleanerError(f"cannot list folder: {_os_message(exc)}", path=exc.filename))

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=on_error):
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
        resolved = Path(_resolve(here))
        if exclude is not None and (resolved == exclude or exclude in resolved.parents):
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (excluder and excluder.excluded(os.path.join(folder, d), is_dir=True)))
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                path = os.path.join(folder, name)
                if not (excluder and excluder.excluded(path, is_dir=False)):
                    found.append(path)
    found.sort(key=lambda path: path.split(os.sep))
    return found
