"""The steps, one module each, in the one order they run.

Every step is a module with NAME, DESCRIPTION and `run(article)`; any step can be switched off
by name (`--skip NAME`, or `skip = [...]` in the configuration).
"""
from __future__ import annotations

from . import canonical, frontmatter, headings, images, markdown, proxies, unsafe, widgets

STEPS = (
    frontmatter,  # validate front matter; canonical dates
    unsafe,  # scripts, styles, event handlers, javascript: URLs; iframes -> links
    widgets,  # tip/donation/share widgets, ads, hidden elements, comments
    images,  # lazy-loaded sources, placeholders, attributes, figcaptions
    proxies,  # unwrap proxied URLs in images, links, front matter
    headings,  # h2 first, no skipped levels, plain text
    markdown,  # HTML -> Markdown
    canonical,  # mdformat's canonical form
)
STEP_NAMES = tuple(step.NAME for step in STEPS)
# The step that writes the body anew: the safety gate compares the text from before it, and with
# it switched off a body no step touched is written back as it came.
CONVERTER = markdown
