"""The generator is found from the site around a post (or set in the configuration), and text of
a feed's HTML is made inert for the template engine that generator runs."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from cleaner import clean
from cleaner.config import ConfigError, default_config, from_table
from cleaner.generators import detect

ZWSP = "\u200b"
FEED_POST = "---\ntitle: t\n---\n<p>Vue shows {{ message }}, Jinja {% raw %}, a comment {# x #}.</p>\n"


def _site(root, files: dict[str, str], folders=()):
    for name, text in files.items():
        (root / name).write_text(text)
    for name in folders:
        (root / name).mkdir()
    posts = root / "posts"
    posts.mkdir()
    return posts


@pytest.mark.parametrize("files, folders, expected", [
    ({"hugo.toml": "title = 'x'\n"}, (), "hugo"),
    ({"config.toml": "title = 'x'\n"}, ("content",), "hugo"),
    ({"_config.yml": "title: x\n", "package.json": '{"dependencies": {"hexo": "^7.0.0"}}'}, (), "hexo"),
    ({"_config.yml": "title: x\n"}, ("_posts",), "jekyll"),
    ({"_config.yml": "title: x\n", "Gemfile": 'gem "jekyll"\n'}, (), "jekyll"),
    ({"config.toml": "title = 'x'\n"}, (), None),  # no content/ folder: not a Hugo site
    ({}, (), None),
])
def test_the_site_around_a_post_names_its_generator(tmp_path, files, folders, expected):
    (tmp_path / ".git").mkdir()  # the search stops at the repository root
    assert detect(_site(tmp_path, files, folders)) == expected


def test_the_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / "hugo.toml").write_text("")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    assert detect(_site(repo, {})) is None


@pytest.mark.parametrize("generator, inert, kept", [
    ("hexo", ("{{ message }}", "{% raw %}", "{# x #}"), ()),
    ("jekyll", ("{{ message }}", "{% raw %}"), ("{# x #}",)),
    ("hugo", (), ("{{ message }}", "{% raw %}", "{# x #}")),
    ("none", (), ("{{ message }}", "{% raw %}", "{# x #}")),
])
def test_a_feeds_text_is_made_inert_for_its_generator(generator, inert, kept):
    out = clean(FEED_POST, replace(default_config(), generator=generator)).text
    for tag in inert:
        assert "{" + ZWSP + tag[1:] in out
    for tag in kept:
        assert tag in out


def test_an_unknown_generator_is_a_configuration_error():
    with pytest.raises(ConfigError, match="generator: must be one of auto, hexo, hugo, jekyll, none"):
        from_table({"generator": "gatsby"}, "cleaner.toml")


def test_the_command_line_finds_the_generator_of_the_site(tmp_path):
    (tmp_path / ".git").mkdir()
    posts = _site(tmp_path, {"hugo.toml": ""})
    (posts / "a.md").write_text(FEED_POST)
    subprocess.run([sys.executable, "-m", "cleaner.command.cli", str(posts / "a.md"), "--no-cache"], check=True,
                   capture_output=True)
    text = (posts / "a.md").read_text()
    assert "{{ message }}" in text and ZWSP not in text
