"""Every use of mdformat and its plugins' internals, in one place (the versions are pinned in
pyproject.toml; what the writer ported from them, and where it deviates, is in port.yaml).

- `format_markdown` / `format_until_stable`: a body in canonical form, the fixed point of
  `mdformat --number --wrap keep` with the canonical set of plugins (`MDFORMAT_EXTENSIONS`).
- `UNICODE_WHITESPACE`, `UNICODE_PUNCTUATION`: the character classes mdformat's escaping uses
  (`writer.escape` ports that escaping).
- `dump_yaml_as_mdformat`: YAML as mdformat's front-matter plugin writes it.

The Markdown is parsed once: mdformat's renderer writes the canonical text from the tokens,
and the safety gate reads the article's text from the same tokens. Only a body is formatted
(cleaner writes the front matter itself), so the front-matter plugin is not loaded: a body
that opens with `---` is a thematic break here, written `___…`, which no reader takes for
front matter.
"""
from __future__ import annotations

import re
from functools import lru_cache

MDFORMAT_OPTIONS = {"number": True, "wrap": "keep"}
# The canonical set: the mdformat plugins a Markdown body is formatted with (tests share it).
MDFORMAT_EXTENSIONS = ("gfm",)
# mdformat's text renderer changes a text only when it holds one of these (tabs, runs of
# spaces, backslashes, emphasis, brackets, `<`, backticks, `&`, blank lines) or ends in "!".
_TEXT_NEEDS_RENDERER_RE = re.compile(r"[\t\\*_\[\]<`&]|  |\n\n")


class _FastText:
    """An mdformat plugin: plain text (most of an article) skips mdformat's escaping regexes,
    which would return it unchanged. Anything else goes to mdformat's own text renderer."""

    @staticmethod
    def update_mdit(mdit) -> None:
        pass

    @staticmethod
    def _text(node, context) -> str:
        content = node.content
        if not content.endswith("!") and not _TEXT_NEEDS_RENDERER_RE.search(content):
            return content
        from mdformat.renderer import DEFAULT_RENDERERS

        return DEFAULT_RENDERERS["text"](node, context)

    RENDERERS = {"text": _text}
    POSTPROCESSORS: dict = {}


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
    for plugin in [mdformat.plugins.PARSER_EXTENSIONS[name] for name in MDFORMAT_EXTENSIONS] + [_FastText]:
        mdit.options["parser_extension"].append(plugin)
        plugin.update_mdit(mdit)
    mdit.options["codeformatters"] = {}
    return mdit


def format_markdown(text: str):
    """(canonical text, the tokens it was rendered from)."""
    mdit = formatter()
    env: dict = {}
    if not text.endswith("\n"):  # mdformat closes a fence left open at the end only after a newline
        text += "\n"
    tokens = mdit.parse(text, env)
    return mdit.renderer.render(tokens, mdit.options, env), tokens


# mdformat is not always idempotent (`***x*y` -> `\***x*y` -> `\*\*\*x*y`): a body it changed is
# formatted again, up to this many passes in all, until it stops changing.
MAX_PASSES = 4


def format_until_stable(source: str):
    """`format_markdown`, again on its own output while that changes (at most MAX_PASSES)."""
    text, tokens = format_markdown(source)
    for _ in range(MAX_PASSES - 1):
        if text in (source, source + "\n"):
            break
        source = text
        text, tokens = format_markdown(source)
    return text, tokens


def unicode_classes() -> tuple[frozenset, frozenset]:
    """(UNICODE_WHITESPACE, UNICODE_PUNCTUATION) as mdformat's escaping reads them."""
    from mdformat.codepoints import UNICODE_PUNCTUATION, UNICODE_WHITESPACE

    return UNICODE_WHITESPACE, UNICODE_PUNCTUATION


def dump_yaml_as_mdformat(text: str) -> str:
    """`text` loaded and dumped by mdformat's front-matter plugin (ruamel.yaml, its settings)."""
    import io

    from mdformat_frontmatter.plugin import yaml as ruamel_yaml

    out = io.StringIO()
    ruamel_yaml.dump(ruamel_yaml.load(text), out)
    return out.getvalue()
