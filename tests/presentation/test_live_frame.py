"""What every live view's kernel does in presenter mode, whatever the workbook."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from workbooks.presentation import PRESENTER_KERNEL, live


def _kernel_log(monkeypatch) -> logging.Logger:
    log = logging.getLogger("test-presenter-kernel")
    log.filters.clear()
    shell = SimpleNamespace(kernel=SimpleNamespace(log=log))
    monkeypatch.setattr("IPython.get_ipython", lambda: shell)
    return log


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("IPKernelApp", logging.ERROR, __file__, 1, message, (), None)


def test_a_presenter_kernel_does_not_print_the_interrupt_of_its_own_shutdown(monkeypatch):
    """Jupyter interrupts every kernel it shuts down: a page left while its kernel handled a message printed
    "KeyboardInterrupt caught in kernel." in the presenter's terminal. Other errors still show."""
    log = _kernel_log(monkeypatch)
    asked = []
    monkeypatch.setenv(PRESENTER_KERNEL, "1")
    monkeypatch.setenv("QUERY_STRING", "")
    view = SimpleNamespace(apply_query=asked.append)
    live.follow_page_address(view)
    live.follow_page_address(view)  # a notebook run twice: one filter
    assert asked == ["", ""] and len(log.filters) == 1
    assert not log.filters[0].filter(_record("KeyboardInterrupt caught in kernel."))
    assert log.filters[0].filter(_record("Exception in message handler:"))


def test_in_jupyterlab_the_kernels_log_is_left_as_it_is(monkeypatch):
    log = _kernel_log(monkeypatch)
    monkeypatch.delenv(PRESENTER_KERNEL, raising=False)
    live.follow_page_address(SimpleNamespace(apply_query=lambda query: None))
    assert log.filters == []
