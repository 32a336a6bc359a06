# Kept on PyYAML, not ruamel.yaml: ruamel's line numbers come with YAML 1.2 (yes/no stay text, 010 is 10), ScalarFloat/ScalarInt
# values, a bare ValueError for 2024-02-30 and a repeated-key error without the first key's line, so it would need as much code.
"""The one reader of the YAML files people edit: parameter files, table sidecars, the codebook and
the checklist.

It reads bytes, decodes UTF-8 (:func:`workbooks.common.encodings.decode_utf8`: a bad byte is named
by its line, character and the key it sits under), parses with PyYAML's safe loader and keeps the line of every key and list item, so
that each caller can say ``FILE, line N, key 'k': problem`` through its own error class. Besides
what PyYAML refuses, it refuses a key given twice in one mapping (PyYAML keeps the last silently)
and names the line and key of an impossible date (``2024-02-30``, where PyYAML raises a bare
ValueError). Mappings load as :class:`YamlMapping` and lists as :class:`YamlList`: a dict and a list
that also know their lines (:func:`line_of`); :func:`plain` strips that where values leave the
project (a notebook's parameters).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import OrderedDict
from pathlib import Path
from typing import Callable

import yaml

from ..errors import NotTextError, YamlFileError
from .encodings import decode_utf8, yaml_key_at

_MERGE = "tag:yaml.org,2002:merge"


class YamlMapping(dict):
    """A mapping read from a YAML file: ``line`` where it starts, ``lines`` the line of each key."""

    def __init__(self, *args, line: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = line
        self.lines: dict = {}


class YamlList(list):
    """A list read from a YAML file: ``line`` where it starts, ``lines`` the line of each item."""

    def __init__(self, *args, line: int | None = None):
        super().__init__(*args)
        self.line = line
        self.lines: list[int] = []


def line_of(container, key=None) -> int | None:
    """The line of ``key`` (a mapping's key or a list's position) in its file, else of the
    container itself; None for values that were not read from a file."""
    if key is not None:
        if isinstance(container, YamlMapping) and key in container.lines:
            return container.lines[key]
        if isinstance(container, YamlList) and isinstance(key, int) and 0 <= key < len(container.lines):
            return container.lines[key]
    return getattr(container, "line", None)


def plain(value):
    """``value`` with every YamlMapping and YamlList turned into a plain dict and list."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


class _Problem(Exception):
    """Raised inside the loader; :func:`read_yaml_file` turns it into a YamlFileError."""

    def __init__(self, line: int, reason: str, key=None):
        super().__init__(reason)
        self.line, self.reason, self.key = line, reason, key


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader that records lines, refuses repeated keys and names impossible dates.
    Every value is built at once (deep), so a problem deep inside is named with its key."""

    def construct_mapping_with_lines(self, node: yaml.MappingNode) -> YamlMapping:
        if not isinstance(node, yaml.MappingNode):
            raise _Problem(_line(node), "expected a mapping")
        first_line: dict[object, int] = {}  # each key of the mapping -> the line it is first written on
        for key_node, _ in node.value:  # keys written in this mapping (not merged in with <<)
            if key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise _Problem(_line(key_node), "a key must be a single value, not a list or mapping") from None
            if key in first_line:
                raise _Problem(_line(key_node), f"given twice (first on line {first_line[key]})", key)
            first_line[key] = _line(key_node)
        self.flatten_mapping(node)
        mapping = YamlMapping(line=_line(node))
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                mapping[key] = self.construct_object(value_node, deep=True)
            except _Problem as problem:
                if problem.key is None:
                    problem.key = key
                raise
            mapping.lines[key] = _line(key_node)
        return mapping

    def construct_list_with_lines(self, node: yaml.SequenceNode) -> YamlList:
        items = YamlList(line=_line(node))
        for item_node in node.value:  # a problem inside an item is named by the key holding the list
            items.append(self.construct_object(item_node, deep=True))
            items.lines.append(_line(item_node))
        return items

    def construct_date_or_say_why(self, node: yaml.ScalarNode):
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError as error:
            raise _Problem(_line(node), f"{node.value} is not a real date ({error})") from None


LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping_with_lines)
LineLoader.add_constructor("tag:yaml.org,2002:seq", LineLoader.construct_list_with_lines)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", LineLoader.construct_date_or_say_why)


class TextDatesLoader(LineLoader):
    """LineLoader that keeps a date as the text written (``2024-02-30`` too): for a file whose dates are
    checked by what reads them, one entry at a time, so one impossible date does not make the whole file
    unreadable (the presenter's prepared views)."""

    def construct_date_as_text(self, node: yaml.ScalarNode) -> str:
        return self.construct_scalar(node)


TextDatesLoader.add_constructor("tag:yaml.org,2002:timestamp", TextDatesLoader.construct_date_as_text)


def _yaml_error_line(error: yaml.YAMLError, text: str) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return mark.line + 1
    position = getattr(error, "position", None)  # a ReaderError: a character YAML does not allow
    return text.count("\n", 0, position) + 1 if position is not None else None


def _yaml_error_reason(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError):
        context = error.context
        if context and error.context_mark and error.problem_mark and error.context_mark.line != error.problem_mark.line:
            context += f" that starts on line {error.context_mark.line + 1}"
        parts = [part for part in (context, error.problem) if part]
        return "not valid YAML: " + ("; ".join(parts) if parts else str(error))
    if isinstance(error, yaml.reader.ReaderError):
        return f"not valid YAML: character #x{error.character:04x} is not allowed in YAML text"
    return f"not valid YAML: {error}"


# The documents parsed, by their text: the same codebook, checklist or sidecar read again (a live view's redraw, the
# review workbench's reload, a check of every table) is copied from here, not parsed again (PyYAML's pure-Python
# parser takes 30 ms for the codebook, a copy by _copied 0.3 ms). Keyed by the text itself, so a file changed on disk is
# parsed afresh; a document that fails is never kept (its error is raised again, naming its own path).
_PARSED: OrderedDict[tuple[str, bool], object] = OrderedDict()
_PARSED_MOST = 256  # documents kept, the least recently read dropped first
_PARSED_LONGEST = 1_000_000  # characters: a longer text is parsed each time, never kept


_IMMUTABLE = (str, int, float, bool, type(None), dt.date)  # what the safe loaders build besides mappings and lists


def _copied(value, memo: dict[int, object] | None = None):
    """A deep copy of a parsed document, its lines kept: what ``copy.deepcopy`` gives (a value shared through a YAML
    alias stays shared), built directly for the two containers and the immutable scalars the loaders make, where
    deepcopy's generic reconstruction of a dict subclass took 15 times as long. Anything else goes to deepcopy."""
    memo = {} if memo is None else memo
    if id(value) in memo:
        return memo[id(value)]
    if type(value) is YamlMapping:
        mapping = memo[id(value)] = YamlMapping(line=value.line)
        mapping.update((key, _copied(item, memo)) for key, item in value.items())
        mapping.lines = dict(value.lines)
        return mapping
    if type(value) is YamlList:
        items = memo[id(value)] = YamlList(line=value.line)
        items.extend(_copied(item, memo) for item in value)
        items.lines = list(value.lines)
        return items
    if isinstance(value, _IMMUTABLE):
        return value
    return copy.deepcopy(value, memo)


def parse_yaml(text: str, path: Path | str = "<text>", dates_as_text: bool = False):
    """The document in ``text`` with lines recorded (None for an empty document); YamlFileError
    naming ``path``, the line and, where known, the key of any problem. ``dates_as_text``: dates kept
    as written (:class:`TextDatesLoader`). Each call returns its own copy: a caller may change it."""
    key = (text, dates_as_text)
    if key in _PARSED:
        _PARSED.move_to_end(key)
        return _copied(_PARSED[key])
    document = _parse_yaml(text, path, dates_as_text)
    if len(text) <= _PARSED_LONGEST:
        _PARSED[key] = _copied(document)
        while len(_PARSED) > _PARSED_MOST:
            _PARSED.popitem(last=False)
    return document


def _parse_yaml(text: str, path: Path | str, dates_as_text: bool):
    try:
        return yaml.load(text, Loader=TextDatesLoader if dates_as_text else LineLoader)  # noqa: S506 - SafeLoaders
    except _Problem as problem:
        raise YamlFileError(path, problem.line, problem.key, problem.reason) from None
    except yaml.YAMLError as error:
        raise YamlFileError(path, _yaml_error_line(error, text), None, _yaml_error_reason(error)) from None


def read_yaml_file(path: Path | str, error: Callable[[str], Exception] | None = None, dates_as_text: bool = False):
    """The YAML document in the file ``path`` (None when it is empty), with the line of every key
    and item. Any problem (no such file, not UTF-8, not YAML, a key twice, an impossible date) is
    raised as ``error(message)`` (default: YamlFileError), the message ``FILE, line N, key 'k': ...``."""
    return read_yaml_bytes(yaml_file_bytes(path, error), path, error, dates_as_text)


def yaml_file_bytes(path: Path | str, error: Callable[[str], Exception] | None = None) -> bytes:
    """The bytes of the file ``path``, for :func:`read_yaml_bytes`; no such file, or a folder, raised as
    ``error(message)`` (default: YamlFileError) naming it."""
    path = Path(path)
    try:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise YamlFileError(path, None, None, "no such file") from None
        except IsADirectoryError:
            raise YamlFileError(path, None, None, "is a folder, not a file") from None
    except YamlFileError as problem:
        if error is None:
            raise
        raise error(str(problem)) from None


def read_yaml_bytes(
    data: bytes, path: Path | str, error: Callable[[str], Exception] | None = None, dates_as_text: bool = False
):
    """:func:`read_yaml_file` of the bytes ``data`` read from ``path`` (:func:`yaml_file_bytes`): for a caller that
    keeps what it makes of a file by the file's bytes (:func:`workbooks.good_practice.checklist.load_checklist`)."""
    path = Path(path)
    try:
        try:
            text = decode_utf8(data)
        except NotTextError as problem:
            key = yaml_key_at(data, problem.position) if problem.position is not None else None
            raise YamlFileError(path, problem.line, key, problem.reason) from None
        return parse_yaml(text, path, dates_as_text)
    except YamlFileError as problem:
        if error is None:
            raise
        raise error(str(problem)) from None
