"""Real Hexo reads the same post before and after cleaning.

The samples (and a few posts written here) are put in one minimal Hexo site, their cleaned
outputs in another, and Hexo's own loader (`hexo.init()`, `hexo.load()`, `locals.get('posts')`,
in tests/hexo/load.js) reads both. For every post the two must agree on the title, the date
instant, the categories and tags, and the number of images in the rendered content.

Images are counted as a reader sees them: <img> elements, not text inside a script, not in
a hidden element, not in a widget that the built-in rules remove on purpose (reward QR codes,
ads). A post cleaner refuses is left out (its own tests say why).

Hexo is installed by `.ci/run` into $CLEANER_HEXO_DIR, by default
${XDG_CACHE_HOME:-~/.cache}/cleaner-hexo (npm ci with tests/hexo/package.json and its lock).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lxml import html as lxml_html

from cleaner.api import clean
from cleaner.config import default_config
from cleaner.errors import CleanerError
from cleaner.selectors import Matcher
from conftest import require_client

TESTS = Path(__file__).resolve().parent
SAMPLES = TESTS.parent / "samples"
LOADER = TESTS / "hexo" / "load.js"
HEXO_DIR_ENV = "CLEANER_HEXO_DIR"
HEXO_CACHE_NAME = "cleaner-hexo"
HEXO_PLUGINS = ("hexo-renderer-marked",)  # .md posts need a renderer, or Hexo ignores them
LOAD_TIMEOUT_S = 120
# Hexo's config says `timezone: ""` (its default): dates without a zone are in the local zone of
# the machine running Hexo. Load in UTC and in a zone far from it.
UTC, FAR_ZONE = "UTC", "Asia/Shanghai"
SITE_CONFIG = 'title: cleaner Hexo check\ntimezone: ""\n'
COMPARED = ("title", "categories", "tags", "images")
INVISIBLE_TAGS = frozenset({"script", "style", "template", "noscript"})
HIDDEN_STYLE = "display:none"
MIN_POSTS = 5

# Posts written here, so the check does not depend on what samples/ holds: dates as strings
# with and without zones and as YAML timestamps, nested categories, lazy and proxied images.
INLINE_POSTS = {
    "inline-gmt-string-date.md": """\
---
title: 'RSS date: GMT string'
date: Tue, 07 Jun 2022 16:00:00 GMT
categories: [Notes, Tools]
tags: [rss, hexo]
---
<p>First <img src="https://example.com/a.png"> and a lazy one
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-original="https://example.com/b.png"></p>
<div class="reward">赞赏</div>
""",
    "inline-naive-date.md": """\
---
title: Naive date
date: 2021/10/28 14:08
tags: single
---
<h1>Naive date</h1><p>Text, then a proxied image:</p>
<p><img src="https://cors.zfour.workers.dev/?http://img.example.com/c.jpg" alt="c"></p>
""",
    "inline-yaml-timestamp-with-zone.md": """\
---
title: "Zoned timestamp"
date: 2022-06-18T09:30:00+08:00
categories:
  - Photos
---
<figure><img src="https://example.com/d.jpg"><figcaption>Caption</figcaption></figure>
<p>Body.</p>
""",
    "inline-no-date.md": """\
---
title: No date at all
categories: Misc
---
<p>Nothing but text.</p>
""",
}

NODE, NPM = shutil.which("node"), shutil.which("npm")


def hexo_dir() -> Path:
    if os.environ.get(HEXO_DIR_ENV):
        return Path(os.environ[HEXO_DIR_ENV])
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / HEXO_CACHE_NAME


def _hexo_package() -> Path:
    return hexo_dir() / "node_modules" / "hexo" / "package.json"


def hexo_missing() -> str | None:
    """Why Hexo cannot run here, or None."""
    if not NODE or not NPM:
        return "node and npm are needed to run Hexo (apt-get install -y nodejs npm, then .ci/run)"
    missing = [name for name in ("hexo", *HEXO_PLUGINS) if not (hexo_dir() / "node_modules" / name).is_dir()]
    if missing:
        return (f"Hexo is not installed in {hexo_dir()} (missing {', '.join(missing)}): run .ci/run, or "
                f"set {HEXO_DIR_ENV} to a folder where `npm ci` ran with tests/hexo/package.json")
    return None


@pytest.fixture(scope="module", autouse=True)
def _hexo_installed() -> None:
    require_client(hexo_missing())


def _posts() -> dict[str, str]:
    samples = {path.name: path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.md"))}
    return {**samples, **INLINE_POSTS}


def _make_site(root: Path, posts: dict[str, str]) -> Path:
    """A minimal Hexo site: package.json naming the plugins, _config.yml, source/_posts/."""
    version = json.loads(_hexo_package().read_text(encoding="utf-8"))["version"]
    package = {"name": "hexo-check-site", "private": True, "hexo": {"version": version},
               "dependencies": {name: "*" for name in ("hexo", *HEXO_PLUGINS)}}
    (root / "source" / "_posts").mkdir(parents=True)
    (root / "package.json").write_text(json.dumps(package), encoding="utf-8")
    (root / "_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
    (root / "node_modules").symlink_to(hexo_dir() / "node_modules", target_is_directory=True)
    for name, text in posts.items():
        (root / "source" / "_posts" / name).write_text(text, encoding="utf-8")
    return root


def _widget_matcher() -> Matcher:
    widgets = default_config().widgets
    return Matcher([(rule.name, selector) for rule in widgets for selector in rule.selectors])


def _junk(el, widgets: dict) -> bool:
    """Whether `el` is hidden or one of the `widgets` the built-in rules name."""
    if el.tag in INVISIBLE_TAGS or el.get("hidden") is not None:
        return True
    if HIDDEN_STYLE in "".join((el.get("style") or "").split()).lower():
        return True
    return el in widgets


def article_images(content: str) -> int:
    """The <img> elements of rendered HTML a reader sees as part of the article."""
    if not content.strip():
        return 0
    root = lxml_html.fragment_fromstring(content, create_parent="div")
    widgets = _widget_matcher().find(root)
    return sum(1 for img in root.iter("img")
               if not any(_junk(el, widgets) for el in (img, *img.iterancestors())))


def _load(site: Path, zone: str) -> dict[str, dict]:
    """What Hexo made of each post of `site`, by file name, with the machine in `zone`."""
    done = subprocess.run([NODE, str(LOADER), str(site)], env={**os.environ, "TZ": zone},
                          capture_output=True, text=True, timeout=LOAD_TIMEOUT_S)
    assert done.returncode == 0, f"Hexo failed to load {site}:\n{done.stderr}"
    posts = json.loads(done.stdout)
    return {Path(post["source"]).name: {**post, "images": article_images(post["content"])} for post in posts}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """(input site, cleaned site, {post cleaner refused: why})."""
    originals, cleaned, refused = _posts(), {}, {}
    for name, text in originals.items():
        try:
            cleaned[name] = clean(text).text
        except CleanerError as exc:
            refused[name] = str(exc)
    before = _make_site(tmp_path_factory.mktemp("hexo-input"), {n: originals[n] for n in cleaned})
    after = _make_site(tmp_path_factory.mktemp("hexo-cleaned"), cleaned)
    return before, after, refused


@pytest.fixture(scope="module")
def views(sites) -> dict[str, tuple[dict, dict]]:
    before, after, _ = sites
    return {zone: (_load(before, zone), _load(after, zone)) for zone in (UTC, FAR_ZONE)}


def _date(post: dict):
    return "no date (Hexo used the file's time)" if post["dateFromFile"] else post["date"]


def _disagreements(view: tuple[dict, dict], fields) -> list[str]:
    before, after = view
    found = []
    for name in sorted(before):
        for field in fields:
            was, now = before[name][field], after[name][field]
            if field == "date":
                was, now = _date(before[name]), _date(after[name])
            if was != now:
                found.append(f"{name}: {field} {was!r} became {now!r}")
    return found


def test_hexo_loads_every_cleaned_post(sites, views):
    _, _, refused = sites
    before, after = views[UTC]
    assert sorted(before) == sorted(after)
    assert len(after) >= MIN_POSTS, f"too few posts compared; cleaner refused: {refused}"
    assert set(INLINE_POSTS) <= set(after)


def test_same_title_taxonomy_and_images(views):
    assert _disagreements(views[UTC], COMPARED) == []


def test_same_date_instant_on_a_utc_machine(views):
    assert _disagreements(views[UTC], ("date",)) == []


def test_same_date_instant_on_a_machine_far_from_utc(views):
    assert _disagreements(views[FAR_ZONE], ("date",)) == []
