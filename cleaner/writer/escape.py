"""What mdformat escapes, and what the writer leaves to mdformat.

Plain text is most of an article, and mdformat writes it back unchanged apart from the start of
a line (a `1.` or `#` there would open a list or a heading). The writer applies those line rules
itself, ported from mdformat's paragraph renderer. Text holding a character mdformat escapes by
context (`*`, `_`, `[`, `<`, a backslash...) is escaped by `escape_text`, mdformat's own text
rules ported; where those rules do not settle it (a table cell, a gfm autolink candidate next
to such a character, emphasis that would not read as written) the text is written with every
such character escaped and its block formatted by mdformat, which knows its own rules best.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache

from ..mdformat_bridge import format_until_stable, unicode_classes
from .text import ZERO_WIDTH_SPACE, inert_templates

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
_TICK_BOX_RE = re.compile(r"^\[([ xX])](?![(\[])", flags=re.MULTILINE)
# A link labelled `x` at a line start: mdformat-gfm would escape it as a checkbox all the same
# (its rule does not look past the `]`), so a zero-width space goes before it.
_TICK_BOX_LINK_RE = re.compile(r"^(?=\[[ xX]][(\[])", flags=re.MULTILINE)
_THEMATIC_BREAK_MIN = 3
_DELIMITER_ROW_RE = re.compile(r"^([|: ]*)-(?=[|\-: ]*$)", re.M)  # up to a line's first "-"


# Text runs mdformat-gfm would split around an autolink (a URL, `www.`, an e-mail address):
# its text rules apply to each piece, so such a run is left to mdformat.
_AUTOLINK_HINT_RE = re.compile(r"www\.|://|@|mailto:|xmpp:", re.I)
_LESS_THAN_RE = re.compile("<(?:[^ ]|$)")
_CHAR_REFERENCE_RE = re.compile(r"&(#[0-9]{1,7}|#[Xx][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]*);")
_SQUARE_BRACKET_RE = re.compile(r"[\[\]]")
_LESS_THAN_BEFORE_TAG_RE = re.compile(r"<(?=<[/!?A-Za-z])")
_TILDE_RUN_RE = re.compile(r"~{3,}")
_ASCII_PUNCTUATION = frozenset(string.punctuation)


def escape_special(text: str) -> str:
    return _ESCAPE_RE.sub(r"\\\1", text)


def text_escapable(text: str) -> bool:
    """Whether `escape_text` writes this run as mdformat would (else the block goes to mdformat)."""
    return not _AUTOLINK_HINT_RE.search(text)


def escape_text(text: str) -> str:
    """A text token as mdformat's text renderer (and mdformat-gfm's) escapes it.

    `text` is all the text between two pieces of inline markup (emphasis, a link, code, a
    line break), white space already collapsed: the neighbours the rules look at are its own.
    """
    text = text.replace("\\", "\\\\")
    if "*" in text:
        text = _escape_asterisks(text)
    if "_" in text:
        text = _escape_underscores(text)
    if "[" in text or "]" in text:
        text = _escape_square_brackets(text)
    if "<" in text:
        text = _LESS_THAN_RE.sub(r"\\\g<0>", text)
    text = text.replace("`", "\\`")
    if "&" in text:
        text = _CHAR_REFERENCE_RE.sub(_escape_char_reference, text)
    return text.replace("~~", "\\~~")


def _escape_asterisks(text: str) -> str:
    """Every `*` but one with white space on both sides (mdformat's escape_asterisk_emphasis)."""
    whitespace, _punctuation = unicode_classes()

    return _escape_where(text, "*", lambda before, after: not (before in whitespace
                                                              and after in whitespace))


def _escape_underscores(text: str) -> str:
    """Every `_` but one inside a word or with white space on both sides (mdformat's
    escape_underscore_emphasis)."""
    whitespace, punctuation = unicode_classes()

    def escaped(before, after) -> bool:
        if before in whitespace and after in whitespace:
            return False
        return (before is None or after is None or before in whitespace or after in whitespace
                or before in punctuation or after in punctuation)

    return _escape_where(text, "_", escaped)


def _escape_where(text: str, char: str, escaped) -> str:
    """`text` with a backslash before each `char` for which `escaped(before, after)` holds."""
    positions, last = [], len(text) - 1
    index = text.find(char)
    while index >= 0:
        before = text[index - 1] if index else None
        after = text[index + 1] if index < last else None
        if escaped(before, after):
            positions.append(index)
        index = text.find(char, index + 1)
    return _backslash_before(text, positions)


def _backslash_before(text: str, positions) -> str:
    """`text` with a backslash inserted before each of `positions` (ascending)."""
    parts, start = [], 0
    for at in positions:
        parts += [text[start:at], "\\"]
        start = at
    parts.append(text[start:])
    return "".join(parts)


def _escape_square_brackets(text: str) -> str:
    """Brackets that could make a link label (mdformat's escape_square_brackets; the writer
    never writes reference definitions, so no label is a used one)."""
    escape_before: list[int] = []
    opened: int | None = None
    for m in _SQUARE_BRACKET_RE.finditer(text):
        at = m.start()
        if m.group() == "[":
            if opened is not None:
                escape_before.append(opened)
            opened = at
        elif opened is None:
            escape_before.append(at)
        else:
            if text[at + 1:at + 2] in (":", "("):
                escape_before += [opened, at]
            opened = None
    if opened is not None:
        escape_before.append(opened)
    return _backslash_before(text, sorted(escape_before)) if escape_before else text


def _escape_char_reference(m: re.Match) -> str:
    """`&` before a character reference markdown-it would decode (mdformat's char reference rule)."""
    name = m.group(1)
    if name[0] == "#" or name in _html5_names():
        return "\\" + m.group()
    return m.group()


@lru_cache(maxsize=1)
def _html5_names() -> frozenset[str]:
    from html.entities import html5

    return frozenset(name.rstrip(";") for name in html5)


def defuse(text: str) -> str:
    """Raw text with a zero-width space where mdformat's escaping falls short: `{{` (a template
    tag to Hexo and Jekyll), `<<b>` (mdformat escapes only the first `<`: its pattern consumes
    the second, leaving a tag) and `~~~` (mdformat-gfm escapes `~~` pair by pair, `\\~~~`,
    leaving a live `~~`)."""
    text = inert_templates(text)
    if "<<" in text:
        text = _LESS_THAN_BEFORE_TAG_RE.sub("<" + ZERO_WIDTH_SPACE, text)
    if "~~~" in text:
        text = _TILDE_RUN_RE.sub(lambda m: ZERO_WIDTH_SPACE.join(m.group()), text)
    return text


def alt_as_read(alt: str) -> str:
    """`alt` without the characters that would read as markup: mdformat writes an image's text
    unescaped (as the plain text CommonMark makes of it), so `*b*` would come back as `b`."""
    while SPECIAL_RE.search(alt):
        kept = " ".join(_without_escaped(alt, escape_text(alt)).split())
        if kept == alt:
            break
        alt = kept
    return alt


def _without_escaped(text: str, escaped: str) -> str:
    """`text` without the characters `escaped` (escape_text's output) has a backslash before,
    except a backslash before a letter: CommonMark reads that one as it is."""
    kept, at = [], 0
    for index, char in enumerate(text):
        if escaped[at] == "\\" and char != "\\":  # `char` was escaped
            at += 2
            continue
        if char == "\\":
            at += 2
            following = text[index + 1:index + 2]
            if following and following not in _ASCII_PUNCTUATION:
                kept.append(char)
            continue
        kept.append(char)
        at += 1
    return "".join(kept)


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
        text = _TICK_BOX_LINK_RE.sub(ZERO_WIDTH_SPACE, _TICK_BOX_RE.sub(r"\\[\g<1>\\]", text))
    if "-" in text:
        text = _DELIMITER_ROW_RE.sub(r"\1\\-", text)
    return text


def escape_heading_end(text: str) -> str:
    """A heading ending in `#` would lose it as a closing sequence."""
    return text[:-1] + "\\#" if text.endswith("#") else text


def format_block(markdown: str) -> str:
    """One block formatted by mdformat (the writer's way out for special text)."""
    return format_until_stable(markdown)[0].rstrip("\n")
