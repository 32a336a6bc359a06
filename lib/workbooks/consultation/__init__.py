"""The consultation-inputs workbook (notebooks/consultation_inputs.ipynb): who said what in the
Hub consultations. inputs -> codebook, coding, stakeholders -> analysis, quotes, validation ->
charts, live."""
