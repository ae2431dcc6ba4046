"""The state one article is in while the steps run over it."""
from __future__ import annotations

from dataclasses import dataclass, field

from .body import Island
from .config import Config
from .frontmatter_syntax import FrontMatter
from .result import Change, Problem, excerpt

HTML_BODY, MARKDOWN_BODY = "html", "markdown"


@dataclass
class Article:
    """Front matter, and a body as a list of segments.

    An HTML body (`kind` "html") is one tree, converted whole. A Markdown body (`kind`
    "markdown") alternates Markdown text, kept as written, and Islands: HTML the steps clean in
    place. The `markdown` step turns every tree into Markdown text (an island only where that
    renders the same).
    """

    config: Config
    front: FrontMatter | None
    segments: list  # lxml roots (HTML body), or str and Island (Markdown body), in document order
    kind: str = MARKDOWN_BODY
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title: str = ""
    tokens: list | None = None  # the final Markdown's tokens, when the canonical step made them
    written: bool = False  # the markdown step wrote the body canonical: the canonical step has nothing to do

    @property
    def is_markdown(self) -> bool:
        return self.kind == MARKDOWN_BODY

    def trees(self):
        return [s.tree if isinstance(s, Island) else s for s in self.segments if not isinstance(s, str)]

    def body_text(self) -> str:
        """The body as text: with the markdown step off, HTML stays HTML (as the steps left it)."""
        from .dom import inner_html

        parts = []
        for s in self.segments:
            if isinstance(s, str):
                parts.append(s)
            elif isinstance(s, Island):
                parts.append(s.source if not s.changed() else inner_html(s.tree) + "\n")
            else:
                parts.append(inner_html(s))
        return "".join(parts)

    def record(self, step: str, rule: str, what: str = "") -> None:
        self.changes.append(Change(step, rule, excerpt(what)))

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(message, line))
