"""`workbooks synth`: synthetic tables in the real layouts, marked illustrative, that the workbooks'
own loaders accept, with every reference holding; deterministic for a seed; never into data/."""

from __future__ import annotations

import pytest

from conftest import ROOT
from workbooks.cli import main
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.good_practice.inputs import load_practice_inputs
from workbooks.synth.generate import DISCUSSION_PREFIX, MARKER, SynthError, generate
from workbooks.tables.datasets import illustrative_rows, load_dataset
from workbooks.tables.layouts import FROM_SOURCE_PAGE, LAYOUTS
from workbooks.tables.references import ReferenceTarget, reference_problems, yaml_reference_targets
from workbooks.timeline.inputs import load_timeline_inputs

N = 50
FILES = ("comments", "questions", "activities", "status_log", "practices", "assessments")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    generate(folder, seed=7, comments=N, activities=N, practices=N, root=ROOT)
    return folder


def test_counts_are_exactly_those_asked_and_every_file_has_its_sidecar(out):
    datasets = {name: load_dataset(out / f"{name}.csv", ROOT, layout=name) for name in FILES}
    assert {name: len(datasets[name].frame) for name in ("comments", "activities", "practices")} == {
        "comments": N,
        "activities": N,
        "practices": N,
    }
    for name, dataset in datasets.items():
        assert dataset.illustrative, name
        assert illustrative_rows(dataset.frame, name).all(), name
        assert "synthetic data for benchmarks and tests" in dataset.meta["provenance"].lower()
        assert "workbooks synth --comments 50 --activities 50 --practices 50 --seed 7" in dataset.meta["provenance"]


def test_every_reference_holds_within_the_output(out):
    """Each layout's references to the other synthetic tables, the codebook and the checklist;
    references to data/sources.csv are the 'illustrative' mark (the rule for invented rows)."""
    frames = {name: load_dataset(out / f"{name}.csv", ROOT, layout=name).frame for name in FILES}
    targets = {name: ReferenceTarget(frame, f"{name}.csv") for name, frame in frames.items()}
    targets.update(yaml_reference_targets(ROOT)[0])
    for name, frame in frames.items():
        declared = [reference for reference in LAYOUTS[name].references if reference != FROM_SOURCE_PAGE]
        assert all(reference.target in targets for reference in declared), name
        assert reference_problems(frame, LAYOUTS[name], targets) == [], name
    assert frames["comments"]["question"].notna().any() and frames["status_log"].shape[0] > 0


def test_the_consultation_loader_accepts_the_comments_and_codes_some(out):
    inputs = load_consultation_inputs(out / "comments.csv", out / "questions.csv", [], [], root=ROOT)
    assert len(inputs.coded) == N and inputs.illustrative
    assert set(inputs.coded["discussion"]) == {f"{DISCUSSION_PREFIX}01"}
    coded = (inputs.coded[["gcm_objectives", "principles", "themes"]] != "").any(axis=1).mean()
    assert 0.2 < coded < 1.0  # a realistic rate: most comments raise a code, not every one
    assert inputs.caveats()[0].text.startswith("ILLUSTRATIVE") or "invented" in inputs.caveats()[0].text


def test_the_timeline_loader_accepts_the_activities_and_status_log(out):
    inputs = load_timeline_inputs(out / "activities.csv", out / "status_log.csv", [], "2024-06-30", root=ROOT)
    assert len(inputs.selected) == N and inputs.illustrative and inputs.caveats()


def test_the_comparison_loader_accepts_the_practices_and_assessments(out):
    ids = [f"synthetic-{i:06d}" for i in range(1, 5)]
    inputs = load_practice_inputs(out / "practices.csv", out / "assessments.csv", ids, [], [], [], [], root=ROOT)
    assert len(inputs.practices) == N and inputs.illustrative and inputs.ids == ids
    assert (inputs.scores["method"] != "automatic").any() and (inputs.scores["score"] > 0).any()


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_rows(out, tmp_path):
    generate(tmp_path / "same", seed=7, comments=N, activities=N, practices=N, root=ROOT)
    generate(tmp_path / "other", seed=8, comments=N, activities=N, practices=N, root=ROOT)
    for name in FILES:
        for suffix in (".csv", ".meta.yaml"):
            assert (tmp_path / "same" / f"{name}{suffix}").read_bytes() == (out / f"{name}{suffix}").read_bytes()
    for name in ("comments", "activities", "practices"):
        assert (tmp_path / "other" / f"{name}.csv").read_bytes() != (out / f"{name}.csv").read_bytes()


def test_one_family_alone_gives_the_same_rows(out, tmp_path):
    generate(tmp_path, seed=7, comments=N, root=ROOT)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["comments.csv", "comments.meta.yaml", "questions.csv", "questions.meta.yaml", MARKER]
    )
    assert (tmp_path / "comments.csv").read_bytes() == (out / "comments.csv").read_bytes()


def test_data_folder_is_refused(tmp_path):
    with pytest.raises(SynthError, match="never goes into the project's data/"):
        generate(ROOT / "data", seed=1, comments=5, root=ROOT)
    with pytest.raises(SynthError, match="never goes into"):
        generate(ROOT / "data" / "synth", seed=1, comments=5, root=ROOT)
    assert not (ROOT / "data" / "synth").exists()


@pytest.mark.parametrize("argv", [["--comments", "0"], ["--activities", "-3"], ["--practices", "x"], []])
def test_counts_below_one_or_none_asked_are_usage_errors(argv, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["synth", *argv, "--out", str(tmp_path)])
    assert stopped.value.code == 2
    assert "error" in capsys.readouterr().err


def test_the_command_prints_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBOOKS_ROOT", str(ROOT))
    assert main(["synth", "--comments", "20", "--seed", "1", "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and "20 comments" in lines[0]


def test_a_folder_synth_did_not_make_is_refused_and_left_as_it_was(tmp_path, capsys, monkeypatch):
    """A non-empty folder without synth's marker: refused, naming what is there; nothing written or deleted."""
    monkeypatch.setenv("WORKBOOKS_ROOT", str(ROOT))
    mine = tmp_path / "comments.csv"
    mine.write_text("a researcher's own comments", encoding="utf-8")
    assert main(["synth", "--comments", "5", "--out", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert f"--out {tmp_path}: holds 1 file or folder synth did not write (comments.csv)" in error
    assert MARKER in error and "Traceback" not in error
    assert sorted(path.name for path in tmp_path.iterdir()) == ["comments.csv"]
    assert mine.read_text(encoding="utf-8") == "a researcher's own comments"
    (tmp_path / "notes").mkdir()  # a folder counts too, and many are shortened
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(
        SynthError, match=r"holds 4 files or folders synth did not write \(a.txt, b.txt, comments.csv and 1 more\)"
    ):
        generate(tmp_path, seed=1, comments=5, root=ROOT)


def test_a_file_as_out_is_refused(tmp_path):
    (tmp_path / "out.csv").write_text("x", encoding="utf-8")
    with pytest.raises(SynthError, match="is a file; give a folder"):
        generate(tmp_path / "out.csv", seed=1, comments=5, root=ROOT)


def test_an_empty_folder_is_taken_and_marked(tmp_path):
    generate(tmp_path, seed=1, activities=3, root=ROOT)
    marker = (tmp_path / MARKER).read_text(encoding="utf-8")
    assert "workbooks synth --activities 3 --seed 1" in marker
    assert "- activities.csv\n- activities.meta.yaml\n- status_log.csv\n- status_log.meta.yaml\n" in marker


def test_a_second_run_into_its_own_folder_deletes_the_first_run_s_files_and_keeps_others(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBOOKS_ROOT", str(ROOT))
    assert main(["synth", "--comments", "5", "--practices", "3", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    (tmp_path / "my_notes.txt").write_text("kept", encoding="utf-8")  # added by a person after the first run
    assert main(["synth", "--activities", "4", "--out", str(tmp_path)]) == 0
    said = capsys.readouterr().out
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["activities.csv", "activities.meta.yaml", "status_log.csv", "status_log.meta.yaml", MARKER, "my_notes.txt"]
    )
    assert "deleted the previous run's questions.csv, questions.meta.yaml, comments.csv" in said
    assert (tmp_path / "my_notes.txt").read_text(encoding="utf-8") == "kept"
    # the same families again: the same files, rewritten; nothing said deleted
    assert main(["synth", "--activities", "4", "--out", str(tmp_path)]) == 0
    assert "deleted" not in capsys.readouterr().out
    assert load_dataset(tmp_path / "activities.csv", ROOT, layout="activities").frame.shape[0] == 4


@pytest.mark.parametrize("files", ["- ../outside.csv", "- /etc/passwd", "- sub/x.csv", "not a list", "- ''"])
def test_a_marker_naming_files_outside_its_folder_is_refused_and_nothing_is_deleted(tmp_path, files):
    outside = tmp_path / "outside.csv"
    outside.write_text("keep me", encoding="utf-8")
    out = tmp_path / "synth"
    out.mkdir()
    (out / MARKER).write_text(f"files:\n{files}\n" if files.startswith("-") else f"files: {files}\n", encoding="utf-8")
    with pytest.raises(SynthError, match=f"{MARKER}: not a marker synth wrote"):
        generate(out, seed=1, comments=5, root=ROOT)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert sorted(path.name for path in out.iterdir()) == [MARKER]
