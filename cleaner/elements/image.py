"""Images are written by cleaner, not html2text: html2text drops the title and escapes URLs
its own way."""
from __future__ import annotations

import re

from ..dom import replace_with_text

_ALT_SPECIAL_RE = re.compile(r"([\\\[\]])")
_URL_NEEDS_BRACKETS_RE = re.compile(r"[\s()<>]")


def markdown(img) -> str:
    alt = _ALT_SPECIAL_RE.sub(r"\\\1", " ".join((img.get("alt") or "").split()))
    src = img.get("src", "")
    if _URL_NEEDS_BRACKETS_RE.search(src):
        src = "<" + src.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"
    title = " ".join((img.get("title") or "").split())
    title_part = ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"' if title else ""
    return f"![{alt}]({src}{title_part})"


def extract(tree, placeholders) -> None:
    for img in list(tree.iter("img")):
        if not img.get("src"):
            continue
        replace_with_text(img, placeholders.inline(markdown(img)))
