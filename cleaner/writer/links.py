"""Link and image destinations as mdformat writes them: normalized as markdown-it normalizes
them (percent-encoded), in `<>` when they hold a space, a parenthesis or a control character."""
from __future__ import annotations

import re

_NEEDS_BRACKETS = frozenset([chr(i) for i in range(32)] + [chr(127), " ", "(", ")"])
# An entity in a destination is decoded when the Markdown is read back: mdformat decides those.
_ENTITY_RE = re.compile(r"&#?\w+;")


def destination(url: str) -> tuple[str, bool]:
    """(the destination to write, whether markdown-it reads it back as it is written)."""
    from markdown_it.common.normalize_url import normalizeLink, validateLink

    dest = normalizeLink(url.strip())
    safe = validateLink(dest) and "\\" not in dest and not _ENTITY_RE.search(dest)
    if not dest or _NEEDS_BRACKETS.intersection(dest):
        dest = "<" + dest + ">"
    return dest, safe


def link_markdown(label: str, dest: str, title: str | None) -> str:
    if title is None:
        return f"[{label}]({dest})"
    return f'[{label}]({dest} "{title}")'
