"""Proxy rules as a user writes them: a cleaner.toml holding a `[[proxies]]` pattern, and the real
command run on a post.

Every expected output is written by hand.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from cleaner.command.cli import main

from conftest import run_on_post as run

EXIT_OK = 0


# ---------------------------------------------------------------- proxies rebuilt from host and path

def proxy(pattern: str) -> str:
    return f"[[proxies]]\nname = \"cdn\"\npattern = '{pattern}'\n"


PROXY_CASES = [
    pytest.param(
        r"^https://px\.example/(?P<host>[^/]+)/(?P<path>.+)$",
        "https://px.example/cdn.example.com/img/a.jpg",
        "https://cdn.example.com/img/a.jpg",
        id="slash-added-scheme-of-the-proxy",
    ),
    pytest.param(
        r"^https?://px\.example/(?P<host>[^/]+)(?P<path>/.+)$",
        "http://px.example/cdn.example.com/img/a.jpg",
        "http://cdn.example.com/img/a.jpg",
        id="http-proxy-http-target",
    ),
    pytest.param(
        r"^(?:https?:)?//px\.example/(?P<host>[^/]+)(?P<path>/.+)$",
        "//px.example/cdn.example.com/img/a.jpg",
        "https://cdn.example.com/img/a.jpg",
        id="protocol-relative-proxy-https",
    ),
    pytest.param(
        r"^https://px\.example/(?P<scheme>https?)/(?P<host>[^/]+)(?P<path>/.+)$",
        "https://px.example/http/cdn.example.com/img/a.jpg",
        "http://cdn.example.com/img/a.jpg",
        id="scheme-group",
    ),
    pytest.param(
        r"^https://px\.example/(?P<host>[^/?]+)(?P<path>/[^?]+)(?:\?(?P<ssl>ssl=1))?$",
        "https://px.example/cdn.example.com/img/a.jpg",
        "http://cdn.example.com/img/a.jpg",
        id="ssl-group-absent",
    ),
    pytest.param(
        r"^https://px\.example/(?P<host>[^/?]+)(?P<path>/[^?]+)(?:\?(?P<ssl>ssl=1))?$",
        "https://px.example/cdn.example.com/img/a.jpg?ssl=1",
        "https://cdn.example.com/img/a.jpg",
        id="ssl-group-present",
    ),
    pytest.param(
        r"^https://px\.example/(?P<host>[^/]+)$",
        "https://px.example/cdn.example.com",
        "https://cdn.example.com",
        id="host-only",
    ),
]


@pytest.mark.parametrize(("pattern", "url", "expected"), PROXY_CASES)
def test_a_proxy_with_host_and_path_groups_builds_the_url(tmp_path, pattern, url, expected):
    result, out = run(tmp_path, proxy(pattern), f'<p><img src="{url}" alt="A"></p>\n')
    assert result.exit_code == EXIT_OK, result.output
    assert out == f"![A]({expected})\n"


def test_a_proxy_with_host_and_path_groups_in_front_matter_and_markdown(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "cleaner.toml").write_text(proxy(r"^https://px\.example/(?P<host>[^/]+)/(?P<path>.+)$"),
                                           encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Rules\ncover: https://px.example/cdn.example.com/c.jpg\n---\n\n"
                    "Text ![B](https://px.example/cdn.example.com/img/b.jpg)\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(post)])
    assert result.exit_code == EXIT_OK, result.output
    assert post.read_text(encoding="utf-8") == (
        "---\ntitle: Rules\ncover: https://cdn.example.com/c.jpg\n---\n\n"
        "Text ![B](https://cdn.example.com/img/b.jpg)\n")


def test_with_the_images_step_off_every_lazy_source_is_unwrapped(tmp_path):
    body = ('<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
            'data-lazyload="https://images.weserv.nl/?url=ssl:img.example.com/a.jpg" alt="A"></p>\n')
    result, out = run(tmp_path, "", body, "--only", "proxies")
    assert result.exit_code == EXIT_OK, result.output
    assert out == ('<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
                   'data-lazyload="https://img.example.com/a.jpg" alt="A"></p>\n')
