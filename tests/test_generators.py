"""Real Hugo, Jekyll and Hexo render the same page from an authored post before and after cleaning.

Users run cleaner as a pre-commit hook over posts they wrote themselves; the first rule is to do
no harm. The authored samples (samples/authored/{hugo,jekyll,hexo}/) are put in one minimal site
per generator; the real `cleaner SRC -o DST` (a subprocess, as a user runs it) cleans them into
a second site; each site is built once. Per post the two pages must agree on:

- title, date instant, tags, categories, URL (and for Hugo lastmod and draft), and
- the article HTML (`.Content` / `{{ content }}` / Hexo's post.content) and, for a post with a
  `<!--more-->`, the summary or excerpt (`.Summary` / `page.excerpt`; Hexo marks it in the
  content itself), after
  the normalisation `canonical_html` documents: comments dropped, white space collapsed (kept
  as is inside <pre>), attributes in sorted order, one block element per line.

What cleaner removes on purpose is listed per post in EXPECTED and applied to the original page
only (a tip widget dropped, a proxy prefix taken off a URL); each listed change must be found in
the original page, so a stale entry fails rather than hiding anything, and nothing else is
excused (README's "iframes become links" included: an embed the author wrote is part of the
page). A post cleaner did not write (a refusal or an error) fails, naming cleaner's message.

The harness is checked on itself: the original site against an untouched copy must agree on
every post, and a copy with one word changed in one post must differ on that post only.

Hugo and Jekyll are the Debian packages (`apt-get install -y hugo jekyll`; `.ci/run` installs
them when missing), Hexo is the one tests/test_hexo.py uses (installed by `.ci/run` with npm).
A missing generator skips its tests, except under CI=true, where it fails them
(`conftest.require_client`).
"""
from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import require_client
from test_hexo import HEXO_PLUGINS, LOADER, hexo_dir, hexo_missing

TESTS = Path(__file__).resolve().parent
AUTHORED = TESTS.parent / "samples" / "authored"
GENERATORS = ("hugo", "jekyll", "hexo")
CLEAN_TIMEOUT_S = 120
BUILD_TIMEOUT_S = 180
BUILD_ENV = {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


# --- What cleaner changes on purpose, per post -------------------------------------------------

@dataclass(frozen=True)
class Expected:
    """Differences cleaner makes on purpose, applied to the ORIGINAL page before comparing.

    drop: elements `tag.class` that cleaner removes (tip widgets); unproxy: URL prefixes it takes
    off src/href values (CORS proxies). Every entry must change the original content at least once.
    Nothing else is excused: an image's width, an embed, <kbd> or <details> an author wrote are
    part of the page.
    """

    drop: tuple[str, ...] = ()
    unproxy: tuple[str, ...] = ()


ZFOUR = "https://cors.zfour.workers.dev/?"
WORDPRESS = Expected(drop=("div.reward",), unproxy=(ZFOUR,))
EXPECTED: dict[str, Expected] = {
    "hugo/yaml-wordpress-export.md": WORDPRESS,
    "jekyll/2021-11-30-wordpress-export.md": WORDPRESS,
    "hexo/wordpress-export.md": WORDPRESS,
}

# The deliberate edit the harness must catch: (post, word in its body, replacement).
EDITS = {
    "hugo": ("toml-shortcodes.md", "afternoon", "evening"),
    "jekyll": ("2023-02-10-kramdown-extras.md", "carry", "hold"),
    "hexo": ("wordpress-export.md", "waiting", "hoping"),
}


def _posts(generator: str) -> list[str]:
    return sorted(p.name for p in (AUTHORED / generator).glob("*.md"))


POST_IDS = [f"{g}/{name}" for g in GENERATORS for name in _posts(g)]


# --- Normalisation ------------------------------------------------------------------------------

BLOCK_TAGS = frozenset("""
address article aside blockquote body br details dd div dl dt fieldset figcaption figure footer
form h1 h2 h3 h4 h5 h6 header hr iframe li main nav ol p section summary table tbody td tfoot
th thead tr ul video audio
""".split())
_WS = re.compile(r"\s+")


def _parse(fragment: str):
    return lxml_html.fragment_fromstring(fragment or "", create_parent="cleaner-root")


def _start_tag(el) -> str:
    attrs = "".join(f' {k}="{_WS.sub(" ", v).strip()}"' for k, v in sorted(el.attrib.items()))
    return f"<{el.tag}{attrs}>"


def _inline(el, pre: bool) -> str:
    """An element and its subtree on one line; text verbatim (newlines as \\n) inside <pre>."""
    def text(s):
        return (s or "").replace("\r\n", "\n").replace("\n", "\\n") if pre else _WS.sub(" ", s or "")

    if not isinstance(el.tag, str):  # comment or processing instruction: dropped, tail kept
        return text(el.tail)
    inner = text(el.text) + "".join(_inline(child, pre) for child in el)
    return f"{_start_tag(el)}{inner}</{el.tag}>" + text(el.tail)


def canonical_html(root) -> list[str]:
    """The normalised form of a rendered fragment, as lines.

    Comments and processing instructions are dropped; every run of white space outside <pre>
    becomes one space; attributes are sorted; each block element's start and end tag goes on a
    line of its own and lines are stripped, so white space next to a block boundary goes; a
    <pre> is one line with its text verbatim. Entities are read (`&quot;` equals `"`).
    """
    lines: list[str] = []
    current: list[str] = []

    def flush():
        line = "".join(current).strip()
        if line:
            lines.append(_WS.sub(" ", line) if "<pre" not in line else line)
        current.clear()

    def walk(el):
        if not isinstance(el.tag, str):
            current.append(_WS.sub(" ", el.tail or ""))
            return
        if el.tag == "pre":
            flush()
            lines.append(_inline(el, pre=True).rsplit("</pre>", 1)[0] + "</pre>")
            current.append(_WS.sub(" ", el.tail or ""))
            return
        block = el.tag in BLOCK_TAGS
        if block:
            flush()
            lines.append(_start_tag(el))
        else:
            current.append(_start_tag(el))
        current.append(_WS.sub(" ", el.text or ""))
        for child in el:
            walk(child)
        if block:
            flush()
            lines.append(f"</{el.tag}>")
        else:
            current.append(f"</{el.tag}>")
        current.append(_WS.sub(" ", el.tail or ""))

    current.append(_WS.sub(" ", root.text or ""))
    for child in root:
        walk(child)
    flush()
    return lines


def _matches(el, selector: str) -> bool:
    tag, _, cls = selector.partition(".")
    return el.tag == tag and (not cls or cls in (el.get("class") or "").split())


def apply_expected(root, expected: Expected) -> dict[str, int]:
    """Make in the original page's tree the changes cleaner makes on purpose; count each."""
    counts: dict[str, int] = {}
    for selector in expected.drop:
        found = [el for el in root.iter() if isinstance(el.tag, str) and _matches(el, selector)]
        for el in found:
            el.drop_tree()  # keeps the tail text
        counts[f"drop {selector}"] = len(found)
    for prefix in expected.unproxy:
        n = 0
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("src", "href", "srcset", "data-src"):
                value = el.get(attr)
                if value and value.startswith(prefix):
                    el.set(attr, value[len(prefix):])
                    n += 1
        counts[f"unproxy {prefix}"] = n
    return counts


# --- Pages --------------------------------------------------------------------------------------

@dataclass
class Page:
    meta: dict
    content: str
    summary: str | None = None  # None: the generator has no separate summary (Hexo)


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)  # by post file name
    error: str | None = None  # the build failed


ARTICLE = re.compile(r'<article id="cleaner-post"[^>]*>')
MARK_SUMMARY, MARK_SUMMARY_END = '<div id="cleaner-summary">', '</div><template id="cleaner-summary-end"></template>'
MARK_CONTENT, MARK_CONTENT_END = '<div id="cleaner-content">', '</div><template id="cleaner-content-end"></template>'


def _between(page: str, start: str, end: str) -> str:
    i = page.index(start) + len(start)
    return page[i:page.index(end, i)]


def _read_html_page(path: Path) -> tuple[dict, Page] | None:
    text = path.read_text(encoding="utf-8")
    tag = ARTICLE.search(text)
    if not tag:
        return None
    attrs = dict(lxml_html.fragment_fromstring(tag.group(0) + "</article>").attrib)
    meta = {k.removeprefix("data-"): v for k, v in attrs.items() if k.startswith("data-")}
    for key in ("tags", "categories"):
        meta[key] = json.loads(meta[key]) if meta.get(key) else None
    page = Page(meta, _between(text, MARK_CONTENT, MARK_CONTENT_END),
                _between(text, MARK_SUMMARY, MARK_SUMMARY_END))
    return meta.pop("path"), page


def _pages_from_html(out: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted(out.rglob("*.html")):
        found = _read_html_page(path)
        if found:
            pages[Path(found[0]).name] = found[1]
    return pages


def _run(cmd: list[str], cwd: Path | None = None) -> str | None:
    """Run a build; None if it worked, else what it said."""
    try:
        done = subprocess.run(cmd, cwd=cwd, env={**os.environ, **BUILD_ENV}, capture_output=True,
                              text=True, timeout=BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f"{cmd[0]} timed out after {BUILD_TIMEOUT_S} s"
    if done.returncode != 0:
        return f"{' '.join(cmd)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return None


# Hugo ---------------------------------------------------------------------------------------------

HUGO_CONFIG = """\
baseURL = "http://example.com/"
title = "cleaner Hugo check"
timeZone = "UTC"
buildDrafts = true
buildFuture = true
buildExpired = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_LAYOUTS = {
    "_default/single.html": (
        '<!DOCTYPE html><html><body>\n'
        '<article id="cleaner-post" data-path="{{ .File.Path }}" data-title="{{ .Title }}"'
        ' data-date="{{ .Date.Unix }}" data-lastmod="{{ .Lastmod.Unix }}" data-draft="{{ .Draft }}"'
        ' data-tags="{{ jsonify .Params.tags }}" data-categories="{{ jsonify .Params.categories }}"'
        ' data-url="{{ .RelPermalink }}" data-truncated="{{ .Truncated }}">\n'
        f'{MARK_SUMMARY}{{{{ .Summary }}}}{MARK_SUMMARY_END}\n'
        f'{MARK_CONTENT}{{{{ .Content }}}}{MARK_CONTENT_END}\n'
        '</article></body></html>\n'),
    "_default/list.html": "<!DOCTYPE html><html><body>{{ range .Pages }}{{ .Title }} {{ end }}</body></html>\n",
    "index.html": "<!DOCTYPE html><html><body>{{ range .Site.RegularPages }}{{ .Title }} {{ end }}</body></html>\n",
    "shortcodes/note.html": '<aside class="note">{{ .Inner | markdownify }}</aside>\n',
}


def build_hugo(posts: Path, root: Path) -> Site:
    site, out = root / "site", root / "public"
    shutil.copytree(posts, site / "content" / "posts")
    (site / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    error = _run([shutil.which("hugo") or "hugo", "--source", str(site), "--destination", str(out),
                  "--cacheDir", str(root / "hugo-cache"), "--noBuildLock", "--quiet"])
    return Site(error=error) if error else Site(_pages_from_html(out))


# Jekyll -------------------------------------------------------------------------------------------

JEKYLL_CONFIG = """\
title: cleaner Jekyll check
baseurl: /blog
url: http://example.com
timezone: UTC
future: true
markdown: kramdown
excerpt_separator: "<!--more-->"
defaults:
  - scope: {path: ""}
    values: {layout: post}
"""
JEKYLL_LAYOUT = (
    '<!DOCTYPE html><html><body>\n'
    '<article id="cleaner-post" data-path="{{ page.path | escape }}" data-title="{{ page.title | escape }}"'
    ' data-date="{{ page.date | date: \'%s\' }}" data-tags="{{ page.tags | jsonify | escape }}"'
    ' data-categories="{{ page.categories | jsonify | escape }}" data-url="{{ page.url | escape }}">\n'
    f'{MARK_SUMMARY}{{{{ page.excerpt }}}}{MARK_SUMMARY_END}\n'
    f'{MARK_CONTENT}{{{{ content }}}}{MARK_CONTENT_END}\n'
    '</article></body></html>\n')


def build_jekyll(posts: Path, root: Path) -> Site:
    site, out = root / "site", root / "_site"
    shutil.copytree(posts, site / "_posts")
    (site / "_config.yml").write_text(JEKYLL_CONFIG, encoding="utf-8")
    (site / "_layouts").mkdir()
    (site / "_layouts" / "post.html").write_text(JEKYLL_LAYOUT, encoding="utf-8")
    error = _run([shutil.which("jekyll") or "jekyll", "build", "--source", str(site), "--destination",
                  str(out), "--disable-disk-cache", "--quiet"], cwd=site)
    return Site(error=error) if error else Site(_pages_from_html(out))


# Hexo ---------------------------------------------------------------------------------------------

HEXO_CONFIG = "title: cleaner generator check\ntimezone: UTC\npost_asset_folder: true\n"


def build_hexo(posts: Path, root: Path) -> Site:
    """Hexo's own loader and renderer (tests/hexo/load.js), as tests/test_hexo.py uses them."""
    site = root / "site"
    shutil.copytree(posts, site / "source" / "_posts")
    version = json.loads((hexo_dir() / "node_modules" / "hexo" / "package.json").read_text())["version"]
    package = {"name": "hexo-check-site", "private": True, "hexo": {"version": version},
               "dependencies": {name: "*" for name in ("hexo", *HEXO_PLUGINS)}}
    (site / "package.json").write_text(json.dumps(package), encoding="utf-8")
    (site / "_config.yml").write_text(HEXO_CONFIG, encoding="utf-8")
    (site / "node_modules").symlink_to(hexo_dir() / "node_modules", target_is_directory=True)
    try:
        done = subprocess.run([shutil.which("node") or "node", str(LOADER), str(site)], capture_output=True,
                              text=True, env={**os.environ, **BUILD_ENV}, timeout=BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return Site(error=f"Hexo timed out after {BUILD_TIMEOUT_S} s")
    if done.returncode != 0:
        return Site(error=f"Hexo failed:\n{done.stderr[-3000:]}")
    pages = {}
    for post in json.loads(done.stdout):
        date = "from the file's time" if post["dateFromFile"] else post["date"]
        meta = {"title": post["title"], "date": date, "tags": post["tags"], "categories": post["categories"]}
        pages[Path(post["source"]).name] = Page(meta, post["content"])
    return Site(pages)


BUILDERS = {"hugo": build_hugo, "jekyll": build_jekyll, "hexo": build_hexo}


def missing(generator: str) -> str | None:
    """Why `generator` cannot run here, or None."""
    if generator == "hexo":
        return hexo_missing()
    return None if shutil.which(generator) else f"{generator} is not installed (apt-get install -y {generator})"


def require(generator: str) -> None:
    """Skip without the generator; under CI=true fail instead (CI must really run it)."""
    require_client(missing(generator))


# --- Comparison ---------------------------------------------------------------------------------

def compare(before: Page, after: Page, expected: Expected | None = None, summaries: bool = True) -> list[str]:
    """Every way `after` differs from `before` (with `expected` applied to `before`), for a message.

    `summaries=False` leaves out the summary: without a `<!--more-->` it is derived from the
    content (Hugo's first 70 words as plain text, Jekyll's whole content), which is compared
    already, and a plain-text summary still holds the text of a widget cleaner dropped."""
    found = [f"{key}: {before.meta.get(key)!r} became {after.meta.get(key)!r}"
             for key in sorted(set(before.meta) | set(after.meta)) if before.meta.get(key) != after.meta.get(key)]
    parts = [("content", before.content, after.content)]
    if summaries and (before.summary is not None or after.summary is not None):
        parts.append(("summary", before.summary or "", after.summary or ""))
    for name, was, now in parts:
        root = _parse(was)
        if expected is not None and name == "content":
            for change, n in apply_expected(root, expected).items():
                if n == 0:
                    found.append(f"expected difference '{change}' not found in the original page (stale entry?)")
        elif expected is not None:
            apply_expected(root, expected)
        a, b = canonical_html(root), canonical_html(_parse(now))
        if a != b:
            diff = "\n".join(difflib.unified_diff(a, b, "original", "cleaned", lineterm="", n=1))
            found.append(f"{name} renders differently:\n{diff}")
    return found


# --- Fixtures -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cleaned(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """samples/authored cleaned by the real CLI into a folder: (folder, {post id: why not written})."""
    out = tmp_path_factory.mktemp("authored-cleaned")
    cli = Path(sys.executable).with_name("cleaner")
    cmd = [str(cli) if cli.exists() else "cleaner", str(AUTHORED), "-o", str(out), "--no-cache"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=CLEAN_TIMEOUT_S)
    assert done.returncode in (0, 2), f"cleaner crashed:\n{done.stderr}"
    refused = {}
    for post_id in POST_IDS:
        if not (out / post_id).exists():
            said = [line for line in done.stderr.splitlines() if line.startswith(str(AUTHORED / post_id))]
            refused[post_id] = "\n".join(said) or f"cleaner wrote no file (exit {done.returncode})"
    return out, refused


def _copy_posts(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


@pytest.fixture(scope="module")
def sites(tmp_path_factory, cleaned):
    """Built sites, on demand and once each: sites(generator, side) -> Site.

    Sides: original (samples as they are), copy (an untouched copy), edited (a copy with the
    EDITS word changed), cleaned (cleaner's output; a post it did not write stays as it was, as
    it would in the user's repository, so the site still builds)."""
    built: dict[tuple[str, str], Site] = {}

    def get(generator: str, side: str) -> Site:
        if (generator, side) not in built:
            root = tmp_path_factory.mktemp(f"{generator}-{side}")
            posts = _copy_posts(AUTHORED / generator, root / "posts")
            if side == "edited":
                name, old, new = EDITS[generator]
                text = (posts / name).read_text(encoding="utf-8")
                assert text.count(old) == 1, f"edit word {old!r} must occur once in {name}"
                (posts / name).write_text(text.replace(old, new), encoding="utf-8")
            elif side == "cleaned":
                out, _ = cleaned
                for path in (out / generator).rglob("*.md"):
                    shutil.copyfile(path, posts / path.relative_to(out / generator))
            built[generator, side] = BUILDERS[generator](posts, root)
        return built[generator, side]

    return get


def _page(site: Site, generator: str, name: str, side: str) -> Page:
    assert site.error is None, f"the {side} {generator} site did not build:\n{site.error}"
    assert name in site.pages, f"{generator} made no page of {name} from the {side} site (pages: {sorted(site.pages)})"
    return site.pages[name]


# --- Tests --------------------------------------------------------------------------------------

@pytest.mark.parametrize("post_id", POST_IDS)
def test_harness_sees_identical_copies_as_same(sites, post_id):
    generator, name = post_id.split("/")
    require(generator)
    before = _page(sites(generator, "original"), generator, name, "original")
    after = _page(sites(generator, "copy"), generator, name, "copy")
    assert compare(before, after) == []
    assert before.content.strip(), "the page has no content: the harness reads the wrong thing"


@pytest.mark.parametrize("generator", GENERATORS)
def test_harness_catches_a_changed_word(sites, generator):
    require(generator)
    edited_name, old, new = EDITS[generator]
    original, edited = sites(generator, "original"), sites(generator, "edited")
    for name in _posts(generator):
        found = compare(_page(original, generator, name, "original"), _page(edited, generator, name, "edited"))
        if name == edited_name:
            assert any(old in f and new in f for f in found), found
        else:
            assert found == [], name


def test_harness_expected_differences_must_be_found():
    page = Page({}, '<p>text</p>')
    found = compare(page, page, Expected(drop=("div.reward",), unproxy=(ZFOUR,)))
    assert len(found) == 2 and all("not found in the original page" in f for f in found)


def test_harness_normalisation():
    same = ['<p>a <em>b</em>\n</p>\n<!-- c -->\n<ul>\n<li>x</li>\n</ul>', '<p>a <em>b</em></p><ul><li>x</li></ul>']
    assert canonical_html(_parse(same[0])) == canonical_html(_parse(same[1]))
    # white space inside <pre> counts, and so does a space between inline elements
    assert canonical_html(_parse("<pre>a\n  b</pre>")) != canonical_html(_parse("<pre>a\n b</pre>"))
    assert canonical_html(_parse("<em>a</em> <em>b</em>")) != canonical_html(_parse("<em>a</em><em>b</em>"))


def test_every_expected_entry_names_a_post():
    assert set(EXPECTED) <= set(POST_IDS)
    assert all(len(_posts(g)) >= 3 for g in GENERATORS)


@pytest.mark.parametrize("post_id", POST_IDS)
def test_cleaned_post_renders_the_same(sites, cleaned, post_id):
    generator, name = post_id.split("/")
    require(generator)
    _, refused = cleaned
    if post_id in refused:
        pytest.fail(f"cleaner did not write {post_id}:\n{refused[post_id]}", pytrace=False)
    before = _page(sites(generator, "original"), generator, name, "original")
    after = _page(sites(generator, "cleaned"), generator, name, "cleaned")
    more = "<!--more-->" in (AUTHORED / post_id).read_text(encoding="utf-8")
    found = compare(before, after, EXPECTED.get(post_id), summaries=more)
    if found:
        pytest.fail(f"{post_id} renders differently after cleaning:\n" + "\n".join(found), pytrace=False)
