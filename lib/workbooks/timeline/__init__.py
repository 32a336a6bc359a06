"""The timeline-progress workbook (notebooks/timeline_progress.ipynb): planned quarters against
recorded statuses, as of any date. inputs -> status, progress -> charts, live."""
