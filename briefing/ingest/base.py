"""What every reader shares, below the registry: the one-line failure a
reader raises. (The registry, readers.py, knows every format; a format
never imports the registry: an e-mail that needs to read its attachments
is handed the registry's look-up.)"""

from __future__ import annotations


class Unreadable(ValueError):
    """The input is of a known format but holds nothing to read (one line)."""
