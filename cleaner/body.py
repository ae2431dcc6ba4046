"""Tell what a body is (HTML, Markdown, or Markdown with HTML islands) and cut it into segments."""
from __future__ import annotations

import re
from functools import lru_cache

from .dom import parse_fragment

# Anything that looks like a tag or a comment (not escaped as `\\<`): whether it really is HTML
# is then up to the Markdown parser (a tag in a code span is text).
HTML_TAG_RE = re.compile(r"(?<!\\)<(?:/?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>|!--)")
# A body with at least this many Markdown constructs (ATX headings, lists, fences, quotes,
# links, images, bold) is Markdown with HTML islands, not HTML with stray characters.
MARKDOWN_CONSTRUCTS_FOR_MIXED = 3
_MARKUP = {"heading_open": "#", "bullet_list_open": "-*+", "ordered_list_open": ".)", "fence": "`~",
           "blockquote_open": ">"}
_INDENTED_TAG_RE = re.compile(r"^[ \t]+(?=<)", re.M)
# Cheap pre-check before parsing: could this body hold Markdown constructs at all?
_MARKDOWN_HINT_RE = re.compile(r"^ {0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|```|~~~)|\]\(|\*\*|__", re.M)


@lru_cache(maxsize=1)
def markdown_parser():
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _markdown_constructs(tokens) -> int:
    hits = 0
    for t in tokens:
        if t.type in _MARKUP and t.markup[:1] in _MARKUP[t.type]:
            hits += 1
        for c in t.children or ():
            hits += (c.type in ("link_open", "image") and c.markup != "autolink") or (
                c.type == "strong_open" and c.markup in ("**", "__"))
    return hits


def _has_html(tokens) -> bool:
    return any(t.type == "html_block" or any(c.type == "html_inline" for c in t.children or ())
               for t in tokens)


def segments(body: str) -> list:
    """[tree] for HTML, [text] for Markdown or plain text, alternating for mixed bodies.

    Tags that are escaped (`\\<b>`) or inside code spans are text: a body whose only
    "tags" are those is Markdown (cleaner's own output is, always).
    """
    if not HTML_TAG_RE.search(body):
        return [body]
    if not _MARKDOWN_HINT_RE.search(body) and "`" not in body:
        return [parse_fragment(body)]
    md = markdown_parser()
    dedented = _INDENTED_TAG_RE.sub("", body)
    tokens = md.parse(dedented)
    if not _has_html(tokens):
        return [body]
    if _markdown_constructs(tokens) < MARKDOWN_CONSTRUCTS_FOR_MIXED:
        return [parse_fragment(body)]
    return _islands(dedented, tokens)


def _islands(body: str, tokens) -> list:
    """Markdown blocks verbatim; top-level blocks holding HTML become trees of their rendering."""
    lines = body.splitlines(keepends=True)
    md = markdown_parser()
    out: list = []
    pending_md: list[str] = []
    cursor = 0
    depth = 0
    block_start = None
    block_has_html = False
    for t in tokens:
        if depth == 0 and t.map:
            block_start, block_end = t.map
            block_has_html = False
        if t.type == "html_block" or any(c.type == "html_inline" for c in (t.children or ())):
            block_has_html = True
        depth += t.nesting
        if depth == 0 and block_start is not None:
            if block_has_html:
                pending_md.append("".join(lines[cursor:block_start]))
                text = "".join(pending_md)
                if text.strip():
                    out.append(text)
                pending_md = []
                source = "".join(lines[block_start:block_end])
                html = source if t.type == "html_block" else md.render(source)
                out.append(parse_fragment(html))
                cursor = block_end
            block_start = None
    pending_md.append("".join(lines[cursor:]))
    text = "".join(pending_md)
    if text.strip():
        out.append(text)
    return out
