"""Briefing → Markdown (Jinja2 templates) or JSON.

``briefing_data`` is the single description of a briefing: JSON output is
exactly it, and templates receive it as their variables (plus filters).
"""

from __future__ import annotations

import functools
import json
import re
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from briefing import __version__, resources
from briefing.ingest.decode import INVISIBLE
from briefing.limits import TooSlow, time_limit
from briefing.model import (
    MADE_BY_LINE,
    Article,
    Briefing,
    SectionSummary,
    Sentence,
    Story,
    Summary,
    TimelineEntry,
    TopicSentence,
)
from briefing.printable import json_safe, printable

DEFAULT_TEMPLATE = "briefing.md.j2"
SUMMARY_TEMPLATE = "summary.md.j2"


class TemplateProblem(Exception):
    """A template is missing or broken; the message says which and where."""


# --------------------------------------------------------------------------
# Escaping: article text must never change the document's structure.

_ALWAYS = re.compile(r"([\\`*_~])")
_LINK_CLOSE = re.compile(r"\](?=[(\[:])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(#|(?:-+|\+)(\s|$)|>|=|\d+[.)](\s|$))")


def escape_markdown(text: str) -> str:
    """Escape what Markdown would read as structure, and keep the words.

    Emphasis, code and strike markers and backslashes are escaped; ``<``
    becomes ``&lt;`` so no raw HTML (``<script>``) survives; a ``]`` that
    would close a link is escaped; a heading, list, quote or numbered-list
    marker at the start is escaped, since a sentence may stand at the start
    of a line or a list item.
    """
    text = INVISIBLE.sub("", " ".join(str(text).split()))
    text = _ALWAYS.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    text = _LINK_CLOSE.sub(r"\\]", text)
    match = _LINE_START.match(text)
    if match:
        marker = match.group(1)
        if marker == ">":
            text = "&gt;" + text[1:]
        elif marker[0].isdigit():
            digits = re.match(r"\d+", text).group(0)  # type: ignore[union-attr]
            text = digits + "\\" + text[len(digits) :]
        else:
            text = "\\" + text
    return text


def code_span(text: object) -> str:
    """``text`` as a Markdown code span, whatever it holds: fenced by more
    backticks than any run inside, on one line, invisible characters shown
    as ``\\uXXXX``."""
    text = " ".join(str(text).split())
    text = INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_SAFE_URL = re.compile(r"https?://[^\s<>`\\\x00-\x1f\x7f]+", re.IGNORECASE)


def safe_url(url: object) -> str:
    """The URL if a link may point to it (http or https, no spaces, angle
    brackets, controls or invisible characters), else ""."""
    text = str(url or "").strip()
    return text if _SAFE_URL.fullmatch(text) and not INVISIBLE.search(text) else ""


def autolink(url: object) -> str:
    """An http(s) URL as a Markdown autolink; anything else (another
    scheme, spaces, angle brackets) as escaped text, never a link."""
    safe = safe_url(url)
    return f"<{safe}>" if safe else escape_markdown(str(url).strip())


def paragraphs(text: object) -> list[str]:
    """The analyst's text as paragraphs (blank lines part them; lines
    inside one are joined), each printable: for the renderers that are not
    Markdown."""
    if not isinstance(text, str):
        return []
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return [printable(" ".join(b.split())) for b in blocks if b.strip()]


# --------------------------------------------------------------------------
# The data a briefing is made of.


def _sentence(s: Sentence, section: SectionSummary | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"text": s.text, "index": s.index, "speaker": s.speaker}
    if section is not None:
        data["role"] = section.role(s)
        data["stands_alone"] = section.stands_alone(s)
    return data


LOOSE_NOTE = (
    "*briefing: no sentence of this article reads alone (words with no speaker named, or "
    "leaning on what came before); the best are shown as they are.*"
)
"""Said in Markdown above an article whose picks do not read alone: the
tool's words, in italics, never a source sentence."""

ANALYST_LABEL = "**Analyst comment** (the analyst's own words, not from the sources)"


def analyst_block(text: object) -> str:
    """Template filter: the analyst's own text as a labelled block quote,
    escaped line by line, so it can never pass for a cited source sentence."""
    if not isinstance(text, str) or not text.strip():
        return ""
    # A blank line parts paragraphs; a single line break is kept as one (a hard break).
    paragraphs = [
        "\\\n> ".join(
            escape_markdown(" ".join(line.split())) for line in p.split("\n") if line.strip()
        )
        for p in re.split(r"\n\s*\n", text.strip())
    ]
    body = "\n>\n".join(f"> {p}" for p in paragraphs if p.strip())
    return f"> {ANALYST_LABEL}\n>\n{body}" if body else ""


def speaker_suffix(s: object, following: object = None) -> str:
    """Template filter: " — Speaker" (escaped) after a sentence whose speaker
    is known and not named in it, else "" (see :func:`speaker_name`)."""
    speaker = speaker_name(s, following)
    return f" — {escape_markdown(speaker)}" if speaker else ""


def speaker_name(s: object, following: object = None) -> str:
    """The speaker to name after a sentence (as the source gives it, not
    escaped): known and not named in it, else "". Given the sentence shown
    next (``loop.nextitem``), a run of sentences by one speaker names them
    once, after its last sentence."""
    if (
        not isinstance(s, dict)
        or not isinstance(s.get("speaker"), str)
        or not isinstance(s.get("text"), str)
    ):
        return ""
    speaker = s["speaker"]
    if (
        isinstance(following, dict)
        and following.get("speaker") == speaker
        and following.get("index") == s.get("index", -2) + 1
        and speaker not in str(following.get("text"))
    ):
        return ""
    return "" if not speaker or speaker in s["text"] else speaker


def article_meta(article: dict[str, Any]) -> list[str]:
    """The parts of an article's line under its title (publisher, date,
    extent, words, who else carried it, what was briefed before), as plain
    text for the renderers that are not templates."""
    found = [str(article[k]) for k in ("publisher", "published", "extent") if article[k]]
    found.append(f"{article['words']} words")
    if article["also_carried_by"]:
        found.append(f"also carried by {article['also_carried_by']}")
    if article["briefed_before"]:
        n = article["briefed_before"]
        found.append(
            f"{n} sentence{'s' if n > 1 else ''} briefed before (from {article['briefed_on']}) "
            "left out"
        )
    return found


def story_meta(story: dict[str, Any]) -> str:
    """ "3 sources, first reported 12 June 2026 by BBC, latest 13 June 2026"
    (for the renderers that are not templates)."""
    sources, articles = len(story["sources"]), len(story["refs"])
    line = f"{articles} articles from " if sources < articles else ""
    line += f"{sources} source{'s' if sources > 1 else ''}"
    if story["first_published"]:
        line += f", first reported {story['first_long']} by {story['first_source']}"
    if story["last_published"] and story["last_published"] != story["first_published"]:
        line += f", latest {story['last_long']}"
    return line


def timeline_line(entry: dict[str, Any]) -> str:
    """ "12 June 2026 — Title (BBC)" (the citation is the renderer's)."""
    line = f"{entry['date_long'] or 'Undated'} — {entry['text']}"
    if entry["index"] is None:
        line += f" ({entry['source']})"
    return line


def _summary_data(summary: Summary, number: int, note: str = "") -> dict[str, Any]:
    a = summary.article
    return {
        "number": number,
        "id": a.id,
        "title": a.title,
        "source": a.source,
        "publisher": a.metadata.get("source"),
        "url": a.metadata.get("url"),
        "published": a.metadata.get("date"),
        "extent": a.metadata.get("extent"),
        "also_carried_by": a.metadata.get("also_carried_by"),
        "briefed_before": int(a.metadata.get("briefed_before") or 0),
        "briefed_on": a.metadata.get("briefed_on"),
        "words": a.words,
        "sentence_count": a.sentence_count,
        "sentences": [_sentence(s, sec) for sec in summary.sections for s in sec.sentences],
        "sections": [
            {"heading": sec.heading, "sentences": [_sentence(s, sec) for s in sec.sentences]}
            for sec in summary.sections
        ],
        "loose": summary.loose > 0,
        "analyst_note": note or None,
    }


def summaries_data(summaries: list[Summary], algorithm: str) -> dict[str, Any]:
    """The ``briefing summarize --format json`` document."""
    return {
        "algorithm": algorithm,
        "articles": [_summary_data(s, n) for n, s in enumerate(summaries, start=1)],
    }


def topic_sentence_data(t: TopicSentence, numbers: dict[str, int]) -> dict[str, Any]:
    """A sentence drawn across articles (key point, topic, story), cited."""
    return {
        "text": t.sentence.text,
        "article": t.sentence.article_id,
        "index": t.sentence.index,
        "speaker": t.sentence.speaker,
        "ref": numbers[t.sentence.article_id],
        "score": t.score,
        "also": [
            {"article": c.article_id, "index": c.index, "ref": numbers[c.article_id]}
            for c in t.also
        ],
    }


def briefing_data(briefing: Briefing) -> dict[str, Any]:
    """The ``briefing build --format json`` document and the template variables."""
    numbers = {s.article.id: n for n, s in enumerate(briefing.summaries, start=1)}
    story_of = {a: story.id for story in briefing.stories for a in story.articles}
    by_id = {a.id: a for a in briefing.articles}

    def topic_sentence(t: TopicSentence) -> dict[str, Any]:
        return topic_sentence_data(t, numbers)

    return {
        "title": briefing.title,
        "date": briefing.date.isoformat(),
        "date_long": f"{briefing.date.day} {briefing.date:%B %Y}",
        "marking": briefing.marking,
        "algorithm": briefing.algorithm,
        "generator": f"briefing {__version__}",
        "assessment": briefing.edits.assessment or None,
        "key_points": [topic_sentence(s) for s in briefing.key_points],
        "topics": [
            {
                "name": t.name,
                "terms": list(t.terms),
                "matched": t.matched,
                "sentences": [topic_sentence(s) for s in t.sentences],
                "analyst_note": briefing.edits.topic_note(t.name) or None,
            }
            for t in briefing.topics
        ],
        "stories": [_story_data(story, numbers, by_id) for story in briefing.stories],
        "articles": [
            {
                **_summary_data(s, n, briefing.edits.note(s.article.id)),
                "story": story_of.get(s.article.id),
            }
            for n, s in enumerate(briefing.summaries, start=1)
        ],
    }


def long_date(day: date | None) -> str | None:
    return f"{day.day} {day:%B %Y}" if day else None


def _story_data(
    story: Story, numbers: dict[str, int], articles: dict[str, Article]
) -> dict[str, Any]:
    """A story as the JSON and the templates have it."""
    from briefing.compose.stories import carried_by

    def source(article_id: str) -> str:
        return carried_by(articles[article_id])

    def entry(e: TimelineEntry) -> dict[str, Any]:
        return {
            "date": e.day.isoformat() if e.day else None,
            "date_long": long_date(e.day),
            "text": e.sentence.text if e.sentence else articles[e.article_id].title,
            "article": e.article_id,
            "index": e.sentence.index if e.sentence else None,
            "ref": numbers[e.article_id],
            "source": source(e.article_id),
            "date_from": e.date_from,
        }

    return {
        "id": story.id,
        "headline": articles[story.headline_article].title,
        "headline_ref": numbers[story.headline_article],
        "articles": list(story.articles),
        "refs": [numbers[a] for a in story.articles],
        "sources": list(dict.fromkeys(source(a) for a in story.articles)),
        "first_source": source(story.articles[0]),
        "first_published": story.first_published.isoformat() if story.first_published else None,
        "first_long": long_date(story.first_published),
        "last_published": story.last_published.isoformat() if story.last_published else None,
        "last_long": long_date(story.last_published),
        "sentences": [topic_sentence_data(t, numbers) for t in story.sentences],
        "timeline": [entry(e) for e in story.timeline],
    }


# --------------------------------------------------------------------------
# Rendering.


MAX_OUTPUT_CHARS = 100_000_000
"""A template that writes more than this is stopped (a runaway loop)."""
MAX_RENDER_SECONDS = 60
"""A template still rendering after this long is stopped (where a timer can
be set: the main thread)."""


MAX_VALUE_CHARS = 10_000_000
"""The largest string or list one template expression may make (``"x" * n``,
``"x".ljust(n)``, ``x | center(n)``): checked before it is made, so a
template cannot take gigabytes before the output cap is reached."""
MAX_POWER = 10_000
"""The largest exponent of ``**`` in a template (a huge power takes minutes)."""


def _too_big(*values: object) -> bool:
    return any(
        isinstance(v, int) and not isinstance(v, bool) and v > MAX_VALUE_CHARS for v in values
    )


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with expressions that would make a huge
    value refused before they make it."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            sizes = [len(x) for x in (left, right) if isinstance(x, (str, list, tuple))]
            counts = [x for x in (left, right) if isinstance(x, int) and not isinstance(x, bool)]
            if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_VALUE_CHARS:
                raise SecurityError(
                    f"a value of more than {MAX_VALUE_CHARS:,} items (a repetition too large)"
                )
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise SecurityError(f"a power above {MAX_POWER:,}")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if _too_big(*args, *kwargs.values()) and isinstance(
            getattr(__obj, "__self__", None), (str, list, tuple)
        ):
            raise SecurityError(f"a value of more than {MAX_VALUE_CHARS:,} characters")
        return super().call(__context, __obj, *args, **kwargs)


def _bounded_filter(name: str, function: Any) -> Any:
    @functools.wraps(function)  # keeps Jinja2's pass_environment mark
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if _too_big(*args[1:], *kwargs.values()):
            raise SecurityError(f"{name}: a width of more than {MAX_VALUE_CHARS:,}")
        return function(*args, **kwargs)

    return bounded


def environment(search_path: Path | None = None) -> jinja2.Environment:
    """Templates from ``search_path`` first (a user's template folder), then
    the bundled ones, so a user template can ``{% include %}`` ours.

    Every template runs sandboxed (Jinja2's ImmutableSandboxedEnvironment):
    no attribute that reaches Python's internals, no changing the data.
    """
    paths = [str(search_path)] if search_path else []
    paths.append(str(resources.templates_dir()))
    env = _BoundedSandbox(
        loader=jinja2.FileSystemLoader(paths),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    for name in ("center", "indent", "wordwrap", "truncate", "format"):
        env.filters[name] = _bounded_filter(name, env.filters[name])
    env.globals["made_by"] = MADE_BY_LINE
    env.globals["loose_note"] = LOOSE_NOTE
    env.filters["md"] = escape_markdown
    env.filters["cite"] = lambda ref: f"[{ref}]"
    env.filters["code"] = code_span
    env.filters["url"] = autolink
    env.filters["speaker"] = speaker_suffix
    env.filters["analyst"] = analyst_block
    return env


def render_markdown(briefing: Briefing, template: Path | None = None) -> str:
    data = briefing_data(briefing)
    return _render(template, DEFAULT_TEMPLATE, data)


def render_summaries_markdown(
    summaries: list[Summary], algorithm: str, template: Path | None = None
) -> str:
    return _render(template, SUMMARY_TEMPLATE, summaries_data(summaries, algorithm))


def _render(template: Path | None, default: str, data: dict[str, Any]) -> str:
    return render_with(environment, template, default, data)


def render_with(
    make: Callable[..., jinja2.Environment],
    template: Path | None,
    default: str,
    data: dict[str, Any],
) -> str:
    """``template`` (else the bundled ``default``) rendered with ``data`` in
    the environment ``make`` makes (given the template's folder), bounded in
    size and time; any problem is one :class:`TemplateProblem` line."""
    name = str(template) if template else default
    try:
        if template is None:
            tmpl = make().get_template(default)
        else:
            if not template.is_file():
                raise TemplateProblem(
                    f"template {template}: no such file; check the --template path"
                )
            tmpl = make(template.parent.resolve()).get_template(template.name)
        with time_limit(MAX_RENDER_SECONDS):
            text = _bounded(tmpl.generate(**data), name)
    except TemplateProblem:
        raise
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or name
        raise TemplateProblem(f"template {where}, line {exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(
            f"template {_where(exc, name)}: {exc.message} (see the README for the variables a template gets)"
        ) from None
    except SecurityError as exc:
        raise TemplateProblem(
            f"template {_where(exc, name)}: not allowed in a template: {exc}"
        ) from None
    except RecursionError:
        raise TemplateProblem(f"template {name}: includes or calls itself without end") from None
    except UnicodeDecodeError:
        raise TemplateProblem(f"template {name}: not UTF-8 text") from None
    except TooSlow:
        raise TemplateProblem(
            f"template {name}: still rendering after {MAX_RENDER_SECONDS} s; "
            "look for a loop that never ends"
        ) from None
    except Exception as exc:  # noqa: BLE001 - anything a template's own code raises, reported in one line
        detail = str(exc).splitlines()[0] if str(exc) else ""
        raise TemplateProblem(
            f"template {_where(exc, name)}: {type(exc).__name__}{': ' + detail if detail else ''}"
        ) from None
    return printable(text.rstrip("\n")) + "\n"


def _bounded(chunks: Iterator[str], name: str) -> str:
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise TemplateProblem(
                f"template {name}: writes more than {MAX_OUTPUT_CHARS:,} characters; "
                "look for a loop that never ends"
            )
        parts.append(chunk)
    return "".join(parts)


def _where(exc: BaseException, name: str) -> str:
    """ "NAME, line N" from the template frames of ``exc``'s traceback (Jinja2
    gives them the template's file name and line)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith(".py")]
    if not frames:
        return name
    frame = frames[-1]
    shown = frame.filename if frame.filename != "<template>" else name
    return f"{shown}, line {frame.lineno}"


def render_json(data: dict[str, Any]) -> str:
    """JSON as UTF-8 text: no raw control character, nothing that is not UTF-8."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def text_block(summary: Summary) -> str:
    """One summary as plain text: a sentence a line, a run of sentences by
    one speaker followed by " — Speaker" once (as in Markdown)."""
    shown = summary.sentences
    lines = []
    for n, s in enumerate(shown):
        data = _sentence(s)
        following = _sentence(shown[n + 1]) if n + 1 < len(shown) else None
        suffix = speaker_suffix(data, following)
        speaker = " ".join(s.speaker.split()) if suffix and s.speaker else ""
        lines.append(" ".join(s.text.split()) + (f" — {speaker}" if speaker else ""))
    return printable("\n".join(lines))


def render_text(summaries: list[Summary]) -> str:
    """One sentence a line, a blank line between articles."""
    blocks = [text_block(summary) for summary in summaries]
    return "\n\n".join(b for b in blocks if b) + "\n"
