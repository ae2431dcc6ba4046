"""The front-matter rules: validate and normalize title, dates, taxonomies, required keys (the
syntax of front matter, its forms and byte-for-byte writing, is cleaner/frontmatter_syntax/).

A value that does not validate is kept verbatim and reported as a problem (`--strict` turns
problems into errors). Dates that parse are written in the configured format, same instant;
a native TOML date-time is Hugo's own and is left alone. Values change only through
`front.set`, so everything else in a user's front matter (a Markdown body) is written back as
it came; a feed's (an HTML body) is written whole in one stable YAML style.
"""
from __future__ import annotations

import datetime as dt

from .. import dates
from ..frontmatter_syntax import Timestamp

NAME = "frontmatter"
DESCRIPTION = "validate front matter; write dates as YYYY-MM-DD HH:MM:SS"
TAXONOMY_KEYS = ("categories", "tags")


def run(article) -> None:
    front = article.front
    if front is None:
        for key in article.config.required_keys:
            article.problem(f"no front matter, so no {key!r}", 1)
        return
    data = front.data
    for key in article.config.required_keys:
        if key not in data:
            article.problem(f"front matter has no {key!r}", front.first_line)
    _title(article, data, front)
    for key in article.config.date_keys:
        if key in data:
            _date(article, data, front, key)
    for key in TAXONOMY_KEYS:
        value = data.get(key)
        if value is None or isinstance(value, str):
            continue
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            article.problem(f"{key!r} should be a string or a list of strings", front.line_of(key))
    if not article.is_markdown:
        front.restyle()  # a feed's front matter: one stable YAML style (a user's post keeps its own)


def _title(article, data, front) -> None:
    if "title" not in data:
        return
    value = data["title"]
    if isinstance(value, (int, float, bool)) and front.raw.get("title"):
        # `title: 2020` or `title: yes`: YAML 1.1 reads a number or a boolean; Hexo, a string
        front.set("title", front.raw["title"])
        article.record(NAME, "title-as-string", f"title {front.raw['title']} written as a string")
        value = data["title"]
    if not isinstance(value, str) or not value.strip():
        article.problem(f"title is {'blank' if value in (None, '') or isinstance(value, str) else 'not a string'}; "
                        "kept as it is", front.line_of("title"))
    else:
        article.title = value


def _date(article, data, front, key) -> None:
    value = data[key]
    if isinstance(value, (dt.date, dt.time)):  # a TOML date-time (Hugo reads it as it is): left alone
        return
    parsed = dates.parse(value)
    if parsed is None:
        article.problem(f"{key} {front.raw.get(key, value)!r} is not a date; kept as it is", front.line_of(key))
        return
    text = dates.format_date(parsed, fmt=article.config.date_format, timezone=article.config.timezone)
    if text != value:
        # a timestamp stays a timestamp, a string a (quoted) string: see frontmatter.Timestamp
        front.set(key, Timestamp(text) if front.was_timestamp(key) else text)
        article.record(NAME, "date", f"{key}: {front.raw.get(key, value)} -> {text}")
