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
from briefing.printable import one_line, printable

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


MARKDOWN_CSS = """
body { margin: 0; padding: 16px; background: #ffffff; color: #1a1a1a;
       font-family: Georgia, 'Times New Roman', serif; font-size: 16px; line-height: 1.5; }
.briefing { max-width: 640px; margin: 0 auto; }
h1 { font-size: 26px; line-height: 1.2; margin: 0 0 8px; }
h2 { font-size: 20px; border-bottom: 1px solid #cccccc; padding-bottom: 4px; margin: 28px 0 8px; }
h3, h4 { font-size: 17px; margin: 20px 0 6px; }
blockquote { margin: 12px 0; padding: 8px 12px; background: #f3f1ea; border-left: 4px solid #8a6d1f; }
code { font-family: Menlo, Consolas, monospace; font-size: 14px; }
a { color: #0b4f8a; }
"""
"""The look of a Markdown briefing sent as HTML (inlined, as the briefing's own)."""
MARKDOWN_LINKS = {"http", "https", "mailto"}


def markdown_html(markdown: str, title: str) -> str:
    """A Markdown briefing as one e-mail-safe HTML page: parsed by a real
    Markdown parser (markdown-it-py, CommonMark, raw HTML in it shown as
    text), links only to http, https and mailto, cleaned by an HTML
    sanitiser (nh3), CSS inlined."""
    from html import escape

    import css_inline
    import nh3
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    body = nh3.clean(parser.render(markdown), url_schemes=MARKDOWN_LINKS, link_rel=None)
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(printable(title))}</title>\n<style>{MARKDOWN_CSS}</style>\n</head>\n"
        f'<body>\n<div class="briefing">\n{body}</div>\n</body>\n</html>\n'
    )
    return str(css_inline.inline(page))


def markdown_parts(markdown: str) -> tuple[str, str, str]:
    """The marking, title and date a Markdown briefing opens with (its
    first bold-only paragraph before the title, its first ``#`` heading and
    the paragraph after it when that is a date); "" for each not found."""
    import re

    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    marking = title = day = ""
    for n, token in enumerate(tokens):
        if token.type != "inline":
            continue
        opener = tokens[n - 1]
        text = " ".join(token.content.split())
        if opener.type == "heading_open" and opener.tag == "h1":
            title = one_line(text)
            after = next((t for t in tokens[n + 1 :] if t.type == "inline"), None)
            if after is not None and re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", after.content):
                day = after.content
            break
        if opener.type == "paragraph_open" and not marking:
            bold = re.fullmatch(r"\*\*(.+)\*\*", text)
            marking = one_line(bold.group(1)) if bold else ""
    return marking, title, day
