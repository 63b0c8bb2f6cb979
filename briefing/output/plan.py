"""The plan: everything a person decided for a briefing, in one TOML file.

Inputs (each file's path and content hash, so a changed file is noticed),
the articles chosen and their order, topics, options, title, marking,
date, and the analyst's edits (excluded and pinned sentences, an overall
assessment, notes per article and per topic). It records the tool's
version and algorithm, so it doubles as the run's manifest.

``briefing build --plan FILE`` rebuilds from it exactly what the TUI
exports; ``briefing tui --plan FILE`` keeps it up to date as you work.
Paths are stored relative to the plan's folder when they lie under it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from briefing.ingest.inputs import Task
from briefing.model import (
    DEFAULT_ALGORITHM,
    DEFAULT_KEY_POINTS,
    DEFAULT_SENTENCES,
    DEFAULT_TOPIC_SENTENCES,
    Article,
    InputLimits,
    Options,
    Plan,
    PlanInput,
    Problem,
    SentenceRef,
    SpecError,
)
from briefing.summarizers.algorithms import UnknownAlgorithm
from briefing.summarizers.algorithms import check as check_algorithm

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FORMAT = 1
"""The plan format's version (``format`` in the file)."""


class PlanError(ValueError):
    """The plan file cannot be read (one line for the user)."""


# --------------------------------------------------------------------------
# TOML.


def to_toml(plan: Plan) -> str:
    """The plan as TOML text (stable: the same plan gives the same text)."""
    options = plan.options
    head: dict[str, Any] = {
        "format": FORMAT,
        "tool": plan.tool,
        "title": plan.title,
        "marking": plan.marking,
        "algorithm": options.algorithm,
        "ranked": options.ranked,
        "topic_sentences": plan.topic_sentences,
        "key_points": plan.key_points,
        "topics": list(plan.topics),
        "articles": list(plan.articles),
        "assessment": plan.assessment,
    }
    if plan.day is not None:
        head["date"] = plan.day
    if plan.from_library:
        head["from_library"] = True
    if plan.stories:
        head["stories"] = True
    if plan.dismissed:
        head["dismissed"] = list(plan.dismissed)
    if options.ratio is not None:
        head["ratio"] = options.ratio
    elif options.sentences is not None:
        head["sentences"] = options.sentences
    doc: dict[str, Any] = {"briefing": head}
    doc["inputs"] = [{"path": i.path, "id": i.id, "sha256": i.sha256} for i in plan.inputs]
    doc["excluded"] = [
        {"article": r.article, "index": r.index, "text": r.text} for r in plan.excluded
    ]
    doc["pinned"] = [{"article": r.article, "index": r.index, "text": r.text} for r in plan.pinned]
    doc["notes"] = {a: n for a, n in plan.notes if n.strip()}
    doc["topic_notes"] = {t: n for t, n in plan.topic_notes if n.strip()}
    return (
        "# A briefing plan: `briefing build --plan FILE` rebuilds the briefing from it,\n"
        "# `briefing tui --plan FILE` edits it. The analyst's own words are in\n"
        "# assessment, notes and topic_notes.\n" + tomli_w.dumps(doc)
    )


def from_toml(text: str) -> Plan:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"not a TOML file ({exc})") from None
    head = _table(doc.get("briefing", {}), "briefing")
    if head.get("format", FORMAT) != FORMAT:
        raise PlanError(
            f"plan format {head.get('format')!r} is not one this version reads ({FORMAT})"
        )
    ratio = head.get("ratio")
    sentences = head.get("sentences", DEFAULT_SENTENCES)
    try:
        options = Options(
            algorithm=check_algorithm(_str(head, "algorithm", DEFAULT_ALGORITHM)),
            sentences=None if ratio is not None else sentences,
            ratio=ratio,
            ranked=_bool(head, "ranked"),
        )
    except (SpecError, UnknownAlgorithm) as exc:
        raise PlanError(str(exc)) from None
    day = head.get("date")
    if day is not None and not isinstance(day, date):
        raise PlanError("briefing.date must be a date (YYYY-MM-DD, unquoted)")
    try:
        return _plan(doc, head, options, day)
    except SpecError as exc:
        raise PlanError(str(exc)) from None


def _plan(doc: dict[str, Any], head: dict[str, Any], options: Options, day: date | None) -> Plan:
    return Plan(
        inputs=tuple(
            PlanInput(_str(i, "path", ""), _str(i, "id", ""), _str(i, "sha256", ""))
            for i in _tables(doc.get("inputs", []), "inputs")
        ),
        articles=tuple(_strings(head.get("articles", []), "briefing.articles")),
        from_library=_bool(head, "from_library"),
        stories=_bool(head, "stories"),
        dismissed=tuple(_strings(head.get("dismissed", []), "briefing.dismissed")),
        topics=tuple(_strings(head.get("topics", []), "briefing.topics")),
        title=_str(head, "title", ""),
        marking=_str(head, "marking", ""),
        day=day,
        options=options,
        topic_sentences=head.get("topic_sentences", DEFAULT_TOPIC_SENTENCES),
        key_points=head.get("key_points", DEFAULT_KEY_POINTS),
        excluded=_refs(doc.get("excluded", []), "excluded"),
        pinned=_refs(doc.get("pinned", []), "pinned"),
        assessment=_str(head, "assessment", ""),
        notes=tuple(
            sorted((str(a), str(n)) for a, n in _table(doc.get("notes", {}), "notes").items())
        ),
        topic_notes=tuple(
            sorted(
                (str(t), str(n))
                for t, n in _table(doc.get("topic_notes", {}), "topic_notes").items()
            )
        ),
        tool=_str(head, "tool", ""),
    )


def _table(value: object, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PlanError(f"{name} must be a table")
    return value


def _tables(value: object, name: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise PlanError(f"{name} must be an array of tables")
    return value


def _strings(value: object, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PlanError(f"{name} must be a list of strings")
    return value


def _str(table: dict[str, Any], key: str, default: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise PlanError(f"{key} must be a string")
    return value


def _bool(table: dict[str, Any], key: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise PlanError(f"{key} must be true or false")
    return value


def _refs(value: object, name: str) -> tuple[SentenceRef, ...]:
    refs = []
    for item in _tables(value, name):
        article, index = item.get("article"), item.get("index")
        if not isinstance(article, str) or not isinstance(index, int) or isinstance(index, bool):
            raise PlanError(f"each of {name} needs an article (string) and an index (number)")
        refs.append(SentenceRef(article, index, str(item.get("text", ""))))
    return tuple(refs)


# --------------------------------------------------------------------------
# Files.


MAX_PLAN_BYTES = 10_000_000
"""A plan larger than this is refused (a fixed cap; --max-bytes is for inputs)."""


def read_plan(path: Path) -> Plan:
    from briefing.ingest.inputs import read_text

    try:
        text = read_text(path, MAX_PLAN_BYTES, "a plan")
    except ValueError as exc:
        raise PlanError(str(exc)) from None
    return from_toml(text)


def write_plan(path: Path, plan: Plan) -> None:
    """Write the plan atomically (see :mod:`briefing.output.write`)."""
    from briefing.output.write import write_atomic

    write_atomic(path, to_toml(plan))


def digest(data: bytes) -> str:
    """The content hash a plan records for an input (``sha256``)."""
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path, max_bytes: int) -> str:
    from briefing.ingest.inputs import read_bytes

    return digest(read_bytes(path, max_bytes))


def stored_path(path: str, plan_dir: Path) -> str:
    """``path`` relative to the plan's folder when it lies under it (``-``
    and URLs as they are)."""
    if path == "-" or path.lower().startswith(("http://", "https://")):
        return path
    absolute = Path(os.path.abspath(path))
    for folder in {os.path.abspath(plan_dir), os.path.realpath(plan_dir)}:
        try:
            return absolute.relative_to(folder).as_posix()
        except ValueError:
            continue
    return str(absolute)


def resolved_path(stored: str, plan_dir: Path) -> Path:
    return Path(stored) if Path(stored).is_absolute() else plan_dir / stored


# --------------------------------------------------------------------------
# What a plan may read.

OUTSIDE_HINT = "give --allow-outside to read it anyway, if you trust the plan"


def plan_tasks(
    plan: Plan, plan_dir: Path, limits: InputLimits, *, allow_outside: bool = False
) -> tuple[list[tuple[PlanInput, Task]], list[Problem]]:
    """The plan's inputs as tasks to read again, and one problem for each
    that may not or cannot be read.

    A plan may come from someone else, so without ``allow_outside`` it may
    name only files under its own folder (after every ``..`` and symbolic
    link is followed: the real path is what is read) and web pages on
    public hosts; anything else (an absolute path elsewhere, a home file, a
    loopback or private address) is refused, named, and never read. URLs
    are fetched together, and only when ``limits.fetch`` (``--no-fetch``
    holds here too)."""
    from briefing.ingest.fetch import Reach, is_url, refusal
    from briefing.ingest.inputs import fetch_all, read_again

    from briefing.resources import seeds_dir

    reach = Reach(anywhere=allow_outside)
    base = os.path.realpath(plan_dir)
    # The sample articles ship with the tool: a plan may name them wherever it lies.
    samples = os.path.realpath(seeds_dir())
    wanted: list[tuple[PlanInput, Path | None]] = []
    refused: list[Problem] = []
    for item in plan.inputs:
        if item.path == "-":
            refused.append(
                Problem(item.id or "-", "was standard input; it cannot be read again", skipped=True)
            )
            continue
        if is_url(item.path):
            why = refusal(item.path, reach)
            if why is not None:
                refused.append(Problem(item.path, f"refused: {why}; {OUTSIDE_HINT}"))
                continue
            wanted.append((item, None))
            continue
        real = os.path.realpath(resolved_path(item.path, plan_dir))
        if not allow_outside and all(os.path.commonpath([f, real]) != f for f in (base, samples)):
            refused.append(
                Problem(
                    item.path,
                    "refused: outside the plan's folder (a plan reads only files under its own "
                    f"folder); {OUTSIDE_HINT}",
                )
            )
            continue
        wanted.append((item, Path(real)))
    urls = {n: item.path for n, (item, path) in enumerate(wanted) if path is None}
    hosts = Reach.named(urls.values()).hosts if allow_outside else frozenset()
    fetched = fetch_all(urls, limits, reach) if limits.fetch else {}
    tasks = [
        (
            item,
            read_again(
                item.path,
                path if path is not None else Path(item.path),
                item.id or None,
                limits,
                fetched.get(n),
                hosts,
            ),
        )
        for n, (item, path) in enumerate(wanted)
    ]
    return tasks, refused


# --------------------------------------------------------------------------
# Opening a plan to work on it (the TUI): its inputs, or paths given instead.


def opening_tasks(
    plan: Plan | None,
    paths: Sequence[str],
    plan_dir: Path,
    limits: InputLimits,
    *,
    labels_from_plan: bool,
    allow_outside: bool,
) -> tuple[list[Task], list[Problem]]:
    """What to read for a plan being worked on, and what it may not read.

    No ``paths``: the plan's own inputs, under the ids it gave them (see
    :func:`plan_tasks`). ``paths`` given: those, each keeping the id the plan
    knows it by (so a changed file's edits are checked, not lost), named as
    the plan names them when ``labels_from_plan`` (as ``build --plan``
    will). Raises :class:`briefing.ingest.inputs.InputError` for paths that
    cannot be listed."""
    from briefing.ingest.inputs import load_tasks

    if plan is not None and plan.inputs and not paths:
        planned, refused = plan_tasks(plan, plan_dir, limits, allow_outside=allow_outside)
        return [task for _, task in planned], refused
    tasks = load_tasks(paths, limits=limits)
    if plan is not None and plan.inputs:
        known = {
            os.path.abspath(resolved_path(i.path, plan_dir)): i.id for i in plan.inputs if i.id
        }
        tasks = [
            t._replace(article_id=known.get(os.path.abspath(t.path), t.article_id)) if t.path else t
            for t in tasks
        ]
    if labels_from_plan:
        tasks = [
            t._replace(label=stored_path(str(t.path), plan_dir)) if t.path else t for t in tasks
        ]
    return tasks, []


def recorded_inputs(
    plan: Plan | None,
    tasks: Sequence[Task],
    articles: Sequence[Article],
    refused: Sequence[Problem],
    plan_dir: Path,
    max_bytes: int,
) -> tuple[PlanInput, ...]:
    """The inputs as the plan will record them: each loaded input's path
    (relative to the plan's folder when under it), content hash and article
    id (none for a feed or mailbox: its entries are known by their content
    ids). An input that did not load, or was refused, keeps the plan's
    record unchanged: opening never rewrites what the user did not change."""
    ids = {a.source: a.id for a in articles}
    fresh: list[PlanInput] = []
    for task in tasks:
        if task.path is None:  # standard input ("-"), or a URL (fetched again on rebuilding)
            fresh.append(PlanInput(task.label, ids.get(task.label, ""), digest(task.data or b"")))
            continue
        try:
            sha = sha256_of(task.path, max_bytes)
        except (OSError, ValueError):
            sha = ""
        fresh.append(PlanInput(stored_path(str(task.path), plan_dir), ids.get(task.label, ""), sha))
    if plan is None:
        return tuple(fresh)
    known = {i.path: i for i in plan.inputs}
    kept = tuple(
        known[i.path]
        if i.path in known and (not i.sha256 or (known[i.path].id and not i.id))
        else i
        for i in fresh
    )
    refused_paths = {p.source for p in refused}
    return kept + tuple(i for i in plan.inputs if i.path in refused_paths)
