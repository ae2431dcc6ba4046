"""Simple CSS selectors for site rules kept as data, and a matcher that tests many at once.

Supported: `tag`, `*`, `.class`, `#id`, `[attr]`, `[attr=value]`, `[attr*=value]`,
`[attr^=value]`, `[attr$=value]` (values bare, or quoted with ' or "), and compounds of those
(`div.reward#tip[data-x]`). No combinators and no lists: a rule names the element to remove,
not its context. Tag and attribute names are matched case-insensitively, values exactly.
"""
from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN_RE = re.compile(
    r"""(?P<tag>^(?:[a-zA-Z][\w-]*|\*))
      | \.(?P<cls>[\w-]+)
      | \#(?P<id>[\w-]+)
      | \[\s*(?P<attr>[a-zA-Z_][\w:.-]*)\s*
         (?:(?P<op>[*^$]?=)\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s\]"']+))\s*)?
        \]""",
    re.X,
)
# Operators that test for a part of the value: with an empty value they match nothing (CSS).
_SUBSTRING_OPS = ("*=", "^=", "$=")


class SelectorError(ValueError):
    pass


class Selector(NamedTuple):
    tag: str  # "*" for any
    classes: tuple[str, ...]
    ident: str | None
    attrs: tuple[tuple[str, str | None, str], ...]  # (name, operator or None, value)


def parse(selector: str) -> Selector:
    """The parts of `selector`; SelectorError when it is empty or not of the supported kind."""
    text = selector.strip()
    if not text:
        raise SelectorError("empty selector")
    tag, classes, ident, attrs = "*", [], None, []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise SelectorError(f"unsupported selector {selector!r} at {text[pos:]!r} (no combinators or lists)")
        if m["tag"]:
            tag = m["tag"].lower()
        elif m["cls"]:
            classes.append(m["cls"])
        elif m["id"]:
            if ident is not None:
                raise SelectorError(f"selector {selector!r} names two ids")
            ident = m["id"]
        else:
            attrs.append(_attribute(selector, m))
        pos = m.end()
    return Selector(tag, tuple(classes), ident, tuple(attrs))


def _attribute(selector: str, m: re.Match) -> tuple[str, str | None, str]:
    op = m["op"]
    value = next((v for v in (m["dq"], m["sq"], m["bare"]) if v is not None), "")
    if op in _SUBSTRING_OPS and not value:
        raise SelectorError(f"selector {selector!r}: [{m['attr']}{op}] with an empty value matches nothing")
    return m["attr"].lower(), op, value


_ATTR_TESTS = {
    None: lambda value, want: value is not None,
    "=": lambda value, want: value == want,
    "*=": lambda value, want: value is not None and want in value,
    "^=": lambda value, want: value is not None and value.startswith(want),
    "$=": lambda value, want: value is not None and value.endswith(want),
}


def matches(el, selector: Selector) -> bool:
    """Whether the lxml element `el` is one `selector` names."""
    if selector.tag != "*" and el.tag != selector.tag:
        return False
    if selector.classes and not set(selector.classes) <= set((el.get("class") or "").split()):
        return False
    if selector.ident and el.get("id") != selector.ident:
        return False
    return all(_ATTR_TESTS[op](el.get(name), want) for name, op, want in selector.attrs)


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
        for label, text in labelled_selectors:
            selector = parse(text)
            entry = (label, selector)
            if selector.classes:
                self._by_class.setdefault(selector.classes[0], []).append(entry)
            elif selector.ident:
                self._by_id.setdefault(selector.ident, []).append(entry)
            elif selector.tag != "*":
                self._by_tag.setdefault(selector.tag, []).append(entry)
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
        for label, selector in candidates:
            if matches(el, selector):
                return label
        return None
