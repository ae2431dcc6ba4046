"""`clean(text) -> Result`: the pure core. No I/O; the CLI and the batch runner wrap it."""
from __future__ import annotations

from . import frontmatter_syntax as frontmatter
from . import safety
from .article import Article
from .body import is_html_body, segments
from .config import Config, default_config
from .errors import CleanerError
from .result import Result

BOM = "\ufeff"


def clean(text: str, config: Config | None = None) -> Result:
    """Clean one article. Raises CleanerError (with a line when known) for input it refuses."""
    config = config or default_config()
    result, reread = _clean_once(text, config)
    if reread:  # what is left of a Markdown body is all HTML: the next run would read it so
        again, _ = _clean_once(result.text, config)
        return Result(text=again.text, source=text, changes=result.changes + again.changes,
                      problems=result.problems)
    return result


def _clean_once(text: str, config: Config) -> tuple[Result, bool]:
    """The article cleaned, and whether its output would be read as an HTML body."""
    if "\x00" in text:
        raise CleanerError("file contains NUL bytes: not a text article")
    if not text.isascii():
        _refuse_lone_surrogates(text)
    source = text
    text = text.removeprefix(BOM)
    newline = _dominant_newline(text)
    text = text.replace("\r\n", "\n")
    split = frontmatter.split(text)
    front = split.load()  # None when there is none; YAML, TOML or JSON
    kind, parts = segments(split.body)
    article = Article(config=config, front=front, segments=parts, kind=kind)
    if front is not None and isinstance(front.data.get("title"), str):
        article.title = front.data["title"]
    from .steps import CONVERTER, STEPS

    # With the converter off the body is written back as the steps leave it: byte for byte
    # when none of them touched it (its serialisation is the same before and after).
    before = None if config.step_enabled(CONVERTER.NAME) else article.body_text()
    reference = None
    for step in STEPS:
        if step is CONVERTER and config.step_enabled(step.NAME):
            # what conversion starts from: removals are all recorded by now
            reference = safety.reference_text(article.segments)
        if config.step_enabled(step.NAME):
            step.run(article)
    if front is not None and not split.body.strip():  # accepted, but the scrape probably lost the body
        article.problem("front matter only: the article has no body", split.first_line + split.front.count("\n"))
    body = article.body_text().strip("\n")
    if reference is not None:
        safety.check(reference, body, article.tokens, written=article.written)
    if article.is_markdown:
        safety.check_structure(split.body, body)
    if before is not None and article.body_text() == before:
        out = (front.render() if front is not None else "") + split.body
    else:
        out = _assemble(front, body)
    if newline != "\n":
        out = out.replace("\n", newline)
    reread = article.is_markdown and is_html_body(body)
    return Result(text=out, source=source, changes=article.changes, problems=article.problems), reread


def _refuse_lone_surrogates(text: str) -> None:
    """A lone surrogate (text decoded with surrogateescape, or built in memory) is no character:
    the HTML parser would stop at it, and the rest of the article would go unseen."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise CleanerError(f"line {line}: a lone surrogate (U+{ord(text[exc.start]):04X}) is not a character: "
                           "not valid Unicode text") from None


def _dominant_newline(text: str) -> str:
    """The line ending most of the file's lines have (one stray CRLF does not make it CRLF)."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf > text.count("\n") - crlf else "\n"


def _assemble(front, body: str) -> str:
    parts = []
    if front is not None:
        parts.append(front.render())  # as written, with only the values steps changed rewritten
    if body:
        parts.append(body + "\n")
    return "\n".join(parts)
