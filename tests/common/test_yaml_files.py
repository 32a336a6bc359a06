"""The one YAML reader: bytes to text with the line of a bad byte, every key's line kept, a key
given twice and an impossible date refused naming file, line and key."""

from __future__ import annotations

import pytest

from workbooks.common.yaml_files import YamlList, YamlMapping, line_of, plain, read_yaml_file
from workbooks.errors import CodebookError, YamlFileError


def _write(tmp_path, data: bytes | str, name: str = "f.yaml"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_every_key_and_item_knows_its_line(tmp_path):
    path = _write(tmp_path, "title: t\ncodes:\n  - code: a\n    include: ['x',\n              'y']\n")
    document = read_yaml_file(path)
    assert isinstance(document, YamlMapping) and line_of(document, "codes") == 2
    codes = document["codes"]
    assert isinstance(codes, YamlList) and line_of(codes, 0) == 3
    assert line_of(codes[0], "include") == 4 and line_of(codes[0]["include"], 1) == 5
    assert plain(document) == {"title": "t", "codes": [{"code": "a", "include": ["x", "y"]}]}
    assert type(plain(document)["codes"]) is list


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml, line 3, key 'a': given twice (first on line 1)"),
        ("title: t\nas_of: 2024-02-30\n", "f.yaml, line 2, key 'as_of': 2024-02-30 is not a real date"),
        ("items:\n  - key: k\n    date: 2023-13-01\n", "f.yaml, line 3, key 'date': 2023-13-01 is not a real date"),
        ("a: [1,\nb: 2\n", "f.yaml, line 3: not valid YAML"),
        ("a: 1\n b: 2\n", "f.yaml, line 2: not valid YAML"),
        ("a: 1\nb: \x07\n", "f.yaml, line 2: not valid YAML: character #x0007 is not allowed"),
        (
            "a: !!python/object/apply:os.system ['ls']\n",
            "f.yaml, line 1: not valid YAML: could not determine a constructor",
        ),
    ],
)
def test_problems_name_file_line_and_key(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(YamlFileError) as error:
        read_yaml_file(path)
    assert str(error.value).startswith(message.replace("f.yaml", str(path)))


def test_a_merge_key_may_be_overridden_without_being_a_repeat(tmp_path):
    document = read_yaml_file(_write(tmp_path, "base: &b {x: 1, y: 2}\nother: {<<: *b, y: 3}\n"))
    assert document["other"] == {"x": 1, "y": 3}


def test_a_bad_byte_is_named_by_its_line_not_its_offset(tmp_path):
    lines = [f"key{n}: value {n}" for n in range(1, 10)]
    data = ("\n".join(lines[:6]) + "\n").encode() + b"key7: caf\xe9\n" + ("\n".join(lines[7:]) + "\n").encode()
    path = _write(tmp_path, data)
    with pytest.raises(YamlFileError) as error:
        read_yaml_file(path)
    message = str(error.value)
    assert message.startswith(f"{path}, line 7, key 'key7': character 10: byte 0xe9 is not UTF-8")
    assert "looks like Latin-1/Windows-1252" in message and "re-save it as UTF-8" in message


@pytest.mark.parametrize(
    "data, named",
    [
        (b"title: t\ncodes:\n  - code: a\n    include: ['caf\xe9']\n", "line 4, key 'include': character 19"),
        (b"codes:\n  - code: a\n    include:\n      - 'x'\n      - 'caf\xe9'\n", "line 5, key 'include': character 13"),
        (b"include:\n- 'caf\xe9'\n", "line 2, key 'include': character 7"),  # a list at its key's indent
        (b"title: t\ndescription: >-\n  a long\n  d\xe9scription\n", "line 4, key 'description': character 4"),
        (b"'quoted key': caf\xe9\n", "line 1, key 'quoted key': character 18"),
        (b"# caf\xe9\ntitle: t\n", "line 1: character 6"),  # no key above: none named
    ],
)
def test_a_bad_byte_is_named_by_the_key_it_sits_under(tmp_path, data, named):
    with pytest.raises(YamlFileError) as error:
        read_yaml_file(_write(tmp_path, data))
    assert str(error.value).startswith(f"{tmp_path / 'f.yaml'}, {named}: byte 0x")


def test_utf16_and_a_utf8_bom(tmp_path):
    with pytest.raises(YamlFileError, match="line 1: the file is UTF-16"):
        read_yaml_file(_write(tmp_path, "a: 1\n".encode("utf-16")))
    assert read_yaml_file(_write(tmp_path, "\ufeffa: 1\n".encode("utf-8"))) == {"a": 1}


def test_the_callers_error_class_carries_the_message(tmp_path):
    with pytest.raises(CodebookError, match=r"^.*nope.yaml: no such file$"):
        read_yaml_file(tmp_path / "nope.yaml", CodebookError)
    assert read_yaml_file(_write(tmp_path, "")) is None


def test_a_document_read_again_is_a_copy_with_its_lines_and_a_changed_file_is_read_afresh(tmp_path):
    path = _write(tmp_path, "title: t\ncodes:\n  - code: a\n")
    first = read_yaml_file(path)
    first["codes"][0]["code"] = "changed by its caller"
    first["codes"].append("more")
    again = read_yaml_file(path)  # the same text: kept, and what the first caller changed is not in it
    assert plain(again) == {"title": "t", "codes": [{"code": "a"}]} and again is not first
    assert isinstance(again["codes"], YamlList) and line_of(again["codes"], 0) == 3 and line_of(again, "codes") == 2
    _write(tmp_path, "title: t\ncodes:\n  - code: b\n", name="f.yaml")
    assert plain(read_yaml_file(path))["codes"] == [{"code": "b"}]
    _write(tmp_path, "title: t\ntitle: u\n", name="f.yaml")  # a failing document is never kept: its error each time
    for _ in range(2):
        with pytest.raises(YamlFileError, match="line 2, key 'title'"):
            read_yaml_file(path)


def test_a_document_read_again_is_what_a_deep_copy_gives_aliases_dates_and_sets_included(tmp_path):
    """The copy of a kept document (built directly, not by copy.deepcopy): equal to a fresh parse, of the same types,
    lines and all; a value shared through an alias stays shared within the copy and apart from the kept one; a value
    of another type (a set) is copied too."""
    import copy
    import datetime as dt

    text = "base: &b {x: [1, 2]}\nfirst: *b\nsecond: *b\nday: 2024-06-30\nflags: !!set {a, b}\nnone: ~\n"
    path = _write(tmp_path, text)
    fresh = read_yaml_file(path)
    kept = read_yaml_file(path)  # the copy of the kept document
    assert kept == fresh == copy.deepcopy(fresh)
    assert kept["day"] == dt.date(2024, 6, 30) and kept["flags"] == {"a", "b"} and kept["none"] is None
    assert [type(kept[key]) for key in ("base", "first")] == [YamlMapping, YamlMapping]
    assert type(kept["base"]["x"]) is YamlList and kept["base"]["x"].lines == [1, 1]
    assert kept["first"] is kept["second"] is kept["base"]  # shared as the alias shares it
    kept["first"]["x"].append(3)
    kept["flags"].clear()
    kept.lines["day"] = 99
    again = read_yaml_file(path)
    assert again == fresh and again["base"]["x"] == [1, 2] and line_of(again, "day") == 4
