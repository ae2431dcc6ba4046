"""Text rules shared by HTML and Markdown: Hexo template tags, CJK line breaks.

- `{{`, `{%`, `{#` in a feed's text would be read by Hexo's Nunjucks as template tags (Jekyll's
  Liquid runs `{{` and `{%`, Hugo only `{{<` and `{{%`): a zero-width space goes between the
  two characters (entities and backslashes do not survive canonical Markdown).
- A line break between two CJK characters is shown as nothing by a browser; anywhere else as a
  space.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar

# What a post's generator would run: set for the duration of one article's writing
# (`runs_templates`), Hexo's set by default (generators.TEMPLATE_OPENERS).
_TEMPLATE_RE: ContextVar[re.Pattern | None] = ContextVar("template_re", default=re.compile(r"\{(?=[{%#])"))
ZERO_WIDTH_SPACE = "\u200b"
CJK_CLASS = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_RE = re.compile(f"[{CJK_CLASS}]")


def inert_templates(text: str) -> str:
    """Template openers the post's generator would run (`{{`, `{%`, `{#` for Hexo) with a
    zero-width space after the brace."""
    pattern = _TEMPLATE_RE.get()
    return pattern.sub("{" + ZERO_WIDTH_SPACE, text) if pattern is not None and "{" in text else text


@contextmanager
def runs_templates(generator: str):
    """Within the block, `inert_templates` makes inert what `generator` would run."""
    from ..generators import TEMPLATE_OPENERS, UNDETECTED

    opener = TEMPLATE_OPENERS.get(generator, TEMPLATE_OPENERS[UNDETECTED])
    token = _TEMPLATE_RE.set(re.compile(opener) if opener else None)
    try:
        yield
    finally:
        _TEMPLATE_RE.reset(token)


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
