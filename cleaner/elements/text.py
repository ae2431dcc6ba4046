"""Text nodes: line breaks in the HTML source, Hexo template tags, characters html2text leaves raw.

- A line break in HTML source is a space to a browser, but between two CJK characters a
  Markdown renderer would show it as a gap: it becomes a marker that is dropped between CJK
  characters and becomes a space elsewhere.
- `{{`, `{%`, `{#` in text would be read by Hexo's Nunjucks as template tags: a zero-width
  space goes between the two characters (entities and backslashes do not survive canonical
  Markdown).
- `<` and `&` that html2text would emit bare (and a Markdown renderer read as HTML or an
  entity) are protected and come back escaped.
- Ideographic spaces that indent a paragraph are presentation, not text.
"""
from __future__ import annotations

import re


SOFT_BREAK = "\ue010"
LT, AMP, ESC = "\ue011", "\ue012", "\ue013"
# Text that would start a list, quote or setext underline on its own line (after <br>, or at the
# start of a block) gets a backslash before its marker.
_LINE_START_MARKER_RE = re.compile(
    r"^(\s*)(?:(\d{1,9})([.)])(?=\s|$)|([-+])(?=\s|$)|(=+|-+)(?=\s*$)|(>|~{3,}))")
TEMPLATE_RE = re.compile(r"\{(?=[{%#])")
ZERO_WIDTH_SPACE = "\u200b"
_NEWLINE_WS_RE = re.compile(r"[ \t\r\f\u00a0]*\n\s*")
_INDENT_RE = re.compile(r"^[\u3000\u00a0 \t]+")
CJK_CLASS = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SOFT_RE = re.compile(r"[ \t]*" + SOFT_BREAK + r"[ \t" + SOFT_BREAK + r"]*")
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
# markup characters html2text may put between the break and the next/previous letter
_MARKUP_CHARS = "*_~[]()`!"


def _escape_line_start(m: re.Match) -> str:
    space, digits, punct, bullet, rule, always = m.groups()
    if digits:  # html2text escapes ")" itself (escape_snob), "." only at a real line start
        return space + digits + (ESC if punct == "." else "") + punct
    return space + ESC + (bullet or rule or always)


def _protect(text: str, start_of_block: bool) -> str:
    if start_of_block:
        text = _INDENT_RE.sub("", text)
        text = _LINE_START_MARKER_RE.sub(_escape_line_start, text)
    text = _NEWLINE_WS_RE.sub(SOFT_BREAK, text)
    text = TEMPLATE_RE.sub("{" + ZERO_WIDTH_SPACE, text)
    return text.replace("<", LT).replace("&", AMP)


def _between_blocks(el, *, tail: bool) -> bool:
    """Whitespace-only text that separates blocks (between two <li>, after <ul>): html2text
    already drops it; turned into a soft break it would open blank lines in a list."""
    from ..dom import BLOCK_TAGS

    if tail:
        nxt = el.getnext()
        return el.tag in BLOCK_TAGS or (nxt is not None and nxt.tag in BLOCK_TAGS) or (
            nxt is None and el.getparent().tag in BLOCK_TAGS)
    first = el[0] if len(el) else None
    return el.tag in BLOCK_TAGS and (first is None or first.tag in BLOCK_TAGS)


def prepare(tree) -> None:
    from ..dom import BLOCK_TAGS

    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and not (el.text.isspace() and _between_blocks(el, tail=False)):
            el.text = _protect(el.text, el.tag in BLOCK_TAGS)
        if el.tail and el.getparent() is not None and not (el.tail.isspace() and _between_blocks(el, tail=True)):
            el.tail = _protect(el.tail, el.tag in BLOCK_TAGS or el.tag == "br")


def _neighbour(text: str, index: int, step: int) -> str | None:
    while 0 <= index < len(text):
        ch = text[index]
        if ch not in _MARKUP_CHARS:
            return ch
        index += step
    return None


def finish(markdown: str) -> str:
    def soft(m: re.Match) -> str:
        before = _neighbour(markdown, m.start() - 1, -1)
        after = _neighbour(markdown, m.end(), 1)
        if before is None or after is None or before == "\n" or after == "\n":
            return ""
        if _CJK_RE.match(before) and _CJK_RE.match(after):
            return ""
        return " "

    markdown = _SOFT_RE.sub(soft, markdown)
    return markdown.replace(LT, "\\<").replace(AMP, "\\&").replace(ESC, "\\")


def protect_markdown(markdown: str) -> str:
    """A Markdown segment keeps its text; only template tags outside code get the zero-width space."""
    if "{" not in markdown:
        return markdown
    out, fence = [], None
    for line in markdown.split("\n"):
        stripped = line.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif fence is not None and stripped.startswith(fence):
            fence = None
        elif fence is None:
            line = _protect_line(line)
        out.append(line)
    return "\n".join(out)


_CODE_SPAN_RE = re.compile(r"(`+[^`]*`+)")


def _protect_line(line: str) -> str:
    parts = _CODE_SPAN_RE.split(line)  # odd items are code spans, left alone
    return "".join(p if i % 2 else TEMPLATE_RE.sub("{" + ZERO_WIDTH_SPACE, p) for i, p in enumerate(parts))


_WS_RUN_RE = re.compile(r"\s+")


def collapse_whitespace(text: str) -> str:
    """Whitespace runs as one space, except a line break between two CJK characters, which a
    browser shows as nothing (the same rule as body text)."""
    def one(m: re.Match) -> str:
        if "\n" in m.group(0) and 0 < m.start() and m.end() < len(text) \
                and _CJK_RE.match(text[m.start() - 1]) and _CJK_RE.match(text[m.end()]):
            return ""
        return " "
    return _WS_RUN_RE.sub(one, text).strip()
