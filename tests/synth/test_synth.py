"""`workbooks synth`: synthetic tables in the real layouts, marked illustrative, that the workbooks'
own loaders accept, with every reference holding; deterministic for a seed; never into data/."""
from __future__ import annotations

import pytest

from conftest import ROOT
from workbooks.cli import main
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.good_practice.inputs import load_practice_inputs
from workbooks.synth.generate import DISCUSSION_PREFIX, SynthError, generate
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
    assert {name: len(datasets[name].frame) for name in ("comments", "activities", "practices")} == \
        {"comments": N, "activities": N, "practices": N}
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
        ["comments.csv", "comments.meta.yaml", "questions.csv", "questions.meta.yaml"])
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
