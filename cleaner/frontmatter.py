"""Split, safely load and stably dump YAML front matter.

Loading refuses what a post's front matter never needs and an attacker would use: aliases
(the "billion laughs" bomb), custom tags (`!!python/object`), duplicate keys. Scalars keep the
text they were written with for dates (no implicit timestamps), so a value that does not
validate is written back verbatim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .errors import CleanerError

FENCE_RE = re.compile(r"^---[ \t]*$")
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
YAML_TAG_PREFIX = "tag:yaml.org,2002:"
# Lists and mappings nested deeper than this are refused (PyYAML composes recursively).
MAX_NESTING = 64


@dataclass
class Split:
    """A file cut into its front matter source and its body."""

    front: str | None  # the YAML between the fences, None when there is none
    body: str
    first_line: int  # 1-based file line of the first YAML line


def split(text: str) -> Split:
    """Cut `text` at its front-matter fences. Blank lines before the opening fence are allowed."""
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines) or not FENCE_RE.match(lines[start].rstrip("\r\n")):
        return Split(None, text, 0)
    for end in range(start + 1, len(lines)):
        if FENCE_RE.match(lines[end].rstrip("\r\n")):
            front = "".join(lines[start + 1 : end])
            return Split(front, "".join(lines[end + 1 :]), start + 2)
    raise CleanerError("front matter opened here is never closed with '---'", line=start + 1)


def _without_timestamps(resolvers: dict) -> dict:
    return {
        first: [(tag, regexp) for tag, regexp in entries if tag != TIMESTAMP_TAG]
        for first, entries in resolvers.items()
    }


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases, duplicate keys or implicit timestamps."""

    yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)

    def __init__(self, source: str, first_line: int):
        super().__init__(source)
        self.first_line = first_line
        self.depth = 0

    def file_line(self, mark) -> int:
        return self.first_line + mark.line

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


_Loader.add_constructor(None, _Loader.construct_undefined)


@dataclass
class FrontMatter:
    """Loaded front matter: the mapping, and where each top-level key sits in the file."""

    data: dict
    lines: dict  # key -> 1-based file line
    raw: dict  # key -> the scalar text as written (for scalars only)
    first_line: int = 1  # file line of the first YAML line

    def line_of(self, key) -> int | None:
        return self.lines.get(key)


def load(source: str, first_line: int) -> FrontMatter:
    """Parse front matter YAML; raise CleanerError with the file line on anything unsafe."""
    loader = _Loader(source, first_line)
    try:
        node = loader.get_single_node()
        if node is None:
            return FrontMatter({}, {}, {}, first_line)
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
    lines = {}
    raw = {}
    for key_node, value_node in node.value:
        key = key_node.value
        lines[key] = first_line + key_node.start_mark.line
        if isinstance(value_node, yaml.ScalarNode):
            raw[key] = value_node.value
    return FrontMatter(data, lines, raw, first_line)


class _Dumper(yaml.SafeDumper):
    """Block style, indented lists, Unicode as is, no folding, no implicit timestamps."""

    yaml_implicit_resolvers = _without_timestamps(yaml.SafeDumper.yaml_implicit_resolvers)

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))


def dump(data: dict) -> str:
    """The one stable style cleaner writes front matter in (without the fences)."""
    if not data:
        return ""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=float("inf"),
    )
