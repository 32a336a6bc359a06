"""What a reader sees, for every workbook alike: escaped HTML pieces, banners and provenance
(:mod:`.html`) and the house chart style (:mod:`.style`). Knows no workbook."""
