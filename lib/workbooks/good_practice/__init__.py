"""The good-practice comparison workbook (notebooks/good_practice_comparison.ipynb): practice
records side by side on the workstream's checklist. records (the build of data/practices.csv),
inputs -> checklist, scoring -> compare, similarity -> charts, live."""
