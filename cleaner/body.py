"""Read a body as its generator reads it: an HTML body, or Markdown with HTML islands.

Hexo, Hugo and Jekyll read every post as Markdown, in which raw HTML blocks pass through. A
body is an *HTML body* (feed and scraper output) only when its top-level blocks are all HTML
blocks. It is parsed as one HTML tree and converted whole.

Any other body is Markdown, kept as written. Its *islands* are cut out as HTML trees for the
steps to clean:
- an HTML block, from its start tag to its matching end tag even across blank lines (a `<pre>`
  or `<div class="highlight">` with blank lines inside is one island);
- a paragraph (or other top-level block) holding inline HTML, unless an element it opens is
  left open (it runs on past the block, so the block stays as written).
The excerpt marker `<!--more-->` is Markdown text, never an island.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import templates
from .dom import MORE_RE, inner_html, parse_fragment
from .letters import html_text, letters
from .render import markdown_lines, parse, render

# Anything that looks like a tag or a comment (not escaped as `\\<`): whether it really is HTML
# is then up to the Markdown parser (a tag in a code span is text).
HTML_TAG_RE = re.compile(r"(?<!\\)<(?:/?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>|!--)")
_INDENTED_TAG_RE = re.compile(r"^[ \t]+(?=<)", re.M)
_OPENS_WITH_TAG_RE = re.compile(r"\s*<[a-zA-Z]")
# Start and end tags, for matching an island's end; void elements never open one.
_TAG_TOKEN_RE = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)(?:\s[^<>]*?)?(/?)>", re.S)
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr"})
# Elements whose end tag may be left out: an island never waits for theirs.
OPTIONAL_END_TAGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
                               "optgroup", "rt", "rp", "colgroup", "caption", "html", "head", "body"})
# Block kinds that show a body is written in Markdown (an HTML body has none of them).
_MARKDOWN_BLOCKS = frozenset({"heading_open", "bullet_list_open", "ordered_list_open", "fence",
                              "blockquote_open", "table_open", "hr"})


@dataclass(eq=False)
class Island:
    """An HTML island of a Markdown body: its text as written and the tree the steps clean."""

    source: str
    tree: object  # lxml root (a div holding the island)
    baseline: str  # the tree serialised just after parsing
    block: bool  # an HTML block (True), or a Markdown block with inline HTML (False)

    def balanced(self) -> bool:
        """True when every element the island opens it also closes (and closes no other): a lone
        `<div align="center">` wraps Markdown that follows it."""
        open_tags: list[str] = []
        for m in _TAG_TOKEN_RE.finditer(self.source):
            if not _balance(open_tags, m.group()):
                return False
        return not open_tags

    def changed(self) -> bool:
        """True when a step changed the tree: an island no step touched is written as it came."""
        return inner_html(self.tree) != self.baseline


def island(source: str, html: str, *, block: bool) -> Island:
    tree = parse_fragment(html)
    return Island(source, tree, inner_html(tree), block)



def segments(body: str) -> tuple[str, list]:
    """("html", [tree]) for an HTML body; ("markdown", [text and Island, in order]) otherwise."""
    if not HTML_TAG_RE.search(body):
        return "markdown", [body] if body else []
    if is_html_body(body):
        return "html", [parse_fragment(body)]
    return "markdown", _islands(body, list(_blocks(body, indented_code=True)))


def is_html_body(body: str) -> bool:
    """True when `segments` reads `body` as an HTML body: every top-level block is HTML and it
    holds no tag only an author writes (`{% include %}`, a Hugo shortcode)."""
    if not HTML_TAG_RE.search(body):
        return False
    dedented = _INDENTED_TAG_RE.sub("", body)
    if not dedented.lstrip().startswith("<"):
        return False  # the first block is text: not HTML
    if _all_html_blocks(dedented):
        html = True  # what a feed writes, read without parsing it as Markdown
    else:
        html = _is_html_body(list(_blocks(dedented)), dedented)
    return html and not templates.has_author_tags(body)


# The start of an HTML block that only a blank line ends (CommonMark's kind 6), or a comment.
_BLOCK_START_RE = re.compile(
    r"<(?:/?(?:address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|"
    r"dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|head|header|hr|html|iframe|legend|li|main|menu|nav|"
    r"ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)(?=[\s/>]|$)|!--)", re.I)
_CHUNK_RE = re.compile(r"(?:^|\n[ \t]*\n)\s*(\S)")


def _all_html_blocks(text: str) -> bool:
    """True when every run of lines between blank lines opens an HTML block (not only comments):
    then every top-level block is HTML, and no Markdown parse is needed to say so."""
    starts = [m.start(1) for m in _CHUNK_RE.finditer(text)]
    if not all(_BLOCK_START_RE.match(text, start) for start in starts):
        return False
    return any(not text.startswith("<!--", start) for start in starts)


@dataclass
class _Block:
    """A top-level block of a Markdown body: its lines, and what it holds."""

    start: int
    end: int
    html: bool  # an HTML block (extended to its matching end tag), not the excerpt marker
    comment: bool  # an HTML block that is a comment
    markdown: bool  # a block only Markdown writes: heading, list, fence, quote, table, rule, indented code
    inline_markdown: bool  # links, images or bold written in Markdown
    inline_html: bool  # inline tags other than comments
    unclosed: bool  # an inline element left open: it runs on past the block
    any_markdown: bool = False  # any inline Markdown at all (emphasis, code, autolinks, breaks...)


def _blocks(body: str, *, indented_code: bool = False):
    """The top-level blocks of `body` as markdown-it reads it, HTML blocks extended to their
    matching end tag (the blocks markdown-it found inside are part of it)."""
    lines = markdown_lines(body)
    tokens = parse(body)
    depth = 0
    block = None
    covered = 0  # lines before this belong to a block already given
    for t in tokens:
        if depth == 0 and t.map:
            block = None if t.map[0] < covered else _new_block(t, lines, indented_code=indented_code)
        depth += t.nesting
        if block is None:
            continue
        if t.type == "inline":
            _note_inline(block, t)
        elif t.type == "html_block" and not block.html and RUNS_CODE_RE.search(t.content):
            block.inline_html = True  # HTML in a list item that runs code: the block is cleaned
        if depth == 0:
            covered = block.end
            yield block
            block = None


def _new_block(t, lines, *, indented_code: bool) -> _Block:
    start, end = t.map
    html = t.type == "html_block" and not MORE_RE.fullmatch(t.content.strip())
    if html:
        extended = _island_end(lines, start, end)
        if extended > end and _html_throughout(lines, start, extended, indented_code=indented_code):
            end = extended
    return _Block(start, end, html=html, comment=html and t.content.lstrip().startswith("<!--"),
                  markdown=t.type in _MARKDOWN_BLOCKS or t.type == "code_block",
                  inline_markdown=False, inline_html=False, unclosed=False)


# An element whose content is raw text or code: blank lines inside it never end it.
_RAW_CONTENT_RE = re.compile(r"<(?:pre|code|textarea|script|style|xmp)\b|class=[\"'][^\"']*\b(?:highlight|code)", re.I)
# A line that opens Markdown: a heading, list item, quote, fence, table row or image, or that
# holds a Markdown link or bold.
_MARKDOWN_LINE_RE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|>|```|~~~|\||!\[)|\]\(|\*\*|__")
_RAW_OPEN_RE = re.compile(r"<(?:pre|textarea|script|style|xmp)\b", re.I)
_INDENTED_CODE_RE = re.compile(r"(?: {4}|\t)")  # after a blank line: an indented code block
_RAW_CLOSE_RE = re.compile(r"</(?:pre|textarea|script|style|xmp)\s*>", re.I)


def _html_throughout(lines: list[str], start: int, end: int, *, indented_code: bool) -> bool:
    """True when an element over blank lines is HTML throughout: its content is raw (a `<pre>`,
    a highlighted code box), or no run of lines after a blank line opens with Markdown. Markdown
    between (`<div align="center">`, blank line, `![logo](a.png)`) is Markdown to the generator;
    a feed's plain text there is the element's text. With `indented_code` (a body read as
    Markdown, not a feed's pretty-printed HTML) a line indented four spaces there is code too."""
    if _RAW_CONTENT_RE.search(lines[start]):
        return True
    after_blank = False
    raw = 0  # open raw elements (a `<pre>` nested in the element): blank lines in them are code
    for line in lines[start:end]:
        if not line.strip():
            after_blank = True
            continue
        if after_blank and raw <= 0 and (_MARKDOWN_LINE_RE.search(line)
                                         or indented_code and _INDENTED_CODE_RE.match(line)):
            return False
        after_blank = False
        raw += len(_RAW_OPEN_RE.findall(line)) - len(_RAW_CLOSE_RE.findall(line))
    return True


# Inline tokens a paragraph of HTML holds too; any other is Markdown syntax.
_PLAIN_INLINE = frozenset({"text", "softbreak", "html_inline"})
# A backslash escape: Markdown (read as HTML, the backslash would show).
_ESCAPE_RE = re.compile(r"\\[!-/:-@\[-`{-~]")


def _note_inline(block: _Block, inline) -> None:
    open_tags: list[str] = []
    for c in inline.children or ():
        if c.type not in _PLAIN_INLINE:
            block.any_markdown = True
        if c.type == "html_inline":
            _balance(open_tags, c.content)
        if c.type in ("link_open", "image") and c.markup != "autolink":
            block.inline_markdown = True
        elif c.type == "strong_open" and c.markup in ("**", "__"):
            block.inline_markdown = True
        elif c.type == "html_inline" and not c.content.startswith("<!--"):
            block.inline_html = True
    block.unclosed = bool(open_tags)


def _balance(open_tags: list[str], tag: str) -> bool:
    """Track `tag` on the stack of open elements; False for an end tag nothing opened."""
    m = _TAG_TOKEN_RE.match(tag)
    if not m or not m.group(2):
        return True
    closing, name = m.group(1), m.group(2).lower()
    if name in VOID_TAGS or m.group(3) or name in OPTIONAL_END_TAGS:
        return True
    if not closing:
        open_tags.append(name)
    elif name in open_tags:
        del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
    else:
        return False
    return True


def _is_html_body(blocks: list[_Block], body: str) -> bool:
    """Every top-level block is an HTML block (the excerpt marker aside), at least one not a
    comment, or a paragraph that opens with a tag and holds no Markdown (`<b>Intro</b>` before a
    `<p>`) with no such paragraph right after another. Text apart from HTML blocks makes a
    Markdown body, and so do two paragraphs in a row: read as HTML, the blank line between them
    would merge them."""
    if not blocks or all(b.comment for b in blocks):
        return False
    lines = markdown_lines(body)
    previous_paragraph = False
    for b in blocks:
        if b.html:
            previous_paragraph = False
            continue
        if previous_paragraph or not _tag_paragraph(b, "".join(lines[b.start:b.end])):
            return False
        previous_paragraph = True
    return True


def _tag_paragraph(block: _Block, text: str) -> bool:
    """A paragraph of inline HTML: it opens with a tag and holds no Markdown (no emphasis, code,
    autolink, escape or break written in Markdown)."""
    return block.inline_html and not block.any_markdown and not block.markdown \
        and _OPENS_WITH_TAG_RE.match(text) is not None and not _ESCAPE_RE.search(text)


def _islands(body: str, blocks: list[_Block]) -> list:
    """Markdown text verbatim; HTML blocks and blocks holding inline HTML as Islands."""
    lines = markdown_lines(body)
    opaque = templates.line_ranges(body)
    out: list = []
    cursor = 0  # first line not yet placed
    for b in blocks:
        if not (b.html or (b.inline_html and not b.unclosed)) or any(b.start < end and start < b.end for start, end in opaque):
            continue
        source = "".join(lines[b.start:b.end])
        part = island(source, source if b.html else render(source), block=b.html)
        if b.html and not _read_whole(part) and not RUNS_CODE_RE.search(source):
            continue  # the HTML parser drops some of it (text after </body>...): it stays as written
        _flush(out, lines[cursor:b.start])
        out.append(part)
        cursor = b.end
    _flush(out, lines[cursor:])
    return out


# What runs code: an island holding it is cleaned even when the parser cannot read it whole.
RUNS_CODE_RE = re.compile(r"<script|\son\w+\s*=|(?:javascript|vbscript):|data:text/html", re.I)
# Markup a fragment's parser drops: document tags, processing instructions (`<?php`), CDATA.
_DROPPED_MARKUP_RE = re.compile(r"</?(?:html|head|body)\b|<\?|<!\[CDATA\[", re.I)


def _read_whole(part: Island) -> bool:
    """True when the island's tree holds all the letters and digits of its source, and the
    source has no markup a fragment's parser drops."""
    if _DROPPED_MARKUP_RE.search(part.source):
        return False
    return letters("".join(part.tree.itertext())) == letters(html_text(part.source))


def _flush(out: list, lines: list[str]) -> None:
    """The Markdown text between islands, blank lines included (they set the islands apart)."""
    text = "".join(lines)
    if text:
        out.append(text)


def _island_end(lines: list[str], start: int, end: int) -> int:
    """The line after an HTML block's island: past the block's own end when an element it
    opens is closed only later (blank lines inside a `<div>` or `<pre>`). An element never
    closed leaves the block as the parser ended it."""
    open_tags: list[str] = []
    line = start
    while line < len(lines):
        for m in _TAG_TOKEN_RE.finditer(lines[line]):
            _balance(open_tags, m.group())  # an end tag nothing opened is passed over
        line += 1
        if line >= end and not open_tags:
            return line
    return end
