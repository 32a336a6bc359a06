"""Parsers that turn Hub page text into tidy tables (one module per kind of page)."""
