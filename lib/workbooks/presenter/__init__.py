"""Presenter mode: the workbooks' live views served by Voila for a webinar (``workbooks present``)."""
