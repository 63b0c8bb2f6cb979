"""Files, folders and stdin → :class:`Article`.

Reading (decoding, front matter, HTML extraction) and structure (title,
headings, live-page items, page furniture, sentences) happen here; what comes
out is clean text in sentences that each know their article and position.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from briefing.ingest.decode import NotText, decode, strip_invisible
from briefing.ingest.follow import FOLLOW, follow_links
from briefing.ingest.inputs import Task, read_bytes, reason
from briefing.ingest.plaintext import split_front_matter, text_blocks
from briefing.ingest.structure import Block, Document, build
from briefing.limits import TooSlow, time_limit
from briefing.model import DEFAULT_MAX_BYTES, MADE_BY, Article, Problem
from briefing.nlp.text import OfflineTokenizer

T = TypeVar("T")


def load_one(
    task: Task,
    tokenizer: OfflineTokenizer | None = None,
    *,
    then: Callable[[Article], T] | None = None,
) -> Article | Problem | T | list:
    """Read and parse one input: the article, or a list (a feed's entries,
    and notes on what was used in place of what: :class:`Problem` with
    ``skipped`` False), or why it cannot be used.
    ``then``: more work on the article (summarising it) within the input's
    time limit; its result is returned instead of the article."""
    if task.problem is not None:
        return Problem(task.label, task.problem)
    notes: list[Problem] = []
    try:
        with time_limit(task.max_seconds):
            data = task.data if task.data is not None else read_bytes(task.path, task.max_bytes)
            articles = parse_all(
                data,
                task.label,
                task.article_id,
                tokenizer or OfflineTokenizer(),
                fetch_timeout=task.fetch_timeout,
                max_bytes=task.max_bytes,
                reach_hosts=task.reach_hosts,
                notes=notes,
            )
            done = [then(article) for article in articles] if then else articles
            return done[0] if len(done) == 1 and not notes else [*done, *notes]
    except (OSError, NotText, ValueError) as exc:
        return Problem(task.label, reason(exc))
    except RecursionError:
        return Problem(task.label, "nested too deeply to read")
    except TooSlow:
        return Problem(
            task.label,
            f"took longer than {task.max_seconds:g} s to read and summarise "
            "(the --max-seconds limit)",
        )


def parse_all(
    data: bytes,
    source: str,
    article_id: str | None,
    tokenizer: OfflineTokenizer,
    *,
    fetch_timeout: float | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    notes: list[Problem] | None = None,
    reach_hosts: frozenset[str] = frozenset(),
) -> list[Article]:
    """Every article in one input's bytes: one, or one per entry of a feed
    or message of a mailbox (sources ``<source>#<n>``). Ids come from the
    content; ``article_id`` names an input that holds one article (a plan's
    id for it). With ``fetch_timeout``, a feed entry without its full text
    is read from its link (:mod:`briefing.ingest.follow`); what could not
    be is noted in ``notes``; links lead only to public hosts and to the
    internal ones the user named (``reach_hosts``). Raises ``ValueError`` when nothing is usable."""
    found = documents(data, source)
    many = len(found) > 1
    labels = [f"{source}#{n}" if many else source for n in range(1, len(found) + 1)]
    if fetch_timeout is not None and any(FOLLOW in metadata for metadata, _ in found):
        found = follow_links(
            found,
            labels,
            documents,
            fetch_timeout,
            max_bytes,
            notes if notes is not None else [],
            reach_hosts,
        )
    articles = []
    for label, (metadata, blocks) in zip(labels, found):
        blocks = [Block(strip_invisible(b.text), b.heading, b.item) for b in blocks]
        metadata = {k: strip_invisible(v) for k, v in metadata.items() if k != FOLLOW}
        article = build(blocks, metadata, label, None if many else article_id, tokenizer)
        if article.sentences:
            articles.append(article)
    if not articles:
        raise ValueError("no sentences found" + ("" if many else " (empty or only page furniture)"))
    return articles


def documents(data: bytes, source: str) -> list[Document]:
    """What one input's bytes hold, as (metadata, blocks) per document: by
    its format's reader (PDF, Word, e-mail, feeds…), else as HTML or as
    text (front matter, Markdown). ``ValueError`` when it cannot be read."""
    from briefing.ingest.readers import reader_for

    if not data.strip():
        raise ValueError("empty file")
    if MADE_BY.encode() in data[-2000:]:
        raise ValueError("a briefing this tool wrote, not an article; not read back")
    reader = reader_for(data, source)
    if reader is not None:
        try:
            return reader.read(data, source)
        except (ValueError, RecursionError, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - a library's failure on a bad file: one line, named
            raise ValueError(
                f"could not read it as {reader.name} ({type(exc).__name__}: {exc})"
            ) from None
    text = strip_invisible(decode(data)[0])
    if _is_html(source, text):
        from briefing.ingest.html import extract

        return [extract(text)]
    metadata, body = split_front_matter(text)
    return [
        (metadata, list(text_blocks(body, markdown=source.lower().endswith((".md", ".markdown")))))
    ]


def parse(data: bytes, source: str, article_id: str | None, tokenizer: OfflineTokenizer) -> Article:
    """Bytes of one file → its (first) Article (its id from its content when
    ``article_id`` is None). Raises ``ValueError`` when nothing is usable."""
    return parse_all(data, source, article_id, tokenizer)[0]


def _is_html(source: str, text: str) -> bool:
    if source.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))
