"""Simple CSS selectors, compiled to XPath, for site rules kept as data.

Supported: `tag`, `.class`, `#id`, `[attr]`, `[attr=value]`, `[attr*=value]`, `[attr^=value]`,
`[attr$=value]`, and compounds of those (`div.reward#tip[data-x]`). No combinators: a rule names
the element to remove, not its context.
"""
from __future__ import annotations

import re

_TOKEN_RE = re.compile(
    r"""(?P<tag>^[a-zA-Z][\w-]*|^\*)
      | \.(?P<cls>[\w-]+)
      | \#(?P<id>[\w-]+)
      | \[\s*(?P<attr>[\w-]+)\s*(?:(?P<op>[*^$]?=)\s*(?P<q>["']?)(?P<val>[^\]"']*)(?P=q)\s*)?\]""",
    re.X,
)


class SelectorError(ValueError):
    pass


def _literal(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    parts = value.split("'")
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in parts) + ")"


def to_xpath(selector: str) -> str:
    """`div.reward` -> `descendant-or-self::div[contains(concat(' ', ...), ' reward ')]`."""
    text = selector.strip()
    if not text:
        raise SelectorError("empty selector")
    tag = "*"
    conditions = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise SelectorError(f"unsupported selector {selector!r} at {text[pos:]!r}")
        if m["tag"]:
            tag = m["tag"].lower()
        elif m["cls"]:
            conditions.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {m['cls']} ')")
        elif m["id"]:
            conditions.append(f"@id={_literal(m['id'])}")
        else:
            attr, op, val = m["attr"], m["op"], m["val"]
            conditions.append({
                None: f"@{attr}",
                "=": f"@{attr}={_literal(val or '')}",
                "*=": f"contains(@{attr}, {_literal(val or '')})",
                "^=": f"starts-with(@{attr}, {_literal(val or '')})",
                "$=": f"substring(@{attr}, string-length(@{attr}) - {len(val or '')} + 1) = {_literal(val or '')}",
            }[op])
        pos = m.end()
    return f"descendant::{tag}" + "".join(f"[{c}]" for c in conditions)


def union(selectors) -> str | None:
    """One XPath expression matching any of `selectors` (one tree scan for all rules)."""
    parts = [to_xpath(s) for s in selectors]
    return " | ".join(parts) if parts else None
