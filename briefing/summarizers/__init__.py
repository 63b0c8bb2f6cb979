"""Ranking and picking sentences: the registry, sumy's adapters, fast
rankers, coherence units."""
