"""Atomic writes: a bad output path is an OSError naming it, and nothing is left behind."""

import pytest

from workbooks.common.files import atomic_write_bytes, atomic_write_text


def test_an_output_naming_a_folder_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(IsADirectoryError) as refused:
        atomic_write_text(tmp_path, "x")
    assert refused.value.filename == str(tmp_path) and "is a folder" in refused.value.strerror
    assert list(tmp_path.iterdir()) == [] and not list(tmp_path.parent.glob(f".{tmp_path.name}.*"))


def test_an_output_under_a_file_names_the_file_in_the_way(tmp_path):
    (tmp_path / "scores.csv").write_text("kept", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="under .*scores.csv, which is a file"):
        atomic_write_bytes(tmp_path / "scores.csv" / "deeper" / "dictionary.md", b"x")
    assert (tmp_path / "scores.csv").read_text(encoding="utf-8") == "kept"


def test_a_new_folder_is_made_and_the_file_replaced_whole(tmp_path):
    target = tmp_path / "new" / "out.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text(encoding="utf-8") == "second" and [p.name for p in target.parent.iterdir()] == ["out.txt"]
