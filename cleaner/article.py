"""The state one article is in while the steps run over it."""
from __future__ import annotations

from dataclasses import dataclass, field

from .config import Config
from .frontmatter import FrontMatter
from .result import Change, Problem, excerpt


@dataclass
class Article:
    """Front matter, and a body as a list of segments: HTML trees or verbatim Markdown text.

    An HTML body is one tree; a Markdown body is one text; a Markdown body with HTML islands
    alternates. The `markdown` step turns every tree into Markdown text.
    """

    config: Config
    front: FrontMatter | None
    segments: list  # lxml roots (HTML) and str (Markdown), in document order
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title: str = ""
    tokens: list | None = None  # the final Markdown's tokens, when the canonical step made them
    written: bool = False  # the markdown step wrote the body canonical: the canonical step has nothing to do

    def trees(self):
        return [s for s in self.segments if not isinstance(s, str)]

    def body_text(self) -> str:
        """The body as text: with the markdown step off, HTML stays HTML (as the steps left it)."""
        from .dom import inner_html

        return "".join(s if isinstance(s, str) else inner_html(s) for s in self.segments)

    def record(self, step: str, rule: str, what: str = "") -> None:
        self.changes.append(Change(step, rule, excerpt(what)))

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(message, line))
