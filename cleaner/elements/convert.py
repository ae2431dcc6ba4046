"""html2text, configured for canonical-friendly Markdown, with its CJK-hostile habit removed."""
from __future__ import annotations

import html2text
from lxml import etree


class _HTML2Text(html2text.HTML2Text):
    """html2text that never inserts a space after emphasis (`**强调**中文` stays joined)."""

    def handle_data(self, data: str, entity_char: bool = False) -> None:
        self.preceding_stressed = False
        super().handle_data(data, entity_char)


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
