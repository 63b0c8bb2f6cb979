"""The library's store: one SQLite file (the only module that speaks SQL).

:class:`Library` is the interface; its methods are the contract a server
database would keep (see ``tests/test_library.py``). Write transactions are
short (one document at a time), so ``briefing update`` from cron and an
open TUI share the file; a second writer waits up to ``BUSY_MS``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from briefing.library.codec import article_from_json, article_json
from briefing.model import Article

SCHEMA_VERSION = 3
BUSY_MS = 10_000
APPLICATION_ID = 0x42524946  # "BRIF": a library file says it is one
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        text_hash TEXT NOT NULL,
        canonical_url TEXT,
        title TEXT NOT NULL,
        publisher TEXT,
        published TEXT,
        added_at TEXT NOT NULL,
        body TEXT NOT NULL,
        article TEXT NOT NULL,
        signature BLOB,
        duplicate_of TEXT REFERENCES documents(id)
    );
    CREATE INDEX documents_text_hash ON documents(text_hash);
    CREATE INDEX documents_canonical_url ON documents(canonical_url);
    CREATE INDEX documents_added_at ON documents(added_at);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE sightings (
        document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        guid TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (document, source)
    );
    CREATE TABLE subscriptions (
        url TEXT PRIMARY KEY,
        name TEXT UNIQUE,
        etag TEXT,
        last_modified TEXT,
        next_check TEXT,
        checked_at TEXT,
        last_error TEXT,
        added_at TEXT NOT NULL
    );
    CREATE TABLE summaries (
        document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        options TEXT NOT NULL,
        tool TEXT NOT NULL,
        summary TEXT NOT NULL,
        PRIMARY KEY (document, options, tool)
    );
    CREATE TABLE briefings (
        id INTEGER PRIMARY KEY,
        made_at TEXT NOT NULL,
        day TEXT NOT NULL,
        title TEXT NOT NULL
    );
    CREATE TABLE briefed_sentences (
        briefing INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
        document TEXT NOT NULL,
        sentence INTEGER NOT NULL,
        text_hash TEXT NOT NULL
    );
    CREATE INDEX briefed_sentences_text ON briefed_sentences(text_hash);
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, body, content='documents', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title, old.body);
    END;
    CREATE TRIGGER documents_au AFTER UPDATE OF title, body ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title, old.body);
        INSERT INTO documents_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    """,
    2: """
    CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
    """,
    3: """
    ALTER TABLE documents ADD COLUMN words INTEGER NOT NULL DEFAULT 0;
    UPDATE documents SET words = CASE WHEN body = '' THEN 0
        ELSE length(body) - length(replace(body, ' ', '')) + 1 END;
    CREATE INDEX documents_original_added ON documents(duplicate_of, added_at);
    """,
}
"""Each version's schema change, applied in order on open (a copy of the
file is kept first as ``NAME.bak-vN``)."""
KEYS_AT_ONCE = 400
"""Keys asked for in one statement (SQLite allows 32,766 parameters; a
statement may hold the keys twice)."""
TITLE_WEIGHT = 5.0
"""bm25 weight of a title match over a body match."""


class LibraryError(Exception):
    """The library cannot be used (one line for the user)."""


class SearchError(LibraryError):
    """The search query is not valid FTS5 syntax (a usage error)."""


@dataclass(frozen=True)
class AddOutcome:
    """What adding one article did: "added", "already" (the same document,
    or the same canonical URL), or "duplicate" (of ``of``)."""

    kind: str
    document: str
    of: str | None = None


@dataclass(frozen=True)
class Found:
    id: str
    title: str
    publisher: str | None
    published: str | None
    source: str
    snippet: str
    score: float


@dataclass(frozen=True)
class Listed:
    id: str
    title: str
    publisher: str | None
    published: str | None
    added_at: str
    source: str
    duplicate_of: str | None
    words: int = 0


@dataclass(frozen=True)
class Row:
    """A document as a list shows it."""

    id: str
    title: str
    published: str
    words: int


@dataclass(frozen=True)
class Subscription:
    url: str
    name: str | None
    etag: str | None
    last_modified: str | None
    next_check: str | None
    checked_at: str | None
    last_error: str | None
    added_at: str


@dataclass(frozen=True)
class Stats:
    path: str
    documents: int
    duplicates: int
    sightings: int
    subscriptions: int
    briefings: int
    bytes: int
    version: int


def open_library(path: Path, *, create: bool = True, read_only: bool = False) -> Library:
    """Open (or create) the library at ``path``. Raises :class:`LibraryError`
    for a file that is not a library (never modified), a library from a
    newer version, or one that cannot be opened."""
    return Library(path, create=create, read_only=read_only)


class Library:
    def __init__(self, path: Path, *, create: bool = True, read_only: bool = False) -> None:
        self.path = Path(path)
        exists = self.path.exists()
        if not exists and (read_only or not create):
            raise LibraryError(f"{self.path}: no library there")
        if exists and not self.path.is_file():
            raise LibraryError(f"{self.path}: not a library file (not a regular file)")
        if exists:
            _check_header(self.path)
        self.read_only = read_only or (exists and not os.access(self.path, os.W_OK))
        if not exists:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # Two first opens at once: switching to WAL can answer "locked" at once, without
        # waiting on the busy timeout; the open is tried again until the timeout is spent.
        deadline = time.monotonic() + BUSY_MS / 1000
        while True:
            try:
                self._db = self._connect()
            except sqlite3.DatabaseError as exc:
                raise LibraryError(f"{self.path}: cannot be opened ({exc})") from None
            try:
                self._prepare()
                return
            except sqlite3.DatabaseError as exc:
                self._db.close()
                locked = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
                if not locked or time.monotonic() > deadline:
                    raise LibraryError(f"{self.path}: not a usable library ({exc})") from None
                time.sleep(0.05)  # a backoff, as SQLite's own busy handler sleeps

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            return sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
            )
        return sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_MS / 1000)

    def _prepare(self) -> None:
        self._db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        self._db.execute("PRAGMA foreign_keys = ON")
        version = self._version()  # before anything is written: a stranger is refused untouched
        if not self.read_only:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
        self._migrate(version)

    # -- opening ------------------------------------------------------------

    def _version(self) -> int:
        """The library's schema version; raises for a newer library or
        another program's database (neither is touched)."""
        # One read transaction: another process's first open may commit the schema
        # between two reads (version 0, yet tables: taken for a stranger's file).
        self._db.execute("BEGIN")
        try:
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            self._db.execute("COMMIT")
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"{self.path}: made by a newer briefing (library version {version}; this one "
                f"reads up to {SCHEMA_VERSION}); update briefing"
            )
        if version == 0 and tables:
            raise LibraryError(
                f"{self.path}: an SQLite file of another program, not a library; nothing was changed"
            )
        return version

    def _migrate(self, version: int) -> None:
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise LibraryError(f"{self.path}: needs upgrading, and it is read-only")
        if version > 0:  # an existing library: kept aside before it changes
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(self.path, self.path.with_name(f"{self.path.name}.bak-v{version}"))
        with self._writing():
            # Another process may have migrated it meanwhile (two first opens at once).
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _statements(MIGRATIONS[step]):
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction (BEGIN IMMEDIATE: a second writer waits)."""
        if self.read_only:
            raise LibraryError(f"{self.path}: read-only; nothing can be added")
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{self.path}: cannot be written ({exc})") from None
        try:
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:  # a full disk, an I/O error, a lock held too long
            self._roll_back()
            raise LibraryError(
                f"{self.path}: cannot be written ({exc}); this change was not kept, "
                "what was kept before it is whole"
            ) from None
        except BaseException:
            self._roll_back()
            raise

    def _roll_back(self) -> None:
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass  # SQLite rolled back already; the journal keeps the file whole

    def _among(
        self, sql: str, keys: Iterable[str], before: Sequence[object] = ()
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` for ``keys``, some hundreds at a time (SQLite
        bounds the parameters of one statement): each ``{keys}`` in it
        stands for the keys of one batch, ``before`` for its first ``?``s.
        Each key is in one batch only, so a row is never given twice."""
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), KEYS_AT_ONCE):
            batch = wanted[start : start + KEYS_AT_ONCE]
            marks = ",".join("?" * len(batch))
            yield from self._db.execute(
                sql.replace("{keys}", marks), [*before, *batch * sql.count("{keys}")]
            )

    # -- documents ------------------------------------------------------------

    def add(
        self,
        article: Article,
        *,
        source: str,
        body: str,
        text_hash: str,
        canonical_url: str | None,
        signature: bytes | None,
        now: datetime,
        duplicate_of: str | None = None,
        guid: str | None = None,
    ) -> AddOutcome:
        """Keep ``article`` (or, if it is already kept, only that it was seen
        at ``source``) at ``now`` (the caller's clock, in UTC). ``duplicate_of``:
        the document it copies (it is kept, marked, never merged). ``body``:
        its sentences joined by a space (what is searched, and hashed as
        ``text_hash``)."""
        now_text = _stamp(now)
        with self._writing() as db:
            known = db.execute("SELECT id FROM documents WHERE id = ?", (article.id,)).fetchone()
            if known is None and canonical_url is not None:
                known = db.execute(
                    "SELECT id FROM documents WHERE canonical_url = ? ORDER BY added_at LIMIT 1",
                    (canonical_url,),
                ).fetchone()
            if known is not None:
                db.execute(
                    "INSERT OR IGNORE INTO sightings(document, source, guid, seen_at) "
                    "VALUES (?, ?, ?, ?)",
                    (known[0], source, guid, now_text),
                )
                return AddOutcome("already", known[0])
            db.execute(
                "INSERT INTO documents(id, text_hash, canonical_url, title, publisher, published,"
                " added_at, body, article, signature, duplicate_of, words)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    text_hash,
                    canonical_url,
                    article.title,
                    article.metadata.get("source"),
                    article.metadata.get("date"),
                    now_text,
                    body,
                    article_json(article),
                    signature,
                    duplicate_of,
                    article.words,
                ),
            )
            db.execute(
                "INSERT INTO sightings(document, source, guid, seen_at) VALUES (?, ?, ?, ?)",
                (article.id, source, guid, now_text),
            )
        if duplicate_of is not None:
            return AddOutcome("duplicate", article.id, duplicate_of)
        return AddOutcome("added", article.id)

    def original_with_hash(self, text_hash: str) -> str | None:
        """The first kept document with this text (not itself a duplicate)."""
        row = self._db.execute(
            "SELECT id FROM documents WHERE text_hash = ? AND duplicate_of IS NULL "
            "ORDER BY added_at, id LIMIT 1",
            (text_hash,),
        ).fetchone()
        return row[0] if row else None

    def signatures(self) -> list[tuple[str, bytes, str | None]]:
        """Every original's MinHash signature and date (published, else added)."""
        rows = self._db.execute(
            "SELECT id, signature, coalesce(published, added_at) FROM documents "
            "WHERE duplicate_of IS NULL AND signature IS NOT NULL ORDER BY added_at, id"
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def body(self, document: str) -> str:
        row = self._db.execute("SELECT body FROM documents WHERE id = ?", (document,)).fetchone()
        return row[0] if row else ""

    def article(self, document: str) -> Article | None:
        return self.articles([document]).get(document)

    def articles(self, documents: Iterable[str]) -> dict[str, Article]:
        """The kept articles with these ids (those the library holds)."""
        rows = self._among(
            "SELECT id, article, words FROM documents WHERE id IN ({keys})", documents
        )
        return {key: article_from_json(text, words) for key, text, words in rows}

    def sources(self, document: str) -> list[str]:
        """Every source that carried ``document`` or a duplicate of it."""
        return self.sources_of([document]).get(document, [])

    def sources_of(self, documents: Iterable[str]) -> dict[str, list[str]]:
        """For each of these documents, every source that carried it or a
        duplicate of it, first seen first."""
        found: dict[str, list[str]] = {}
        wanted = set(documents)
        rows = self._among(
            "SELECT coalesce(d.duplicate_of, d.id) AS original, s.source, min(s.seen_at) AS "
            "first FROM sightings s JOIN documents d ON d.id = s.document "
            "WHERE d.id IN ({keys}) OR d.duplicate_of IN ({keys}) "
            "GROUP BY original, s.source ORDER BY original, first, s.source",
            wanted,
        )
        for original, source, _ in rows:
            kept = found.setdefault(original, []) if original in wanted else None
            if kept is not None and source not in kept:  # (asked for a copy and its original)
                kept.append(source)
        return found

    # -- summaries --------------------------------------------------------------

    def kept_summaries(self, documents: Iterable[str], tool: str) -> dict[tuple[str, str], str]:
        """The summaries kept for these documents by ``tool``, by (document,
        options)."""
        rows = self._among(
            "SELECT document, options, summary FROM summaries "
            "WHERE tool = ? AND document IN ({keys})",
            documents,
            before=(tool,),
        )
        return {(d, o): text for d, o, text in rows}

    def keep_summaries(self, rows: Iterable[tuple[str, str, str]], tool: str) -> None:
        """Keep (document, options, summary) rows made by ``tool``; what an
        older tool made of those documents goes (it is never read again)."""
        rows = list(rows)
        if not rows:
            return
        with self._writing() as db:
            db.executemany(
                "DELETE FROM summaries WHERE document = ? AND tool != ?",
                sorted({(d, tool) for d, _, _ in rows}),
            )
            db.executemany(
                "INSERT OR REPLACE INTO summaries(document, options, tool, summary) "
                "VALUES (?, ?, ?, ?)",
                [(d, o, tool, text) for d, o, text in rows],
            )

    # -- finding --------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
    ) -> list[Found]:
        """Documents matching the FTS5 ``query`` (title weighted above body),
        best first; duplicates left out. Raises :class:`SearchError` for a
        query FTS5 cannot read."""
        sql = (
            "SELECT d.id, d.title, d.publisher, d.published, "
            "(SELECT source FROM sightings s WHERE s.document = d.id ORDER BY seen_at LIMIT 1), "
            "snippet(documents_fts, 1, '[', ']', '…', 12), "
            f"bm25(documents_fts, {TITLE_WEIGHT}, 1.0) AS score "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? AND d.duplicate_of IS NULL"
        )
        args: list[object] = [query]
        sql, args = _dated(sql, args, since, until)
        sql += " ORDER BY score, d.id LIMIT ?"
        args.append(limit)
        try:
            rows = self._db.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            raise SearchError(f"not a search query the library understands: {exc}") from None
        return [Found(r[0], r[1], r[2], r[3], r[4] or "", r[5], -float(r[6])) for r in rows]

    def listed(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        added_after: str | None = None,
        duplicates: bool = False,
    ) -> list[Listed]:
        """Documents, newest added first (``since``/``until``: published dates)."""
        sql = f"SELECT {_LISTED} FROM documents d WHERE 1"
        args: list[object] = []
        if not duplicates:
            sql += " AND d.duplicate_of IS NULL"
        if added_after is not None:
            sql += " AND d.added_at > ?"
            args.append(added_after)
        sql, args = _dated(sql, args, since, until)
        rows = self._db.execute(sql + " ORDER BY d.added_at DESC, d.id", args).fetchall()
        return [_listed(r) for r in rows]

    def chosen(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        added_after: str | None = None,
    ) -> list[str]:
        """The originals' ids, oldest added first (what ``listed`` lists,
        without reading each)."""
        sql = "SELECT d.id FROM documents d WHERE d.duplicate_of IS NULL"
        args: list[object] = []
        if added_after is not None:
            sql += " AND d.added_at > ?"
            args.append(added_after)
        sql, args = _dated(sql, args, since, until)
        return [r[0] for r in self._db.execute(sql + " ORDER BY d.added_at, d.id", args)]

    def copies(self, documents: Iterable[str]) -> dict[str, list[str]]:
        """For each of these originals, its near-duplicates' ids, oldest
        added first (the copies another outlet carried)."""
        found: dict[str, list[str]] = {}
        rows = self._among(
            "SELECT duplicate_of, id FROM documents WHERE duplicate_of IN ({keys}) "
            "ORDER BY added_at, id",
            set(documents),
        )
        for original, copy in rows:
            found.setdefault(original, []).append(copy)
        return found

    def copied_after(self, stamp: str) -> list[str]:
        """The originals a copy of which was added after ``stamp``, by when
        their first such copy came."""
        rows = self._db.execute(
            "SELECT duplicate_of FROM documents WHERE duplicate_of IS NOT NULL AND added_at > ? "
            "GROUP BY duplicate_of ORDER BY min(added_at), duplicate_of",
            (stamp,),
        )
        return [r[0] for r in rows]

    def rows(self, documents: Sequence[str]) -> list[Row]:
        """These documents' rows, in this order (those the library holds):
        what a list shows before the articles load."""
        rows = self._among(
            "SELECT id, title, published, words FROM documents WHERE id IN ({keys})", documents
        )
        found = {r[0]: Row(r[0], r[1], r[2] or "", r[3]) for r in rows}
        return [found[d] for d in documents if d in found]

    def record_briefing(
        self, *, made_at: datetime, day: str, title: str, cited: list[tuple[str, int, str]]
    ) -> int:
        """Keep a briefing made at ``made_at`` and the sentences it cited
        (document, index, text hash); its number."""
        with self._writing() as db:
            cursor = db.execute(
                "INSERT INTO briefings(made_at, day, title) VALUES (?, ?, ?)",
                (_stamp(made_at), day, title),
            )
            number = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO briefed_sentences(briefing, document, sentence, text_hash) "
                "VALUES (?, ?, ?, ?)",
                [(number, d, i, h) for d, i, h in cited],
            )
        return number

    def briefed_on(self, hashes: Iterable[str]) -> dict[str, str]:
        """Of these sentence text hashes, those an earlier briefing cited,
        each with the day of the first briefing that did."""
        rows = self._among(
            "SELECT s.text_hash, min(b.day) FROM briefed_sentences s "
            "JOIN briefings b ON b.id = s.briefing "
            "WHERE s.text_hash IN ({keys}) GROUP BY s.text_hash",
            hashes,
        )
        return {h: day for h, day in rows}

    def last_briefing_at(self) -> str | None:
        row = self._db.execute("SELECT max(made_at) FROM briefings").fetchone()
        return row[0] if row else None

    # -- subscriptions ----------------------------------------------------------

    def subscribe(self, url: str, name: str | None, *, now: datetime) -> bool:
        """Follow the feed at ``url`` (False: already followed). Raises
        :class:`LibraryError` for a name another subscription has."""
        with self._writing() as db:
            if db.execute("SELECT 1 FROM subscriptions WHERE url = ?", (url,)).fetchone():
                return False
            try:
                db.execute(
                    "INSERT INTO subscriptions(url, name, added_at) VALUES (?, ?, ?)",
                    (url, name, _stamp(now)),
                )
            except sqlite3.IntegrityError:
                raise LibraryError(f"the name {name!r} is another subscription's") from None
        return True

    def unsubscribe(self, url_or_name: str) -> bool:
        with self._writing() as db:
            gone = db.execute(
                "DELETE FROM subscriptions WHERE url = ? OR name = ?", (url_or_name, url_or_name)
            )
            return gone.rowcount > 0

    def subscriptions(self) -> list[Subscription]:
        rows = self._db.execute(
            "SELECT url, name, etag, last_modified, next_check, checked_at, last_error, added_at "
            "FROM subscriptions ORDER BY added_at, url"
        )
        return [Subscription(*row) for row in rows]

    def checked(
        self,
        url: str,
        *,
        now: datetime,
        etag: str | None,
        last_modified: str | None,
        next_check: datetime | None,
        error: str | None,
    ) -> None:
        """What polling ``url`` found: its validators (kept when the server
        sent none), when to look again, and the error (None: it worked)."""
        with self._writing() as db:
            db.execute(
                "UPDATE subscriptions SET etag = coalesce(?, etag), "
                "last_modified = coalesce(?, last_modified), next_check = ?, checked_at = ?, "
                "last_error = ? WHERE url = ?",
                (
                    etag,
                    last_modified,
                    _stamp(next_check) if next_check else None,
                    _stamp(now),
                    error,
                    url,
                ),
            )

    # -- the library as a whole -----------------------------------------------

    def stats(self) -> Stats:
        def count(sql: str) -> int:
            return int(self._db.execute(sql).fetchone()[0])

        return Stats(
            path=str(self.path),
            documents=count("SELECT count(*) FROM documents WHERE duplicate_of IS NULL"),
            duplicates=count("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            sightings=count("SELECT count(*) FROM sightings"),
            subscriptions=count("SELECT count(*) FROM subscriptions"),
            briefings=count("SELECT count(*) FROM briefings"),
            bytes=sum(
                p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists()
            ),
            version=count("PRAGMA user_version"),
        )

    def check(self) -> list[str]:
        """SQLite's ``integrity_check`` and the full-text index's own check:
        the problems found (none: an empty list)."""
        rows = [r[0] for r in self._db.execute("PRAGMA integrity_check")]
        problems = [r for r in rows if r != "ok"]
        try:
            self._db.execute(
                "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError as exc:
            if not self.read_only:
                problems.append(f"full-text index: {exc}")
        return problems


_LISTED = (
    "d.id, d.title, d.publisher, d.published, d.added_at, "
    "(SELECT source FROM sightings s WHERE s.document = d.id ORDER BY seen_at LIMIT 1), "
    "d.duplicate_of, d.words"
)


def _listed(row: Sequence[Any]) -> Listed:
    return Listed(row[0], row[1], row[2], row[3], row[4], row[5] or "", row[6], row[7])


def _stamp(when: datetime) -> str:
    # Microseconds: an add and a briefing within one second must still be ordered
    # (``--new`` is "added after the last briefing was made").
    return when.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _statements(script: str) -> list[str]:
    """The script's statements (triggers keep their inner semicolons)."""
    found, current = [], ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    return found


def _dated(
    sql: str, args: list[object], since: str | None, until: str | None
) -> tuple[str, list[object]]:
    if since is not None:
        sql += " AND d.published >= ?"
        args.append(since)
    if until is not None:
        sql += " AND d.published <= ?"
        args.append(until)
    return sql, args


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_header(path: Path) -> None:
    """A file that exists must be an SQLite database (empty is fine: a new
    library); anything else is refused before SQLite touches it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise LibraryError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if head and not head.startswith(SQLITE_HEADER):
        raise LibraryError(f"{path}: not a library (not an SQLite file); nothing was changed")
    if len(head) >= 72 and head[68:72] not in (
        b"\x00\x00\x00\x00",
        APPLICATION_ID.to_bytes(4, "big"),
    ):
        raise LibraryError(f"{path}: an SQLite file of another program, not a library")
