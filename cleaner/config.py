"""Configuration: the built-in rules (rules/builtin.toml) plus a user's `[tool.cleaner]`.

A user's file is `cleaner.toml` (keys at the top level) or `pyproject.toml` (keys under
`[tool.cleaner]`), found by walking up from a target to the repository root, or named with
`--config`. User rules (`proxies`, `widgets`) extend the built-in ones; every other key
replaces its default. Anything that does not validate is a ConfigError naming the file and key.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import dates
from .errors import ConfigError
from .selectors import SelectorError, translate as translate_selector

BUILTIN_RULES = Path(__file__).with_name("rules") / "builtin.toml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_PREFIX = "tool.cleaner."
URL_KINDS = ("image", "link", "meta")
DEFAULT_URL_KEYS = ("headimg", "thumbnail", "cover", "image", "banner", "top_img", "featured_image",
                    "og_image", "photo")
DEFAULT_DATE_KEYS = ("date", "updated", "lastmod")
DEFAULT_REQUIRED_KEYS = ("title",)
HEADING_LEVELS = range(1, 7)
UTC_NAMES = ("UTC", "Z", "GMT")
KEEP_ZONE_NAMES = ("", "keep")
OFFSET_RE = re.compile(r"([+-])(\d{2}):?(\d{2})")
# Dates a date_format must write so that cleaner (and Hexo) read them back as the same day:
# a day above 12 catches day/month swaps; one naive, one with a zone.
DATE_FORMAT_SAMPLES = (
    dt.datetime(2001, 2, 23, 4, 5, 6),
    dt.datetime(2001, 2, 23, 4, 5, 6, tzinfo=dt.timezone(dt.timedelta(hours=8))),
)
PROXY_KEYS = frozenset({"name", "pattern", "where"})
WIDGET_KEYS = frozenset({"name", "selectors", "texts"})


@dataclass(frozen=True)
class ProxyRule:
    name: str
    pattern: re.Pattern
    where: tuple[str, ...]


@dataclass(frozen=True)
class WidgetRule:
    name: str
    selectors: tuple[str, ...] = ()
    texts: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class Config:
    """Everything a run can be told. Defaults are the built-in behaviour."""

    skip: frozenset[str] = frozenset()  # step names switched off
    proxies: tuple[ProxyRule, ...] = ()
    widgets: tuple[WidgetRule, ...] = ()
    heading_top_level: int = 2
    date_format: str = dates.CANONICAL_FORMAT
    timezone: dt.tzinfo | None = None  # None: keep the zone the source carried
    date_keys: tuple[str, ...] = DEFAULT_DATE_KEYS
    url_keys: tuple[str, ...] = DEFAULT_URL_KEYS
    required_keys: tuple[str, ...] = DEFAULT_REQUIRED_KEYS
    https_images: bool = False
    generator: str = "auto"  # hexo, hugo, jekyll, none, or auto: found from the site (generators.py)
    encoding: str | None = None  # read posts in this encoding (None: UTF-8)
    output_encoding: str | None = None  # write them in this one (None: as read)
    exclude: re.Pattern | None = None  # None: excludes.DEFAULT_EXCLUDE
    extend_exclude: re.Pattern | None = None
    source: str = "built-in"  # where the user part came from, for messages

    def step_enabled(self, name: str) -> bool:
        return name not in self.skip

    def with_skip(self, names) -> "Config":
        return replace(self, skip=self.skip | frozenset(names))


# ---------------------------------------------------------------- reading one table

class _Reader:
    """Validates the values of one file's table; every error names the file and the key."""

    def __init__(self, where: str, prefix: str = ""):
        self.where = where
        self.prefix = prefix

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.prefix}{key}: {message}", path=self.where)

    def strings(self, key: str, value) -> tuple[str, ...]:
        """A string or a list of non-empty strings."""
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise self.fail(key, "must be a non-empty string or a list of them")
        return tuple(values)

    def regex(self, key: str, pattern: str) -> re.Pattern:
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise self.fail(key, f"regular expression {pattern!r} does not compile: {exc}") from None

    def boolean(self, key: str, value) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def name(self, key: str, table: dict) -> str:
        name = table.get("name", key)
        if not isinstance(name, str) or not name.strip():
            raise self.fail(f"{key}.name", "must be a non-empty string")
        return name

    def known(self, key: str, table, allowed: frozenset, what: str) -> dict:
        if not isinstance(table, dict):
            raise self.fail(key, f"must be a table with {what}")
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(f"{key}.{unknown[0]}", f"unknown key (known: {', '.join(sorted(allowed))})")
        return table


def _proxy(reader: _Reader, key: str, table) -> ProxyRule:
    table = reader.known(key, table, PROXY_KEYS, "'pattern' (and 'name', 'where')")
    if not isinstance(table.get("pattern"), str):
        raise reader.fail(f"{key}.pattern", "a regular expression (a string) is required")
    pattern = reader.regex(f"{key}.pattern", table["pattern"])
    if not {"url", "host"} & set(pattern.groupindex):
        raise reader.fail(f"{key}.pattern", "needs a named group 'url' (or 'host' and 'path')")
    kinds = reader.strings(f"{key}.where", table.get("where", list(URL_KINDS)))
    bad = [kind for kind in kinds if kind not in URL_KINDS]
    if bad:
        raise reader.fail(f"{key}.where", f"{bad[0]!r} is not one of {', '.join(URL_KINDS)}")
    return ProxyRule(reader.name(key, table), pattern, kinds)


def _widget(reader: _Reader, key: str, table, *, translate_selectors: bool = True) -> WidgetRule:
    """A `[[widgets]]` rule. Its selectors are read (cssselect imported) only when
    `translate_selectors`: the built-in ones are held valid by the tests and read when used."""
    table = reader.known(key, table, WIDGET_KEYS, "'selectors' and/or 'texts' (and 'name')")
    if not table.get("selectors") and not table.get("texts"):
        raise reader.fail(key, "needs 'selectors' or 'texts'")
    name = reader.name(key, table)
    selectors = reader.strings(f"{key}.selectors", table.get("selectors", []))
    for selector in selectors if translate_selectors else ():
        try:
            translate_selector(selector)
        except SelectorError as exc:
            raise reader.fail(f"{key}.selectors", f"rule {name!r}: {exc}") from None
    texts = reader.strings(f"{key}.texts", table.get("texts", []))
    return WidgetRule(name, selectors, tuple(reader.regex(f"{key}.texts", t) for t in texts))


def _timezone(reader: _Reader, value) -> dt.tzinfo | None:
    if not isinstance(value, str):
        raise reader.fail("timezone", "must be a zone name like 'Asia/Shanghai', 'UTC' or '+08:00', or 'keep'")
    if value.strip() in KEEP_ZONE_NAMES:
        return None
    if value.upper() in UTC_NAMES:
        return dt.timezone.utc
    m = OFFSET_RE.fullmatch(value)
    if m:
        sign = -1 if m[1] == "-" else 1
        try:
            return dt.timezone(sign * dt.timedelta(hours=int(m[2]), minutes=int(m[3])))
        except ValueError:
            raise reader.fail("timezone", f"offset {value!r} is not between -23:59 and +23:59") from None
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones, e.g. 'Asia'
        raise reader.fail("timezone", f"unknown time zone {value!r}") from None


def _date_format(reader: _Reader, fmt) -> str:
    """A strftime format whose dates cleaner reads back as the same day (so a second run
    changes nothing and static-site generators can read them)."""
    if not isinstance(fmt, str) or "%" not in fmt:
        raise reader.fail("date_format", "must be a strftime format such as '%Y-%m-%d %H:%M:%S'")
    for sample in DATE_FORMAT_SAMPLES:
        try:
            text = dates.format_date(sample, fmt=fmt)
        except ValueError as exc:
            raise reader.fail("date_format", f"{fmt!r} is not a strftime format: {exc}") from None
        back = dates.parse(text)
        if back is None or back.date() != sample.date() or dates.format_date(back, fmt=fmt) != text:
            raise reader.fail("date_format", f"{fmt!r} writes {sample} as {text!r}, which does not read back "
                                             "as the same date (use year, month, day order: %Y-%m-%d ...)")
    return fmt


def _generator(reader: _Reader, value) -> str:
    from .generators import AUTO, GENERATORS

    if value not in (AUTO, *GENERATORS):
        raise reader.fail("generator", f"must be one of {', '.join((AUTO, *GENERATORS))}")
    return value


def _encoding(key: str):
    def validate(reader: _Reader, value) -> str:
        import codecs

        try:
            codecs.lookup(value if isinstance(value, str) else "")
        except LookupError:
            raise reader.fail(key, f"unknown encoding {value!r} (a name like 'utf-8' or 'gb18030')") from None
        return value

    return validate


def _heading_top_level(reader: _Reader, level) -> int:
    if not isinstance(level, int) or isinstance(level, bool) or level not in HEADING_LEVELS:
        raise reader.fail("heading_top_level", "must be a whole number from 1 to 6")
    return level


def _skip(reader: _Reader, table: dict, base: Config, names: tuple[str, ...]) -> frozenset[str]:
    """`skip = [...]` switches steps off; `[steps] name = true/false` switches them on or off."""
    skipped = set(reader.strings("skip", table["skip"])) if "skip" in table else set()
    for name in skipped:
        if name not in names:
            raise reader.fail("skip", f"unknown step {name!r} (steps: {', '.join(names)})")
    steps = table.get("steps", {})
    if not isinstance(steps, dict):
        raise reader.fail("steps", "must be a table of step = true/false")
    result = set(base.skip) | skipped
    for name, on in steps.items():
        if name not in names:
            raise reader.fail(f"steps.{name}", f"unknown step (steps: {', '.join(names)})")
        if reader.boolean(f"steps.{name}", on) and name in skipped:
            raise reader.fail(f"steps.{name}", "is true, but 'skip' switches it off")
        (result.discard if on else result.add)(name)
    return frozenset(result)


def _step_names() -> tuple[str, ...]:
    from .steps import STEP_NAMES  # the steps import this module: resolve at call time

    return STEP_NAMES


def _pattern(reader: _Reader, key: str, value) -> str:
    if not isinstance(value, str):
        raise reader.fail(key, "must be a regular expression (a string), e.g. '/(drafts|archive)/'")
    return value


# Keys whose value replaces the default: key -> validator(reader, value).
_REPLACING_KEYS = {
    "heading_top_level": _heading_top_level,
    "date_format": _date_format,
    "timezone": _timezone,
    "https_images": lambda reader, value: reader.boolean("https_images", value),
    "generator": _generator,
    "date_keys": lambda reader, value: reader.strings("date_keys", value),
    "url_keys": lambda reader, value: reader.strings("url_keys", value),
    "required_keys": lambda reader, value: reader.strings("required_keys", value),
    "encoding": _encoding("encoding"),
    "output_encoding": _encoding("output_encoding"),
    "exclude": lambda reader, value: reader.regex("exclude", _pattern(reader, "exclude", value)),
    "extend_exclude": lambda reader, value: reader.regex("extend_exclude", _pattern(reader, "extend_exclude", value)),
}
# Keys whose rules extend the built-in ones: key -> rule reader.
_RULE_KEYS = {"proxies": _proxy, "widgets": _widget}
KNOWN_KEYS = frozenset({"skip", "steps", *_REPLACING_KEYS, *_RULE_KEYS})


# ---------------------------------------------------------------- building a Config

@lru_cache(maxsize=1)
def _builtin_tables() -> dict:
    with BUILTIN_RULES.open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def default_config() -> Config:
    """The built-in behaviour: the rules of rules/builtin.toml, every other key at its default."""
    tables = _builtin_tables()
    reader = _Reader(str(BUILTIN_RULES))
    return Config(
        proxies=tuple(_proxy(reader, f"proxy[{i}]", t) for i, t in enumerate(tables.get("proxy", []))),
        widgets=tuple(_widget(reader, f"widget[{i}]", t, translate_selectors=False)
                      for i, t in enumerate(tables.get("widget", []))),
    )


def from_table(table: dict, where: str, base: Config | None = None, prefix: str = "") -> Config:
    """A Config from a user's table (a cleaner.toml, or `[tool.cleaner]`), over `base`.

    `where` (the file) and `prefix` (`tool.cleaner.` for a pyproject.toml) name the key in errors.
    """
    base = base or default_config()
    reader = _Reader(where, prefix)
    if not isinstance(table, dict):
        raise ConfigError(f"{prefix.rstrip('.') or 'configuration'} must be a table", path=where)
    for key in table:
        if key not in KNOWN_KEYS:
            raise reader.fail(key, f"unknown key (known: {', '.join(sorted(KNOWN_KEYS))})")
    changes: dict = {"source": where, "skip": _skip(reader, table, base, _step_names())}
    for key, validate in _REPLACING_KEYS.items():
        if key in table:
            changes[key] = validate(reader, table[key])
    for key, read_rule in _RULE_KEYS.items():
        if key in table:
            rows = table[key] if isinstance(table[key], list) else [table[key]]  # [[key]] or [key]
            changes[key] = getattr(base, key) + tuple(read_rule(reader, f"{key}[{i}]", row)
                                                      for i, row in enumerate(rows))
    return replace(base, **changes)


def _load_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror or exc}", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=str(path)) from None


def _pyproject_table(data: dict, where: str):
    """`[tool.cleaner]` of a parsed pyproject.toml, or None when it has none."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError("tool must be a table", path=where)
    return tool.get("cleaner")


def read_file(path: Path) -> Config:
    """Load a `pyproject.toml` (its `[tool.cleaner]`; none means the defaults) or, under any
    other name, a `cleaner.toml`."""
    where = str(path)
    data = _load_toml(path)
    if path.name == PYPROJECT_FILE:
        table = _pyproject_table(data, where)
        return from_table({} if table is None else table, where, prefix=PYPROJECT_PREFIX)
    return from_table(data, where)


def find_file(start: Path) -> Path | None:
    """The configuration file for posts in `start` (a folder, or a file's folder): see
    `cleaner.runner.lookup`, the one lookup the run, the cache and the hook's fast path share."""
    from .runner.lookup import Lookup

    folder = start if start.is_dir() else start.parent
    found = Lookup().file_for(str(folder.resolve()))
    return Path(found) if found else None
