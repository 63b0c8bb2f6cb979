"""What identifies a summary kept for later (in the library): the code
that made it and the options and edits it was made with. Light: imports
neither sumy nor NLTK, so a list can find kept summaries before either loads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from briefing.model import NO_EDITS, ArticleEdits, Options


@lru_cache(maxsize=1)
def made_by() -> str:
    """What makes summaries: the tool's version and a digest of the code
    that summarises (briefing.nlp and briefing.summarizers), so a summary
    kept in the library is never reused by code that would pick otherwise."""
    from briefing import __version__

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for folder in (package, package.parent / "nlp"):
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"briefing {__version__} {digest.hexdigest()[:16]}"


def options_key(options: Options, edits: ArticleEdits = NO_EDITS) -> str:
    """The options and edits that shape one article's summary, as a key."""
    return json.dumps(
        {
            **asdict(options),
            "excluded": sorted(edits.excluded),
            "pinned": sorted(edits.pinned),
        },
        sort_keys=True,
        separators=(",", ":"),
    )
