"""html2text, configured for canonical-friendly Markdown, with its CJK-hostile habit removed."""
from __future__ import annotations

import html2text
from lxml import etree


EM_TAGS = ("em", "i")


class _HTML2Text(html2text.HTML2Text):
    """html2text that never inserts a space around emphasis: `**强调**中文` and `，*Kodak*`
    stay joined (a CommonMark `*` needs no space inside a word; cleaner's emphasis fixes
    already made every delimiter flank correctly)."""

    def handle_data(self, data: str, entity_char: bool = False) -> None:
        self.preceding_stressed = False
        super().handle_data(data, entity_char)

    def handle_tag(self, tag, attrs, start) -> None:
        if start and tag in EM_TAGS and self.preceding_data:
            # html2text adds " *" after any character that is not ASCII whitespace/punctuation
            saved, self.preceding_data = self.preceding_data, " "
            super().handle_tag(tag, attrs, start)
            self.preceding_data = saved
            return
        super().handle_tag(tag, attrs, start)


def _converter() -> _HTML2Text:
    h = _HTML2Text(bodywidth=0)
    h.unicode_snob = True
    h.escape_snob = True
    h.emphasis_mark = "*"
    h.strong_mark = "**"
    h.ul_item_mark = "-"
    h.inline_links = True
    h.protect_links = False
    h.wrap_links = False
    h.wrap_list_items = False
    h.wrap_tables = False
    h.mark_code = False
    h.single_line_break = False
    h.ignore_images = False
    h.images_to_alt = False
    h.images_with_size = False
    h.ignore_links = False
    h.skip_internal_links = False
    h.use_automatic_links = True
    h.pad_tables = False
    h.default_image_alt = ""
    return h


def html_to_markdown(tree) -> str:
    """Markdown for the tree's content (the root element itself is a wrapper)."""
    html = etree.tostring(tree, encoding="unicode", method="html")
    h = _converter()
    return h.handle(html)
