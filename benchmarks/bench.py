"""`make bench`: the project's speed as ratios, one run, side by side on this machine.

Prints a table (figure, value, target, met) and writes the same figures to outputs/bench.json:

- cli_help_s              `workbooks --help` as a whole process (median of 5)             target <= 0.3
- import_floor_s          `python -c "import pandas, matplotlib.pyplot, ipywidgets"` with the compiled
                          bytecode `make setup` installs (uv --compile-bytecode), median of 3    (reported)
- import_floor_uncompiled_s  the same import with no cached bytecode to use (`-B -X pycache_prefix=`
                          an empty folder: every module compiled from source), median of 3      (reported)
- import_uncompiled_vs_compiled  the second against the first: what the compiled install saves     (reported)
- batch_vs_floor          the shipped briefs, `workbooks run --jobs 2`, against the floor:
                          briefs x import_floor_s / 2                                            target <= 1.5
- rerun_vs_cold           the same run again, nothing changed, against the first            target <= 0.05
- scale_100k_vs_real      the consultation brief on 100,000 synthetic comments against the
                          brief on the real ones                                             target <= 3
- peak_pss_mb             the largest memory of the whole process tree (runner, kernel and chromium)
                          during the 100,000-comment brief, each process's proportional set size
                          (PSS: a page shared by several processes counted once, split among them) target <= 1536
- peak_rss_sum_mb         the same peak as the sum of each process's resident memory, which counts
                          a shared page once per process that maps it (chromium's nine processes
                          share its 200 MB binary): the figure this table gave until 7 December   (reported)
- coding_speedup_vs_loop  `code_comments` against a plain per-comment, per-pattern loop (the
                          reference coder of tests/reference_versions.py) on the same synthetic
                          comments, labels asserted identical                                (reported)
- widget_redraw_ms_median the consultation live view redrawn after a filter change at
                          100,000 comments (median of 11)                                    target <= 250

Every brief runs in a copy of the project in a temporary folder: nothing in the checkout changes.
Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKBOOKS = BIN / "workbooks"
SCALE_COMMENTS = int(os.environ.get("WORKBOOKS_BENCH_COMMENTS", "100000"))
LOOP_COMMENTS = int(os.environ.get("WORKBOOKS_BENCH_LOOP_COMMENTS", "100000"))
TARGETS = {
    "cli_help_s": 0.3,
    "import_floor_s": None,
    "import_floor_uncompiled_s": None,
    "import_uncompiled_vs_compiled": None,
    "batch_vs_floor": 1.5,
    "rerun_vs_cold": 0.05,
    "scale_100k_vs_real": 3.0,
    "peak_pss_mb": 1536,
    "peak_rss_sum_mb": None,
    "coding_speedup_vs_loop": None,
    "widget_redraw_ms_median": 250,
}


def seconds(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(
        command,
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    return time.perf_counter() - started


class PeakMemory:
    """The largest memory of a process and all its children, sampled every 0.2 s: summed as proportional set
    sizes (PSS, Linux's smaps_rollup: each shared page split among the processes mapping it), and summed as
    resident sizes (RSS: each shared page counted in every process)."""

    def __init__(self, process: subprocess.Popen):
        import psutil

        self.root, self.peak_pss, self.peak_rss_sum, self._psutil = psutil.Process(process.pid), 0, 0, psutil
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while True:
            try:
                tree = [self.root, *self.root.children(recursive=True)]
                pss = rss = 0
                for member in tree:
                    try:
                        memory = member.memory_full_info()
                    except self._psutil.Error:
                        continue
                    pss, rss = pss + memory.pss, rss + memory.rss
                self.peak_pss, self.peak_rss_sum = max(self.peak_pss, pss), max(self.peak_rss_sum, rss)
            except self._psutil.Error:
                return
            time.sleep(0.2)


def timed_run_with_memory(command: list[str], env: dict) -> tuple[float, PeakMemory]:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**os.environ, **env}
    )
    memory = PeakMemory(process)
    _, err = process.communicate()
    if process.returncode != 0:
        raise BenchStepFailed(f"{' '.join(command)} failed:\n{err}")
    return time.perf_counter() - started, memory


class BenchStepFailed(Exception):
    """A step of the benchmark that could not be measured: said in the table, the other figures still taken."""


def project_copy(folder: Path) -> Path:
    root = folder / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root)
    for name in ("notebooks", "data", "params"):
        shutil.copytree(ROOT / name, root / name)
    return root


def cli_help() -> float:
    return statistics.median(seconds([str(WORKBOOKS), "--help"]) for _ in range(5))


FLOOR_IMPORT = "import pandas, matplotlib.pyplot, ipywidgets"


def import_floor(compiled: bool) -> float:
    """The median of 3 imports of what every brief's kernel loads. Compiled: the bytecode in the installed
    packages' __pycache__ folders, as `make setup` writes it. Not: Python looks for bytecode only under an
    empty pycache_prefix and writes none there (-B), so every module is compiled from its source each time."""
    if compiled:
        return statistics.median(seconds([sys.executable, "-c", FLOOR_IMPORT]) for _ in range(3))
    with tempfile.TemporaryDirectory(prefix="workbooks-bench-no-bytecode-") as empty:
        probe = [sys.executable, "-B", "-X", f"pycache_prefix={empty}", "-c", FLOOR_IMPORT]
        timings = [seconds(probe) for _ in range(3)]
        assert not any(Path(empty).iterdir()), "bytecode was written under the empty pycache_prefix"
    return statistics.median(timings)


def batch_and_rerun(root: Path) -> tuple[float, float]:
    env = {"WORKBOOKS_ROOT": str(root)}
    out = root / "outputs"
    cold = seconds([str(WORKBOOKS), "run", "--jobs", "2", "--force", "--out", str(out)], env=env)
    rerun = seconds([str(WORKBOOKS), "run", "--jobs", "2", "--out", str(out)], env=env)
    return cold, rerun


def synthetic(root: Path, comments: int) -> Path:
    out = root.parent / "synthetic"
    subprocess.run(
        [
            str(WORKBOOKS),
            "synth",
            "--comments",
            str(comments),
            "--activities",
            "50",
            "--practices",
            "200",
            "--seed",
            "2026",
            "--out",
            str(out),
        ],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "WORKBOOKS_ROOT": str(root)},
    )
    return out


def scale(root: Path, synthetic_folder: Path) -> tuple[float, float, PeakMemory]:
    """Seconds of the real consultation brief, of the same brief at scale, and the peak memory at scale."""
    env = {"WORKBOOKS_ROOT": str(root)}
    params = root / "params" / "consultation_inputs"
    (params / "bench_scale.yaml").write_text(
        f"comments_file: {synthetic_folder / 'comments.csv'}\nquestions_file: {synthetic_folder / 'questions.csv'}\n"
        'discussions: []\nbrief_title: "Synthetic comments at scale (benchmark)"\n',
        encoding="utf-8",
    )
    out = root / "outputs-scale"
    real = seconds(
        [str(WORKBOOKS), "run", "consultation_inputs/draft_workplan_2022", "--force", "--out", str(out)], env=env
    )
    at_scale, peak = timed_run_with_memory(
        [str(WORKBOOKS), "run", "consultation_inputs/bench_scale", "--force", "--timeout", "1800", "--out", str(out)],
        env,
    )
    return real, at_scale, peak


def coding_speedup(synthetic_folder: Path) -> tuple[float, int]:
    """`code_comments` against the plain loop on the same comments; identical labels asserted."""
    import pandas as pd

    from workbooks.consultation.codebook import load_codebook
    from workbooks.consultation.coding import code_comments

    sys.path.insert(0, str(ROOT / "tests"))  # the reference versions the tests hold the library equal to
    from reference_versions import code_comments_loop

    comments = pd.read_csv(synthetic_folder / "comments.csv", dtype=str, keep_default_na=False).head(LOOP_COMMENTS)
    codebook = load_codebook(ROOT / "data" / "codebook.yaml")
    started = time.perf_counter()
    fast = code_comments(comments, codebook)
    fast_seconds = time.perf_counter() - started
    started = time.perf_counter()
    loop = code_comments_loop(comments, codebook)
    loop_seconds = time.perf_counter() - started
    labels = ["gcm_objectives", "principles", "themes", "priorities"]
    pd.testing.assert_frame_equal(fast[labels].reset_index(drop=True), loop[labels].reset_index(drop=True))
    return loop_seconds / fast_seconds, len(comments)


def widget_redraw(root: Path, synthetic_folder: Path) -> float:
    """Median milliseconds of a redraw of the consultation live view after a filter change."""
    os.environ["WORKBOOKS_ROOT"] = str(root)
    from workbooks.consultation.inputs import load_consultation_inputs
    from workbooks.consultation.live import ConsultationExplorer

    inputs = load_consultation_inputs(
        str(synthetic_folder / "comments.csv"), str(synthetic_folder / "questions.csv"), [], [], 1, root=root
    )
    view = ConsultationExplorer(inputs)
    choices = [code for _, code in view.code_control.options][1:12] or [view.ALL]
    timings = []
    for code in choices:
        started = time.perf_counter()
        view.code_control.value = code  # the control's observer redraws, as a presenter's click does
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _met(value: float | None, target: float | None) -> str:
    """'yes' or 'NO' against the target ('NO' for a figure not measured), '-' for a figure only reported."""
    if target is None:
        return "-"
    return "yes" if value is not None and value <= target else "NO"


def main() -> None:
    figures: dict[str, float] = {}
    notes: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="workbooks-bench-") as folder:
        root = project_copy(Path(folder))
        figures["cli_help_s"] = round(cli_help(), 3)
        compiled, uncompiled = import_floor(compiled=True), import_floor(compiled=False)
        figures["import_floor_s"] = round(compiled, 2)
        figures["import_floor_uncompiled_s"] = round(uncompiled, 2)
        figures["import_uncompiled_vs_compiled"] = round(uncompiled / compiled, 2)
        notes["import"] = (
            f"`{FLOOR_IMPORT}`: {compiled:.2f} s with compiled bytecode, {uncompiled:.2f} s without "
            f"({uncompiled / compiled:.1f}x)"
        )
        floor_seconds = len(list(ROOT.glob("params/*/*.yaml"))) * compiled / 2
        cold, rerun = batch_and_rerun(root)
        figures["batch_vs_floor"] = round(cold / floor_seconds, 2)
        figures["rerun_vs_cold"] = round(rerun / cold, 3)
        notes["batch"] = (
            f"{cold:.1f} s for the shipped briefs against a floor of {floor_seconds:.1f} s; rerun {rerun:.2f} s"
        )
        synthetic_folder = synthetic(root, SCALE_COMMENTS)
        try:
            real, at_scale, peak = scale(root, synthetic_folder)
        except BenchStepFailed as failed:
            notes["scale"] = f"NOT MEASURED: {failed}"
        else:
            figures["scale_100k_vs_real"] = round(at_scale / real, 2)
            figures["peak_pss_mb"] = round(peak.peak_pss / 2**20)
            figures["peak_rss_sum_mb"] = round(peak.peak_rss_sum / 2**20)
            notes["scale"] = (
                f"{SCALE_COMMENTS:,} synthetic comments: {at_scale:.1f} s against {real:.1f} s on the real ones"
            )
        speedup, coded = coding_speedup(synthetic_folder)
        figures["coding_speedup_vs_loop"] = round(speedup, 1)
        notes["coding"] = f"on {coded:,} synthetic comments, identical labels"
        figures["widget_redraw_ms_median"] = round(widget_redraw(root, synthetic_folder))
    machine = {
        "python": platform.python_version(),
        "system": platform.platform(),
        "cores": os.cpu_count(),
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    width = max(map(len, TARGETS))
    print(f"{'figure':<{width}}  {'value':>12}  {'target':>8}  met")
    for name, target in TARGETS.items():
        value = figures.get(name)
        shown = "not measured" if value is None else value
        print(f"{name:<{width}}  {shown:>12}  {'' if target is None else f'<= {target}':>8}  {_met(value, target)}")
    for name, note in notes.items():
        print(f"  {name}: {note}")
    print(f"  machine: {machine['cores']} cores, Python {machine['python']}, {machine['system']}")
    out = ROOT / "outputs" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps({**figures, "targets": TARGETS, "notes": notes, "machine": machine}, indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out.relative_to(ROOT)}")
    if any(name not in figures for name in TARGETS):
        raise SystemExit("a step could not be measured: its note above says why")


if __name__ == "__main__":
    main()
