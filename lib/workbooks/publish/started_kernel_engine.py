"""Papermill's nbclient engine as the runner uses it: it takes a kernel started ahead (``km=``, :mod:`.kernels`) as
one it started itself, and saves the executed notebook while it runs at most every
:data:`SAVE_AT_MOST_EVERY_SECONDS`, and at its end. Imported only by a run (:func:`.kernels.papermill_engine_for_started_kernels`):
Papermill is not needed to read the catalogue or print the help."""

from __future__ import annotations

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

STARTED_KERNEL_ENGINE = "workbooks-started-kernel"

# Papermill saves the whole executed notebook when each cell starts and when it ends. On 20,000 comments (a
# 29 MB notebook) that was about 1 s a cell; on 100,000, about 4 s. The notebook is saved at most this often
# while it runs, and always once at its end, error or not (Papermill's notebook_complete, in a finally), which
# is the save every reader of it (the export, a failed brief's cell) uses.
SAVE_AT_MOST_EVERY_SECONDS = 30


class SavedWhenDue(NotebookExecutionManager):
    """Papermill's record of the run, whose saves while the notebook runs (at each cell's start and end, and
    Papermill's autosave) happen only once the last is :data:`SAVE_AT_MOST_EVERY_SECONDS` old; its first save
    (the notebook with its parameters) and its last (``notebook_complete``, error or not) always happen."""

    saved = False

    def save(self, **kwargs):
        running = self.end_time is None
        since = (self.now() - self.last_save_time).total_seconds()
        if self.saved and running and since < SAVE_AT_MOST_EVERY_SECONDS:
            return
        super().save(**kwargs)
        self.saved = True


class ClientOwningItsKernel(PapermillNotebookClient):
    """Papermill's client, given a kernel started ahead, shuts it down after the notebook (Papermill's
    ``shutdown_kernel``) and closes its channels, as it does a kernel it started itself."""

    def __init__(self, nb_man, km=None, **kw):
        super().__init__(nb_man, km=km, **kw)
        self.owns_km = True  # started for this notebook alone: cleaned up after it


class StartedKernelEngine(NBClientEngine):
    """Papermill's nbclient engine with :class:`SavedWhenDue` for its record and :class:`ClientOwningItsKernel` for
    its client; without ``km`` it starts its own kernel, as Papermill's engine does."""

    record_class = SavedWhenDue

    @classmethod
    def execute_notebook(
        cls,
        nb,
        kernel_name,
        output_path=None,
        progress_bar=True,
        log_output=False,
        autosave_cell_every=30,
        **kwargs,
    ):
        """Papermill's ``Engine.execute_notebook``, with :class:`SavedWhenDue` for its record of the run."""
        nb_man = cls.record_class(
            nb,
            output_path=output_path,
            progress_bar=progress_bar,
            log_output=log_output,
            autosave_cell_every=autosave_cell_every,
        )
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        **kwargs,
    ):
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        return ClientOwningItsKernel(
            nb_man,
            **merge_kwargs(
                kwargs,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            ),
        ).execute()


def register() -> str:
    """Register the engine with Papermill (again is harmless) and return its name."""
    papermill_engines.register(STARTED_KERNEL_ENGINE, StartedKernelEngine)
    return STARTED_KERNEL_ENGINE
