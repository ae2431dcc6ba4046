"""YAML front matter in the one stable style cleaner writes: block style, indented lists,
Unicode as is, no folding, a string YAML would read as something else quoted, a `Timestamp`
plain. It is the style of a whole front matter written anew, and of a value a step changed."""
from __future__ import annotations

import re

import yaml

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


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
    from ..mdformat_bridge import dump_yaml_as_mdformat

    return dump_yaml_as_mdformat(text)


class _FastDumperClass(getattr(yaml, "CSafeDumper", object)):
    """libyaml's emitter with _Dumper's representers (None when PyYAML was built without it)."""


if hasattr(yaml, "CSafeDumper"):
    for _type, _representer in list(_Dumper.yaml_representers.items()):
        _FastDumperClass.add_representer(_type, _representer)
    _FastDumper = _FastDumperClass
else:  # pragma: no cover
    _FastDumper = None
