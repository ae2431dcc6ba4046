"""How each kind of element becomes Markdown, one module per kind (used by the `markdown` step)."""
