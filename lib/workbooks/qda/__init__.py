"""Exchange with qualitative-analysis tools through the REFI-QDA standard (:mod:`.refi`); knows no workbook."""
