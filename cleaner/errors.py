"""The one error type cleaner raises for input it cannot clean safely."""
from __future__ import annotations


class CleanerError(Exception):
    """Input that cannot be cleaned: bad front matter, unsafe output, undecodable bytes.

    `line` is 1-based in the file when known; `path` is filled in by the caller that
    knows the file.
    """

    def __init__(self, message: str, *, line: int | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path

    def located(self, path: str) -> "CleanerError":
        return CleanerError(self.message, line=self.line, path=path)

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class ConfigError(CleanerError):
    """A configuration file that does not validate (unknown key, bad value, bad regex)."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: stop the run. A BaseException, so no `except Exception`
    in a step or the runner can swallow it."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by signal {signum}")
        self.signum = signum
