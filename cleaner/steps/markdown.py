"""Convert HTML to Markdown: the writer walks each tree and writes mdformat's canonical form.

An HTML body comes out canonical, so the canonical step has nothing left to do. In a Markdown
body the Markdown keeps its text, and an island is converted only where the Markdown renders
the same: its elements all have a Markdown form (paragraphs, links, plain images, emphasis,
lists, quotes, code) and it holds no template syntax. Any other island (an embed, `<kbd>`,
`<sub>`, `<details>`, a layout table, a sized image, an element with an id) stays HTML: as written
when no step changed it, else as the steps left it.
"""
from __future__ import annotations

import re
from copy import deepcopy

from ..body import Island
from ..body import island as make_island
from ..dom import BLOCK_TAGS, inner_html
from ..writer import tables
from ..writer.text import runs_templates
from ..render import markdown_renders_as
from ..writer import write
from ..writer.written import without_code

NAME = "markdown"
DESCRIPTION = "convert HTML to Markdown (fenced code, GFM tables, renderable emphasis), written canonical"
CONVERTIBLE_TAGS = frozenset({
    "div", "p", "span", "font", "a", "img", "strong", "b", "em", "i", "code", "pre", "br", "hr", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "center", "section", "article", "header",
    "footer", "main", "del", "s", "strike", "tt", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
})
# Attributes whose loss a reader would see: an image's size, an anchor's target.
VISIBLE_ATTRIBUTES = ("width", "height", "id", "name", "target")
STYLED_CONTAINERS = frozenset({"div", "section", "article", "header", "footer", "main", "blockquote", "center"})
TEMPLATE_OPENERS = ("{{", "{%")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*(?=\n)")
# Elements whose content a parser reads as raw text: written back, it would read differently.
RAW_TEXT_TAGS = frozenset({"xmp", "noembed", "noframes", "plaintext", "textarea", "title", "iframe", "noscript",
                           "style", "script"})


def run(article) -> None:
    with runs_templates(article.config.generator):
        _run(article)


def _run(article) -> None:
    if not article.is_markdown:
        article.segments = [write(article, tree, NAME) for tree in article.segments]
        article.written = True
        return
    pieces = [(segment, True) if isinstance(segment, str) else _island(article, segment)
              for segment in article.segments]
    article.segments = [_join(pieces)]


def _island(article, island: Island) -> tuple[str, bool]:
    """What the island becomes, and whether it stands where it stood (HTML as written or as the
    steps left it) rather than as a new Markdown block."""
    changed = island.changed()
    if not changed and not island.block:
        return island.source, True  # Markdown with inline tags the author wrote: Markdown already
    if convertible(island, changed=changed):
        tree = deepcopy(island.tree)  # the writer's passes change the tree they write
        markdown = write(article, tree, NAME)
        if markdown_renders_as(island.tree, markdown) and reads_alike_everywhere(markdown):
            return markdown, False
    if not changed:
        return island.source, True
    html = _block_html(island) if island.block else _inline_html(island)
    if html is None:  # no HTML that reads back as it is: the writer's Markdown, as in an HTML body
        return write(article, island.tree, NAME), False
    if island.block and not island.balanced():
        written = make_island(html, html, block=True)  # the parser closed what the source left open
        if written.balanced():
            return _island(article, written)  # as the next run reads it: cleaning is idempotent
    return html, True


def _join(pieces: list[tuple[str, bool]]) -> str:
    """The body from its pieces: text standing where it stood keeps the line breaks around it
    (kramdown reads a paragraph and the HTML right under it as one); a new Markdown block, or
    the gap a removed island leaves, is set apart by a blank line."""
    out = ""
    adjacent = True
    for text, in_place in pieces:
        if not text.strip():
            adjacent = False  # a removed island: what follows starts a new block
            continue
        if not in_place:
            text = text.strip("\n") + "\n"
        elif not text.endswith("\n"):
            text += "\n"
        if out and not (in_place and adjacent):
            out = out.rstrip("\n") + "\n\n"
            text = text.lstrip("\n")
        out += text
        adjacent = in_place
    return out


# Markdown that kramdown (Jekyll) reads otherwise than CommonMark: emphasis delimiters inside a
# word (`tsconfig**.json**`, `**粗体**所以`), and a `|` outside code (a table row).
_INTRAWORD_DELIMITER_RE = re.compile(r"(?<=[^\W_])(?:\*+|~~)(?=[^*~\s.,;:!?)\]\"'])"
                                     r"|(?<=[^\s*~\\(\[\"'])(?:\*+|~~)(?=[^\W_])")
_PIPE_RE = re.compile(r"(?<!\\)\|")


def reads_alike_everywhere(markdown: str) -> bool:
    """True when no generator reads the converted Markdown otherwise than CommonMark does."""
    text = without_code(markdown)
    prose = "\n".join(line for line in text.split("\n") if not line.startswith("|"))  # not table rows
    return not _INTRAWORD_DELIMITER_RE.search(text) and not _PIPE_RE.search(prose)


def _block_html(island: Island) -> str | None:
    """A changed HTML block as the steps left it, still one HTML block."""
    html = inner_html(island.tree)
    if not _BLANK_LINE_RE.search(island.source):
        html = _BLANK_LINE_RE.sub("", html)  # a blank line would end the HTML block early
    if not html.lstrip().startswith("<") or _raw_text(island.tree):
        return None
    return html


def _inline_html(island: Island) -> str | None:
    """A changed Markdown paragraph's inline HTML as the steps left it, still one paragraph:
    None when its HTML is no longer one paragraph, or holds text a parser reads raw."""
    root = island.tree
    if len(root) != 1 or root[0].tag != "p" or (root[0].tail or "").strip() or (root.text or "").strip():
        return None
    if _raw_text(root) or any(el.tag in BLOCK_TAGS for el in root[0].iterdescendants()):
        return None
    return inner_html(root[0]) + "\n"


def _raw_text(root) -> bool:
    """True when an element whose content a parser reads raw (`<xmp>`, `<iframe>`) holds text."""
    return any(el.tag in RAW_TEXT_TAGS and (el.text or "").strip() for el in root.iterdescendants())


def convertible(island: Island, *, changed: bool) -> bool:
    """True when the island may have a Markdown form (`markdown_renders_as` then decides)."""
    if any(opener in island.source for opener in TEMPLATE_OPENERS) or not island.balanced():
        return False
    if island.block and not _only_blocks(island.tree):
        return False  # inline HTML on its own: a paragraph in Markdown would change its layout
    if _BLANK_LINE_RE.search(island.source):
        return False  # Markdown inside HTML: CommonMark reads it, kramdown does not
    for el in island.tree.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        if el.tag not in CONVERTIBLE_TAGS or any(el.get(a) is not None for a in VISIBLE_ATTRIBUTES):
            return False
        if el.tag in STYLED_CONTAINERS and (el.get("class") or el.get("style")):
            return False  # a styled box (`<div class="note">`) shows as one
        if el.tag == "table" and not tables.is_data_table(el):  # a layout table would lose its grid
            return False
    return True


def _only_blocks(root) -> bool:
    """True when `root` holds block elements only (no text or inline element of its own)."""
    if (root.text or "").strip():
        return False
    return all((child.tag in BLOCK_TAGS or not isinstance(child.tag, str)) and not (child.tail or "").strip()
               for child in root)
