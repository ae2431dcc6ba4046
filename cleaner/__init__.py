"""cleaner: turn messy scraped blog posts into clean, canonical Markdown.

    >>> from cleaner import clean
    >>> result = clean(text)          # pure: text in, Result out
    >>> result.text, result.changes, result.problems
"""
from __future__ import annotations

from .errors import CleanerError, ConfigError
from .result import Change, Problem, Result

__all__ = ["clean", "CleanerError", "ConfigError", "Change", "Problem", "Result"]
__version__ = "0.1.0"


def clean(text: str, config=None) -> Result:
    """Clean one article's text; see `cleaner.api.clean`."""
    from .api import clean as _clean

    return _clean(text, config)
