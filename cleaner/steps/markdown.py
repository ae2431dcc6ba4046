"""Convert HTML to Markdown: html2text plus the fixes real posts need.

Per tree: emphasis made renderable, code and tables taken out (verbatim fences, GFM tables),
text protected (CJK line breaks, template tags, bare `<`/`&`), html2text, then everything put
back. Markdown segments are kept as they are.
"""
from __future__ import annotations

from ..elements import blocks, code, emphasis, image, tables, text
from ..elements.convert import html_to_markdown
from ..elements.placeholders import Placeholders

NAME = "markdown"
DESCRIPTION = "convert HTML to Markdown (html2text, fenced code, GFM tables, renderable emphasis)"


def run(article) -> None:
    out = []
    for segment in article.segments:
        if isinstance(segment, str):
            out.append(text.protect_markdown(segment))
        else:
            out.append(tree_to_markdown(article, segment))
    article.segments = ["\n\n".join(part.strip("\n") for part in out if part.strip())]


def tree_to_markdown(article, tree) -> str:
    placeholders = Placeholders()
    blocks.normalize(tree)
    emphasis.fix(article, tree, NAME)
    code.extract(article, tree, placeholders, NAME)
    text.prepare(tree)
    image.extract(tree, placeholders)

    def render_inline(cell) -> str:
        return placeholders.restore(text.finish(html_to_markdown(cell)))

    tables.extract(article, tree, placeholders, NAME, render_inline)
    markdown = text.finish(html_to_markdown(tree))
    return placeholders.restore(markdown)
