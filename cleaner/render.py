"""What a Markdown body renders to, as the generators read it: CommonMark with raw HTML, GFM
tables and strikethrough, footnotes, definition lists and `$`-math. The canonical step keeps its
formatting only where the rendering stays the same."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def renderer():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return md.use(footnote_plugin).use(deflist_plugin).use(dollarmath_plugin, allow_space=False, allow_digits=False)


def render(markdown: str) -> str:
    return renderer().render(markdown)


def same_rendering(before: str, after: str) -> bool:
    """True when both texts render to the same HTML."""
    return before == after or render(before) == render(after)
