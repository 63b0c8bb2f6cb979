"""The briefing as one self-contained HTML file that survives e-mail: the
template (``briefing.html.j2``) rendered with every value escaped, its CSS
then inlined into style attributes (``css-inline``; mail clients drop
``<style>``), nothing fetched from anywhere (no fonts, images or scripts).
Source URLs are links only when they are http or https (``safe_url``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefing.output.render import (
    LOOSE_NOTE,
    TemplateProblem,
    briefing_data,
    environment,
    paragraphs,
    render_with,
    safe_url,
    speaker_name,
)
from briefing.printable import printable

HTML_TEMPLATE = "briefing.html.j2"
GMAIL_CLIPS = 100_000
"""Bytes above which Gmail shows "[Message clipped]" (it clips at about
102 KB): the CLI warns."""


def html_environment(search_path: Path | None = None) -> jinja2.Environment:
    """The Markdown templates' sandboxed environment, escaping every value
    (autoescape) and with the HTML filters."""
    env = environment(search_path)
    env.autoescape = True
    env.finalize = _printable_value
    env.filters["speaker_name"] = speaker_name
    env.filters["paragraphs"] = paragraphs
    env.filters["web"] = safe_url
    env.globals["loose_note"] = LOOSE_NOTE.strip("*")
    return env


def _printable_value(value: Any) -> Any:
    """Every value written is printable (no control or invisible characters);
    Markup (the template's own) passes as it is."""
    if isinstance(value, (Markup, int, float)) or value is None:
        return value
    return printable(str(value))


def render_html(briefing: Any, template: Path | None = None) -> str:
    """The briefing as HTML with its CSS inlined."""
    import css_inline

    data = briefing_data(briefing)
    text = render_with(html_environment, template, HTML_TEMPLATE, data)
    try:
        return str(css_inline.inline(text))
    except ValueError as exc:  # css_inline.InlineError: a template's CSS it cannot read
        raise TemplateProblem(f"template {template or HTML_TEMPLATE}: CSS: {exc}") from None
