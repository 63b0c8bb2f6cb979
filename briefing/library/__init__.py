"""The article library: every article read, kept once, searchable (issue 21).

The only package that speaks SQL. :class:`Library` is the interface the rest
of the tool uses (a server database can stand behind it later);
:func:`open_library` opens the SQLite file that implements it today: WAL,
foreign keys, a busy timeout, short write transactions, the schema
versioned with ``PRAGMA user_version`` and migrated on open after a copy of
the file is kept aside.
"""

from __future__ import annotations

from briefing.library.store import (
    AddOutcome,
    Found,
    Library,
    LibraryError,
    Listed,
    Row,
    SearchError,
    Stats,
    Subscription,
    open_library,
)

__all__ = [
    "AddOutcome",
    "Found",
    "Library",
    "LibraryError",
    "Listed",
    "Row",
    "SearchError",
    "Stats",
    "Subscription",
    "open_library",
]
