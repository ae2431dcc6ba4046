"""Convert HTML to Markdown: the writer walks each tree and writes mdformat's canonical form.

An HTML body comes out canonical, so the canonical step has nothing left to do. In a Markdown
body the Markdown keeps its text, and an island is converted only where the Markdown renders
the same: its elements all have a Markdown form (paragraphs, links, plain images, emphasis,
lists, quotes, code) and it holds no template syntax. Any other island (an embed, `<kbd>`,
`<sub>`, `<details>`, a layout table, a sized image, an element with an id) stays HTML: as written
when no step changed it, else as the steps left it.
"""
from __future__ import annotations

from ..body import Island
from ..dom import inner_html
from ..elements import tables
from ..writer import write

NAME = "markdown"
DESCRIPTION = "convert HTML to Markdown (fenced code, GFM tables, renderable emphasis), written canonical"
CONVERTIBLE_TAGS = frozenset({
    "div", "p", "span", "font", "a", "img", "strong", "b", "em", "i", "code", "pre", "br", "hr", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "center", "section", "article", "header",
    "footer", "main", "del", "s", "strike", "tt", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
})
# Attributes whose loss a reader would see: an image's size, an anchor's target.
VISIBLE_ATTRIBUTES = ("width", "height", "id", "name", "target")
TEMPLATE_OPENERS = ("{{", "{%")


def run(article) -> None:
    if not article.is_markdown:
        article.segments = [write(article, tree, NAME) for tree in article.segments]
        article.written = True
        return
    out = [segment if isinstance(segment, str) else _island(article, segment) for segment in article.segments]
    article.segments = ["\n\n".join(part.strip("\n") for part in out if part.strip())]


def _island(article, island: Island) -> str:
    if convertible(island):
        return write(article, island.tree, NAME)
    if not island.changed():
        return island.source
    return inner_html(island.tree)


def convertible(island: Island) -> bool:
    """True when the island's Markdown renders as its HTML does."""
    if not island.block and not island.changed():
        return False  # Markdown with inline tags: it is Markdown already
    if any(opener in island.source for opener in TEMPLATE_OPENERS):
        return False
    for el in island.tree.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        if el.tag not in CONVERTIBLE_TAGS or any(el.get(a) is not None for a in VISIBLE_ATTRIBUTES):
            return False
        if el.tag == "table" and not tables.is_data_table(el):  # a layout table would lose its grid
            return False
    return True
