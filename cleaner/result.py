"""What cleaning an article returns: the text, every change made, every problem found."""
from __future__ import annotations

from dataclasses import dataclass, field

EXCERPT_CHARS = 80


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line of at most `limit` characters, for reports."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class Change:
    """One thing a step removed or rewrote: which step, by which rule, and what."""

    step: str
    rule: str
    what: str = ""

    def as_dict(self) -> dict:
        return {"step": self.step, "rule": self.rule, "what": self.what}


@dataclass(frozen=True)
class Problem:
    """A value that did not validate. Kept verbatim; an error only under --strict."""

    message: str
    line: int | None = None

    def as_dict(self) -> dict:
        return {"line": self.line, "message": self.message}


@dataclass
class Result:
    """The outcome of `cleaner.clean`."""

    text: str
    source: str
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.source
