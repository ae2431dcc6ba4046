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


def to_xpath(selector: str, axis: str = "descendant") -> str:
    """`div.reward` -> `descendant::div[contains(concat(' ', ...), ' reward ')]`.

    `axis="self"` gives the test for one element (`self::div[...]`)."""
    tag, classes, ident, attrs = _parse(selector)
    conditions = [f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in classes]
    if ident:
        conditions.append(f"@id={_literal(ident)}")
    for attr, op, val in attrs:
        conditions.append({
            None: f"@{attr}",
            "=": f"@{attr}={_literal(val)}",
            "*=": f"contains(@{attr}, {_literal(val)})",
            "^=": f"starts-with(@{attr}, {_literal(val)})",
            "$=": f"substring(@{attr}, string-length(@{attr}) - {len(val)} + 1) = {_literal(val)}",
        }[op])
    return f"{axis}::{tag}" + "".join(f"[{c}]" for c in conditions)


def union(selectors) -> str | None:
    """One XPath expression matching any of `selectors` (one tree scan for all rules)."""
    parts = [to_xpath(s) for s in selectors]
    return " | ".join(parts) if parts else None


_ATTR_TESTS = {
    None: lambda value, want: value is not None,
    "=": lambda value, want: value == want,
    "*=": lambda value, want: value is not None and want in value,
    "^=": lambda value, want: value is not None and value.startswith(want),
    "$=": lambda value, want: value is not None and value.endswith(want),
}


class Matcher:
    """Many selectors tested against each element in one pass over a tree.

    Selectors are indexed by a class, an id or a tag they require, so each element is only
    tested against the few selectors that could match it.
    """

    def __init__(self, labelled_selectors):
        self._by_class: dict[str, list] = {}
        self._by_id: dict[str, list] = {}
        self._by_tag: dict[str, list] = {}
        self._any: list = []
        for label, selector in labelled_selectors:
            parsed = _parse(selector)
            tag, classes, ident, _ = parsed
            entry = (label, parsed)
            if classes:
                self._by_class.setdefault(classes[0], []).append(entry)
            elif ident:
                self._by_id.setdefault(ident, []).append(entry)
            elif tag != "*":
                self._by_tag.setdefault(tag, []).append(entry)
            else:
                self._any.append(entry)

    def match(self, el) -> str | None:
        """The label of the first selector `el` matches, or None."""
        candidates = list(self._any)
        classes = el.get("class")
        if classes:
            for name in classes.split():
                candidates += self._by_class.get(name, ())
        ident = el.get("id")
        if ident:
            candidates += self._by_id.get(ident, ())
        candidates += self._by_tag.get(el.tag, ())
        for label, parsed in candidates:
            if _matches(el, parsed):
                return label
        return None


def _parse(selector: str):
    text = selector.strip()
    if not text:
        raise SelectorError("empty selector")
    tag, classes, ident, attrs = "*", [], None, []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise SelectorError(f"unsupported selector {selector!r} at {text[pos:]!r}")
        if m["tag"]:
            tag = m["tag"].lower()
        elif m["cls"]:
            classes.append(m["cls"])
        elif m["id"]:
            ident = m["id"]
        else:
            attrs.append((m["attr"].lower(), m["op"], m["val"] or ""))
        pos = m.end()
    return tag, tuple(classes), ident, tuple(attrs)


def _matches(el, parsed) -> bool:
    tag, classes, ident, attrs = parsed
    if tag != "*" and el.tag != tag:
        return False
    if classes and not set(classes) <= set((el.get("class") or "").split()):
        return False
    if ident and el.get("id") != ident:
        return False
    return all(_ATTR_TESTS[op](el.get(name), want) for name, op, want in attrs)
