"""Every table in data/: layouts (column metadata declared once) turned into pandera schemas and
the data dictionary, the shared vocabularies, loading with sidecars and provenance, the sources
registry and the GCM reference lists. Knows no workbook."""
