"""The safety gate: refuse output that lost article text.

The steps that remove things (widgets, unsafe markup, placeholder images, the title heading)
record each removal; what they leave is the article. Its text, taken just before conversion,
must be found in the text the output Markdown renders to, compared as character 6-grams of letters and digits only:
whitespace, punctuation and symbols are where escaping, decorations and markup legitimately
differ; words are what must not be lost.
"""
from __future__ import annotations

import re
from collections import Counter

from .dom import MORE_RE
from .errors import CleanerError
from .letters import html_text, letters
from .result import excerpt
from .writer.written import CODE_SPAN_RE, prose_and_code

GRAM = 6
# Share of the input's 6-grams the output must keep. Below it, the file is not written.
MIN_RECALL = 0.97

# Between the pieces of the article's text (text nodes, Markdown tokens): 6-grams are taken
# within each, so pieces the conversion sets in another order (a caption above its table)
# lose nothing; letters() drops it.
PIECE = "\x1f"


# A link reference definition's first line: `[label]: destination`.
_DEFINITION_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.M)


def reference_text(segments) -> str:
    """The text of a body's segments (the article, before conversion). A Markdown segment is
    read with the link reference definitions of the whole body (`[Debian][1]` above an island,
    `[1]: https://...` below it: a link, as in the body)."""
    env = _definitions(segments)
    return PIECE.join(segment_text(s, env) for s in segments)


def _definitions(segments) -> dict | None:
    markdown = [s for s in segments if isinstance(s, str)]
    if len(markdown) < 2 or not any(_DEFINITION_RE.search(s) for s in markdown):
        return None
    from .render import renderer

    env: dict = {}
    for text in markdown:
        renderer().parse(text, env)  # fills env["references"]
    return env


def segment_text(segment, env: dict | None = None) -> str:
    if isinstance(segment, str):
        return markdown_text(segment, env=env)
    tree = getattr(segment, "tree", segment)  # an Island's tree, or an HTML body's
    return PIECE.join(tree.itertext())  # comments' text is not in it


def markdown_text(markdown: str, tokens=None, *, env: dict | None = None) -> str:
    """The text `markdown` renders to (from its tokens when already parsed), with the link
    reference definitions in `env` known."""
    if tokens is None:  # read as the generators read it: footnotes, definition lists, math
        from .render import parse

        tokens = parse(markdown, dict(env) if env else None)
    parts = []
    for token in tokens:
        if token.type in ("fence", "code_block", "math_block", "math_block_label"):
            parts.append(token.content)
        elif token.type == "html_block":  # HTML kept as HTML: its text, less comments
            parts.append(html_text(token.content))
        for child in token.children or ():
            if child.type in ("text", "code_inline", "math_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return PIECE.join(parts)


# The letters and digits of Markdown that are not the article's text: images (alt text is not
# in the reference), link destinations and titles, ordered-list numbers, numeric character
# references. (Fence info strings are found line by line: a fence's content may look alike.)
_DESTINATION = r'\((?:<[^>\n]*>|[^)\s]*)(?: "(?:[^"\\\n]|\\.)*")?\)'
_MARKUP_ALNUM_RE = re.compile(
    r"(?<!\\)!\[(?:[^\]\\\n]|\\.)*\]" + _DESTINATION
    + r"|(?<!\\)\]" + _DESTINATION
    + r"|^[ \t>]*\d{1,9}[.)](?= |$)"
    + r"|(?<!\\)&#\d{1,7};",  # a decimal reference markdown-it decodes (at most seven digits)
    re.M,
)
_MARKUP_TO_SPACE = str.maketrans("[]()!&#", "       ")


_MORE_LINE_RE = re.compile(f"^{MORE_RE.pattern}$", re.M)  # the marker as a block of its own


def written_text(markdown: str) -> str:
    """The text of Markdown cleaner's writer wrote, read without parsing it: its characters
    less the markup that holds letters or digits (escapes and other markup are punctuation).
    A fenced block's content is text as it stands."""
    if "```" not in markdown and "~~~" not in markdown:
        return _prose_text(markdown)
    return "\n".join(text if code else _prose_text(text) for text, code in prose_and_code(markdown))


def _prose_text(markdown: str) -> str:
    if "<!--" in markdown:
        markdown = _MORE_LINE_RE.sub(" ", markdown)  # the excerpt marker, a block of its own, is not text
    # a code span is text as it stands: its markup characters go (punctuation), and a separator
    # before it keeps a number it starts with from reading as a list item's
    if "`" in markdown:
        markdown = CODE_SPAN_RE.sub(lambda m: PIECE + m.group("code").translate(_MARKUP_TO_SPACE), markdown)
    return _MARKUP_ALNUM_RE.sub(" ", markdown)


def _grams(text: str) -> set[str]:
    if len(text) < GRAM:
        return {text} if text else set()
    return {text[i:i + GRAM] for i in range(len(text) - GRAM + 1)}


# Conversion keeps the text in order, so the article's text is usually found in the output's
# in pieces of this size; only when a piece is not found are the 6-grams counted.
FAST_PIECE = 64


def _all_pieces_found(ref: str, out: str) -> bool:
    return all(ref[i:i + FAST_PIECE] in out for i in range(0, len(ref), FAST_PIECE))


def check(reference: str, output_markdown: str, tokens=None, *, written: bool = False) -> None:
    """Raise CleanerError when the output lost text of the article (`reference`).

    The output's text is what its Markdown renders to; for Markdown cleaner's writer wrote
    (`written`: no raw HTML, no comments) the Markdown's own characters serve, as escapes and
    markup add only punctuation, which the comparison ignores.
    """
    ref = letters(reference)
    out = letters(written_text(output_markdown) if written else markdown_text(output_markdown, tokens))
    if _all_pieces_found(ref, out):
        return
    pieces = [piece for piece in map(letters, reference.split(PIECE)) if piece]
    found = _grams(out)
    lost = [_lost_grams(piece, out, found) for piece in pieces]
    recall = 1 - sum(map(len, lost)) / sum(len(_grams(piece)) for piece in pieces)
    if recall < MIN_RECALL:
        piece, grams = next((piece, grams) for piece, grams in zip(pieces, lost) if grams)
        at = piece.find(grams[0]) // GRAM * GRAM  # from a word's start, most often
        raise CleanerError(
            f"refusing to write: the output lost {1 - recall:.1%} of the article's text "
            f"(e.g. {excerpt(piece[at:at + GRAM * 4])!r}); run with --skip STEP to find the step"
        )


def _lost_grams(piece: str, out: str, found: set[str]) -> list[str]:
    """The 6-grams of `piece` not in the output (a piece shorter than one: itself, unless the
    output holds it)."""
    if len(piece) < GRAM:
        return [] if piece in out else [piece]
    grams = dict.fromkeys(piece[i:i + GRAM] for i in range(len(piece) - GRAM + 1))  # in order, once each
    return [gram for gram in grams if gram not in found]


def check_structure(source_body: str, output_body: str) -> None:
    """Raise CleanerError when a Markdown body lost what its generator reads beside the text:
    a template tag (compared byte for byte) or the excerpt marker `<!--more-->`."""
    from .templates import tags

    lost = Counter(tags(source_body)) - Counter(tags(output_body))
    if lost:
        tag = next(iter(lost))
        raise CleanerError(f"refusing to write: the output changed the template tag {excerpt(tag)!r}; "
                           "run with --skip STEP to find the step")
    if len(MORE_RE.findall(source_body)) != len(MORE_RE.findall(output_body)):
        raise CleanerError("refusing to write: the output lost the excerpt marker <!--more-->")
