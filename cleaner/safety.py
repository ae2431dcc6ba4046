"""The safety gate: refuse output that lost article text.

The steps that remove things (widgets, unsafe markup, placeholder images, the title heading)
record each removal; what they leave is the article. Its text, taken just before conversion,
must be found in the text the output Markdown renders to, compared as character 6-grams of letters and digits only:
whitespace, punctuation and symbols are where escaping, decorations and markup legitimately
differ; words are what must not be lost.
"""
from __future__ import annotations

import re
import unicodedata

from lxml import etree

from .errors import CleanerError
from .result import excerpt

GRAM = 6
# Share of the input's 6-grams the output must keep. Below it, the file is not written.
MIN_RECALL = 0.97


_NOT_ALNUM_RE = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    text = _NOT_ALNUM_RE.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):  # fullwidth letters, circled digits...
        text = _NOT_ALNUM_RE.sub("", unicodedata.normalize("NFKC", text))
    return text


def segment_text(segment) -> str:
    if isinstance(segment, str):
        return markdown_text(segment)
    return "".join(t for t in segment.itertext() if not isinstance(t, etree._Comment))


def markdown_text(markdown: str, tokens=None) -> str:
    """The text `markdown` renders to (from its tokens when already parsed)."""
    if tokens is None:
        from .body import markdown_parser

        tokens = markdown_parser().parse(markdown)
    parts = []
    for token in tokens:
        if token.type in ("fence", "code_block"):
            parts.append(token.content)
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return " ".join(parts)


def _grams(text: str) -> set[str]:
    if len(text) < GRAM:
        return {text} if text else set()
    return {text[i:i + GRAM] for i in range(len(text) - GRAM + 1)}


# Conversion keeps the text in order, so the article's text is usually found in the output's
# in pieces of this size; only when a piece is not found are the 6-grams counted.
FAST_PIECE = 64


def _all_pieces_found(ref: str, out: str) -> bool:
    return all(ref[i:i + FAST_PIECE] in out for i in range(0, len(ref), FAST_PIECE))


def check(reference: str, output_markdown: str, tokens=None) -> None:
    """Raise CleanerError when the output lost text of the article (`reference`)."""
    ref = normalize(reference)
    out = normalize(markdown_text(output_markdown, tokens))
    if _all_pieces_found(ref, out):
        return
    want = _grams(ref)
    missing = want - _grams(out)
    recall = 1 - len(missing) / len(want)
    if recall < MIN_RECALL:
        example = next((g for g in (ref[i:i + GRAM * 4] for i in range(0, len(ref), GRAM)) if g[:GRAM] in missing), "")
        raise CleanerError(
            f"refusing to write: the output lost {1 - recall:.1%} of the article's text "
            f"(e.g. {excerpt(example)!r}); run with --skip STEP to find the step"
        )
