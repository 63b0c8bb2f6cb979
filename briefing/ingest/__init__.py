"""Inputs to articles: discovery of inputs, decoding, one reader per format,
and the block structure every reader gives."""
