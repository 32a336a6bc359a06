"""The workbooks command: ingest writes a valid table; bad input is a clear error and never overwrites."""

import pytest

from conftest import ROOT, write_sidecar
from workbooks.cli import main


def test_ingest_all_registered_workstream_pages(project, capsys):
    out = project / "data" / "rebuilt.csv"
    assert main(["ingest", "workstream", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "data" / "activities.csv").read_text(encoding="utf-8")
    assert "wrote 18 activities from 6 pages" in capsys.readouterr().out


def test_bad_page_is_an_error_and_the_good_output_stays(project, capsys):
    page = project / "data" / "raw" / "pages" / "000_1a0fd3d6edc5478c.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("Q2-Q3 2024", "Q2-Q3 of 2024"), encoding="utf-8")
    out = project / "data" / "activities.csv"
    before = out.read_bytes()
    assert main(["ingest", "workstream", str(page), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert str(page) in error and "line 71" in error and "'Q2-Q3 of 2024'" in error
    assert out.read_bytes() == before


def test_unregistered_page_is_named(project, capsys):
    stray = project / "stray.txt"
    stray.write_text("i. A thing.\nTimeline: 2023\n", encoding="utf-8")
    assert main(["ingest", "workstream", str(stray), "--out", str(project / "x.csv")]) == 1
    assert "stray.txt: not registered in data/sources.csv" in capsys.readouterr().err
    assert not (project / "x.csv").exists()


def test_check_data_reports_a_bad_row(project, capsys):
    log = project / "data" / "status_log.csv"
    log.write_text(log.read_text() + "Alternatives to immigration detention,i,2024-01-01,Finished,hub-x,\n")
    assert main(["check-data"]) == 1
    said = capsys.readouterr()
    assert "status_log.csv" in said.err
    # every table it read is listed, with its rows; the one it could not read said so
    listed = [line.strip() for line in said.out.splitlines() if line.startswith("  data/")]
    assert len(listed) == len(list((project / "data").glob("*.csv")))
    assert "data/comments.csv: 24 rows read" in listed
    assert "data/status_log.csv: could not be read (below)" in listed


def test_check_data_lists_the_tables_it_found_valid(project, capsys):
    assert main(["check-data"]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"checking every table in {project / 'data'}")
    assert "  data/activities.csv: 18 rows read\n" in said and "  data/status_log.csv: 0 rows read\n" in said
    assert said.rstrip().endswith("all data tables valid: their layouts, sidecars and the references between them")


def test_ingest_all_registered_discussion_pages(project, capsys):
    out = project / "data" / "rebuilt_comments.csv"
    assert main(["ingest", "discussion", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "data" / "comments.csv").read_text(encoding="utf-8")
    assert (project / "data" / "rebuilt_comments.questions.csv").read_text(encoding="utf-8") == (
        ROOT / "data" / "questions.csv"
    ).read_text(encoding="utf-8")
    printed = capsys.readouterr().out
    assert "seed-002-draft-network-workplan: 14 comments, 3 questions" in printed
    assert (
        "hub-comment-1546: 1 comment, 1 question" in printed
        and "hub-champion-countries: 0 comments, 1 question" in printed
    )
    assert "wrote 24 comments (22 cut off by the page)" in printed


def test_ingest_discussion_refuses_a_workstream_page(project, capsys):
    page = project / "data" / "raw" / "pages" / "000_1a0fd3d6edc5478c.txt"
    assert main(["ingest", "discussion", str(page), "--out", str(project / "c.csv")]) == 1
    assert "not a discussion page" in capsys.readouterr().err
    assert not (project / "c.csv").exists()


def test_code_keeps_columns_and_adds_codes(project, capsys):
    out = project / "coded.csv"
    assert main(["code", "data/comments.csv", "--out", str(out)]) == 0
    import pandas as pd

    coded = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(coded.columns)[-5:] == ["gcm_objectives", "principles", "themes", "priorities", "evidence"]
    assert len(coded) == 24
    assert "wrote 24 comments" in capsys.readouterr().out


def test_the_comments_template_loads_with_the_comments_schema(project):
    out = project / "template.coded.csv"
    assert main(["code", str(ROOT / "data" / "templates" / "comments.template.csv"), "--out", str(out)]) == 0


def test_a_bad_external_comments_file_names_file_line_and_column_and_writes_nothing(project, capsys):
    bad = project / "survey.csv"
    template = (ROOT / "data" / "templates" / "comments.template.csv").read_text(encoding="utf-8")
    bad.write_text(template + "survey,,survey-c02,,,15/03/2023,,Some text,maybe,survey export\n", encoding="utf-8")
    write_sidecar(bad, "comments", illustrative=True)
    out = project / "coded.csv"
    out.write_text("previous good output", encoding="utf-8")
    assert main(["code", str(bad), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "survey.csv" in error and "line 3, column 'posted'" in error and "line 3, column 'truncated'" in error
    assert out.read_text(encoding="utf-8") == "previous good output"


def test_ingest_practices_rebuilds_the_committed_table(project, capsys):
    out = project / "data" / "rebuilt_practices.csv"
    assert main(["ingest", "practices", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "data" / "practices.csv").read_text(encoding="utf-8")
    assert "wrote 96 practice records" in capsys.readouterr().out


def test_score_writes_every_practice_and_item_and_a_bad_review_leaves_the_old_scores(project, capsys):
    out = project / "scores.csv"
    assert main(["score", "--out", str(out)]) == 0
    assert (
        "wrote 1,152 scores (96 practices x 12 items; 20 checked by an AI assistant, not yet by a person)"
        in capsys.readouterr().out
    )
    before = out.read_bytes()
    reviews = project / "data" / "assessments.csv"
    reviews.write_text(
        reviews.read_text(encoding="utf-8").replace(",social-dialogue,0,", ",social-dialogue,75,"), encoding="utf-8"
    )
    assert main(["score", "--out", str(out)]) == 1
    assert "line 11, column 'score': '75' must be one of: 0, 50, 100" in capsys.readouterr().err
    assert out.read_bytes() == before


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["run", "--help"], ["run", "--jobs", "0"]])
def test_help_and_usage_errors_load_no_heavy_library(argv):
    """`workbooks --help` starts in a blink: the command line is read before pandas, pandera,
    nbformat or matplotlib are imported (each handler imports what it needs)."""
    import subprocess
    import sys

    probe = (
        "import sys\nfrom workbooks.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'pandera', 'nbformat', 'matplotlib', 'numpy', 'yaml') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()[-1]
    assert loaded == "[]"


def test_the_runs_loaders_are_imported_only_when_a_brief_is_checked():
    """`workbooks run` hands the runner the loaders to import when it first checks a brief: a run whose briefs are
    all unchanged (it checks none) imports no workbook, nor pandas or matplotlib; the first loader asked for is the
    workbook's own function."""
    import subprocess
    import sys

    probe = (
        "import sys\nfrom workbooks.cli import LoadersWhenNeeded\nloaders = LoadersWhenNeeded()\n"
        "heavy = ('pandas', 'matplotlib', 'workbooks.timeline.inputs', 'workbooks.consultation.inputs')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "load = loaders['timeline_progress']\n"
        "print(load.__module__, load.__name__, sorted(loaders), len(loaders))\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    before, asked, after = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout.splitlines()[-3:]
    assert before == "[]"
    assert asked == (
        "workbooks.timeline.inputs load_timeline_inputs "
        "['consultation_inputs', 'good_practice_comparison', 'timeline_progress'] 3"
    )
    assert after == "['matplotlib', 'pandas', 'workbooks.consultation.inputs', 'workbooks.timeline.inputs']"


def _subcommands(parser, path=("workbooks",)):
    """Every parser in the command tree with its command words: workbooks, workbooks ingest, workbooks ingest workstream..."""
    import argparse

    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _subcommands(child, path + (name,))


def test_every_option_and_positional_of_every_command_has_help():
    import argparse

    from workbooks.cli import build_parser

    missing = [
        f"{' '.join(path)} {'/'.join(action.option_strings) or action.dest}"
        for path, parser in _subcommands(build_parser())
        for action in parser._actions
        if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction))
        and (not action.help or action.help == argparse.SUPPRESS)
    ]
    assert missing == []


def test_every_command_ends_its_help_with_one_to_three_examples_that_parse(capsys):
    import shlex

    from workbooks.cli import build_parser

    problems = []
    for path, parser in _subcommands(build_parser()):
        command = " ".join(path)
        lines = (parser.epilog or "").split("\n")
        if lines[0] != "examples:" or not 1 <= len(lines) - 1 <= 3:
            problems.append(f"{command}: its epilog is not 'examples:' and one to three command lines")
            continue
        if not parser.format_help().rstrip("\n").endswith("\n".join(lines)):
            problems.append(f"{command}: the help does not end with the examples as written")
        for line in lines[1:]:
            words = shlex.split(line)
            if words[: len(path)] != list(path):
                problems.append(f"{command}: the example {line.strip()!r} is not a '{command}' command line")
                continue
            try:
                build_parser().parse_args(words[1:])
            except SystemExit as stop:  # --help exits 0; a usage error 2
                if stop.code != 0:
                    problems.append(f"{command}: the example {line.strip()!r} is not a valid command line")
    capsys.readouterr()
    assert problems == []


def test_version_prints_the_installed_version(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"workbooks {version('integration-workbooks')}\n"


def _usage_error(argv, capsys) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    return capsys.readouterr().err


def test_jobs_below_one_is_a_usage_error(capsys):
    assert "argument --jobs: expected at least 1 job, got 0" in _usage_error(["run", "--jobs", "0"], capsys)
    assert "expected at least 1 job, got -2" in _usage_error(["run", "--jobs", "-2"], capsys)
    assert "expected a whole number of jobs, got 'two'" in _usage_error(["run", "--jobs", "two"], capsys)


def test_a_port_outside_1_to_65535_is_a_usage_error(capsys):
    from workbooks.cli import build_parser

    assert "argument --port: expected a port number from 1 to 65535, got 0" in _usage_error(
        ["present", "--port", "0"], capsys
    )
    assert "got 65536" in _usage_error(["present", "--port", "65536"], capsys)
    assert "expected a port number (1 to 65535), got 'http'" in _usage_error(["present", "--port", "http"], capsys)
    assert build_parser().parse_args(["present", "--port", "65535"]).port == 65535
    assert build_parser().parse_args(["present", "--port", "1"]).port == 1


def test_a_handlers_exit_code_is_never_2_which_is_for_usage_errors_only():
    """Exit 2 is argparse's, for a command line it cannot read: no command returns it for anything else."""
    import ast
    import inspect

    import workbooks.cli
    import workbooks.presenter.server
    import workbooks.publish.runner

    returned = [
        (module.__name__, node.lineno)
        for module in (workbooks.cli, workbooks.publish.runner, workbooks.presenter.server)
        for node in ast.walk(ast.parse(inspect.getsource(module)))
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Constant) and node.value.value == 2
    ]
    assert returned == []
