"""Which static-site generator reads a post: from the site around it, or the configuration.

`generator = "auto"` (the default) looks from the post's folder up to the repository root for
the site's own files:

- Hugo: `hugo.toml`, `hugo.yaml` or `hugo.json`; or `config.toml|yaml|json` beside a `content/`
  folder;
- Hexo: `_config.yml` beside a `package.json` that names hexo;
- Jekyll: `_config.yml` beside a `_posts/` folder or a `Gemfile` that names jekyll.

The nearest site wins. What the generator changes: text of a feed's HTML that its template
engine would run is made inert for it (Hexo's Nunjucks runs `{{`, `{%` and `{#`; Jekyll's Liquid
`{{` and `{%`; Hugo only its shortcodes `{{<` and `{{%`; `none` runs nothing). Undetected, a post
is treated as Hexo's, the widest set.
"""
from __future__ import annotations

from pathlib import Path

GENERATORS = ("hexo", "hugo", "jekyll", "none")
AUTO = "auto"
UNDETECTED = "hexo"  # the widest set of template openers
REPOSITORY_MARKERS = (".git", ".hg")
HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.json")
HUGO_OLD_CONFIGS = ("config.toml", "config.yaml", "config.json")
# What text a generator's template engine would run: the character after an opening brace.
TEMPLATE_OPENERS = {"hexo": r"\{(?=[{%#])", "jekyll": r"\{(?=[{%])", "hugo": r"\{(?=\{[<%])", "none": None}


def detect(folder: Path) -> str | None:
    """The generator of the nearest site at or above `folder` (up to the repository root)."""
    for place in (folder, *folder.parents):
        found = _site_at(place)
        if found:
            return found
        if any((place / marker).exists() for marker in REPOSITORY_MARKERS):
            return None
    return None


def _site_at(place: Path) -> str | None:
    if any((place / name).is_file() for name in HUGO_CONFIGS):
        return "hugo"
    if (place / "content").is_dir() and any((place / name).is_file() for name in HUGO_OLD_CONFIGS):
        return "hugo"
    if (place / "_config.yml").is_file():
        if _names(place / "package.json", "hexo"):
            return "hexo"
        if (place / "_posts").is_dir() or _names(place / "Gemfile", "jekyll"):
            return "jekyll"
    return None


def _names(path: Path, word: str) -> bool:
    try:
        return path.is_file() and word in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
