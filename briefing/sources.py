"""Files, folders and stdin → :class:`Article`.

Reading (decoding, front matter, HTML extraction) and structure (title,
headings, live-page items, page furniture, sentences) happen here; what comes
out is clean text in sentences that each know their article and position.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from . import resources
from .decode import NotText, decode
from .models import DEFAULT_MAX_BYTES, Article, Problem, Section, Sentence
from .text import LineKind, OfflineTokenizer, classify, furniture, line_furniture, normalize_space
from .workers import PARALLEL_MIN, process_pool, running

_HAS_LETTER = re.compile(r"[^\W\d_]")
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
STDIN = "-"


@dataclass(frozen=True)
class Block:
    """One line or paragraph of an article before classification."""

    text: str
    heading: bool = False  # known to be a heading (markup said so)


@dataclass(frozen=True)
class LoadResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


class InputError(Exception):
    """A path the user named does not exist or holds nothing readable."""


# --------------------------------------------------------------------------
# Finding inputs.

def _label(path: Path) -> str:
    return path.as_posix()


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def special_kind(mode: int) -> str | None:
    """What a file that is neither regular nor a folder is ("a FIFO"), or None."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None


@dataclass(frozen=True)
class Listed:
    """One input found: a file to read (``path`` None: standard input), or
    why a file found in a folder cannot be read (``problem``)."""

    label: str
    path: Path | None
    problem: str | None = None


def expand(paths: Sequence[str]) -> list[Listed]:
    """Expand the user's paths into inputs; ``-`` is stdin.

    Folders are searched recursively for known suffixes, sorted by path so
    the order never depends on the file system. Only regular files are read:
    a FIFO, device or socket, a dangling link and a link that loops are
    listed with their problem. A FIFO or device named directly is refused
    (pipe it to ``-`` instead): opening it could wait forever.
    """
    found: list[Listed] = []
    for given in paths:
        if given == STDIN:
            found.append(Listed(STDIN, None))
            continue
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise InputError(f"{given}: no such file or folder; check the path") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise InputError(f"{given}: a symbolic link that loops; check the path") from None
            raise InputError(f"{given}: {_reason(exc)}; check the path") from None
        if stat.S_ISDIR(mode):
            files = _walk(path, given)
            if not any(item.problem is None for item in files):
                raise InputError(
                    f"{given}: no .txt, .md or .html files in this folder; "
                    "name files or another folder"
                )
            found.extend(files)
        elif special_kind(mode):
            raise InputError(
                f"{given}: {special_kind(mode)}, not a regular file; "
                f"to read from it, pipe it to standard input ('-')"
            )
        else:
            found.append(Listed(given, path))
    return found


def _walk(folder: Path, given: str) -> list[Listed]:
    """Every readable-looking file under ``folder``, sorted, and a problem
    for each special file, dangling link or loop met on the way. Linked
    folders are followed once (a folder already on the path is a loop)."""
    found: list[Listed] = []

    def visit(directory: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            found.append(Listed(_label(Path(given) / directory.relative_to(folder)), directory, _reason(exc)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            full = Path(entry.path)
            label = _label(Path(given) / full.relative_to(folder))
            try:
                info = os.stat(entry.path)
            except OSError as exc:
                if entry.is_symlink():
                    why = "a symbolic link that loops" if exc.errno == errno.ELOOP else "a dangling symbolic link"
                    found.append(Listed(label, full, why))
                else:
                    found.append(Listed(label, full, _reason(exc)))
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in ancestors:
                    found.append(Listed(label, full, "a symbolic link that loops back to a folder above it"))
                else:
                    visit(full, ancestors | {key})
            elif special_kind(info.st_mode):
                found.append(Listed(label, full, f"{special_kind(info.st_mode)}, not a regular file"))
            elif full.suffix.lower() in SUFFIXES:
                found.append(Listed(label, full))

    top = folder.stat()
    visit(folder, frozenset({(top.st_dev, top.st_ino)}))
    return found


def bundled() -> list[Listed]:
    """The sample articles shipped with the tool, labelled ``seeds/NAME``."""
    folder = resources.seeds_dir()
    return [Listed(f"seeds/{p.name}", p) for p in sorted(folder.glob("*.txt"))]


# --------------------------------------------------------------------------
# Loading.


def load(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    tokenizer: OfflineTokenizer | None = None,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadResult:
    """Load every article under ``paths`` (the bundled seeds when empty).

    Bad files are reported as problems and skipped; a path that does not
    exist raises :class:`InputError`. With ``jobs`` > 1 and many files, files
    are parsed in a process pool; the order is always the inputs' order.
    No input is read past ``max_bytes``.
    """
    return load_listed(load_tasks(paths, stdin, max_bytes=max_bytes), tokenizer=tokenizer, jobs=jobs)


def load_listed(tasks: Sequence[Task], *, tokenizer: OfflineTokenizer | None = None, jobs: int = 1) -> LoadResult:
    """:func:`load` for inputs already listed by :func:`load_tasks`."""
    if jobs > 1 and len(tasks) >= PARALLEL_MIN:
        with running(process_pool(jobs)) as pool:
            outcomes = list(pool.map(load_one, tasks, chunksize=16))
    else:
        tokenizer = tokenizer or OfflineTokenizer()
        outcomes = [load_one(task, tokenizer) for task in tasks]
    articles = tuple(o for o in outcomes if isinstance(o, Article))
    problems = tuple(o for o in outcomes if isinstance(o, Problem))
    return LoadResult(articles, problems)


class Task(NamedTuple):
    """One input to load (it crosses to worker processes)."""

    label: str
    path: Path | None  # None: standard input, read already (``data``)
    article_id: str
    data: bytes | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    problem: str | None = None  # known before reading: why it cannot be used


def load_tasks(paths: Sequence[str], stdin: BinaryIO | None = None, *,
               max_bytes: int = DEFAULT_MAX_BYTES) -> list[Task]:
    """What :func:`load` will read, in order, with unique article ids.
    Standard input is read here, at most ``max_bytes`` (and a byte more, to
    tell that it is too long)."""
    inputs = expand(paths) if paths else bundled()
    ids = _unique_ids([item.label for item in inputs])
    tasks = []
    for item, article_id in zip(inputs, ids):
        data, problem = None, item.problem
        if item.path is None and problem is None:
            data, problem = _read_stdin(stdin, max_bytes)
        tasks.append(Task(item.label, item.path, article_id, data, max_bytes, problem))
    return tasks


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> tuple[bytes | None, str | None]:
    if stdin is None:
        return None, "standard input is closed"
    try:
        data = stdin.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: a closed stream
        if isinstance(exc, ValueError) or exc.errno == errno.EBADF:
            return None, "standard input is closed"
        return None, f"standard input cannot be read ({_reason(exc)})"
    if len(data) > max_bytes:
        return None, _too_big(max_bytes)
    return data, None


def _too_big(max_bytes: int) -> str:
    return f"larger than {max_bytes:,} bytes (the --max-bytes limit)"


def load_one(task: Task, tokenizer: OfflineTokenizer | None = None) -> Article | Problem:
    """Read and parse one input: the article, or why it cannot be used."""
    label, path, article_id, data, max_bytes, problem = task
    if problem is not None:
        return Problem(label, problem)
    try:
        if data is None:
            data = read_bytes(path, max_bytes)
        return parse(data, label, article_id, tokenizer or OfflineTokenizer())
    except (OSError, NotText, ValueError) as exc:
        return Problem(label, _reason(exc))
    except RecursionError:
        return Problem(label, "nested too deeply to read")


def read_bytes(path: Path | None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, at most ``max_bytes`` (``ValueError`` past
    that). Opened without blocking and checked after opening, so a file
    swapped for a FIFO or a device since it was listed is never waited on."""
    if path is None:
        raise OSError("standard input is not available")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        kind = special_kind(info.st_mode)
        if kind or stat.S_ISDIR(info.st_mode):
            raise ValueError(f"{kind or 'a folder'}, not a regular file")
        if info.st_size > max_bytes:
            raise ValueError(_too_big(max_bytes))
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(_too_big(max_bytes))
    return data


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def _unique_ids(labels: Sequence[str]) -> list[str]:
    """File names without suffix, made safe and unique ("story", "story-2")."""
    taken: set[str] = set()
    ids = []
    for label in labels:
        stem = "stdin" if label == STDIN else Path(label).stem
        base = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-") or "article"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        ids.append(candidate)
    return ids


def parse(data: bytes, source: str, article_id: str, tokenizer: OfflineTokenizer) -> Article:
    """Bytes of one file → Article. Raises ``ValueError`` when nothing is usable."""
    if not data.strip():
        raise ValueError("empty file")
    text, _encoding = decode(data)
    if _is_html(source, text):
        from .html import extract

        metadata, blocks = extract(text)
    else:
        metadata, body = split_front_matter(text)
        blocks = list(text_blocks(body, markdown=source.lower().endswith((".md", ".markdown"))))
    article = build(blocks, metadata, source, article_id, tokenizer)
    if not article.sentences:
        raise ValueError("no sentences found (empty or only page furniture)")
    return article


def _is_html(source: str, text: str) -> bool:
    if source.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` / ``key: value`` lines / ``---`` at the very top → (fields, rest)."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        m = _FIELD.match(line)
        if not m:
            return {}, text  # not front matter after all: keep the text whole
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[m.group(1).lower()] = value
    return fields, text[match.end():]


_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_BULLET = re.compile(r"^[•·▪‣◦]\s+")
_MD_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def text_blocks(text: str, *, markdown: bool = False) -> Iterator[Block]:
    """Plain text → blocks: blank lines separate paragraphs; a paragraph whose
    lines are hard-wrapped is joined, otherwise each line stands alone."""
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if not lines:
            continue
        if markdown:
            yield from _markdown_blocks(lines)
        elif _hard_wrapped(lines):
            yield Block(normalize_space(" ".join(lines)))
        else:
            yield from (Block(normalize_space(_BULLET.sub("", ln))) for ln in lines)


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of a wrapped paragraph: all short, and most not ending a sentence."""
    if len(lines) < 2 or max(len(ln) for ln in lines) > 100:
        return False
    open_ends = sum(1 for ln in lines[:-1] if ln[-1] not in ".!?:\"”")
    return open_ends >= (len(lines) - 1) / 2


def _markdown_blocks(lines: list[str]) -> Iterator[Block]:
    paragraph: list[str] = []

    def flush() -> Iterator[Block]:
        if paragraph:
            yield Block(normalize_space(_md_inline(" ".join(paragraph))))
            paragraph.clear()

    for line in lines:
        heading = _MD_HEADING.match(line)
        if heading:
            yield from flush()
            yield Block(normalize_space(_md_inline(heading.group(1))), heading=True)
        elif _MD_BULLET.match(line) or line.startswith(">"):
            yield from flush()
            yield Block(normalize_space(_md_inline(_MD_BULLET.sub("", line.lstrip("> ")))))
        else:
            paragraph.append(line)
    yield from flush()


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


# --------------------------------------------------------------------------
# Structure: title, sections, sentences.


def build(
    blocks: Iterable[Block],
    metadata: dict[str, str],
    source: str,
    article_id: str,
    tokenizer: OfflineTokenizer,
) -> Article:
    classified: list[tuple[LineKind, str]] = []
    live = False
    for block in blocks:
        if not block.text:
            continue
        kind = LineKind.HEADING if block.heading else classify(block.text)
        if kind is LineKind.FURNITURE:
            rule = line_furniture(block.text)
            live = live or (rule is not None and rule.name == "banner" and not classified
                            and "live" in block.text.lower())
            continue
        classified.append((kind, block.text))
    if live:
        classified = [(LineKind.HEADING if k is LineKind.BODY and _question_headline(t) else k, t)
                      for k, t in classified]

    title = metadata.get("title", "")
    if not title and classified:
        kind, first = classified[0]
        if kind is LineKind.HEADING or len(first.split()) <= 25 and first[-1] not in ".!?":
            title = first
            if not live:
                classified.pop(0)  # a live page's first headline also heads its first item
        else:
            title = _shorten(first)
    if classified and classified[0][1] == title and not live:
        classified.pop(0)
    title, site = _split_site_name(title, classified)
    if site and "source" not in metadata:
        metadata = {**metadata, "source": site}

    sections = _sections(classified, live, article_id, tokenizer)
    return Article(
        id=article_id,
        title=title or article_id,
        source=source,
        sections=sections,
        metadata=dict(metadata),
    )


_QUESTION_HEADLINE = re.compile(r"^[A-Z‘'\"“][^.!?]{10,}\?(\s+[A-Z][^.!?]{0,40}[.!]?)?$")


def _question_headline(line: str) -> bool:
    """On a live page, a short question line heads a story: "Could more
    have been done to stop the attack? Report out today." """
    return len(line.split()) <= 16 and _QUESTION_HEADLINE.match(line) is not None


def _split_site_name(title: str, lines: list[tuple[LineKind, str]]) -> tuple[str, str | None]:
    """"Headline | Site" → ("Headline", "Site") when the page repeats the
    headline without the site name in one of its first lines."""
    for kind, text in lines[:3]:
        if kind is LineKind.HEADING and title.startswith(text + " | "):
            lines.remove((kind, text))
            return text, title[len(text) + 3:].strip() or None
    return title, None


def _shorten(text: str, limit: int = 80) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _sections(
    lines: list[tuple[LineKind, str]],
    live: bool,
    article_id: str,
    tokenizer: OfflineTokenizer,
) -> tuple[Section, ...]:
    """Group lines into sections and split paragraphs into sentences.

    On a live page every heading opens a new item; elsewhere headings are
    subheadings of the one section. Items with no sentences are dropped.
    """
    drafts: list[tuple[str | None, list[str], list[str]]] = [(None, [], [])]
    for kind, text in lines:
        if kind is LineKind.HEADING:
            heading, paragraphs, subs = drafts[-1]
            if live and paragraphs:
                drafts.append((text, [], []))
            elif live:
                drafts[-1] = (heading or text, paragraphs, subs if heading is None else subs + [text])
            else:
                subs.append(text)
        elif kind is LineKind.BODY:
            drafts[-1][1].append(text)

    sections: list[Section] = []
    index = 0
    for heading, paragraphs, subs in drafts:
        built: list[tuple[Sentence, ...]] = []
        for paragraph in paragraphs:
            sentences = []
            for a, b in tokenizer.sentence_spans(paragraph):
                text = normalize_space(paragraph[a:b])
                if not _HAS_LETTER.search(text) or furniture(text, "cta"):
                    continue
                sentences.append(Sentence(text, article_id, index, len(sections)))
                index += 1
            if sentences:
                built.append(tuple(sentences))
        if built:
            sections.append(Section(heading, tuple(built), tuple(subs)))
    return tuple(sections)
