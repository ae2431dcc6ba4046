"""The block walker: an HTML tree to a list of Markdown blocks, as mdformat would write them.

Text and inline elements fill the current paragraph; a block element ends it. Containers
(`div`, `section`, `p`...) add nothing of their own; headings, lists, quotes, code, rules and
data tables each make one block.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..dom import BLOCK_TAGS, HEADING_TAGS, MORE_MARKER, is_more_marker
from . import code as code_element
from .code import CODE_BLOCK_TAGS
from . import math as math_element
from .math import MATH_TAG
from . import tables
from .emphasis import STRIKE_TAGS
from .flanking import EM_TAGS, STRONG_TAGS
from .text import inert_templates
from . import escape
from .lists import write_list
from .inline import (CELL, EM_CLOSE, EM_OPEN, HEADING, PARAGRAPH, STRIKE_CLOSE, STRIKE_OPEN, STRONG_CLOSE,
                     STRONG_OPEN, Inline)

THEMATIC_BREAK = "_" * 70  # mdformat's


@dataclass
class Block:
    kind: str  # paragraph, heading, fence, hr, blockquote, table, bullet_list, ordered_list, more
    markdown: str
    start: int = 1  # an ordered list's first number


class Walker:
    """Walks one container's content; `blocks` is the result."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.inline = Inline()

    # ---------------------------------------------------------------- flow

    def walk(self, container) -> list[Block]:
        self.content(container)
        self.end_paragraph()
        return self.blocks

    def content(self, el) -> None:
        self._children(el, self.element)

    def _children(self, el, visit) -> None:
        """`el`'s text and tails to the current line, each child element to `visit`."""
        if el.text:
            self.inline.add_text(el.text)
        for child in el:
            if isinstance(child.tag, str):
                visit(child)
            elif is_more_marker(child):
                self.end_paragraph()
                self.add("more", MORE_MARKER)
            if child.tail:
                self.inline.add_text(child.tail)

    def end_paragraph(self) -> None:
        if self.inline.is_blank():  # most often the white space between two blocks
            self.inline.run.clear()
            return
        inline, self.inline = self.inline, Inline(self.inline.kind)
        markdown = inline.finish()
        if markdown:
            self.add(PARAGRAPH, markdown, special=inline.special)

    def add(self, kind: str, markdown: str, *, special: bool = False, start: int = 1) -> None:
        if special:
            markdown = escape.format_block(markdown)
        if markdown:
            self.blocks.append(Block(kind, markdown, start))

    # ---------------------------------------------------------------- elements

    def element(self, el) -> None:
        tag = el.tag
        if tag in BLOCK_TAGS or tag in CODE_BLOCK_TAGS or tag == MATH_TAG and math_element.is_block(el):
            self.end_paragraph()
            handler = BLOCK_HANDLERS.get(tag)
            if handler:
                handler(self, el)
            else:
                self.content(el)
                self.end_paragraph()
        elif tag in INLINE_HANDLERS:
            INLINE_HANDLERS[tag](self, el)
        else:
            self.content(el)  # span, font, sup, MathML...: their text, no markup

    def heading(self, el) -> None:
        inline = self._inline_of(el, HEADING)
        text = inline.finish()
        if text:
            self.add("heading", "#" * int(el.tag[1]) + " " + text, special=inline.special)

    def code_block(self, el) -> None:
        text = code_element.code_text(el)
        text = "\n".join(line.rstrip() for line in text.removeprefix("\n").rstrip().split("\n"))
        if text.strip():
            self.add("fence", code_element.fence(text, code_element.language(el)))

    def rule(self, el) -> None:
        self.add("hr", THEMATIC_BREAK)

    def blockquote(self, el) -> None:
        inner = Walker()
        blocks = inner.walk(el)
        if blocks:
            text = join_blocks(blocks)
            self.add("blockquote", "\n".join(f"> {line}" if line else ">" for line in text.split("\n")))

    def table(self, el) -> None:
        if not tables.is_data_table(el):  # a layout table left inside a data table's cell
            self.content(el)
            self.end_paragraph()
            return

        def render_cell(cell) -> str:
            return self._inline_of(cell, CELL).finish()

        caption = tables.caption(el)
        if caption is not None:  # shown above the table
            inline = self._inline_of(caption, PARAGRAPH)
            self.add(PARAGRAPH, inline.finish(), special=inline.special)
        self.add("table", tables.gfm(el, render_cell), special=True)

    def a_list(self, el) -> None:
        write_list(self, el)

    def _inline_of(self, el, kind: str) -> Inline:
        """`el`'s content as one inline block (blocks inside it run into the line)."""
        walker = Walker()
        walker.inline = Inline(kind)
        walker.content_inline(el)
        return walker.inline

    def content_inline(self, el) -> None:
        """Like `content`, but block elements add their content to the same line."""
        self._children(el, self._element_in_line)

    def _element_in_line(self, el) -> None:
        if el.tag in INLINE_HANDLERS:
            INLINE_HANDLERS[el.tag](self, el)
        elif el.tag in CODE_BLOCK_TAGS:
            code = code_element.code_text(el).strip()
            if code:
                self.inline.add_code(code)
        elif el.tag in BLOCK_TAGS:  # a block in a line: a space either side
            self.inline.add_text(" ")
            self.content_inline(el)
            self.inline.add_text(" ")
        else:
            self.content_inline(el)

    # ---------------------------------------------------------------- inline elements

    def delimited(self, el, open_mark: str, close_mark: str) -> None:
        self.inline.add_delimiter(open_mark)
        self.content_inline(el)
        self.inline.add_delimiter(close_mark)

    def strong(self, el) -> None:
        self.delimited(el, STRONG_OPEN, STRONG_CLOSE)

    def em(self, el) -> None:
        self.delimited(el, EM_OPEN, EM_CLOSE)

    def strike(self, el) -> None:
        self.delimited(el, STRIKE_OPEN, STRIKE_CLOSE)

    def link(self, el) -> None:
        href = el.get("href")
        if not href or not href.strip() or self.inline.in_link():
            self.content_inline(el)
            return
        self.inline.open_link(href.strip(), _title(el))
        self.content_inline(el)
        self.inline.close_link()

    def image(self, el) -> None:
        src = el.get("src")
        if src and src.strip():
            self.inline.add_image(src.strip(), inert_templates(" ".join((el.get("alt") or "").split())), _title(el))

    def inline_code(self, el) -> None:
        text = code_element.code_text(el)
        if text.strip():
            self.inline.add_code(text)
        else:
            self.inline.add_text(text)  # white space in code is a space between the words

    def line_break(self, el) -> None:
        self.inline.add_break()


def _title(el) -> str | None:
    title = " ".join((el.get("title") or "").split())
    return inert_templates(title) or None


def join_blocks(blocks: list[Block]) -> str:
    return "\n\n".join(block.markdown for block in blocks)


BLOCK_HANDLERS = {
    **{tag: Walker.heading for tag in HEADING_TAGS},
    **{tag: Walker.code_block for tag in CODE_BLOCK_TAGS},
    "hr": Walker.rule,
    "blockquote": Walker.blockquote,
    "table": Walker.table,
    "ul": Walker.a_list,
    "ol": Walker.a_list,
}
INLINE_HANDLERS = {
    **{tag: Walker.strong for tag in STRONG_TAGS},
    **{tag: Walker.em for tag in EM_TAGS},
    **{tag: Walker.strike for tag in STRIKE_TAGS},
    **{tag: Walker.inline_code for tag in code_element.INLINE_CODE_TAGS},
    "a": Walker.link,
    "img": Walker.image,
    "br": Walker.line_break,
}
# Elements the walker writes as something of their own; any other is written as its content
# (`span`, `font`, `u`...), so the tree passes unwrap them first.
WRITTEN_TAGS = frozenset(BLOCK_TAGS | set(CODE_BLOCK_TAGS) | set(INLINE_HANDLERS) | {MATH_TAG})
