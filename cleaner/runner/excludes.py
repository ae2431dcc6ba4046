"""Which files a folder walk leaves out: excludes (regular expressions, as black and ruff have
them) and `.gitignore` files.

A path is tested as it stands below the project root (the folder of the configuration file,
else the repository root, else the folder walked), with `/` separators, a leading `/`, and a
trailing `/` for a folder: `/node_modules/`, `/source/_posts/a.md`. `exclude` (the
configuration's key or `--exclude`) replaces DEFAULT_EXCLUDE; `extend-exclude` adds to it.

`.gitignore` files are read in the project root and every folder walked, with git's rules
(`#` comments, `!` negation, a trailing `/` for folders only, a `/` inside anchoring the pattern
to its file's folder, `*`, `?`, `[...]`, `**`), the deeper file and the later line winning. A
small implementation rather than the `pathspec` package: it is not in cleaner's dependencies,
and these few rules are all a blog's `.gitignore` uses. `.git/info/exclude` and the global
excludes file are not read.
"""
from __future__ import annotations

import os
import re

# Folders that hold no posts of the site's own: generators' output and caches, themes and
# their templates, dependencies; and the repository's own documents.
DEFAULT_EXCLUDE = (
    r"/(\.git|\.hg|\.svn|node_modules|vendor|\.venv|venv|public|_site|resources|themes|scaffolds"
    r"|archetypes|\.deploy_git|\.jekyll-cache|\.sass-cache)/"
    r"|/(README|CHANGELOG|CHANGES|LICENSE|LICENCE|CONTRIBUTING|CODE_OF_CONDUCT|SECURITY)\.(md|markdown)$"
)
GITIGNORE = ".gitignore"


def _glob_to_regex(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(re.escape(pattern[i]))
        elif ch == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            inner = pattern[i + 1:end]
            if inner.startswith("!"):
                inner = "^" + inner[1:]
            out.append("[" + inner.replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def parse_gitignore(text: str) -> list[tuple[re.Pattern, bool, bool]]:
    """Rules as (regex over a path relative to the file's folder, negated, folders only)."""
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip() if not raw.rstrip().endswith("\\") else raw
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")  # a leading "\!" or "\#" is an escape, read as any other
        if negated:
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        body = _glob_to_regex(line.lstrip("/"))
        regex = f"^{body}$" if anchored else f"^(?:.*/)?{body}$"
        rules.append((re.compile(regex), negated, dir_only))
    return rules


class Excluder:
    """`excluded(path, is_dir)` for the paths of one walk (`root`: the project root)."""

    def __init__(self, root: str, pattern: re.Pattern | None, extend: re.Pattern | None):
        self.root = os.path.abspath(root)
        self.patterns = [p for p in (pattern if pattern is not None else re.compile(DEFAULT_EXCLUDE), extend)
                         if p is not None and p.pattern]
        self._ignores: dict[str, list] = {}

    def relative(self, path: str, is_dir: bool) -> str | None:
        absolute = os.path.abspath(path)
        if absolute != self.root and not absolute.startswith(self.root.rstrip(os.sep) + os.sep):
            return None
        rel = absolute[len(self.root):].lstrip(os.sep).replace(os.sep, "/")
        return "/" + rel + ("/" if is_dir and rel else "")

    def matches_pattern(self, path: str, is_dir: bool) -> bool:
        rel = self.relative(path, is_dir)
        if rel is None:  # outside the project root: tested by its own absolute name
            rel = os.path.abspath(path).replace(os.sep, "/") + ("/" if is_dir else "")
        return any(p.search(rel) for p in self.patterns)

    def excluded(self, path: str, is_dir: bool) -> bool:
        return self.matches_pattern(path, is_dir) or self.ignored(path, is_dir)

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Whether the `.gitignore` files from the root down to `path`'s folder ignore it."""
        absolute = os.path.abspath(path)
        if self.relative(absolute, is_dir) is None:
            return False
        folders = []
        here = os.path.dirname(absolute)
        while True:
            folders.append(here)
            if here == self.root or len(here) <= len(self.root):
                break
            here = os.path.dirname(here)
        verdict = False
        for folder in reversed(folders):  # the root's file first: deeper files win
            rules = self._rules(folder)
            if not rules:
                continue
            rel = absolute[len(folder):].lstrip(os.sep).replace(os.sep, "/")
            for regex, negated, dir_only in rules:
                if (is_dir or not dir_only) and regex.match(rel):
                    verdict = not negated
        return verdict

    def _rules(self, folder: str) -> list:
        if folder not in self._ignores:
            try:
                with open(os.path.join(folder, GITIGNORE), encoding="utf-8", errors="replace") as fh:
                    self._ignores[folder] = parse_gitignore(fh.read())
            except OSError:
                self._ignores[folder] = []
        return self._ignores[folder]
