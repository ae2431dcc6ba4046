"""Write the article in canonical form: the fixed point of `mdformat --number --wrap keep`
with the front-matter and GFM plugins."""
from __future__ import annotations

NAME = "canonical"
DESCRIPTION = "format as mdformat does (--number, GFM tables, front matter)"
MDFORMAT_OPTIONS = {"number": True, "wrap": "keep"}
MDFORMAT_EXTENSIONS = ("frontmatter", "gfm")


def format_markdown(text: str) -> str:
    import mdformat  # heavy: imported only when a document is formatted

    return mdformat.text(text, options=MDFORMAT_OPTIONS, extensions=MDFORMAT_EXTENSIONS)


def run(article) -> None:
    article.segments = [format_markdown(article.segments[0])] if article.segments else [""]
