"""Write the article in canonical form: the fixed point of `mdformat --number --wrap keep`
with the front-matter and GFM plugins.

The Markdown is parsed once: mdformat's renderer writes the canonical text from the tokens,
and the safety gate reads the article's text from the same tokens.
"""
from __future__ import annotations

from functools import lru_cache

NAME = "canonical"
DESCRIPTION = "format as mdformat does (--number, GFM tables, front matter)"
MDFORMAT_OPTIONS = {"number": True, "wrap": "keep"}
MDFORMAT_EXTENSIONS = ("frontmatter", "gfm")


@lru_cache(maxsize=1)
def formatter():
    """A MarkdownIt set up as `mdformat.text` sets it up, built once per process."""
    from markdown_it import MarkdownIt
    import mdformat.plugins
    from mdformat.renderer import MDRenderer

    mdit = MarkdownIt(renderer_cls=MDRenderer)
    mdit.options["mdformat"] = {**MDFORMAT_OPTIONS, "filename": ""}
    mdit.options["store_labels"] = True
    mdit.options["parser_extension"] = []
    for name in MDFORMAT_EXTENSIONS:
        plugin = mdformat.plugins.PARSER_EXTENSIONS[name]
        mdit.options["parser_extension"].append(plugin)
        plugin.update_mdit(mdit)
    mdit.options["codeformatters"] = {}
    return mdit


def format_markdown(text: str):
    """(canonical text, the tokens it was rendered from)."""
    mdit = formatter()
    env: dict = {}
    tokens = mdit.parse(text, env)
    return mdit.renderer.render(tokens, mdit.options, env), tokens


def run(article) -> None:
    text, article.tokens = format_markdown(article.segments[0] if article.segments else "")
    article.segments = [text]
