"""Helpers that know nothing of the project's data or workbooks: paths, atomic files, text,
patterns, dates, roman numerals. Nothing here imports from the rest of the package."""
