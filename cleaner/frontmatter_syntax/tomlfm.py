"""TOML front matter (Hugo's, between `+++` lines): read with tomllib, edited with tomlkit.

tomlkit keeps comments, quoting and layout, so a changed value is the only text that changes;
it is imported only when a value changed. A TOML date-time is Hugo's own and is never rewritten.
"""
from __future__ import annotations

import re
import tomllib

from ..errors import CleanerError
from .model import FrontMatter, deep_line, nesting_error, same, too_deep

_AT_RE = re.compile(r" \(at line (\d+), column \d+\)$| \(at end of document\)$")
# a top-level key or table header, at the start of its line: `key =`, `"key" =`, `key.sub =`, `[key`
_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'"
_KEY_RE = re.compile(rf"^[ \t]*(?P<table>\[\[?[ \t]*)?(?P<key>{_BARE}|{_QUOTED})[ \t]*[=.\]]", re.M)


class TomlFrontMatter(FrontMatter):
    format = "toml"

    def _edited(self, changes):
        import tomlkit

        doc = tomlkit.parse(self.source)
        if changes is None:
            for key in [k for k in doc if k not in self.data]:
                del doc[key]
            changes = [(key, None) for key in self.data]
        for key, indexes in changes:
            value = self.data[key]
            if indexes is None:
                doc[key] = _like(doc.get(key), value)
            else:
                for i in indexes:
                    doc[key][i] = _like(doc[key][i], value[i])
        text = doc.as_string()
        if not same(tomllib.loads(text), self.data):  # pragma: no cover - tomlkit wrote something else
            raise CleanerError("front matter: a changed TOML value could not be written back", line=self.first_line)
        return text


def _like(old, value):
    """`value` as a tomlkit item, a literal string ('...') where the old one was one."""
    import tomlkit
    from tomlkit.items import String, StringType

    if (isinstance(old, String) and isinstance(value, str) and old.type is StringType.SLL
            and "'" not in value and not any(c in value for c in "\n\r") and value.isprintable()):
        return tomlkit.string(value, literal=True)
    return value


def load(source: str, first_line: int, *, opening: str = "+++\n", closing: str = "+++\n") -> TomlFrontMatter:
    """Parse TOML front matter; CleanerError with the file line when it does not load."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise _error(str(exc), source, first_line) from None
    except RecursionError:
        raise nesting_error(deep_line(source, first_line)) from None
    lines = _key_lines(source, first_line)
    deep = too_deep(data)
    if deep is not None:
        raise nesting_error(max(deep_line(source, first_line), lines.get(deep, first_line)))
    return TomlFrontMatter(data, lines, first_line=first_line, source=source, opening=opening, closing=closing)


def _key_lines(source: str, first_line: int) -> dict:
    lines: dict = {}
    for m in _KEY_RE.finditer(source):
        key = m["key"]
        if key[0] in "\"'":
            key = tomllib.loads(f"k = {key}")["k"]
        if key not in lines and (m["table"] or not lines.get(_TABLES)):
            lines[key] = first_line + source.count("\n", 0, m.start())
        if m["table"]:
            lines[_TABLES] = True  # keys after a table header belong to the table
    lines.pop(_TABLES, None)
    return lines


_TABLES = object()


def _error(message: str, source: str, first_line: int) -> CleanerError:
    m = _AT_RE.search(message)
    reason = message[: m.start()] if m else message
    line = int(m[1]) if m and m[1] else source.count("\n") + 1
    if reason == "Cannot overwrite a value":
        key = _KEY_RE.match(source.split("\n")[line - 1])
        if key:
            name = key["key"] if key["key"][0] not in "\"'" else tomllib.loads(f"k = {key['key']}")["k"]
            first = _key_lines(source, first_line).get(name)
            where = f" (first at line {first})" if first and first != first_line + line - 1 else ""
            return CleanerError(f"duplicate front matter key {name!r}{where}", line=first_line + line - 1)
    return CleanerError(f"front matter is not valid TOML: {reason}", line=first_line + line - 1)
