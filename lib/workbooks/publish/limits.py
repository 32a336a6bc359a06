"""How long a run waits, declared once: read by the runner and by the command line's defaults (this module imports
nothing, so that `workbooks --help` stays quick)."""

DEFAULT_CELL_TIMEOUT_SECONDS = 600  # a brief's cells take seconds; a cell running ten minutes is stuck
# after a cell's reply, how long its outputs may take to arrive: Papermill stops the brief past it, and nbclient's
# default, 4 s, stopped a brief on 100,000 comments whose front matter carries 27 MB of facts for the next edition
OUTPUT_TIMEOUT_SECONDS = 120
DEFAULT_WAIT_SECONDS = 600  # for another run's lock on the same output folder
