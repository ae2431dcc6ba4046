"""Split, safely load and stably dump YAML front matter.

Loading refuses what a post's front matter never needs and an attacker would use: aliases
(the "billion laughs" bomb), custom tags (`!!python/object`), duplicate keys. Scalars keep the
text they were written with for dates (no implicit timestamps), so a value that does not
validate is written back verbatim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .errors import CleanerError

FENCE_RE = re.compile(r"^---[ \t]*$")
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_TIMESTAMP_RE = next(regexp for first in "0123456789" for tag, regexp in yaml.SafeLoader.yaml_implicit_resolvers.get(first, [])
                     if tag == TIMESTAMP_TAG)
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


@dataclass
class FrontMatter:
    """Loaded front matter: the mapping, and where each top-level key sits in the file."""

    data: dict
    lines: dict  # key -> 1-based file line
    raw: dict  # key -> the scalar text as written (for scalars only)
    first_line: int = 1  # file line of the first YAML line
    styles: dict = field(default_factory=dict)  # key -> scalar style: None (plain), "'" or '"'

    def was_timestamp(self, key) -> bool:
        """True when YAML itself (not just cleaner) reads the value as a timestamp."""
        return self.styles.get(key) is None and key in self.raw and bool(_TIMESTAMP_RE.match(self.raw[key]))

    def line_of(self, key) -> int | None:
        return self.lines.get(key)


def load(source: str, first_line: int) -> FrontMatter:
    """Parse front matter YAML; raise CleanerError with the file line on anything unsafe."""
    if _FastLoader is not None and not _NEEDS_CHECKING_RE.search(source):
        try:
            return _load(_FastLoader(source, first_line), first_line)
        except CleanerError:
            pass  # said again below by the Python loader, in its words (libyaml's differ)
    return _load(_Loader(source, first_line), first_line)


def _load(loader, first_line: int) -> FrontMatter:
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
    lines, raw, styles = {}, {}, {}
    for key_node, value_node in node.value:
        key = key_node.value
        lines[key] = first_line + key_node.start_mark.line
        if isinstance(value_node, yaml.ScalarNode):
            raw[key] = value_node.value
            styles[key] = value_node.style or None  # libyaml says "" for plain, PyYAML None
            if styles[key] is None and _TIMESTAMP_RE.match(value_node.value):
                data[key] = Timestamp(value_node.value)
    return FrontMatter(data, lines, raw, first_line, styles)


class _Dumper(yaml.SafeDumper):
    """Block style, indented lists, Unicode as is, no folding. A string that YAML would read as
    something else (`'2020'`, `'yes'`, `'2022-01-05'`) is quoted; a `Timestamp` is not."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


class Timestamp(str):
    """A value written as a plain YAML timestamp (it was one in the source). Every other date
    is written as a quoted string, as it came: Hexo takes a YAML timestamp's UTC time for local
    time, but parses a string with its zone."""


_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))
# A timestamp already in this form is written back by mdformat's front-matter plugin as it is.
_STABLE_TIMESTAMP_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:\.\d{6})?)?(?:Z|[+-]\d{2}:\d{2})?$")


def _stable_timestamp(text: str) -> str:
    """The timestamp as mdformat's front-matter plugin (ruamel.yaml) writes it back, so the
    output is a fixed point of mdformat: `2022-1-5 1:02:03.5` -> `2022-1-5 01:02:03.500000`."""
    if _STABLE_TIMESTAMP_RE.match(text):
        return text
    return _as_mdformat_writes_it(f"x: {text}\n").split(":", 1)[1].strip()


_Dumper.add_representer(Timestamp, lambda dumper, value: dumper.represent_scalar(TIMESTAMP_TAG,
                                                                                 _stable_timestamp(str(value))))
# An empty mapping as `{}`: mdformat's front-matter plugin rewrites an empty block to `null`.
EMPTY_MAPPING = "{}\n"


def dump(data: dict) -> str:
    """The one stable style cleaner writes front matter in (without the fences)."""
    if not data:
        return EMPTY_MAPPING
    if _FastDumper is not None and _is_flat(data):
        text = yaml.dump(data, Dumper=_FastDumper, allow_unicode=True, sort_keys=False,
                         default_flow_style=False, width=NO_WRAP)
        return _LIST_ITEM_RE.sub("  - ", text)  # libyaml does not indent a mapping's list
    text = dump_pure(data)
    if _has_list_item_ruamel_writes_its_own_way(data):
        text = _as_mdformat_writes_it(text)
    return text


def dump_pure(data: dict) -> str:
    """The pure-Python emitter, which indents lists: the reference for the libyaml fast path."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=float("inf"))


# libyaml takes the width as a C int: this is "never wrap"
NO_WRAP = 2**31 - 1
_LIST_ITEM_RE = re.compile(r"^- ", re.M)
_SCALAR_TYPES = (str, int, float, bool, type(None))
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")
_BMP_MAX = 0xFFFF


def _is_flat(data: dict) -> bool:
    """Scalars and lists of scalars, no line breaks: every line libyaml starts with `- ` is an
    item of a top-level list. A null item is left to the pure path (ruamel writes it its way),
    and so is text beyond the BMP (libyaml escapes an emoji in a quoted string)."""
    for value in data.values():
        items = value if isinstance(value, list) else (value,)
        for item in items:
            if not isinstance(item, _SCALAR_TYPES) or (item is None and items is value):
                return False
            if isinstance(item, str) and not _plain_for_libyaml(item):
                return False
    return all(isinstance(key, str) and _plain_for_libyaml(key) for key in data)


def _plain_for_libyaml(text: str) -> bool:
    return not any(b in text for b in _LINE_BREAKS) and (text.isascii() or max(map(ord, text)) <= _BMP_MAX)


def _has_list_item_ruamel_writes_its_own_way(value) -> bool:
    """A null or a list as a list item: `- ` and `-   - ` in mdformat's front-matter plugin."""
    if isinstance(value, dict):
        return any(_has_list_item_ruamel_writes_its_own_way(v) for v in value.values())
    if isinstance(value, list):
        return any(item is None or isinstance(item, list) or _has_list_item_ruamel_writes_its_own_way(item)
                   for item in value)
    return False


def _as_mdformat_writes_it(text: str) -> str:
    """`text` loaded and dumped by mdformat's front-matter plugin (ruamel.yaml, its settings)."""
    import io

    from mdformat_frontmatter.plugin import yaml as ruamel_yaml

    out = io.StringIO()
    ruamel_yaml.dump(ruamel_yaml.load(text), out)
    return out.getvalue()


class _FastDumperClass(getattr(yaml, "CSafeDumper", object)):
    """libyaml's emitter with _Dumper's representers (None when PyYAML was built without it)."""


if hasattr(yaml, "CSafeDumper"):
    for _type, _representer in list(_Dumper.yaml_representers.items()):
        _FastDumperClass.add_representer(_type, _representer)
    _FastDumper = _FastDumperClass
else:  # pragma: no cover
    _FastDumper = None
