"""Letters and digits: what the safety gate and the parser checks compare. White space,
punctuation, symbols and markup are where a conversion legitimately differs; words are what
must not be lost."""
from __future__ import annotations

import html
import re
import unicodedata

_NOT_ALNUM_RE = re.compile(r"[\W_]+")
# Markup that holds no text: a comment, a tag (its quoted attributes may hold `>`), a
# declaration. A `<` that opens none of these is text: `a < b`.
MARKUP_RE = re.compile(r"""<!--.*?(?:-->|$)|</?[A-Za-z](?:[^>"']|"[^"]*"|'[^']*')*>|<[!?][^>]*>""", re.S)


def letters(text: str) -> str:
    """The letters and digits of `text`, NFKC-normalized (fullwidth letters, circled digits)."""
    text = _NOT_ALNUM_RE.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = _NOT_ALNUM_RE.sub("", unicodedata.normalize("NFKC", text))
    return text


def html_text(source: str) -> str:
    """The text of HTML source read without parsing it: markup out, entities decoded."""
    return html.unescape(MARKUP_RE.sub(" ", source))
