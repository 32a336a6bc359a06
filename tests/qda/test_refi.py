"""REFI-QDA files: written in the order the standard's schema requires, read back whole, and files
from other tools that cannot be used refused with the file, part and element named."""

import zipfile

import pytest
from lxml import etree

from workbooks.errors import QdaFileError
from workbooks.qda import refi


def _project() -> refi.Project:
    coder, person = (
        refi.User(refi.guid_for("user", "coder"), "coder"),
        refi.User(refi.guid_for("user", "p"), "A Person"),
    )
    theme = refi.Code(refi.guid_for("code", "t"), "Social dialogue", "theme-social-dialogue: talks between workers...")
    family = refi.Code(refi.guid_for("family", "f"), "Checklist themes", "The themes.", codable=False, children=[theme])
    variables = [
        refi.Variable(refi.guid_for("v", "author"), "author"),
        refi.Variable(refi.guid_for("v", "cut"), "truncated", "Boolean"),
        refi.Variable(refi.guid_for("v", "posted"), "posted", "Date"),
    ]
    text = "Café owners <b>&amp; unions: social dialogue\nmatters.\r\nEnd"
    start = text.index("social dialogue")
    note = refi.Note(
        refi.guid_for("note", "1"), "Review", "kept by A Person: 'social dialogue'", person.guid, "2026-11-23T00:00:00Z"
    )
    source = refi.TextSource(
        refi.guid_for("comment", "c1"),
        "c1",
        text,
        "Someone, in a discussion",
        coder.guid,
        selections=[
            refi.Selection(
                refi.guid_for("passage", "c1", "0"),
                start,
                start + len("social dialogue"),
                "social dialogue",
                coder.guid,
                codings=[
                    refi.Coding(
                        refi.guid_for("coding", "1"), theme.guid, person.guid, "2026-11-23T00:00:00Z", [note.guid]
                    )
                ],
            )
        ],
        codings=[refi.Coding(refi.guid_for("coding", "2"), theme.guid, person.guid)],
        note_guids=[note.guid],
        values=[(variables[0].guid, "Ana <Müller>"), (variables[1].guid, False), (variables[2].guid, "2022-01-11")],
    )
    return refi.Project(
        "Test \x01 project", "tests", "A project.", [coder, person], [family], variables, [source], [note]
    )


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(refi.SCHEMA)))


def test_a_project_validates_against_the_standards_schema(schema, tmp_path):
    path = refi.write_qdpx(_project(), tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("project.qde"))
        source_files = [name for name in archive.namelist() if name.startswith("Sources/")]
    assert schema.validate(document), schema.error_log
    assert source_files == [f"Sources/{refi.guid_for('comment', 'c1')}.txt"]


def test_the_schema_refuses_what_the_standard_refuses(schema):
    """The schema check is real: a selection without its required endPosition is invalid."""
    document = etree.fromstring(refi.project_xml(_project()))
    selection = document.find(f".//{{{refi.NAMESPACE}}}PlainTextSelection")
    del selection.attrib["endPosition"]
    assert not schema.validate(document)


def test_what_is_written_is_read_back_whole(tmp_path):
    written = _project()
    read = refi.read_qdpx(refi.write_qdpx(written, tmp_path / "p.qdpx"))
    assert read.name == "Test \ufffd project"  # a character XML cannot hold, replaced (never in a source's text)
    assert [(u.guid, u.name) for u in read.users] == [(u.guid, u.name) for u in written.users]
    assert [(c.guid, c.name, c.description, c.codable) for c in read.every_code()] == [
        (c.guid, c.name, c.description, c.codable) for c in written.every_code()
    ]
    source, original = read.sources[0], written.sources[0]
    assert source.text == original.text  # \r\n and markup kept as they were: positions count these characters
    assert [(s.start, s.end) for s in source.selections] == [(s.start, s.end) for s in original.selections]
    assert source.text[source.selections[0].start : source.selections[0].end] == "social dialogue"
    assert source.selections[0].codings[0].note_guids == [written.notes[0].guid]
    assert [c.code_guid for c in source.codings] == [c.code_guid for c in original.codings]
    assert source.values == [
        (original.values[0][0], "Ana <Müller>"),
        (original.values[1][0], "false"),
        (original.values[2][0], "2022-01-11"),
    ]
    assert read.notes[0].text == written.notes[0].text
    assert read.description == "A project."


def test_the_same_project_gives_the_same_bytes(tmp_path):
    assert refi.qdpx_bytes(_project()) == refi.qdpx_bytes(_project())
    assert refi.guid_for("comment", "c1") == refi.guid_for("comment", "c1") != refi.guid_for("comment", "c2")


def test_a_source_with_its_text_inside_the_xml_is_read(tmp_path):
    """Other tools may put the text in PlainTextContent instead of a file under Sources/."""
    xml = refi.project_xml(_project()).decode()
    guid = refi.guid_for("comment", "c1")
    xml = xml.replace(f'plainTextPath="internal://{guid}.txt"', "").replace(
        "<Description>Someone, in a discussion</Description>",
        "<Description>Someone, in a discussion</Description>\n<PlainTextContent>Café owners &lt;b&gt;&amp;amp; unions: "
        "social dialogue\nmatters.\r\nEnd</PlainTextContent>",
    )
    path = tmp_path / "inline.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
    assert refi.read_qdpx(path).sources[0].text.startswith("Café owners <b>&amp; unions: social dialogue")


def _with_qde(tmp_path, xml: str, sources: dict | None = None):
    path = tmp_path / "edited.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        for name, data in (sources or {}).items():
            archive.writestr(name, data)
    return path


def _text_part():
    return {f"Sources/{refi.guid_for('comment', 'c1')}.txt": _project().sources[0].text.encode()}


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda xml: xml.replace('startPosition="', 'startPosition="x'), "startPosition 'x"),
        (lambda xml: xml.replace('endPosition="', 'endPosition="9'), "lie outside the source's"),
        (lambda xml: xml.replace("<CodeRef", "<NotACodeRef"), "a Coding without a CodeRef"),
        (
            lambda xml: xml.replace('<Project xmlns="urn:QDA-XML:project:1.0"', '<Project xmlns="urn:other"'),
            "not a QDA-XML Project",
        ),
        (lambda xml: xml.replace("</Sources>", "<Sources>", 1), "not well-formed XML"),
        (lambda xml: xml.replace('plainTextPath="internal://', 'plainTextPath="C:/Users/me/'), "outside the project"),
    ],
)
def test_a_project_it_cannot_use_is_said_with_the_file_and_element(tmp_path, edit, message):
    path = _with_qde(tmp_path, edit(refi.project_xml(_project()).decode()), _text_part())
    with pytest.raises(QdaFileError, match=message) as raised:
        refi.read_qdpx(path)
    assert str(raised.value).startswith(f"{path}")


def test_a_not_well_formed_project_names_its_line(tmp_path):
    xml = refi.project_xml(_project()).decode().splitlines()
    xml[5] = xml[5] + "<broken"
    with pytest.raises(QdaFileError, match=r"project.qde, line \d+, column \d+: not well-formed"):
        refi.read_qdpx(_with_qde(tmp_path, "\n".join(xml), _text_part()))


def test_not_a_zip_no_project_part_and_a_missing_source_text_are_said(tmp_path):
    not_zip = tmp_path / "notes.qdpx"
    not_zip.write_text("hello")
    with pytest.raises(QdaFileError, match="is not one"):
        refi.read_qdpx(not_zip)
    empty = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "no project here")
    with pytest.raises(QdaFileError, match="no project.qde inside"):
        refi.read_qdpx(empty)
    with pytest.raises(QdaFileError, match="has no part 'Sources/"):
        refi.read_qdpx(_with_qde(tmp_path, refi.project_xml(_project()).decode()))


def test_a_part_larger_than_the_reader_takes_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    path = refi.write_qdpx(_project(), tmp_path / "p.qdpx")
    monkeypatch.setattr(refi, "_LARGEST_PART", 100)
    with pytest.raises(QdaFileError, match="bytes unpacked, more than this reader takes"):
        refi.read_qdpx(path)


def test_a_codebook_is_the_codes_alone_in_the_codebook_namespace():
    document = etree.fromstring(refi.codebook_xml(_project().codes, origin="tests"))
    assert document.tag == f"{{{refi.CODEBOOK_NAMESPACE}}}CodeBook"
    names = [code.get("name") for code in document.iter(f"{{{refi.CODEBOOK_NAMESPACE}}}Code")]
    assert names == ["Checklist themes", "Social dialogue"]
