"""The review workbench (notebooks/review_workbench.ipynb): a person checks what the automatic steps
decided (the codes of each comment, each practice's checklist scores, activity statuses), one click a
decision, each recorded with its reviewer and date, kept with its history; a blind mode for a second
reviewer; agreement between reviewers and the disagreements to settle.

It sits above the three workbooks, as cli.py does: each of its modules imports at most one workbook
(codes.py the consultation, scores.py the good practice, statuses.py the timeline), and no other part
of the library imports it.
"""
