"""Make the stories evaluation set (``set.jsonl``, committed) from the BBC
articles of ../shared/data/bbc-dev (CC0, public domain).

Each *event* is one BBC article; several "outlets" cover it with rewrites
that invent nothing, in three styles: the full story with a quarter of its
sentences dropped, a brief (the lead and two to four sentences), or a
padded copy (two fifths dropped, three to five sentences of background
added); paragraphs reordered, background sentences (taken from another
article of the same section) added to each, a
headline of their own (the original, or the lead's opening words), a date up
to three days after the event's. Each event gets a *distractor*: the article
of the same section most like it in words (the same subject, another event),
dated within a day of the event, covered by one or two outlets (the most
alike below :data:`OTHER_EVENT`; the BBC set's own repeats are left out). All events
fall within three weeks, so dates alone never separate them.

    python benchmarks/stories/make.py     # writes benchmarks/stories/set.jsonl

Rows: ``{"id", "event", "title", "date", "source", "text"}``; ``event`` is the
label (the same for every copy of one event; a distractor is its own event).
The BBC text is lower case: each sentence's first letter is capitalised
again, names stay lower case (so the grouping's capitalised-name signal is
silent on this set; the tests cover it on cased text).
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[2] / "shared/data/bbc-dev/pairs.jsonl"
OUT = HERE / "set.jsonl"
EVENTS_PER_SECTION = 10
OUTLETS = ("Wire", "Daily Courier", "Evening Post", "Gazette", "Herald", "Observer", "Chronicle")
FIRST_DAY = date(2005, 3, 1)
DUPLICATE = 0.6
"""Two BBC articles this alike (cosine of their words) are one story told twice."""
OTHER_EVENT = 0.45
"""A distractor is the most alike article of the section below this (above
it, reading showed the same event in other words)."""
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"']))\s+(?=[\"'a-z0-9(£$])")
_WORD = re.compile(r"[a-z][a-z']+")
_STOP = frozenset(
    """the a an and or of to in on at for with by from as is was were be been has have had it
    its this that these those he she they we you i his her their our not but said says will
    would could should can may also more than after before about into over up out new one two
    year years mr mrs ms""".split()
)


def _sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(paragraph) if s.strip()]


def _cased(sentence: str) -> str:
    sentence = re.sub(r"\bi\b", "I", sentence)
    for n, ch in enumerate(sentence):
        if ch.isalpha():
            return sentence[:n] + ch.upper() + sentence[n + 1 :]
    return sentence


def _parse(row: dict) -> tuple[str, list[list[str]]]:
    head, _, body = row["article"].partition("\n")
    paragraphs = [_sentences(p) for p in body.split("\n\n") if p.strip()]
    return _cased(head.strip()), [p for p in paragraphs if p]


def _vector(paragraphs: list[list[str]], df: Counter, n: int) -> dict[str, float]:
    words = Counter(w for p in paragraphs for s in p for w in _WORD.findall(s) if w not in _STOP)
    vec = {w: c * math.log(n / df[w]) for w, c in words.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _rewrite(
    rng: random.Random, title: str, paragraphs: list[list[str]], background: list[str]
) -> tuple[str, list[list[str]]]:
    """Another outlet's copy: reordered, trimmed, padded, retitled."""
    lead, rest = paragraphs[0], [list(p) for p in paragraphs[1:]]
    rng.shuffle(rest)
    if rest and rng.random() < 0.4:  # the lead moved down a paragraph
        order = [rest[0], lead, *rest[1:]]
    else:
        order = [lead, *rest]
    style = rng.choice(("full", "brief", "padded"))
    if style == "brief":  # a short wire copy: the lead and a few sentences
        pool = [s for p in order for s in p if s is not lead[0]]
        picked = set(rng.sample(range(len(pool)), k=min(len(pool), rng.randrange(2, 5))))
        kept = [[lead[0]], [s for n, s in enumerate(pool) if n in picked]]
    else:
        drop = 0.25 if style == "full" else 0.4
        kept = [[s for s in p if p is lead and s is p[0] or rng.random() > drop] for p in order]
    kept = [p for p in kept if p]
    extra = rng.choice((1, 2)) if style != "padded" else rng.choice((3, 4, 5))
    for sentence in rng.sample(background, k=min(len(background), extra)):
        kept[rng.randrange(len(kept))].append(sentence)
    if rng.random() < 0.5:
        words = lead[0].split()
        headline = " ".join(words[: rng.randrange(6, 11)]).rstrip(",;:")
    else:
        headline = title
    return _cased(headline), [[_cased(s) for s in p] for p in kept]


def _row(rid: str, event: str, title: str, day: date, source: str, paragraphs) -> dict:
    text = "\n\n".join(" ".join(_cased(s) for s in p) for p in paragraphs)
    return {"id": rid, "event": event, "title": title, "date": day.isoformat(),
            "source": source, "text": text}  # fmt: skip


def make() -> list[dict]:
    rng = random.Random(23)
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    parsed = {r["id"]: _parse(r) for r in rows}
    df: Counter = Counter()
    for _, paragraphs in parsed.values():
        df.update({w for p in paragraphs for s in p for w in _WORD.findall(s)})
    vectors = {rid: _vector(p, df, len(rows)) for rid, (_, p) in parsed.items()}
    # The BBC set holds some stories twice (in one section or two): only the
    # first of each such pair is used, so no two "events" are one story.
    twice = {
        b
        for x, a in enumerate(rows)
        for b in (r["id"] for r in rows[x + 1 :])
        if _cosine(vectors[a["id"]], vectors[b]) >= DUPLICATE
    }
    by_section: dict[str, list[str]] = {}
    for r in rows:
        if len(parsed[r["id"]][1]) >= 4 and r["id"] not in twice:
            by_section.setdefault(r["category"], []).append(r["id"])
    used: set[str] = set()
    made: list[dict] = []
    for section in sorted(by_section):
        ids = by_section[section]
        events = 0
        for event_id in rng.sample(ids, len(ids)):
            if events == EVENTS_PER_SECTION:
                break
            if event_id in used:
                continue
            events += 1
            near = [i for i in ids if i not in used and i != event_id]
            twin = max(
                (i for i in near if _cosine(vectors[event_id], vectors[i]) < OTHER_EVENT),
                key=lambda i: (_cosine(vectors[event_id], vectors[i]), i),
            )
            used |= {event_id, twin}
            spare = [i for i in ids if i not in used]
            day = FIRST_DAY + timedelta(days=rng.randrange(21))
            for label, rid, copies, spread in (
                (f"{section}-{event_id[-3:]}", event_id, rng.choice((2, 3, 3, 4, 5)), 3),
                (f"{section}-{twin[-3:]}", twin, rng.choice((1, 2)), 1),
            ):
                title, paragraphs = parsed[rid]
                outlets = rng.sample(OUTLETS, copies)
                for n, outlet in enumerate(outlets):
                    background = [s for p in parsed[rng.choice(spare)][1] for s in p][:6]
                    if n == 0:
                        headline, text = title, paragraphs
                    else:
                        headline, text = _rewrite(rng, title, paragraphs, background)
                    when = day + timedelta(days=rng.randrange(spread + 1))
                    made.append(_row(f"{label}-{n}", label, headline, when, outlet, text))
    made.sort(key=lambda r: (r["date"], r["id"]))
    return made


def main() -> None:
    made = make()
    with OUT.open("w", encoding="utf-8") as out:
        for row in made:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    events = Counter(r["event"] for r in made)
    print(f"{len(made)} articles, {len(events)} events "
          f"({sum(1 for c in events.values() if c > 1)} covered twice or more) -> {OUT}")  # fmt: skip


if __name__ == "__main__":
    main()
