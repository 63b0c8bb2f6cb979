"""Following a feed entry's link for its full text.

A feed that carries only a summary of an entry (no ``content:encoded`` nor
Atom content, and a short description) names the page that holds the
story: that page is fetched (the input's fetch time limit and size limit
apply to each, and all of one feed's links together get twice the time
limit) and read like any page; the entry's own title, date,
publisher and link are kept. A link that cannot be fetched leaves the
feed's summary in place, with a note saying so. ``--no-fetch`` turns this
off; nothing is fetched unless asked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.ingest.fetch import FetchError, Reach, at_once, fetch
from briefing.ingest.structure import Document
from briefing.model import Problem

MAX_FOLLOWED = 50
"""Links followed per input at most; later entries keep their summaries."""
BUDGET_ROUNDS = 2
"""Following one feed's links takes at most this many times ``--timeout``
in all; links not fetched by then keep the feed's summary."""
FOLLOW = "follow"
"""Metadata: the link that holds the full text of a document that is only
its summary (set by a reader, taken out before the article is built)."""
EXTENT = "extent"
"""Metadata: how much of the story the text is, when not all of it."""
SUMMARY_ONLY = "the feed's summary only"


def follow_links(
    found: Sequence[Document],
    labels: Sequence[str],
    read: Callable[[bytes, str], list[Document]],
    timeout: float | None,
    max_bytes: int,
    notes: list[Problem],
    reach_hosts: frozenset[str] = frozenset(),
) -> list[Document]:
    """``found`` with each document that names a link to ``FOLLOW`` read
    from that link instead (``read``: bytes and a source → documents).
    ``timeout`` None: nothing is fetched and the summaries stay. A link to
    an internal address is followed only to a host the user named
    (``reach_hosts``)."""
    wanted = [n for n, (metadata, _) in enumerate(found) if metadata.get(FOLLOW)]
    if timeout is None or not wanted:
        return list(found)
    followed, left = wanted[:MAX_FOLLOWED], wanted[MAX_FOLLOWED:]
    if left:
        notes.append(
            Problem(
                labels[left[0]].rsplit("#", 1)[0],
                f"{len(left)} more entries name only a link; links are followed for the first "
                f"{MAX_FOLLOWED}, the rest keep the feed's summary",
                skipped=False,
            )
        )

    links = {n: found[n][0][FOLLOW] for n in followed}
    budget = BUDGET_ROUNDS * timeout
    reach = Reach(reach_hosts)
    fetched = at_once(links, lambda link: _page(link, read, timeout, max_bytes, reach), budget)
    late = f"not fetched within {budget:g} s, the time a feed's links may take together"
    pages = {n: fetched.get(n, late) for n in followed}
    result = list(found)
    for n, page in pages.items():
        metadata, blocks = found[n]
        if isinstance(page, str):
            has_text = any(not b.heading for b in blocks)
            notes.append(
                Problem(
                    labels[n],
                    f"its page {metadata[FOLLOW]} gave no text ({page}); "
                    + (
                        "the feed's summary is used"
                        if has_text
                        else "left out (the feed gives only its title)"
                    ),
                    skipped=not has_text,
                )
            )
            continue
        page_metadata, page_blocks = page
        whole = {k: v for k, v in metadata.items() if k != EXTENT}
        result[n] = ({**page_metadata, **whole}, page_blocks)
    return result


def _page(
    link: str,
    read: Callable[[bytes, str], list[Document]],
    timeout: float,
    max_bytes: int,
    reach: Reach,
) -> Document | str:
    """The page's document, or why there is none (one line)."""
    try:
        body = fetch(link, timeout=timeout, max_bytes=max_bytes, reach=reach)
        pages = read(body, link)
    except FetchError as exc:
        return str(exc)
    except (ValueError, RecursionError) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    except Exception as exc:  # noqa: BLE001 - a bad page never ends the feed: one line
        return f"could not be read ({type(exc).__name__})"
    metadata, blocks = pages[0]
    if not any(not b.heading for b in blocks):
        return "nothing to read on the page"
    return {k: v for k, v in metadata.items() if k != FOLLOW}, blocks
