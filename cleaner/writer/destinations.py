"""Link and image destinations as mdformat writes them: normalized as markdown-it normalizes
them (percent-encoded), in `<>` when they hold a space, a parenthesis or a control character."""
from __future__ import annotations

import re

_NEEDS_BRACKETS = frozenset([chr(i) for i in range(32)] + [chr(127), " ", "(", ")"])
# An entity in a destination is decoded when the Markdown is read back: mdformat decides those.
_ENTITY_RE = re.compile(r"&#?\w+;")
# URLs markdown-it's normalizeLink returns unchanged, most of an article's: an ASCII host of
# the sizes DNS allows (or none: a path, a query, a fragment) and only characters it leaves
# unencoded. Parsing them costs more than the rest of a link; tests/test_links.py holds this
# equal to normalizeLink.
FAST_NORMAL_RE = re.compile(
    r"(?:(?:https?:)?//(?=[A-Za-z0-9.-]{1,255}(?![A-Za-z0-9.-]))[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*"
    r"(?::[0-9]+)?(?=[/?#]|$)|(?=/[^/]|[?#]|$))"
    r"(?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]|%[0-9A-Fa-f]{2})*")


def normalized(url: str) -> str:
    """`url` as markdown-it normalizes a destination (percent-encoded, punycode host)."""
    if FAST_NORMAL_RE.fullmatch(url):
        return url
    from markdown_it.common.normalize_url import normalizeLink

    return normalizeLink(url)


def destination(url: str) -> tuple[str, bool]:
    """(the destination to write, whether markdown-it reads it back as it is written)."""
    from markdown_it.common.normalize_url import validateLink

    dest = normalized(url.strip())
    safe = validateLink(dest) and "\\" not in dest and not _ENTITY_RE.search(dest)
    if not dest or _NEEDS_BRACKETS.intersection(dest):
        dest = "<" + dest + ">"
    return dest, safe


def link_markdown(label: str, dest: str, title: str | None) -> str:
    if title is None:
        return f"[{label}]({dest})"
    title = title.replace("\\", "\\\\").replace('"', '\\"')  # inside "...", as mdformat writes it
    return f'[{label}]({dest} "{title}")'
