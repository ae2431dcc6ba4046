"""What mdformat escapes, and what the writer leaves to mdformat.

Plain text is most of an article, and mdformat writes it back unchanged apart from the start of
a line (a `1.` or `#` there would open a list or a heading). The writer applies those line rules
itself, ported from mdformat's paragraph renderer. Text holding a character mdformat treats
specially (`*`, `_`, `[`, `<`, a backslash...) is written with every such character escaped and
then formatted by mdformat, which knows its own rules best.
"""
from __future__ import annotations

import re

# A text run holding one of these is "special": its block is formatted by mdformat. (`!`, `~`,
# `&`, `|` and `>` are plain where mdformat leaves them so: see `Inline`.)
SPECIAL_RE = re.compile(r"[\\*_\[\]<`]|~~|&(?:#[0-9]|#[xX][0-9a-fA-F]|[A-Za-z][A-Za-z0-9]*;)")
# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones
# that could start markup inside a line.
_ESCAPE_RE = re.compile(r"([\\*_\[\]<>`~&!|#])")

_HEADING_LIKE_RE = re.compile(r"#{1,6}( |\t|$)")
_BULLET_LIKE_RE = re.compile(r"[-*+]( |\t|$)")
_ORDERED_PAREN_RE = re.compile(r"[0-9]+\)( |\t|$)")
_ORDERED_DOT_RE = re.compile(r"[0-9]+\.( |\t|$)")
_TICK_BOX_RE = re.compile(r"^\[([ xX])]", flags=re.MULTILINE)
_THEMATIC_BREAK_MIN = 3
_DELIMITER_ROW_CHARS = frozenset("|-: ")


def escape_special(text: str) -> str:
    return _ESCAPE_RE.sub(r"\\\1", text)


# Only a line starting with one of these can need an escape.
_LINE_START_CHARS = frozenset("#>-*+=_0123456789")


def escape_line_start(line: str) -> str:
    """One line of a paragraph as mdformat writes it: what would open another block escaped."""
    if not line or line[0] not in _LINE_START_CHARS:
        return line
    if _HEADING_LIKE_RE.match(line) or line.startswith(">") or _BULLET_LIKE_RE.match(line):
        line = "\\" + line
    if _ORDERED_PAREN_RE.match(line):
        line = line.replace(")", "\\)", 1)
    if _ORDERED_DOT_RE.match(line):
        line = line.replace(".", "\\.", 1)
    no_space = line.replace(" ", "").replace("\t", "")
    if len(no_space) >= _THEMATIC_BREAK_MIN:
        for char in "*-_":
            if no_space == char * len(no_space):
                line = line.replace(char, "\\" + char, 1)
                break
    stripped = line.strip(" \t")
    if stripped == "-" * len(stripped):
        line = line.replace("-", "\\-", 1)
    elif stripped == "=" * len(stripped):
        line = line.replace("=", "\\=", 1)
    return line


def escape_paragraph(text: str) -> str:
    """mdformat-gfm's paragraph rules: `[x]` at a line start would be a task-list checkbox, and
    a line of only `|`, `-`, `:` and spaces a table's delimiter row."""
    if "[" in text:
        text = _TICK_BOX_RE.sub(r"\\[\g<1>\\]", text)
    if "-" in text:
        text = "\n".join(line.replace("-", "\\-", 1) if _DELIMITER_ROW_CHARS.issuperset(line) else line
                         for line in text.split("\n"))
    return text


def escape_heading_end(text: str) -> str:
    """A heading ending in `#` would lose it as a closing sequence."""
    return text[:-1] + "\\#" if text.endswith("#") else text


def format_block(markdown: str) -> str:
    """One block formatted by mdformat (the writer's way out for special text)."""
    from ..steps.canonical import format_markdown

    return format_markdown(markdown)[0].rstrip("\n")
