"""Convert HTML to Markdown: the writer walks each tree and writes mdformat's canonical form.

An HTML body comes out canonical, so the canonical step has nothing left to do. Markdown
segments (a Markdown body, or the Markdown around HTML islands) keep their text; the
canonical step formats the whole body then.
"""
from __future__ import annotations

from ..elements import text
from ..writer import write

NAME = "markdown"
DESCRIPTION = "convert HTML to Markdown (fenced code, GFM tables, renderable emphasis), written canonical"


def run(article) -> None:
    all_html = not any(isinstance(segment, str) for segment in article.segments)
    out = [text.protect_markdown(segment) if isinstance(segment, str) else write(article, segment, NAME)
           for segment in article.segments]
    article.segments = ["\n\n".join(part.strip("\n") for part in out if part.strip())]
    article.written = all_html
