"""The project's errors: one hierarchy, caught once by the CLI and by the brief runner.

Every error here is for a person: its message says what was wrong and where (file, line, column,
key or parameter), so the CLI prints it as it is, without a traceback.

    WorkbooksError
    ├── DataError            a file that cannot be used as it is (ValueError)
    │   ├── NotTextError         bytes that are not UTF-8 text: the line of the first bad byte
    │   ├── YamlFileError        a hand-edited YAML file that does not parse: file, line and key
    │   ├── TableError           a CSV that does not fit its layout: file, line and column
    │   ├── SidecarError         a table's YAML sidecar
    │   ├── CodebookError        data/codebook.yaml
    │   ├── ChecklistError       data/checklist.yaml
    │   ├── PageFormatError      a stored Hub page: file and line
    │   ├── TimelineFormatError  a timeline text the grammar does not read
    │   ├── UnregisteredSourceError   a page not in data/sources.csv
    │   ├── RegistrationError    a page that cannot be added to data/sources.csv as given
    │   ├── QdaFileError         a REFI-QDA project (.qdpx) that cannot be read: file, part and element
    │   └── AlertsConfigError    params/alerts.yaml (where alerts of a run go): file, line and key
    ├── ParameterError       a brief's parameter: file and key, or the parameter's name (ValueError)
    ├── RunnerError          running briefs: a missing kernel, an unknown brief, a brief loading another host
    └── PresenterError       presenter mode: its port taken by another program
"""

from __future__ import annotations

from pathlib import Path


class WorkbooksError(Exception):
    """Anything the project reports to a person as a message."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows in JupyterLab and in presenter mode: the message, not a traceback."""
        return [f"{type(self).__name__}: {self}"]

    def __reduce__(self):
        """Pickled as its message and attributes, not by calling ``__init__`` again with the message alone (which the
        errors built from a path, a line and a reason cannot take): an error raised in a pool or Dask worker reaches
        the runner whole."""
        return _restored, (type(self), self.args, self.__dict__)


def _restored(kind: type[WorkbooksError], args: tuple, attributes: dict) -> WorkbooksError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(attributes)
    return error


class DataError(WorkbooksError, ValueError):
    """A data file (table, sidecar, codebook, checklist, page) that cannot be used as it is."""


class NotTextError(DataError):
    """Bytes that are not UTF-8 text (another encoding, a binary file); the message names the line
    and character of the first bad byte and, where it can tell, what the file is and how to fix it.
    Readers catch it and report it with their file (:mod:`workbooks.common.encodings`)."""

    def __init__(self, line: int, reason: str, position: int | None = None):
        self.line = line
        self.reason = reason
        self.position = position  # offset of the bad byte, to name its field; None: the whole file is not text
        super().__init__(f"line {line}: {reason}")


class YamlFileError(DataError):
    """A YAML file that cannot be read: not UTF-8, not YAML, a key given twice, an impossible date.
    The message is ``FILE, line N, key 'k': problem`` (line and key where known); each reader turns
    it into its own error class (:mod:`workbooks.common.yaml_files`)."""

    def __init__(self, path: Path | str, line: int | None, key, reason: str):
        self.path, self.line, self.key, self.reason = str(path), line, key, reason
        super().__init__(located(path, line, key, reason))


def located(path: Path | str, line: int | None, key, reason: str, of: str | None = None) -> str:
    """``FILE, line N, key 'k': reason`` (``key 'k' of ENTRY`` with ``of``), leaving out what is not known."""
    field = f"key {key!r}" + (f" of {of}" if of else "") if key is not None else of
    where = [str(path)] + ([f"line {line}"] if line else []) + ([field] if field else [])
    return f"{', '.join(where)}: {reason}"


class TableError(DataError):
    """A table that does not fit its layout; the message names file, line and column: one problem as
    ``FILE: line N, column C: ...``, more as ``FILE: N problems`` and one line each (the first 20)."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        if len(problems) == 1:  # "FILE: line N, column C: ...", "FILE: no such file"
            super().__init__(f"{self.path}: {problems[0]}")
            return
        shown = problems[:20]
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{self.path}: {len(problems)} problems\n  " + "\n  ".join(shown) + more)


class SidecarError(DataError):
    """A table's sidecar (NAME.meta.yaml) that is missing or does not say what it must."""


class CodebookError(DataError):
    """A codebook that cannot be used; the message names the file and the code."""


class ChecklistError(DataError):
    """A checklist file that cannot be used; the message names the file and the entry."""


class PageFormatError(DataError):
    """A page whose text cannot be read as the expected kind of page."""

    def __init__(self, path: Path | str, line_number: int | None, message: str):
        self.path = str(path)
        self.line_number = line_number
        where = f"{self.path}, line {line_number}" if line_number else self.path
        super().__init__(f"{where}: {message}")


class TimelineFormatError(DataError):
    """A timeline text that the grammar does not read."""

    def __init__(self, text: str, reason: str):
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read timeline {text!r}: {reason}")


class UnregisteredSourceError(DataError, LookupError):
    """A page file that data/sources.csv does not register (or registers twice)."""


class RegistrationError(DataError):
    """A page that ``workbooks add page`` cannot register as given: a bad URL or date, or a file,
    URL or source_id the registry already holds."""


class QdaFileError(DataError):
    """A REFI-QDA project (``.qdpx``, from NVivo, ATLAS.ti, MAXQDA, QualCoder...) that cannot be read:
    not a zip, no ``project.qde``, XML that does not parse, or an element without what it must have;
    the message names the file, the part and the element (its name or guid)."""


class AlertsConfigError(DataError):
    """The alerts' settings (params/alerts.yaml: mail server, recipients, webhook) cannot be used; the message
    names the file, line and key. The runner reads them before any brief runs."""


class ParameterError(WorkbooksError, ValueError):
    """A parameter that cannot be used: in a parameter file (named with its key) or, inside a
    notebook, a parameter's value (named by the parameter)."""

    def __init__(
        self, path: Path | str | None, key: str | None, message: str, line: int | None = None, items: list | tuple = ()
    ):
        self.path, self.key, self.line, self.reason = (str(path) if path else None), key, line, message
        self.items = list(items)  # the values of a list parameter at fault, so a file can be pointed to their lines
        self.parts: list[ParameterError] = []  # every problem, the first included, of an error made by of_all
        if path:
            super().__init__(located(path, line, key or None, message))
        else:
            super().__init__(f"parameter {key!r}: {message}" if key else message)

    @classmethod
    def of_all(cls, problems: list[ParameterError]) -> ParameterError:
        """One error for every problem found in a reading of a parameter file, each said on its own line, so that a
        researcher mends them all before running again: the first's file, key and line, all of them in ``parts``."""
        first = problems[0]
        if len(problems) == 1:
            return first
        combined = cls(first.path, first.key, first.reason, first.line, first.items)
        combined.parts = list(problems)
        combined.args = ("\n".join(str(problem) for problem in problems),)
        return combined

    @property
    def others(self) -> list[ParameterError]:
        """The file's problems after the first, found in the same reading (:meth:`of_all`)."""
        return self.parts[1:]


class ReviewError(WorkbooksError, ValueError):
    """A decision the review workbench cannot record as asked: no reviewer's name, a thing to check that
    is no longer in its file, a file changed on disk since the workbench read it. The message says what
    to do; nothing is recorded."""


class UsageError(WorkbooksError):
    """Options of a command that do not go together (``--scheduler`` without ``--executor dask``): the CLI
    says it with the command's usage and exits 2, as argparse does for a command line it cannot read."""


class RunnerError(WorkbooksError, RuntimeError):
    """The brief runner cannot go on: no such brief, no project kernel, a brief loading another host."""


class PresenterError(WorkbooksError, RuntimeError):
    """Presenter mode cannot start: its port is taken by another program, or Voila is missing."""


class PreparedViewsError(DataError):
    """params/presenter_views.yaml cannot be read or names what no view has; the message names the
    file, line and key. The landing page shows it in place of the prepared views."""
