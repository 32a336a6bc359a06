"""Briefs: parameter files in params/ through Papermill and nbconvert into outputs/, and the
index page. Knows no workbook: it runs whatever notebooks/NOTEBOOK.ipynb the parameter files name."""
