"""Configuration: `[tool.cleaner]` / cleaner.toml, found per file or named with --config.

Unit tests of from_table, read_file and find_file, then CLI runs showing that every key really
changes the output and that every kind of bad configuration exits 2 naming the file and key.
"""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import config as config_mod
from cleaner.command.cli import main
from cleaner.config import Config, default_config, find_file, from_table, read_file
from cleaner.errors import ConfigError
from cleaner.selectors import Matcher, SelectorError, translate as translate_selector
from cleaner.steps import STEP_NAMES

EXIT_OK, EXIT_ERROR = 0, 2

POST = """\
---
title: Hello
date: Tue, 07 Jun 2022 16:00:00 GMT
---
<h1>Top</h1>
<p>Text with a picture <img src="http://img.example.com/a.jpg"></p>
<div class="house-ad">Visit our shop</div>
<p><a href="https://go.example/?to=https%3A%2F%2Freal.example%2Fx">a link</a></p>
<h3>Details</h3>
<p>More text.</p>
"""

GO_PROXY = r"""
[[proxies]]
name = "go-example"
pattern = '^https://go\.example/\?to=(?P<url>[^&#]+)'
where = ["link"]
"""


def toml(text: str) -> str:
    return textwrap.dedent(text).lstrip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root (the configuration search stops here) holding posts/post.md."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "post.md").write_text(POST, encoding="utf-8")
    return tmp_path


def clean_with(repo: Path, config_text: str | None, *args: str, name: str = "cleaner.toml"):
    """Run the CLI on posts/post.md with `config_text` in `name` at the repository root."""
    if config_text is not None:
        (repo / name).write_text(toml(config_text), encoding="utf-8")
    post = repo / "posts" / "post.md"
    result = CliRunner().invoke(main, [str(post), *args])
    return result, post.read_text(encoding="utf-8")


def front_matter(text: str) -> str:
    return text.split("---\n")[1]


# ---------------------------------------------------------------- defaults

def test_default_config_has_the_builtin_rules():
    config = default_config()
    assert {"cors-worker", "weserv", "wp-photon"} <= {rule.name for rule in config.proxies}
    assert {"hexo-reward", "share-buttons"} <= {rule.name for rule in config.widgets}
    assert config.skip == frozenset()
    assert config.heading_top_level == 2
    assert config.date_format == "%Y-%m-%d %H:%M:%S"
    assert config.timezone is None
    assert config.required_keys == ("title",)
    assert config.https_images is False


def test_an_empty_table_is_the_default():
    config = from_table({}, "cleaner.toml")
    assert config == Config(**{**default_config().__dict__, "source": "cleaner.toml"})


# ---------------------------------------------------------------- from_table: each key

@pytest.mark.parametrize(("table", "field", "expected"), [
    ({"heading_top_level": 3}, "heading_top_level", 3),
    ({"date_format": "%Y-%m-%d"}, "date_format", "%Y-%m-%d"),
    ({"date_format": "%Y-%m-%dT%H:%M:%S%z"}, "date_format", "%Y-%m-%dT%H:%M:%S%z"),
    ({"timezone": "UTC"}, "timezone", dt.timezone.utc),
    ({"timezone": "+08:00"}, "timezone", dt.timezone(dt.timedelta(hours=8))),
    ({"timezone": "-0530"}, "timezone", dt.timezone(-dt.timedelta(hours=5, minutes=30))),
    ({"timezone": "keep"}, "timezone", None),
    ({"required_keys": ["title", "author"]}, "required_keys", ("title", "author")),
    ({"required_keys": "author"}, "required_keys", ("author",)),
    ({"required_keys": []}, "required_keys", ()),
    ({"date_keys": ["date", "published"]}, "date_keys", ("date", "published")),
    ({"url_keys": ["cover"]}, "url_keys", ("cover",)),
    ({"https_images": True}, "https_images", True),
    ({"skip": ["headings", "widgets"]}, "skip", frozenset({"headings", "widgets"})),
    ({"skip": "headings"}, "skip", frozenset({"headings"})),
    ({"steps": {"headings": False, "widgets": True}}, "skip", frozenset({"headings"})),
])
def test_each_key_sets_its_field(table, field, expected):
    assert getattr(from_table(table, "cleaner.toml"), field) == expected


def test_a_zone_name_is_a_zoneinfo():
    zone = from_table({"timezone": "Asia/Shanghai"}, "cleaner.toml").timezone
    assert zone.utcoffset(dt.datetime(2022, 6, 7)) == dt.timedelta(hours=8)


def test_steps_switch_a_step_back_on_over_the_base():
    base = default_config().with_skip({"headings"})
    assert from_table({"steps": {"headings": True}}, "cleaner.toml", base).skip == frozenset()


def test_user_rules_extend_the_builtin_ones():
    table = {
        "proxies": [{"name": "mine", "pattern": r"^https://p\.example/(?P<url>.+)$", "where": ["image"]}],
        "widgets": {"name": "house-ads", "selectors": [".house-ad"], "texts": ["^Visit our shop$"]},
    }
    config = from_table(table, "cleaner.toml")
    base = default_config()
    assert config.proxies[: len(base.proxies)] == base.proxies
    assert config.widgets[: len(base.widgets)] == base.widgets
    mine = config.proxies[-1]
    assert (mine.name, mine.where, mine.pattern.pattern) == ("mine", ("image",), r"^https://p\.example/(?P<url>.+)$")
    house = config.widgets[-1]
    assert (house.name, house.selectors, [p.pattern for p in house.texts]) == (
        "house-ads", (".house-ad",), ["^Visit our shop$"])


def test_a_rule_without_a_name_is_named_by_its_place():
    config = from_table({"widgets": [{"selectors": [".x"]}]}, "cleaner.toml")
    assert config.widgets[-1].name == "widgets[0]"


def test_a_proxy_applies_everywhere_by_default():
    config = from_table({"proxies": [{"pattern": "^x(?P<url>.+)"}]}, "cleaner.toml")
    assert config.proxies[-1].where == ("image", "link", "meta")


# ---------------------------------------------------------------- from_table: bad values

BAD_TABLES = [
    ({"bogus": 1}, "bogus", "unknown key"),
    ({"heading_top_level": 0}, "heading_top_level", "1 to 6"),
    ({"heading_top_level": 7}, "heading_top_level", "1 to 6"),
    ({"heading_top_level": "2"}, "heading_top_level", "1 to 6"),
    ({"heading_top_level": True}, "heading_top_level", "1 to 6"),
    ({"date_format": 5}, "date_format", "strftime"),
    ({"date_format": "plain"}, "date_format", "strftime"),
    ({"date_format": "%d/%m/%Y"}, "date_format", "read back"),
    ({"date_format": "%Y-%d-%m"}, "date_format", "read back"),
    ({"date_format": "%H:%M"}, "date_format", "read back"),
    ({"date_format": "%Y-%m-%d %Z"}, "date_format", "read back"),
    ({"timezone": "Mars/Olympus"}, "timezone", "unknown time zone"),
    ({"timezone": "Asia"}, "timezone", "unknown time zone"),
    ({"timezone": "+25:00"}, "timezone", "between"),
    ({"timezone": 8}, "timezone", "zone name"),
    ({"https_images": "yes"}, "https_images", "true or false"),
    ({"required_keys": 3}, "required_keys", "string"),
    ({"required_keys": ["title", ""]}, "required_keys", "string"),
    ({"date_keys": [1]}, "date_keys", "string"),
    ({"url_keys": {"a": 1}}, "url_keys", "string"),
    ({"skip": ["nosuchstep"]}, "skip", "unknown step"),
    ({"skip": [1]}, "skip", "string"),
    ({"steps": ["headings"]}, "steps", "table"),
    ({"steps": {"nosuchstep": False}}, "steps.nosuchstep", "unknown step"),
    ({"steps": {"headings": "off"}}, "steps.headings", "true or false"),
    ({"skip": ["headings"], "steps": {"headings": True}}, "steps.headings", "skip"),
    ({"proxies": [{"pattern": "([a-z"}]}, "proxies[0].pattern", "does not compile"),
    ({"proxies": [{"pattern": "^https://x/(.+)"}]}, "proxies[0].pattern", "named group 'url'"),
    ({"proxies": [{"name": "p"}]}, "proxies[0].pattern", "required"),
    ({"proxies": [{"pattern": "(?P<url>.+)", "where": ["body"]}]}, "proxies[0].where", "not one of"),
    ({"proxies": [{"pattern": "(?P<url>.+)", "colour": "red"}]}, "proxies[0].colour", "unknown key"),
    ({"proxies": [{"pattern": "(?P<url>.+)", "name": 3}]}, "proxies[0].name", "string"),
    ({"proxies": ["(?P<url>.+)"]}, "proxies[0]", "table"),
    ({"widgets": [{"name": "empty"}]}, "widgets[0]", "needs 'selectors' or 'texts'"),
    ({"widgets": [{"selectors": ["div >"]}]}, "widgets[0].selectors", "rule 'widgets[0]': 'div >' is not a CSS"),
    ({"widgets": [{"name": "w", "selectors": ["a:hover"]}]}, "widgets[0].selectors", "rule 'w': 'a:hover' matches"),
    ({"widgets": [{"selectors": [""]}]}, "widgets[0].selectors", "string"),
    ({"widgets": [{"selectors": ["a[href*='']"]}]}, "widgets[0].selectors", "matches nothing"),
    ({"widgets": [{"texts": ["(unclosed"]}]}, "widgets[0].texts", "does not compile"),
    ({"widgets": [{".x": True}]}, "widgets[0]..x", "unknown key"),
    ({"widgets": [{"selectors": [".ok"]}, {"selectors": ["div."]}]}, "widgets[1].selectors", "not a CSS selector"),
]


@pytest.mark.parametrize(("table", "key", "message"), BAD_TABLES, ids=[k for _, k, _ in BAD_TABLES])
def test_a_bad_value_names_the_file_and_key(table, key, message):
    with pytest.raises(ConfigError) as caught:
        from_table(table, "/site/cleaner.toml")
    text = str(caught.value)
    assert text.startswith(f"/site/cleaner.toml: {key}: "), text
    assert message in text


def test_the_canonical_and_date_only_formats_are_accepted():
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%Y/%m/%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
        assert from_table({"date_format": fmt}, "cleaner.toml").date_format == fmt


# ---------------------------------------------------------------- read_file

def test_read_file_cleaner_toml(tmp_path):
    path = tmp_path / "cleaner.toml"
    path.write_text('heading_top_level = 3\nskip = ["widgets"]\n', encoding="utf-8")
    config = read_file(path)
    assert (config.heading_top_level, config.skip, config.source) == (3, frozenset({"widgets"}), str(path))


def test_read_file_pyproject_reads_tool_cleaner_only(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text(toml("""
        [project]
        name = "blog"
        [tool.black]
        line-length = 100
        [tool.cleaner]
        https_images = true
        [tool.cleaner.steps]
        headings = false
    """), encoding="utf-8")
    config = read_file(path)
    assert config.https_images is True
    assert config.skip == frozenset({"headings"})


def test_read_file_pyproject_without_the_table_is_the_default(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "blog"\n', encoding="utf-8")
    assert read_file(path).heading_top_level == default_config().heading_top_level


def test_read_file_pyproject_errors_name_the_full_key(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.cleaner]\nheading_top_level = 9\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: tool\.cleaner\.heading_top_level: "):
        read_file(path)


def test_read_file_pyproject_proxy_errors_name_the_full_key(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[[tool.cleaner.proxies]]\npattern = '(?P<url>[a-'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tool\.cleaner\.proxies\[0\]\.pattern: regular expression"):
        read_file(path)


def test_read_file_invalid_toml_names_the_file_and_line(tmp_path):
    path = tmp_path / "cleaner.toml"
    path.write_text("heading_top_level = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{path}: not valid TOML: .*line 1"):
        read_file(path)


def test_read_file_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read configuration"):
        read_file(tmp_path / "nope.toml")


def test_read_file_any_other_name_is_a_cleaner_toml(tmp_path):
    path = tmp_path / "site-rules.toml"
    path.write_text("heading_top_level = 4\n", encoding="utf-8")
    assert read_file(path).heading_top_level == 4


# ---------------------------------------------------------------- find_file

@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tmp_path/outer/repo/.git, repo/a/b/post.md."""
    root = tmp_path / "outer" / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "post.md").write_text(POST, encoding="utf-8")
    return root


def test_find_file_walks_up_from_a_file(tree):
    (tree / "cleaner.toml").write_text("", encoding="utf-8")
    assert find_file(tree / "a" / "b" / "post.md") == (tree / "cleaner.toml").resolve()


def test_find_file_nearest_wins(tree):
    (tree / "cleaner.toml").write_text("", encoding="utf-8")
    (tree / "a" / "cleaner.toml").write_text("", encoding="utf-8")
    assert find_file(tree / "a" / "b") == (tree / "a" / "cleaner.toml").resolve()


def test_find_file_cleaner_toml_wins_over_pyproject_in_one_folder(tree):
    (tree / "pyproject.toml").write_text("[tool.cleaner]\n", encoding="utf-8")
    (tree / "cleaner.toml").write_text("", encoding="utf-8")
    assert find_file(tree / "a" / "b").name == "cleaner.toml"


def test_find_file_pyproject_with_the_table(tree):
    (tree / "pyproject.toml").write_text("[tool.cleaner.steps]\nheadings = false\n", encoding="utf-8")
    assert find_file(tree / "a" / "b") == (tree / "pyproject.toml").resolve()


def test_find_file_pyproject_with_dotted_keys(tree):
    (tree / "pyproject.toml").write_text("[tool]\ncleaner.https_images = true\n", encoding="utf-8")
    assert find_file(tree / "a" / "b") == (tree / "pyproject.toml").resolve()


def test_find_file_skips_a_pyproject_without_the_table(tree):
    (tree / "a" / "pyproject.toml").write_text(
        '# see [tool.cleaner] in the parent\n[tool.cleaner-extra]\nx = 1\n', encoding="utf-8")
    (tree / "cleaner.toml").write_text("", encoding="utf-8")
    assert find_file(tree / "a" / "b") == (tree / "cleaner.toml").resolve()


def test_find_file_stops_at_the_repository_root(tree):
    (tree.parent / "cleaner.toml").write_text("heading_top_level = 5\n", encoding="utf-8")
    assert find_file(tree / "a" / "b") is None


def test_find_file_in_a_mercurial_repository(tree):
    (tree / ".git").rmdir()
    (tree / "a" / ".hg").mkdir()
    (tree / "cleaner.toml").write_text("", encoding="utf-8")
    assert find_file(tree / "a" / "b") is None


def test_find_file_at_the_root_itself(tree):
    (tree / "cleaner.toml").write_text("", encoding="utf-8")
    assert find_file(tree) == (tree / "cleaner.toml").resolve()


def test_find_file_a_broken_pyproject_is_an_error(tree):
    (tree / "pyproject.toml").write_text("[tool.cleaner\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="pyproject.toml: not valid TOML"):
        find_file(tree / "a" / "b")


# ---------------------------------------------------------------- selectors

@pytest.mark.parametrize(("selector", "html", "hit"), [
    ("div.reward", '<div class="x reward">', True),
    ("div.reward", '<p class="reward">', False),
    (".a.b", '<p class="b a">', True),
    (".a.b", '<p class="a">', False),
    ("#tip", '<p id="tip">', True),
    ("[data-ad]", '<p data-ad="">', True),
    ('a[href*="ko-fi.com"]', '<a href="https://ko-fi.com/me">', True),
    ("a[href^='https://buy']", '<a href="https://buy.example">', True),
    ('a[href$=".png"]', '<a href="x.png">', True),
    ('a[title="it\'s [here]"]', '<a title="it\'s [here]">', True),
    ('[data-x="1"]', '<p data-x="12">', False),
    ("*[hidden]", "<span hidden>", True),
    ("DIV.Reward", '<div class="Reward">', True),
    ("[lang|=zh]", '<p lang="zh-CN">', True),
    ("section p", '<section><p>', True),
    ("section p", '<div><p>', False),
    ("a, p.x", '<p class="x">', True),
    ("h2 + p", "<h2>t</h2><p>", True),
    ("div:has(.x)", '<div><b class="x">b</b>', True),
    ("div:has(.x)", "<div><b>b</b>", False),
    ("li:nth-of-type(2)", "<ul><li>1</li><li>", True),
    ("li:nth-of-type(2)", "<ul><li>", False),
])
def test_selectors_match(selector, html, hit):
    from cleaner.dom import parse_fragment

    root = parse_fragment(html + "x")
    found = Matcher([("rule", selector)]).find(root)
    assert ("rule" in found.values()) is hit


def test_the_first_rule_in_order_labels_an_element():
    from cleaner.dom import parse_fragment

    root = parse_fragment('<p class="a b">x</p>')
    found = Matcher([("first", ".b"), ("second", ".a"), ("third", "p")]).find(root)
    assert list(found.values()) == ["first"]


@pytest.mark.parametrize("selector", ["", " ", "div >", "a:hover", "::before", "p::after", "a[href^='']",
                                      "[=x]", "div.", "a[href*=x.com]", "[data-x=1]", "p:nosuch"])
def test_selectors_refused(selector):
    with pytest.raises(SelectorError):
        translate_selector(selector)


def test_every_builtin_selector_compiles():
    labelled = [(rule.name, selector) for rule in default_config().widgets for selector in rule.selectors]
    assert len(labelled) > 40
    Matcher(labelled)


# ---------------------------------------------------------------- the CLI: each key changes the output

def test_cli_defaults_for_reference(repo):
    result, out = clean_with(repo, None)
    assert result.exit_code == EXIT_OK, result.output
    assert "date: '2022-06-07 16:00:00+00:00'" in out
    assert "## Top" in out and "### Details" in out
    assert "Visit our shop" in out
    assert "https://go.example/?to=" in out
    assert "![](http://img.example.com/a.jpg)" in out


def test_cli_user_widget_selector_removes_an_element(repo):
    result, out = clean_with(repo, '[[widgets]]\nname = "house-ads"\nselectors = ["div.house-ad"]\n')
    assert result.exit_code == EXIT_OK, result.output
    assert "Visit our shop" not in out
    assert "More text." in out


def test_cli_user_widget_text_removes_an_element(repo):
    result, out = clean_with(repo, "[[widgets]]\ntexts = ['^Visit our shop$']\n")
    assert result.exit_code == EXIT_OK, result.output
    assert "Visit our shop" not in out


def test_cli_user_proxy_pattern_unwraps(repo):
    result, out = clean_with(repo, GO_PROXY)
    assert result.exit_code == EXIT_OK, result.output
    assert "[a link](https://real.example/x)" in out


def test_cli_user_proxy_respects_where(repo):
    result, out = clean_with(repo, GO_PROXY.replace('["link"]', '["image"]'))
    assert result.exit_code == EXIT_OK, result.output
    assert "https://go.example/?to=" in out


def test_cli_heading_top_level(repo):
    result, out = clean_with(repo, "heading_top_level = 3\n")
    assert result.exit_code == EXIT_OK, result.output
    assert "\n### Top\n" in out and "\n#### Details\n" in out


def test_cli_timezone_converts_a_gmt_date(repo):
    result, out = clean_with(repo, 'timezone = "Asia/Shanghai"\n')
    assert result.exit_code == EXIT_OK, result.output
    assert "date: '2022-06-08 00:00:00+08:00'" in front_matter(out)


def test_cli_date_format(repo):
    result, out = clean_with(repo, 'date_format = "%Y-%m-%dT%H:%M:%S%z"\n')
    assert result.exit_code == EXIT_OK, result.output
    assert "date: 2022-06-07T16:00:00+0000" in front_matter(out)


def test_cli_date_format_and_timezone_together(repo):
    result, out = clean_with(repo, 'date_format = "%Y-%m-%d %H:%M"\ntimezone = "+08:00"\n')
    assert result.exit_code == EXIT_OK, result.output
    assert "date: 2022-06-08 00:00+08:00" in front_matter(out)


def test_cli_date_keys(repo):
    post = repo / "posts" / "post.md"
    post.write_text(POST.replace("title: Hello\n", "title: Hello\npublished: Tue, 07 Jun 2022 16:00:00 GMT\n"),
                    encoding="utf-8")
    result, out = clean_with(repo, 'date_keys = ["published"]\n')
    assert result.exit_code == EXIT_OK, result.output
    assert "published: '2022-06-07 16:00:00+00:00'" in out
    assert "date: Tue, 07 Jun 2022 16:00:00 GMT" in out


def test_cli_url_keys(repo):
    wrapped = "https://images.weserv.nl/?url=img.example.com/cover.jpg"
    post = repo / "posts" / "post.md"
    post.write_text(POST.replace("title: Hello\n", f"title: Hello\nposter: {wrapped}\n"), encoding="utf-8")
    _, default_out = clean_with(repo, None)
    assert f"poster: {wrapped}" in default_out
    post.write_text(POST.replace("title: Hello\n", f"title: Hello\nposter: {wrapped}\n"), encoding="utf-8")
    result, out = clean_with(repo, 'url_keys = ["poster"]\n')
    assert result.exit_code == EXIT_OK, result.output
    assert "poster: http://img.example.com/cover.jpg" in out


def test_cli_required_keys_produce_a_problem_line(repo):
    result, out = clean_with(repo, 'required_keys = ["title", "author"]\n')
    assert result.exit_code == EXIT_OK, result.output
    assert f"{repo / 'posts' / 'post.md'}:2: front matter has no 'author'" in result.stderr
    assert "title" not in result.stderr


def test_cli_required_keys_under_strict_fail(repo):
    result, out = clean_with(repo, 'required_keys = ["author"]\n', "--strict")
    assert result.exit_code == EXIT_ERROR
    assert "front matter has no 'author'" in result.stderr
    assert out == POST


def test_cli_https_images_upgrades(repo):
    result, out = clean_with(repo, "https_images = true\n")
    assert result.exit_code == EXIT_OK, result.output
    assert "![](https://img.example.com/a.jpg)" in out


def test_cli_skip_switches_a_step_off(repo):
    result, out = clean_with(repo, 'skip = ["headings"]\n')
    assert result.exit_code == EXIT_OK, result.output
    assert "\n# Top\n" in out


def test_cli_steps_table_switches_a_step_off(repo):
    result, out = clean_with(repo, "[steps]\nheadings = false\n")
    assert result.exit_code == EXIT_OK, result.output
    assert "\n# Top\n" in out


def test_cli_skip_option_adds_to_the_file(repo):
    result, out = clean_with(repo, "heading_top_level = 3\n", "--skip", "widgets")
    assert result.exit_code == EXIT_OK, result.output
    assert "\n### Top\n" in out


def test_cli_pyproject_tool_cleaner(repo):
    result, out = clean_with(repo, "[tool.cleaner]\nheading_top_level = 3\n", name="pyproject.toml")
    assert result.exit_code == EXIT_OK, result.output
    assert "\n### Top\n" in out


def test_cli_nearest_file_wins_per_folder(repo):
    (repo / "cleaner.toml").write_text("heading_top_level = 3\n", encoding="utf-8")
    (repo / "other").mkdir()
    (repo / "other" / "cleaner.toml").write_text("heading_top_level = 4\n", encoding="utf-8")
    (repo / "other" / "post.md").write_text(POST, encoding="utf-8")
    result = CliRunner().invoke(main, [str(repo / "posts"), str(repo / "other"), "-j", "1"])
    assert result.exit_code == EXIT_OK, result.output
    assert "\n### Top\n" in (repo / "posts" / "post.md").read_text(encoding="utf-8")
    assert "\n#### Top\n" in (repo / "other" / "post.md").read_text(encoding="utf-8")


def test_cli_config_option_overrides_the_found_file(repo):
    (repo / "cleaner.toml").write_text("heading_top_level = 3\n", encoding="utf-8")
    chosen = repo / "elsewhere.toml"
    chosen.write_text("heading_top_level = 4\n", encoding="utf-8")
    result, out = clean_with(repo, None, "--config", str(chosen))
    assert result.exit_code == EXIT_OK, result.output
    assert "\n#### Top\n" in out


def test_cli_a_config_above_the_repository_root_is_not_used(tmp_path):
    (tmp_path / "cleaner.toml").write_text("heading_top_level = 5\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / "post.md").write_text(POST, encoding="utf-8")
    result = CliRunner().invoke(main, [str(site / "post.md")])
    assert result.exit_code == EXIT_OK, result.output
    assert "\n## Top\n" in (site / "post.md").read_text(encoding="utf-8")


def test_cli_standard_input_uses_the_config_of_the_working_folder(repo, monkeypatch):
    (repo / "cleaner.toml").write_text("heading_top_level = 3\n", encoding="utf-8")
    monkeypatch.chdir(repo / "posts")
    result = CliRunner().invoke(main, ["-"], input=POST)
    assert result.exit_code == EXIT_OK, result.output
    assert "\n### Top\n" in result.stdout


# ---------------------------------------------------------------- the CLI: bad configuration exits 2

BAD_FILES = [
    ("unknown-key", "cleaner.toml", "colour = 'red'\n", "colour: unknown key"),
    ("bad-value", "cleaner.toml", "heading_top_level = 0\n", "heading_top_level: must be"),
    ("bad-regex", "cleaner.toml", "[[proxies]]\npattern = '(?P<url>[a-'\n", "proxies[0].pattern: regular expression"),
    ("bad-text-regex", "cleaner.toml", "[[widgets]]\ntexts = ['(']\n", "widgets[0].texts: regular expression"),
    ("bad-selector", "cleaner.toml", "[[widgets]]\nselectors = ['div >']\n", "widgets[0].selectors: rule 'widgets[0]': "),
    ("bad-zone", "cleaner.toml", "timezone = 'Nowhere/Land'\n", "timezone: unknown time zone"),
    ("bad-date-format", "cleaner.toml", "date_format = '%d.%m.%Y'\n", "date_format: "),
    ("bad-step", "cleaner.toml", "skip = ['nope']\n", "skip: unknown step"),
    ("bad-toml", "cleaner.toml", "skip = [\n", "not valid TOML"),
    ("pyproject", "pyproject.toml", "[tool.cleaner]\nhttps_images = 1\n", "tool.cleaner.https_images: must be"),
]


@pytest.mark.parametrize(("name", "text", "message"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_cli_bad_found_config_exits_2_naming_file_and_key(repo, name, text, message):
    result, out = clean_with(repo, text, name=name)
    assert result.exit_code == EXIT_ERROR
    assert f"{(repo / name).resolve()}: {message}" in result.stderr
    assert "Traceback" not in result.output
    assert out == POST  # nothing written


@pytest.mark.parametrize(("name", "text", "message"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_cli_bad_config_option_exits_2_naming_file_and_key(repo, name, text, message):
    chosen = repo / "chosen" / name
    chosen.parent.mkdir()
    chosen.write_text(text, encoding="utf-8")
    result, out = clean_with(repo, None, "--config", str(chosen))
    assert result.exit_code == EXIT_ERROR
    assert f"{chosen}: {message}" in result.stderr
    assert out == POST


def test_cli_missing_config_option_exits_2(repo):
    result, out = clean_with(repo, None, "--config", str(repo / "missing.toml"))
    assert result.exit_code == EXIT_ERROR
    assert "missing.toml: cannot read configuration" in result.stderr


def test_cli_bad_config_in_check_mode_exits_2(repo):
    result, _ = clean_with(repo, "heading_top_level = 0\n", "--check")
    assert result.exit_code == EXIT_ERROR


def test_config_module_knows_every_step_name():
    assert set(from_table({"skip": list(STEP_NAMES)}, "cleaner.toml").skip) == set(STEP_NAMES)
    assert config_mod.KNOWN_KEYS == {"skip", "steps", "proxies", "widgets", "heading_top_level", "date_format",
                                     "timezone", "date_keys", "url_keys", "required_keys", "https_images",
                                     "generator", "encoding", "output_encoding", "exclude", "extend_exclude"}
