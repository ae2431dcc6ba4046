"""JSON front matter: Hugo's (a JSON object opening the file) and Hexo's (between `;;;` lines,
without the object's braces: hexo-front-matter parses `{` + text + `}`).

A changed value is replaced in place, its text span found by decoding the object value by value;
should that fail, the object is written again with the original's indentation and key order.
"""
from __future__ import annotations

import json
import re

from ..errors import CleanerError
from .model import FrontMatter, deep_line, nesting_error, same, too_deep

_SPACE_RE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _Duplicate(Exception):
    pass


def _no_duplicates(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise _Duplicate(key)
        seen.add(key)
    return dict(pairs)


class JsonFrontMatter(FrontMatter):
    def __init__(self, *args, format: str = "json", **kwargs):
        super().__init__(*args, **kwargs)
        self.format = format  # json (Hugo), or json-hexo (between ;;; lines, no braces)

    def _wrap(self, text: str) -> str:
        return "{" + text + "}" if self.format == "json-hexo" else text

    def _unwrap(self, text: str) -> str:
        return text[1:-1] if self.format == "json-hexo" else text

    def _edited(self, changes):
        text = self._wrap(self.source)
        if changes is not None:
            try:
                edited = _edit_in_place(text, self.data, changes)
            except (ValueError, KeyError, IndexError):
                edited = None
            if edited is not None and same(json.loads(edited), self.data):
                return self._unwrap(edited)
        indent = re.match(r"\{[ \t]*\r?\n([ \t]+)", text)
        out = json.dumps(self.data, ensure_ascii=False, indent=indent[1] if indent else None)
        if self.format == "json-hexo":
            return out[1:-1].strip("\n") + "\n" if self.data else ""
        return out


def _edit_in_place(text: str, data: dict, changes) -> str:
    spans = {key: (start, end) for key, _, start, end in _members(text)}
    edits = []
    for key, indexes in changes:
        start, end = spans[key]
        if indexes is None:
            edits.append((start, end, data[key]))
        else:
            items = _items(text, start)
            edits.extend((*items[i], data[key][i]) for i in indexes)
    for start, end, value in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + json.dumps(value, ensure_ascii=False) + text[end:]
    return text


def _space(text: str, i: int) -> int:
    return _SPACE_RE.match(text, i).end()


def _members(text: str):
    """(key, key start, value start, value end) for each member of the object `text` opens with."""
    i = _space(text, text.index("{") + 1)
    while text[i] != "}":
        key_start = i
        key, i = json.decoder.scanstring(text, i + 1)
        i = _space(text, i)
        if text[i] != ":":
            raise ValueError("expected ':'")
        start = _space(text, i + 1)
        end = _DECODER.raw_decode(text, start)[1]
        yield key, key_start, start, end
        i = _space(text, end)
        if text[i] == ",":
            i = _space(text, i + 1)


def _items(text: str, start: int) -> list:
    """(start, end) of each item of the array at `start`."""
    if text[start] != "[":
        raise ValueError("not an array")
    spans = []
    i = _space(text, start + 1)
    while text[i] != "]":
        end = _DECODER.raw_decode(text, i)[1]
        spans.append((i, end))
        i = _space(text, end)
        if text[i] == ",":
            i = _space(text, i + 1)
    return spans


def load(source: str, first_line: int, *, opening: str = "", closing: str = "\n",
         format: str = "json") -> JsonFrontMatter:
    """Parse JSON front matter; CleanerError with the file line when it does not load."""
    text = "{" + source + "}" if format == "json-hexo" else source
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise CleanerError(f"front matter is not valid JSON: {exc.msg}", line=first_line + exc.lineno - 1) from None
    except _Duplicate as exc:
        raise _duplicate(exc.args[0], text, first_line) from None
    except RecursionError:
        raise nesting_error(deep_line(text, first_line)) from None
    if not isinstance(data, dict):
        raise CleanerError("front matter is not a mapping of keys", line=first_line)
    if too_deep(data) is not None:
        raise nesting_error(deep_line(text, first_line))
    lines = {key: first_line + text.count("\n", 0, start) for key, start, _, _ in _members(text)}
    return JsonFrontMatter(data, lines, first_line=first_line, source=source, opening=opening, closing=closing,
                           format=format)


def _duplicate(key: str, text: str, first_line: int) -> CleanerError:
    """Where the key is written twice: its first two places as `"key":` (found as written)."""
    spellings = {json.dumps(key, ensure_ascii=False), json.dumps(key)}
    found = sorted(m.start() for s in spellings for m in re.finditer(re.escape(s) + r"\s*:", text))
    lines = [first_line + text.count("\n", 0, i) for i in found[:2]]
    if len(lines) == 2:
        return CleanerError(f"duplicate front matter key {key!r} (first at line {lines[0]})", line=lines[1])
    return CleanerError(f"duplicate front matter key {key!r}", line=first_line)
