"""briefing: dated, cited Markdown briefings from piles of news reports."""

__version__ = "0.1.0"
