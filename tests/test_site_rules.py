"""Site rules as a user writes them: a cleaner.toml holding `[[widgets]]` selectors copied from a
browser's developer tools, and the real command run on a post.

Every expected output is written by hand.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.command.cli import main

from conftest import run_on_post as run

EXIT_OK, EXIT_ERROR = 0, 2


def widget(*selectors: str) -> str:
    quoted = ", ".join(json.dumps(s) for s in selectors)  # a JSON string is a TOML basic string
    return f'[[widgets]]\nname = "mine"\nselectors = [{quoted}]\n'


# ---------------------------------------------------------------- full CSS selectors

SELECTOR_CASES = [
    pytest.param(
        ".post-footer .tip-jar",
        '<div class="post-footer"><div><p class="tip-jar">Tip in the footer</p></div><p>Footer note</p></div>\n'
        '<p class="tip-jar">A paragraph of the article</p>\n',
        "Footer note\n\nA paragraph of the article\n",
        id="descendant",
    ),
    pytest.param(
        "h4, aside",
        "<h2>Title</h2>\n<p>Text</p>\n<h4>Follow me</h4>\n<aside>Sidebar</aside>\n",
        "## Title\n\nText\n",
        id="list",
    ),
    pytest.param(
        "div.footer > .tip-note",
        '<div class="footer"><p class="tip-note">Direct child</p><div><p class="tip-note">Nested deeper</p></div></div>\n',
        "Nested deeper\n",
        id="child",
    ),
    pytest.param(
        "p.promo:not(.keep)",
        '<p class="promo keep">Kept promo</p>\n<p class="promo">Dropped promo</p>\n<p>Text</p>\n',
        "Kept promo\n\nText\n",
        id="not",
    ),
    pytest.param(
        'a[href*="tips.example" i]',
        '<p>Text</p>\n<p><a href="https://TIPS.Example/me">Send a tip</a></p>\n',
        "Text\n",
        id="case-insensitive-attribute",
    ),
    pytest.param(
        'a[href*="tips.example"]',
        '<p>Text</p>\n<p><a href="https://TIPS.Example/me">Send a tip</a></p>\n',
        "Text\n\n[Send a tip](https://TIPS.Example/me)\n",
        id="case-sensitive-attribute",
    ),
    pytest.param(
        "div > p.note",
        '<p class="note">A note at the top level of the body</p>\n<div><p class="note">Inside a div</p></div>\n',
        "A note at the top level of the body\n",
        id="the-body-is-no-div",
    ),
    pytest.param(
        "section:first-child",
        "<section>First</section>\n<section>Second</section>\n",
        "Second\n",
        id="structural-pseudo-class",
    ),
    pytest.param(
        "DIV.Promo",
        '<div class="Promo">Promo</div>\n<div class="promo">Other case</div>\n',
        "Other case\n",
        id="tag-any-case-class-exact",
    ),
]


@pytest.mark.parametrize(("selector", "body", "expected"), SELECTOR_CASES)
def test_a_css_selector_removes_what_it_names(tmp_path, selector, body, expected):
    result, out = run(tmp_path, widget(selector), body)
    assert result.exit_code == EXIT_OK, result.output
    assert out == expected


def test_explain_names_the_rule_and_selector(tmp_path):
    post = '<div class="post-footer"><p class="tip-jar">Tip</p></div>\n<p>Text</p>\n'
    result, _ = run(tmp_path, widget(".post-footer .tip-jar"), post, "--explain")
    assert result.exit_code == EXIT_OK, result.output
    assert "mine .post-footer .tip-jar" in result.output


def test_rules_in_a_markdown_body_apply_to_its_html(tmp_path):
    body = 'Some **Markdown** text.\n\n<div class="post-footer"><span class="tip-jar">Tip</span></div>\n\nMore text.\n'
    result, out = run(tmp_path, widget(".post-footer > .tip-jar"), body)
    assert result.exit_code == EXIT_OK, result.output
    # the author's HTML stays HTML: only the element the rule names goes
    assert out == 'Some **Markdown** text.\n\n<div class="post-footer"></div>\n\nMore text.\n'


def test_builtin_rules_match_hosts_in_any_case(tmp_path):
    body = '<p>Text</p>\n<p><a href="https://Ko-Fi.com/someone">Support me</a></p>\n'
    result, out = run(tmp_path, "", body)
    assert result.exit_code == EXIT_OK, result.output
    assert out == "Text\n"


BAD_SELECTORS = [
    pytest.param("div >", "'div >' is not a CSS selector", id="dangling-combinator"),
    pytest.param("a[href*=ko-fi.com]", "quote", id="unquoted-value"),
    pytest.param("a:hover", "matches nothing", id="user-action"),
    pytest.param("a[href*='']", "matches nothing", id="empty-substring"),
    pytest.param("p::before", "pseudo-element", id="pseudo-element"),
    pytest.param("p:nosuch", "nosuch", id="unknown-pseudo-class"),
]


@pytest.mark.parametrize(("selector", "message"), BAD_SELECTORS)
def test_a_bad_selector_is_a_configuration_error_naming_file_and_rule(tmp_path, selector, message):
    config = '[[widgets]]\nname = "ok"\nselectors = [".fine"]\n\n' + widget(selector)
    body = "<p>Text</p>\n"
    result, out = run(tmp_path, config, body)
    assert result.exit_code == EXIT_ERROR, result.output
    where = f"{(tmp_path / 'cleaner.toml').resolve()}: widgets[1].selectors: rule 'mine': "
    assert where in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert out == body  # nothing written


def test_the_readme_configuration_example_works(tmp_path):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = next(block for block in readme.split("```toml\n")[1:] if "[[tool.cleaner.widgets]]" in block)
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(example.split("```")[0], encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Rules\ndate: 2022-01-05 08:00:00\n---\n\n"
                    '<div class="post-footer"><p class="donate">Donate</p></div>\n'
                    '<p><a href="https://PayPal.Me/someone">PayPal</a></p>\n'
                    '<p><img src="https://img.my-cdn.example/fetch/https://example.com/a.png" alt="A"></p>\n',
                    encoding="utf-8")
    result = CliRunner().invoke(main, [str(post)])
    assert result.exit_code == EXIT_OK, result.output
    assert post.read_text(encoding="utf-8") == (
        # timezone: a date without a zone is taken to be in Asia/Shanghai, and says so
        "---\ntitle: Rules\ndate: 2022-01-05 08:00:00+08:00\n---\n\n![A](https://example.com/a.png)\n")
