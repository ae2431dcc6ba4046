"""Find a post's front matter, in every form Hexo, Hugo and Jekyll read, and cut it off the body.

| format        | written as                                   | read by                  |
| ------------- | -------------------------------------------- | ------------------------ |
| `yaml`        | `---` lines around YAML (or `---` ... `...`) | Hexo, Hugo, Jekyll       |
| `toml`        | `+++` lines around TOML                      | Hugo                     |
| `json`        | a JSON object opening the file, ending a line | Hugo                    |
| `json-hexo`   | `;;;` lines around JSON without its braces   | Hexo (hexo-front-matter) |
| `yaml-noopen` | YAML, then a `---` line (no opening fence)   | Hexo (hexo-front-matter) |

Blank lines before the front matter are allowed (RSS mirrors write one). Hexo's form without
the opening fence is taken only when the lines before the first `---` line load as a YAML
mapping, so a body that merely has a thematic break is never front matter. Hugo takes any text
opening with `{` for JSON front matter; here it is JSON front matter only when the `{` is
followed by a key (or `}`), and the object ends its line.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..errors import CleanerError

# Fences: the opening and closing line of each fenced format (trailing blanks allowed).
_FENCED = {
    "-": ("yaml", re.compile(r"---[ \t]*\r?"), re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M), "---"),
    "+": ("toml", re.compile(r"\+\+\+[ \t]*\r?"), re.compile(r"^\+\+\+[ \t]*\r?$", re.M), "+++"),
    ";": ("json-hexo", re.compile(r";;;[ \t]*\r?"), re.compile(r"^;;;[ \t]*\r?$", re.M), ";;;"),
}
_BLANK_LINES_RE = re.compile(r"(?:[^\S\n]*\n)*")
# Hugo's JSON front matter: a `{` opening the file; here a key (or `}`) must follow it
_JSON_START_RE = re.compile(r"\{\s*[\"}]")
_DECODER = json.JSONDecoder()
# Hexo without the opening fence (hexo-front-matter's rFrontMatterNew, /^([\s\S]+?)\r?\n(-{3,}|;{3,})\r?\n?/):
# the file opens with a `key:` line, and the first line of three or more dashes ends the YAML.
_KEY_LINE_RE = re.compile(r"(?![-#>*+<|\[{!`%@&\s])[^\n]*?:(?:[ \t]|\r?\n|\r?$)")
_DASHES_LINE_RE = re.compile(r"^-{3,}[ \t]*\r?$", re.M)


@dataclass
class Split:
    """A file cut into its front matter source and its body.

    `opening + front + closing + body` is the file from its front matter on: `opening` and
    `closing` are the fence lines as written (each ending in one "\\n"; empty when the format
    has none), `front` the text between them."""

    front: str | None  # the front matter's text between the fences, None when there is none
    body: str
    first_line: int  # 1-based file line of the first line of `front`
    format: str = "yaml"  # yaml, yaml-noopen, toml, json, json-hexo (see the module's table)
    opening: str = "---\n"
    closing: str = "---\n"
    _loaded: object = field(default=None, repr=False, compare=False)  # the FrontMatter, when splitting loaded it

    def load(self):
        """The loaded FrontMatter (None when there is no front matter); CleanerError when the
        front matter does not load."""
        if self.front is None:
            return None
        if self._loaded is not None:
            return self._loaded
        from . import load

        return load(self.front, self.first_line, format=self.format, opening=self.opening, closing=self.closing)


def split(text: str) -> Split:
    """Cut `text` at its front matter. Raises CleanerError for a fence that is never closed."""
    start = _BLANK_LINES_RE.match(text).end()
    if start == len(text):
        return Split(None, text, 0)
    line = text.count("\n", 0, start) + 1
    first = text[start]
    found = None
    if first in _FENCED:
        found = _fenced(text, start, line, *_FENCED[first])
    elif first == "{":
        found = _json_object(text, start, line)
    else:
        found = _without_opening_fence(text, start, line)
    return found or Split(None, text, 0)


def _fenced(text: str, start: int, line: int, fmt: str, opening_re, closing_re, fence: str) -> Split | None:
    eol = text.find("\n", start)
    if not opening_re.fullmatch(text, start, len(text) if eol < 0 else eol):
        return None
    closing = closing_re.search(text, eol + 1) if eol >= 0 else None
    if closing is None:
        raise CleanerError(f"front matter opened here is never closed with '{fence}'", line=line)
    after = closing.end() + 1 if text.startswith("\n", closing.end()) else closing.end()
    return Split(text[eol + 1 : closing.start()], text[after:], line + 1, fmt,
                 opening=text[start:eol].rstrip("\r") + "\n", closing=closing.group().rstrip("\r") + "\n")


def _json_object(text: str, start: int, line: int) -> Split | None:
    if not _JSON_START_RE.match(text, start):
        return None
    try:
        end = _DECODER.raw_decode(text, start)[1]
    except (ValueError, RecursionError):  # not valid JSON: loading says where; Hugo's lexer finds its end
        end = _brace_end(text, start)
        if end is None:
            raise CleanerError("front matter opened here is never closed with '}'", line=line) from None
    eol = text.find("\n", end)
    rest = text[end:] if eol < 0 else text[end:eol]
    if rest.strip():
        return None  # the object does not end its line: text, not front matter
    return Split(text[start:end], "" if eol < 0 else text[eol + 1 :], line, "json",
                 opening="", closing=rest.rstrip("\r") + "\n")


def _brace_end(text: str, start: int) -> int | None:
    """Where Hugo's lexer (parser/pageparser, lexFrontMatterJSON) ends a JSON front matter:
    after the `}` that closes the first `{`, counting braces outside double quotes."""
    level, quoted, i, n = 0, False, start, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 1
        elif c == '"':
            quoted = not quoted
        elif not quoted and c == "{":
            level += 1
        elif not quoted and c == "}":
            level -= 1
            if level == 0:
                return i + 1
        i += 1
    return None


def _without_opening_fence(text: str, start: int, line: int) -> Split | None:
    if not _KEY_LINE_RE.match(text, start):
        return None
    dashes = _DASHES_LINE_RE.search(text, start)
    if dashes is None:
        return None
    from .yamlfm import load_if_mapping

    source = text[start : dashes.start()]
    closing = dashes.group().rstrip("\r") + "\n"
    front = load_if_mapping(source, line, opening="", closing=closing)
    if front is None:
        return None
    after = dashes.end() + 1 if text.startswith("\n", dashes.end()) else dashes.end()
    return Split(source, text[after:], line, "yaml-noopen", opening="", closing=closing, _loaded=front)
