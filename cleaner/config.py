"""Configuration: the built-in rules (rules/builtin.toml) plus a user's `[tool.cleaner]`.

A user's file is `cleaner.toml` (top level) or `pyproject.toml` (`[tool.cleaner]`), found by
walking up from a target to the repository root, or named with `--config`. User rules extend
the built-in ones; every other key replaces its default.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError
from .selectors import SelectorError, to_xpath

BUILTIN_RULES = Path(__file__).with_name("rules") / "builtin.toml"
URL_KINDS = ("image", "link", "meta")
DEFAULT_URL_KEYS = ("headimg", "thumbnail", "cover", "image", "banner", "top_img", "featured_image",
                    "og_image", "photo")
DEFAULT_DATE_KEYS = ("date", "updated", "lastmod")


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
    date_format: str = "%Y-%m-%d %H:%M:%S"
    timezone: dt.tzinfo | None = None  # None: keep the zone the source carried
    date_keys: tuple[str, ...] = DEFAULT_DATE_KEYS
    url_keys: tuple[str, ...] = DEFAULT_URL_KEYS
    required_keys: tuple[str, ...] = ("title",)
    https_images: bool = False
    source: str = "built-in"  # where the user part came from, for messages

    def step_enabled(self, name: str) -> bool:
        return name not in self.skip

    def with_skip(self, names) -> "Config":
        return replace(self, skip=self.skip | frozenset(names))


# ---------------------------------------------------------------- validation helpers

def _fail(where: str, key: str, message: str) -> ConfigError:
    return ConfigError(f"{key}: {message}", path=where)


def _strings(where: str, key: str, value) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, key, "must be a string or a list of strings")
    return tuple(value)


def _regex(where: str, key: str, pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise _fail(where, key, f"regular expression {pattern!r} does not compile: {exc}") from None


def _proxy(where: str, key: str, table) -> ProxyRule:
    if not isinstance(table, dict):
        raise _fail(where, key, "must be a table with 'name' and 'pattern'")
    unknown = set(table) - {"name", "pattern", "where"}
    if unknown:
        raise _fail(where, f"{key}.{sorted(unknown)[0]}", "unknown key")
    if not isinstance(table.get("pattern"), str):
        raise _fail(where, f"{key}.pattern", "a regular expression is required")
    pattern = _regex(where, f"{key}.pattern", table["pattern"])
    if not ({"url", "host"} & set(pattern.groupindex)):
        raise _fail(where, f"{key}.pattern", "needs a named group 'url' (or 'host' and 'path')")
    kinds = _strings(where, f"{key}.where", table.get("where", list(URL_KINDS)))
    bad = [k for k in kinds if k not in URL_KINDS]
    if bad:
        raise _fail(where, f"{key}.where", f"{bad[0]!r} is not one of {', '.join(URL_KINDS)}")
    return ProxyRule(str(table.get("name", key)), pattern, kinds)


def _widget(where: str, key: str, table) -> WidgetRule:
    if not isinstance(table, dict):
        raise _fail(where, key, "must be a table with 'selectors' and/or 'texts'")
    unknown = set(table) - {"name", "selectors", "texts"}
    if unknown:
        raise _fail(where, f"{key}.{sorted(unknown)[0]}", "unknown key")
    selectors = _strings(where, f"{key}.selectors", table.get("selectors", []))
    for s in selectors:
        try:
            to_xpath(s)
        except SelectorError as exc:
            raise _fail(where, f"{key}.selectors", str(exc)) from None
    texts = tuple(_regex(where, f"{key}.texts", t) for t in _strings(where, f"{key}.texts", table.get("texts", [])))
    return WidgetRule(str(table.get("name", key)), selectors, texts)


def _timezone(where: str, value) -> dt.tzinfo | None:
    if value in (None, "", "keep"):
        return None
    if not isinstance(value, str):
        raise _fail(where, "timezone", "must be a zone name like 'Asia/Shanghai', 'UTC' or '+08:00'")
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", value)
    if m:
        sign = -1 if m[1] == "-" else 1
        return dt.timezone(sign * dt.timedelta(hours=int(m[2]), minutes=int(m[3])))
    if value.upper() in ("UTC", "Z", "GMT"):
        return dt.timezone.utc
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(where, "timezone", f"unknown time zone {value!r}") from None


# ---------------------------------------------------------------- building a Config

@lru_cache(maxsize=1)
def _builtin_tables() -> dict:
    with BUILTIN_RULES.open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def default_config() -> Config:
    tables = _builtin_tables()
    where = str(BUILTIN_RULES)
    return Config(
        proxies=tuple(_proxy(where, f"proxy[{i}]", t) for i, t in enumerate(tables.get("proxy", []))),
        widgets=tuple(_widget(where, f"widget[{i}]", t) for i, t in enumerate(tables.get("widget", []))),
    )


def _step_names() -> tuple[str, ...]:
    from .steps import STEP_NAMES
    return STEP_NAMES


def from_table(table: dict, where: str, base: Config | None = None) -> Config:
    """A Config from a user's table (`[tool.cleaner]` or a cleaner.toml), over `base`."""
    base = base or default_config()
    if not isinstance(table, dict):
        raise ConfigError("[tool.cleaner] must be a table", path=where)
    known = {
        "skip", "steps", "proxies", "widgets", "heading_top_level", "date_format", "timezone",
        "date_keys", "url_keys", "required_keys", "https_images",
    }
    for key in table:
        if key not in known:
            raise _fail(where, key, f"unknown key (known: {', '.join(sorted(known))})")
    changes: dict = {"source": where}
    skip = set(base.skip)
    names = _step_names()
    for name in _strings(where, "skip", table.get("skip", [])):
        if name not in names:
            raise _fail(where, "skip", f"unknown step {name!r} (steps: {', '.join(names)})")
        skip.add(name)
    steps = table.get("steps", {})
    if not isinstance(steps, dict):
        raise _fail(where, "steps", "must be a table of step = true/false")
    for name, on in steps.items():
        if name not in names:
            raise _fail(where, f"steps.{name}", f"unknown step (steps: {', '.join(names)})")
        if not isinstance(on, bool):
            raise _fail(where, f"steps.{name}", "must be true or false")
        (skip.discard if on else skip.add)(name)
    changes["skip"] = frozenset(skip)
    if "proxies" in table:
        rows = table["proxies"] if isinstance(table["proxies"], list) else [table["proxies"]]
        changes["proxies"] = base.proxies + tuple(_proxy(where, f"proxies[{i}]", t) for i, t in enumerate(rows))
    if "widgets" in table:
        rows = table["widgets"] if isinstance(table["widgets"], list) else [table["widgets"]]
        changes["widgets"] = base.widgets + tuple(_widget(where, f"widgets[{i}]", t) for i, t in enumerate(rows))
    if "heading_top_level" in table:
        level = table["heading_top_level"]
        if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 6:
            raise _fail(where, "heading_top_level", "must be a whole number from 1 to 6")
        changes["heading_top_level"] = level
    if "date_format" in table:
        fmt = table["date_format"]
        if not isinstance(fmt, str) or "%" not in fmt:
            raise _fail(where, "date_format", "must be a strftime format such as '%Y-%m-%d %H:%M:%S'")
        changes["date_format"] = fmt
    if "timezone" in table:
        changes["timezone"] = _timezone(where, table["timezone"])
    for key in ("date_keys", "url_keys", "required_keys"):
        if key in table:
            changes[key] = _strings(where, key, table[key])
    if "https_images" in table:
        if not isinstance(table["https_images"], bool):
            raise _fail(where, "https_images", "must be true or false")
        changes["https_images"] = table["https_images"]
    return replace(base, **changes)


def read_file(path: Path) -> Config:
    """Load `cleaner.toml` or the `[tool.cleaner]` table of a `pyproject.toml`."""
    where = str(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror}", path=where) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=where) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleaner", {})
    return from_table(data, where)


def find_file(start: Path) -> Path | None:
    """The nearest cleaner.toml, or pyproject.toml with [tool.cleaner], from `start` up to the
    repository root (a folder holding .git) or the file system root."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "cleaner.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and b"[tool.cleaner" in pyproject.read_bytes():
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None
