"""The formats a briefing is written in, one table for the CLI and the TUI:
each format's file suffix, and the briefing rendered in it."""

from __future__ import annotations

from pathlib import Path

from briefing.model import Briefing

SUFFIXES = {
    "markdown": ".md",
    "json": ".json",
    "html": ".html",
    "text": ".txt",
    "docx": ".docx",
}
"""Each format and the suffix its files take (first: the default)."""
LABELS = {
    "markdown": "Markdown",
    "json": "JSON",
    "html": "HTML (e-mail)",
    "text": "Text",
    "docx": "Word",
}
TEMPLATED = ("markdown", "html")
"""The formats a user's template may render."""
TEMPLATE_NAMES = {
    "markdown": "briefing.md.j2",
    "html": "briefing.html.j2",
    "summaries": "summary.md.j2",
}
"""The bundled templates a user's template folder may override, by name."""


def template_in(folder: Path | None, fmt: str) -> Path | None:
    """The user's own template for ``fmt`` in their template folder (None:
    the bundled one renders)."""
    if folder is None or fmt not in TEMPLATE_NAMES:
        return None
    found = folder / TEMPLATE_NAMES[fmt]
    return found if found.is_file() else None


def format_of(path: Path, default: str) -> str:
    """The format a file name asks for by its suffix (``.htm`` and
    ``.markdown`` too), else ``default``."""
    suffix = path.suffix.lower()
    aliases = {".htm": "html", ".markdown": "markdown"}
    found = {s: f for f, s in SUFFIXES.items()}
    return found.get(suffix) or aliases.get(suffix) or default


def rendered(briefing: Briefing, fmt: str, template: Path | None = None) -> str | bytes:
    """The briefing in ``fmt`` (bytes for Word). Raises
    :class:`briefing.output.render.TemplateProblem` for a template that
    cannot render."""
    from briefing.output.render import briefing_data, render_json, render_markdown

    if fmt == "json":
        return render_json(briefing_data(briefing))
    if fmt == "text":
        from briefing.output.text import render_text

        return render_text(briefing)
    if fmt == "docx":
        from briefing.output.docx import render_docx

        return render_docx(briefing)
    if fmt == "html":
        from briefing.output.html import render_html

        return render_html(briefing, template)
    return render_markdown(briefing, template)
