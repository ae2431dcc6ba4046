"""Unwrap URLs that proxies, CDNs and redirectors wrap around the real one."""
from __future__ import annotations

import re
from urllib.parse import unquote

# A wrapper inside a wrapper inside...: past this depth the URL is left as it is.
MAX_NESTING = 8
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _normalize_target(target: str) -> str:
    if re.match(r"^https?%3a", target, re.I) or target.lower().startswith(("%2f%2f", "ssl%3a")):
        target = unquote(target)
    elif "%" in target and not _SCHEME_RE.match(target):
        target = unquote(target)
    if target.lower().startswith("ssl:"):
        return "https://" + target[4:].lstrip("/")
    if target.startswith("//"):
        return https_if_protocol_relative(target)
    if re.match(r"^https?:/[^/]", target):  # http:/host (one slash eaten by a path normalizer)
        return target.replace(":/", "://", 1)
    if not _SCHEME_RE.match(target):
        return "http://" + target.lstrip("/")
    return target


def unwrap(url: str, rules, kind: str) -> tuple[str, list[str]]:
    """The innermost URL and the names of the rules that unwrapped it (in order)."""
    used: list[str] = []
    current = url.strip()
    for _ in range(MAX_NESTING):
        for rule in rules:
            if kind not in rule.where:
                continue
            m = rule.pattern.match(current)
            if not m:
                continue
            groups = m.groupdict()
            if groups.get("url"):
                target = _normalize_target(groups["url"])
            elif groups.get("host"):
                target = _rebuild(current, groups)
            else:
                continue
            if target and target != current:
                current = target
                used.append(rule.name)
                break
        else:
            return current, used
    return current, used


def _rebuild(proxy_url: str, groups: dict) -> str:
    """The URL a rule's `host` and `path` groups name. The scheme is the `scheme` group's; else,
    when the pattern has an `ssl` group, https if it matched and http if not (the proxy's own
    flag, as Photon's ssl=1); else the proxy URL's own (https for a protocol-relative one)."""
    if groups.get("scheme"):
        scheme = groups["scheme"].rstrip(":/").lower()
    elif "ssl" in groups:
        scheme = "https" if groups["ssl"] else "http"
    else:
        scheme = "http" if proxy_url.lower().startswith("http:") else "https"
    path = groups.get("path") or ""
    if path and not path.startswith("/"):
        path = "/" + path
    return f"{scheme}://{groups['host'].rstrip('/')}{path}"


def https_if_protocol_relative(url: str) -> str:
    """`//host/x` as `https://host/x`; any other URL as it is."""
    return "https:" + url if url.startswith("//") else url
