"""Parse the date formats feeds and static-site generators write, and write one canonical form."""
from __future__ import annotations

import datetime as dt
import email.utils
import re

CANONICAL_FORMAT = "%Y-%m-%d %H:%M:%S"

# ISO 8601 and the looser forms Hexo/Jekyll/Hugo posts carry:
# 2021-10-28 14:08:07, 2021/10/28 14:08, 2022-6-7 16:00:00 -0000, 2021-10-28T14:08:07.123Z
_LOOSE_RE = re.compile(
    r"""^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})
        (?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?)?
        \s*(?P<z>Z|UTC|GMT|[+-]\d{2}:?\d{2})?$""",
    re.X | re.I,
)


def _zone(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _parse_loose(value: str) -> dt.datetime | None:
    m = _LOOSE_RE.match(value)
    if not m:
        return None
    fraction = (m["f"] or "0")[:6].ljust(6, "0")
    try:
        return dt.datetime(
            int(m["y"]), int(m["m"]), int(m["d"]),
            int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0), int(fraction),
            tzinfo=_zone(m["z"]),
        )
    except ValueError:  # month 13, day 32, hour 25: not a date
        return None


def _parse_rfc2822(value: str) -> dt.datetime | None:
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    # parsedate_to_datetime marks '-0000' (RFC 2822: "UTC, origin zone unknown") as naive;
    # it is UTC all the same, as in Jekyll's '2022-6-7 16:00:00 -0000'
    if parsed.tzinfo is None and value.rstrip().endswith("-0000"):
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


def parse(value) -> dt.datetime | None:
    """A datetime (aware when the source named a zone) or None when `value` is not a date."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    return _parse_loose(text) or _parse_rfc2822(text)


def format_date(value: dt.datetime, *, fmt: str = CANONICAL_FORMAT, timezone: dt.tzinfo | None = None) -> str:
    """`value` in `fmt`, with its UTC offset appended when it carries one.

    With `timezone`, an aware value is first converted to it (same instant); a naive
    value is taken to be in that zone already.
    """
    if timezone is not None:
        value = value.astimezone(timezone) if value.tzinfo else value.replace(tzinfo=timezone)
    text = value.strftime(fmt)
    if value.microsecond and fmt == CANONICAL_FORMAT:  # keep the same instant, to the microsecond
        text += f".{value.microsecond:06d}"  # six digits, as YAML timestamps are written back
    if value.tzinfo is not None and "%z" not in fmt and "%Z" not in fmt:
        text += value.strftime("%z")[:3] + ":" + value.strftime("%z")[3:]
    return text
