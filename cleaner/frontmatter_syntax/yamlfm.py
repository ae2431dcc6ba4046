"""YAML front matter: safely loaded, and edited in place.

Loading refuses what a post's front matter never needs and an attacker would use: aliases
(the "billion laughs" bomb), custom tags (`!!python/object`), duplicate keys. Scalars keep the
text they were written with for dates (no implicit timestamps), so a value that does not
validate is written back verbatim.

A value a step changed is written in place: the text span of its node (a top-level scalar, or
the changed scalars of a top-level list) is replaced by the value as `yamldump` writes it, every
other byte kept. Where that cannot be done (a block scalar, an empty value, a list that changed
length, a key added) the whole front matter is written anew in `yamldump`'s style.
"""
from __future__ import annotations

import re

import yaml

from ..errors import CleanerError
from .model import MAX_NESTING, FrontMatter, same
from .yamldump import NO_WRAP, TIMESTAMP_TAG, Timestamp, _Dumper, _stable_timestamp, dump

_TIMESTAMP_RE = next(regexp for first in "0123456789" for tag, regexp in yaml.SafeLoader.yaml_implicit_resolvers.get(first, [])
                     if tag == TIMESTAMP_TAG)
YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def _without_timestamps(resolvers: dict) -> dict:
    return {
        first: [(tag, regexp) for tag, regexp in entries if tag != TIMESTAMP_TAG]
        for first, entries in resolvers.items()
    }


class _Checks:
    """What both loaders refuse while constructing: duplicate keys, unhashable keys, custom tags."""

    def file_line(self, mark) -> int:
        return self.first_line + mark.line

    def construct_undefined(self, node):
        tag = node.tag.replace(YAML_TAG_PREFIX, "!!", 1)
        raise CleanerError(f"front matter uses the tag {tag}; custom tags are refused",
                           line=self.file_line(node.start_mark))

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise CleanerError("front matter has a key that is not a scalar",
                                   line=self.file_line(key_node.start_mark)) from None
            if key in seen:
                raise CleanerError(
                    f"duplicate front matter key {key!r} (first at line {seen[key]})",
                    line=self.file_line(key_node.start_mark),
                )
            seen[key] = self.file_line(key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


class _Loader(_Checks, yaml.SafeLoader):
    """SafeLoader without aliases, duplicate keys, deep nesting or implicit timestamps."""

    yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)

    def __init__(self, source: str, first_line: int):
        super().__init__(source)
        self.first_line = first_line
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise CleanerError(
                "front matter uses a YAML alias (*name); aliases are refused",
                line=self.file_line(event.start_mark),
            )
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise CleanerError(f"front matter is nested more than {MAX_NESTING} levels deep",
                                   line=self.file_line(self.peek_event().start_mark))
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# Front matter without anchors, aliases, tags, flow collections or a long run of indentation
# and indicators at a line's start (what posts almost always have) cannot hold an alias bomb,
# a custom tag or deep nesting: libyaml's C parser reads it, ten times faster. Anything else
# goes through the checking Python loader above (libyaml composes recursively: `- - - ... x`
# nested 100 000 deep crashes the interpreter).
_NEEDS_CHECKING_RE = re.compile(r"[&*!\[{]|^[ \t?:-]{%d}" % MAX_NESTING, re.M)
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(_Checks, yaml.CSafeLoader):
        yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)

        def __init__(self, source: str, first_line: int):
            super().__init__(source)
            self.first_line = first_line

    _FastLoader.add_constructor(None, _FastLoader.construct_undefined)


_Loader.add_constructor(None, _Loader.construct_undefined)


class YamlFrontMatter(FrontMatter):
    """YAML front matter; `pairs` are the top-level (key node, value node) pairs as composed."""

    def __init__(self, *args, pairs=(), flow: bool = False, format: str = "yaml", **kwargs):
        super().__init__(*args, **kwargs)
        self.format = format  # yaml, or yaml-noopen (Hexo's, without the opening fence)
        self._pairs = pairs
        self._flow = flow  # the top-level mapping is a flow mapping: `{title: x}`

    @property
    def restylable(self) -> bool:
        return self.format == "yaml"  # Hexo's form without the opening fence stays as it came

    def was_timestamp(self, key) -> bool:
        """True when YAML itself (not just cleaner) reads the value as a timestamp."""
        return self.styles.get(key) is None and key in self.raw and bool(_TIMESTAMP_RE.match(self.raw[key]))

    def _edited(self, changes):
        if changes is not None and not self._restyled:
            edited = _edit_in_place(self.source, self._pairs, self._flow, self.data, changes)
            if edited is not None:
                text, ordinary = edited
                # the dumper's text reads back as the value in block context, on one line; a flow
                # collection or a span over several lines is checked by loading the result
                if ordinary or _reads_back_as(text, self.first_line, self.data):
                    return text
        return dump(self.data)


def load(source: str, first_line: int, *, opening: str = "---\n", closing: str = "---\n",
         format: str = "yaml") -> YamlFrontMatter:
    """Parse front matter YAML; raise CleanerError with the file line on anything unsafe."""
    if _FastLoader is not None and not _NEEDS_CHECKING_RE.search(source):
        try:
            return _load(_FastLoader(source, first_line), source, first_line, opening, closing, format)
        except CleanerError:
            pass  # said again below by the Python loader, in its words (libyaml's differ)
    return _load(_Loader(source, first_line), source, first_line, opening, closing, format)


def load_if_mapping(source: str, first_line: int, *, opening: str, closing: str) -> YamlFrontMatter | None:
    """Hexo's front matter without the opening fence: the loaded front matter when `source`
    loads cleanly as a mapping with at least one key, else None (the text is body)."""
    try:
        front = load(source, first_line, opening=opening, closing=closing, format="yaml-noopen")
    except CleanerError:
        return None
    return front if front.data else None


def _load(loader, source: str, first_line: int, opening: str, closing: str, format: str) -> YamlFrontMatter:
    frame = {"source": source, "opening": opening, "closing": closing, "format": format}
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlFrontMatter({}, {}, {}, first_line, **frame)
        if not isinstance(node, yaml.MappingNode):
            kind = {yaml.SequenceNode: "a list", yaml.ScalarNode: "a scalar"}.get(type(node), "not a mapping")
            raise CleanerError(f"front matter is {kind}, not a mapping of keys",
                               line=first_line + node.start_mark.line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        reason = exc.problem or exc.context or "invalid YAML"
        raise CleanerError(f"front matter is not valid YAML: {reason}", line=line) from None
    except yaml.YAMLError as exc:
        raise CleanerError(f"front matter is not valid YAML: {exc}", line=first_line) from None
    finally:
        loader.dispose()
    lines, raw, styles = {}, {}, {}
    for key_node, value_node in node.value:
        key = key_node.value
        lines[key] = first_line + key_node.start_mark.line
        if isinstance(value_node, yaml.ScalarNode):
            raw[key] = value_node.value
            styles[key] = value_node.style or None  # libyaml says "" for plain, PyYAML None
            if styles[key] is None and _TIMESTAMP_RE.match(value_node.value):
                data[key] = Timestamp(value_node.value)
    return YamlFrontMatter(data, lines, raw, first_line, styles, pairs=node.value, flow=bool(node.flow_style),
                           **frame)


# ---------------------------------------------------------------- editing in place

_BLOCK_STYLES = ("|", ">")
_SCALARS = (str, int, float, bool)


def _edit_in_place(source: str, pairs, flow: bool, data: dict, changes) -> tuple[str, bool] | None:
    """(`source` with each changed value's node replaced by the value as the dumper writes it,
    whether every replaced node was a one-line scalar in block context); None when a change
    cannot be made in place."""
    nodes = {key_node.value: value_node for key_node, value_node in pairs if isinstance(key_node, yaml.ScalarNode)}
    edits = []
    for key, indexes in changes:
        node = nodes.get(key) if isinstance(key, str) else None
        if node is None:
            return None
        value = data[key]
        if indexes is None:
            edits.append(_scalar_edit(node, value, flow))
        elif isinstance(node, yaml.SequenceNode):
            edits.extend(_scalar_edit(node.value[i], value[i], flow or node.flow_style) for i in indexes)
        else:
            return None
    if None in edits:
        return None
    ordinary = True
    for start, end, text, usual in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
        ordinary = ordinary and usual
    return source, ordinary


def _scalar_edit(node, value, flow: bool):
    """(start, end, text, one line in block context): the span of scalar `node`, and `value`
    written as a YAML scalar."""
    if (not isinstance(node, yaml.ScalarNode) or node.style in _BLOCK_STYLES
            or node.start_mark.index == node.end_mark.index):  # an empty value: nowhere to write
        return None
    text = scalar_text(value, flow)
    if text is None:
        return None
    usual = not flow and node.start_mark.line == node.end_mark.line
    return node.start_mark.index, node.end_mark.index, text, usual


def scalar_text(value, flow: bool = False) -> str | None:
    """`value` as the dumper writes it as a mapping value (or, `flow`, as a flow-list item),
    or None when it is not a scalar written on one line."""
    if not isinstance(value, _SCALARS):
        return None
    if flow:
        text = yaml.dump([value], Dumper=_Dumper, allow_unicode=True, default_flow_style=True, width=NO_WRAP)
        text = text[1:-2] if text.startswith("[") and text.endswith("]\n") else ""
    else:
        text = dump({"k": value})
        text = text[3:-1] if text.startswith("k: ") and text.endswith("\n") else ""
    return text if text and "\n" not in text else None


def _reads_back_as(source: str, first_line: int, data: dict) -> bool:
    """The edited source loads as `data` (a Timestamp as the dumper writes it)."""
    try:
        loaded = load(source, first_line).data
    except CleanerError:
        return False
    return len(loaded) == len(data) and all(
        k1 == k2 and (same(a, b) if not isinstance(b, Timestamp)
                      else isinstance(a, Timestamp) and (a == b or a == _stable_timestamp(b)))
        for (k1, a), (k2, b) in zip(loaded.items(), data.items()))
