"""Text rules shared by HTML and Markdown: Hexo template tags, CJK line breaks.

- `{{`, `{%`, `{#` in text would be read by Hexo's Nunjucks as template tags: a zero-width
  space goes between the two characters (entities and backslashes do not survive canonical
  Markdown).
- A line break between two CJK characters is shown as nothing by a browser; anywhere else as a
  space.
"""
from __future__ import annotations

import re

TEMPLATE_RE = re.compile(r"\{(?=[{%#])")
ZERO_WIDTH_SPACE = "\u200b"
CJK_CLASS = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_RE = re.compile(f"[{CJK_CLASS}]")


def inert_templates(text: str) -> str:
    """`{{`, `{%`, `{#` with a zero-width space after the brace: Hexo and Jekyll would run them."""
    return TEMPLATE_RE.sub("{" + ZERO_WIDTH_SPACE, text) if "{" in text else text


def protect_markdown(markdown: str) -> str:
    """A Markdown segment keeps its text; only template tags outside code get the zero-width space."""
    if "{" not in markdown:
        return markdown
    out, fence = [], None
    for line in markdown.split("\n"):
        stripped = line.strip()
        if fence is None:
            opening = _FENCE_OPEN_RE.match(stripped)
            if opening:
                fence = opening.group(1) or opening.group(2)
            else:
                line = _protect_line(line)
        elif stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
            fence = None  # closed by a run of the same character, at least as long
        out.append(line)
    return "\n".join(out)


# A fence opens with three or more backticks (no backtick after them) or tildes (CommonMark).
_FENCE_OPEN_RE = re.compile(r"(`{3,})[^`]*$|(~{3,})")


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
                and CJK_RE.match(text[m.start() - 1]) and CJK_RE.match(text[m.end()]):
            return ""
        return " "
    return _WS_RUN_RE.sub(one, text).strip()
