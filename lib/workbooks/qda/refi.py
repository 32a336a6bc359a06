"""REFI-QDA exchange files: the format qualitative-analysis tools (NVivo, ATLAS.ti, MAXQDA,
QualCoder...) read and write, knowing nothing of this project's data.

- a **project** (``.qdpx``): a zip holding ``project.qde`` (QDA-XML, namespace
  ``urn:QDA-XML:project:1.0``, the schema ``schema/Project.xsd`` beside this module) and, for each
  text source, its plain text in ``Sources/GUID.txt`` (``plainTextPath="internal://GUID.txt"``);
- a **codebook** (``.qdc``): the codes alone, namespace ``urn:QDA-XML:codebook:1.0``.

A coded passage is a ``PlainTextSelection`` of a text source, its start and end positions counted
in characters of the source's text, holding one ``Coding`` per code given to it. Every element has a
GUID; :func:`guid_for` makes them from stable keys, so the same data gives the same file, byte for
byte, and a file coming back can be matched to what was written.

Reading (:func:`read_qdpx`) takes files written by other tools: what it cannot use is a
:class:`~workbooks.errors.QdaFileError` naming the file, the part and the element."""

from __future__ import annotations

import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..common.files import atomic_write_bytes
from ..errors import QdaFileError

NAMESPACE = "urn:QDA-XML:project:1.0"
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
PROJECT_PART = "project.qde"
SCHEMA = Path(__file__).with_name("schema") / "Project.xsd"
_VALUE_ELEMENTS = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every part dated alike: the same project gives the same bytes
_LARGEST_PART = 512 << 20  # a project.qde or source text larger than this unpacked is refused (a zip bomb)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold
_GUIDS = uuid.UUID("6f1d8a52-3c1e-4e0b-9a57-2b1f0c6d7e11")  # this project's namespace for name-based GUIDs


def guid_for(*keys: str) -> str:
    """A GUID made from stable keys (a UUID 5): the same keys give the same GUID in every export."""
    return str(uuid.uuid5(_GUIDS, "\x1f".join(keys)))


@dataclass
class User:
    guid: str
    name: str


@dataclass
class Code:
    guid: str
    name: str
    description: str = ""
    codable: bool = True
    children: list[Code] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Variable:
    guid: str
    name: str
    kind: str = "Text"  # Text, Boolean, Integer, Float, Date or DateTime (typeOfVariable)
    description: str = ""


@dataclass
class Coding:
    guid: str
    code_guid: str
    user_guid: str = ""
    created: str = ""  # xsd:dateTime, e.g. 2026-11-23T00:00:00Z; "" for none
    note_guids: list[str] = field(default_factory=list)


@dataclass
class Selection:
    """A passage of a text source, from ``start`` to ``end`` (characters), and the codes given to it."""

    guid: str
    start: int
    end: int
    name: str = ""
    user_guid: str = ""
    created: str = ""
    codings: list[Coding] = field(default_factory=list)


@dataclass
class TextSource:
    guid: str
    name: str
    text: str
    description: str = ""
    user_guid: str = ""
    selections: list[Selection] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)  # codes given to the whole source
    note_guids: list[str] = field(default_factory=list)
    values: list[tuple[str, object]] = field(default_factory=list)  # (variable guid, value)


@dataclass
class Note:
    guid: str
    name: str
    text: str
    user_guid: str = ""
    created: str = ""


@dataclass
class Project:
    name: str
    origin: str = ""
    description: str = ""
    users: list[User] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    sources: list[TextSource] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def every_code(self) -> list[Code]:
        return [code for top in self.codes for code in top.walk()]


# ---- writing ---------------------------------------------------------------------------------------


def _xml_text(value: str) -> str:
    """``value`` with the characters XML cannot hold replaced by U+FFFD (source texts are not
    changed: they travel as plain text files, where positions are counted)."""
    return _NOT_XML.sub("\ufffd", str(value))


def _element(parent, tag: str, attributes: dict | None = None, text: str | None = None, namespace: str = NAMESPACE):
    element = ET.SubElement(
        parent,
        f"{{{namespace}}}{tag}",
        {name: _xml_text(value) for name, value in (attributes or {}).items() if value not in ("", None)},
    )
    if text is not None:
        element.text = _xml_text(text)
    return element


def _code_element(parent, code: Code, namespace: str) -> None:
    element = _element(
        parent,
        "Code",
        {"guid": code.guid, "name": code.name, "isCodable": "true" if code.codable else "false"},
        namespace=namespace,
    )
    if code.description:
        _element(element, "Description", text=code.description, namespace=namespace)
    for child in code.children:
        _code_element(element, child, namespace)


def _coding_element(parent, coding: Coding) -> None:
    element = _element(
        parent, "Coding", {"guid": coding.guid, "creatingUser": coding.user_guid, "creationDateTime": coding.created}
    )
    _element(element, "CodeRef", {"targetGUID": coding.code_guid})
    for note in coding.note_guids:
        _element(element, "NoteRef", {"targetGUID": note})


def _value_text(kind: str, value) -> str:
    if kind == "Boolean":
        return "true" if value else "false"
    return str(value)


def _source_element(parent, source: TextSource, tag: str = "TextSource", inline: bool = False):
    attributes = {"guid": source.guid, "name": source.name, "creatingUser": source.user_guid}
    if not inline:
        attributes["plainTextPath"] = f"internal://{source.guid}.txt"
    element = _element(parent, tag, attributes)
    if source.description:
        _element(element, "Description", text=source.description)
    if inline:
        _element(element, "PlainTextContent", text=source.text)
    for selection in source.selections:
        selected = _element(
            element,
            "PlainTextSelection",
            {
                "guid": selection.guid,
                "name": selection.name,
                "startPosition": str(selection.start),
                "endPosition": str(selection.end),
                "creatingUser": selection.user_guid,
                "creationDateTime": selection.created,
            },
        )
        for coding in selection.codings:
            _coding_element(selected, coding)
    for coding in source.codings:
        _coding_element(element, coding)
    for note in source.note_guids:
        _element(element, "NoteRef", {"targetGUID": note})
    return element


def project_xml(project: Project) -> bytes:
    """``project.qde``: the project as QDA-XML, in the order Project.xsd requires."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}Project", {"name": _xml_text(project.name)})
    if project.origin:
        root.set("origin", _xml_text(project.origin))
    if project.users:
        users = _element(root, "Users")
        for user in project.users:
            _element(users, "User", {"guid": user.guid, "name": user.name})
    if project.codes:
        codes = _element(_element(root, "CodeBook"), "Codes")
        for code in project.codes:
            _code_element(codes, code, NAMESPACE)
    kinds = {variable.guid: variable.kind for variable in project.variables}
    if project.variables:
        variables = _element(root, "Variables")
        for variable in project.variables:
            element = _element(
                variables, "Variable", {"guid": variable.guid, "name": variable.name, "typeOfVariable": variable.kind}
            )
            if variable.description:
                _element(element, "Description", text=variable.description)
    if project.sources:
        sources = _element(root, "Sources")
        for source in project.sources:
            element = _source_element(sources, source)
            for variable_guid, value in source.values:
                value_element = _element(element, "VariableValue")
                _element(value_element, "VariableRef", {"targetGUID": variable_guid})
                kind = kinds[variable_guid]
                _element(value_element, _VALUE_ELEMENTS[kind], text=_value_text(kind, value))
    if project.notes:
        notes = _element(root, "Notes")
        for note in project.notes:
            _source_element(
                notes, TextSource(note.guid, note.name, note.text, user_guid=note.user_guid), tag="Note", inline=True
            )
    if project.description:
        _element(root, "Description", text=project.description)
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def qdpx_bytes(project: Project) -> bytes:
    """The ``.qdpx`` zip: ``project.qde`` and ``Sources/GUID.txt`` for each text source (UTF-8)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        add(PROJECT_PART, project_xml(project))
        for source in project.sources:
            add(f"Sources/{source.guid}.txt", source.text.encode("utf-8"))
    return buffer.getvalue()


def write_qdpx(project: Project, path: Path | str) -> Path:
    """Write the project as a ``.qdpx`` file, replacing ``path`` in one rename."""
    return atomic_write_bytes(path, qdpx_bytes(project))


def codebook_xml(codes: list[Code], origin: str = "") -> bytes:
    """A REFI-QDA codebook (``.qdc``): the codes with their descriptions, in the codebook namespace."""
    ET.register_namespace("", CODEBOOK_NAMESPACE)
    root = ET.Element(f"{{{CODEBOOK_NAMESPACE}}}CodeBook", {"origin": _xml_text(origin)} if origin else {})
    codes_element = _element(root, "Codes", namespace=CODEBOOK_NAMESPACE)
    for code in codes:
        _code_element(codes_element, code, CODEBOOK_NAMESPACE)
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


# ---- reading ---------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, path: Path, archive: zipfile.ZipFile):
        self.path, self.archive = path, archive

    def error(self, where: str, reason: str) -> QdaFileError:
        return QdaFileError(f"{self.path}, {PROJECT_PART}, {where}: {reason}")

    def part(self, name: str) -> bytes:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            raise QdaFileError(f"{self.path}: has no part {name!r}") from None
        if info.file_size > _LARGEST_PART:
            raise QdaFileError(
                f"{self.path}, {name}: {info.file_size:,} bytes unpacked, more than this reader takes "
                f"({_LARGEST_PART:,})"
            )
        return self.archive.read(info)

    def attribute(self, element, name: str, where: str, required: bool = True) -> str:
        value = element.get(name)
        if value is None or (required and not value.strip()):
            if required:
                raise self.error(where, f"has no {name!r}")
            return ""
        return value

    def position(self, element, name: str, where: str) -> int:
        value = self.attribute(element, name, where)
        try:
            return int(value)
        except ValueError:
            raise self.error(where, f"{name} {value!r} is not a whole number") from None

    def source_text(self, element, where: str) -> str:
        content = element.find(_tag("PlainTextContent"))
        if content is not None:
            return content.text or ""
        path = element.get("plainTextPath", "")
        if not path:
            raise self.error(where, "has neither PlainTextContent nor plainTextPath: its text is not in the file")
        if not path.startswith("internal://"):
            raise self.error(where, f"its text is outside the project ({path!r}); export the project with its sources")
        name = "Sources/" + path[len("internal://") :]
        data = self.part(name)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as problem:
            raise QdaFileError(f"{self.path}, {name}: not UTF-8 text (byte {problem.start})") from None

    def codings(self, parent, where: str) -> list[Coding]:
        found = []
        for element in parent.findall(_tag("Coding")):
            code_ref = element.find(_tag("CodeRef"))
            if code_ref is None:
                raise self.error(where, "a Coding without a CodeRef")
            found.append(
                Coding(
                    guid=element.get("guid", ""),
                    code_guid=self.attribute(code_ref, "targetGUID", where),
                    user_guid=element.get("creatingUser", ""),
                    created=element.get("creationDateTime", ""),
                    note_guids=[ref.get("targetGUID", "") for ref in element.findall(_tag("NoteRef"))],
                )
            )
        return found


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _read_code(reader: _Reader, element) -> Code:
    name = element.get("name", "")
    where = f"Code {name!r}" if name else "a Code"
    description = element.find(_tag("Description"))
    return Code(
        guid=reader.attribute(element, "guid", where),
        name=name,
        description=(description.text or "") if description is not None else "",
        codable=element.get("isCodable", "true").strip().lower() in ("true", "1"),
        children=[_read_code(reader, child) for child in element.findall(_tag("Code"))],
    )


def read_qdpx(path: Path | str) -> Project:
    """A ``.qdpx`` project: its users, codes, variables, text sources with their selections and
    codings, and notes. Sources other than text (PDF, pictures, audio, video) are left out."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise QdaFileError(f"{path}: not a REFI-QDA project (.qdpx is a zip file; this is not one)") from None
    with archive:
        reader = _Reader(path, archive)
        names = {name.lower(): name for name in archive.namelist()}
        part = names.get(PROJECT_PART) or next(
            (name for lowered, name in names.items() if lowered.endswith(".qde")), None
        )
        if part is None:
            raise QdaFileError(f"{path}: no {PROJECT_PART} inside; is it a REFI-QDA project (.qdpx)?")
        try:
            root = ET.fromstring(reader.part(part))
        except ET.ParseError as problem:
            line, column = problem.position
            raise QdaFileError(
                f"{path}, {part}, line {line}, column {column + 1}: not well-formed XML ({problem})"
            ) from None
        if root.tag != _tag("Project"):
            raise QdaFileError(
                f"{path}, {part}: the root element is {root.tag!r}, not a QDA-XML Project (namespace {NAMESPACE})"
            )
        project = Project(name=root.get("name", ""), origin=root.get("origin", ""))
        for user in root.iterfind(f"{_tag('Users')}/{_tag('User')}"):
            project.users.append(User(reader.attribute(user, "guid", "a User"), user.get("name", "")))
        for code in root.iterfind(f"{_tag('CodeBook')}/{_tag('Codes')}/{_tag('Code')}"):
            project.codes.append(_read_code(reader, code))
        for variable in root.iterfind(f"{_tag('Variables')}/{_tag('Variable')}"):
            name = variable.get("name", "")
            read = Variable(
                reader.attribute(variable, "guid", f"Variable {name!r}"), name, variable.get("typeOfVariable", "Text")
            )
            project.variables.append(read)
        sources = root.find(_tag("Sources"))
        for element in sources.findall(_tag("TextSource")) if sources is not None else []:
            name = element.get("name", "")
            where = f"TextSource {name!r}" if name else f"TextSource {element.get('guid', '')!r}"
            source = TextSource(
                guid=reader.attribute(element, "guid", where),
                name=name,
                text=reader.source_text(element, where),
                user_guid=element.get("creatingUser", ""),
            )
            for selected in element.findall(_tag("PlainTextSelection")):
                at = f"{where}, PlainTextSelection {selected.get('guid', '')!r}"
                start, end = (
                    reader.position(selected, "startPosition", at),
                    reader.position(selected, "endPosition", at),
                )
                if not 0 <= start <= end <= len(source.text):
                    raise reader.error(
                        at, f"positions {start}-{end} lie outside the source's {len(source.text)} characters"
                    )
                source.selections.append(
                    Selection(
                        guid=selected.get("guid", ""),
                        start=start,
                        end=end,
                        name=selected.get("name", ""),
                        user_guid=selected.get("creatingUser", ""),
                        created=selected.get("creationDateTime", ""),
                        codings=reader.codings(selected, at),
                    )
                )
            source.codings = reader.codings(element, where)
            source.note_guids = [ref.get("targetGUID", "") for ref in element.findall(_tag("NoteRef"))]
            for value in element.findall(_tag("VariableValue")):
                ref = value.find(_tag("VariableRef"))
                if ref is None:
                    raise reader.error(where, "a VariableValue without a VariableRef")
                variable_guid = reader.attribute(ref, "targetGUID", where)
                written = next((child for child in value if child.tag != _tag("VariableRef")), None)
                source.values.append((variable_guid, (written.text or "") if written is not None else ""))
            project.sources.append(source)
        for note in root.iterfind(f"{_tag('Notes')}/{_tag('Note')}"):
            where = f"Note {note.get('name', '')!r}"
            project.notes.append(
                Note(
                    guid=reader.attribute(note, "guid", where),
                    name=note.get("name", ""),
                    text=reader.source_text(note, where),
                    user_guid=note.get("creatingUser", ""),
                )
            )
        description = root.find(_tag("Description"))
        project.description = (description.text or "") if description is not None else ""
        return project
