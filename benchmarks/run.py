#!/usr/bin/env python3
"""Benchmark cleaner against baselines measured in the same run.

Every figure is a ratio against a baseline measured in this same run, interleaved with it,
because absolute times on a small, shared machine are not comparable from one run to the next.

    python benchmarks/run.py                 # full run (N=2000 files; several minutes on 2 cores)
    python benchmarks/run.py --quick         # smoke run (small N, one or two rounds)
    python benchmarks/run.py --files 500 --rounds 7 --json out.json --plot chart.png

Measurements (see benchmarks/README.md for the details and caveats):

  cpu       per-file CPU time (time.process_time, in this process) of `cleaner.clean` against
            html2text alone (read, split front matter, HTML2Text(bodywidth=0).handle(body),
            write), the same files, alternating rounds; the median round ratio.
  jobs      wall time of the real CLI (`cleaner DIR -o OUT -q --jobs J`) with --jobs 1 and
            --jobs 2, alternating; the median speed-up.
  memory    peak RSS of `cleaner --jobs 1` on N files and on 10xN files (ru_maxrss of the
            one cleaner process, read by a fresh wrapper process per measurement).
  startup   wall time of `cleaner --check one.md` (one clean file) against
            `python -c "import cleaner"` and `python -c pass`, interleaved; medians.
  others    pandoc (one process per file) and markdownify (in-process) on the same files,
            when installed; skipped otherwise.

Exit status is 0 whatever the figures are (use --strict to exit 1 when a target fails).
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
FILES_PER_FOLDER = 100
# In-process rounds run every distinct source once, and at least this many files when N allows.
MIN_INPROCESS_FILES = 200
MAX_PANDOC_FILES = 100

# (key, label, comparison, limit, goal)
TARGETS = {
    "cpu_vs_html2text": ("CPU per file vs html2text alone", "<=", 5.0, 2.0),
    "jobs2_speedup": ("--jobs 2 throughput vs --jobs 1", ">=", 1.7, None),
    "memory_10x": ("peak RSS, 10xN files vs N files", "<=", 1.2, None),
    "check_wall": ("`cleaner --check one.md` wall (s)", "<=", 0.3, None),
    "check_vs_import": ("`cleaner --check` vs `import cleaner`", "<=", 1.3, None),
    "cpu_vs_pandoc": ("CPU per file vs pandoc (process per file)", "<", 1.0, None),
    "cpu_vs_markdownify": ("CPU per file vs markdownify", "<", 1.0, None),
}

# Used only when neither samples/*.md nor ../shared/corpus exists (e.g. a bare checkout in CI).
SYNTHETIC = [
    """---
title: Synthetic post {n}
date: 2020-01-0{d} 10:00:00
tags: [bench]
---
<div class="content"><h1>Heading {n}</h1>
<p>Some <strong>bold</strong> text and <em>emphasis</em>, a <a href="https://example.com/{n}">link</a>,
and an image <img src="https://example.com/{n}.png" alt="pic">.</p>
<ul><li>one</li><li>two</li><li>three</li></ul>
<pre><code>print("hello {n}")</code></pre>
<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>
<script>alert(1)</script>
<p>中文段落，用于测试。第 {n} 段。</p></div>
""",
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- corpus


@dataclass
class Source:
    name: str
    data: bytes


def find_sources(extra: list[Path]) -> tuple[list[Source], list[str]]:
    """Distinct source files: samples/*.md, ../shared/corpus/**/*.md, --corpus folders."""
    found: list[tuple[str, Path]] = []
    used: list[str] = []
    if SAMPLES.is_dir():
        files = sorted(p for p in SAMPLES.glob("*.md") if p.is_file())
        if files:
            used.append(f"samples/*.md ({len(files)})")
            found += [(f"samples/{p.name}", p) for p in files]
    if SHARED_CORPUS.is_dir():
        files = sorted(p for p in SHARED_CORPUS.rglob("*.md") if p.is_file())
        if files:
            used.append(f"../shared/corpus ({len(files)})")
            found += [(f"corpus/{p.relative_to(SHARED_CORPUS)}", p) for p in files]
    for folder in extra:
        files = sorted(p for p in folder.rglob("*.md") if p.is_file())
        used.append(f"{folder} ({len(files)})")
        found += [(str(p), p) for p in files]
    sources: list[Source] = []
    seen: set[str] = set()
    for name, path in found:
        data = path.read_bytes()
        digest = hashlib.sha1(data).hexdigest()
        if digest in seen or not data.strip():
            continue
        seen.add(digest)
        sources.append(Source(name, data))
    if not sources:
        used.append("built-in synthetic posts (no samples/ or ../shared/corpus found)")
        sources = [Source(f"synthetic-{n}", SYNTHETIC[0].format(n=n, d=1 + n % 9).encode())
                   for n in range(10)]
    return sources, used


def write_corpus(sources: list[Source], count: int, folder: Path) -> list[Path]:
    """`count` files cycling through the sources, FILES_PER_FOLDER to a sub-folder."""
    paths = []
    for i in range(count):
        sub = folder / f"d{i // FILES_PER_FOLDER:04d}"
        if i % FILES_PER_FOLDER == 0:
            sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"f{i:06d}.md"
        path.write_bytes(sources[i % len(sources)].data)
        paths.append(path)
    return paths


def split_front_matter(text: str) -> tuple[str | None, str]:
    """The baselines' front-matter split: a leading `---` line up to the next `---` line."""
    if not text.startswith("---"):
        return None, text
    end = text.find("\n---", 3)
    if end < 0:
        return None, text
    after = text.find("\n", end + 4)
    return text[4:end], "" if after < 0 else text[after + 1:]


# --------------------------------------------------------------------------- in-process CPU


REFUSED: set[str] = set()  # files clean() refused (CleanerError), by path


def _tool_cleaner():
    from cleaner import CleanerError, clean

    def convert(text: str, path: Path) -> str:
        try:
            return clean(text).text
        except CleanerError:
            REFUSED.add(str(path))
            return ""
    return convert


def _tool_html2text():
    import html2text

    def convert(text: str, path: Path) -> str:
        _, body = split_front_matter(text)
        return html2text.HTML2Text(bodywidth=0).handle(body)
    return convert


def _tool_markdownify():
    from markdownify import markdownify

    def convert(text: str, path: Path) -> str:
        _, body = split_front_matter(text)
        return markdownify(body, heading_style="ATX")
    return convert


def has_module(name: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(name) is not None


def time_pass(convert, paths: list[Path], out_dir: Path) -> list[float]:
    """Per-file CPU seconds of read + convert + write, in this process."""
    out_dir.mkdir(parents=True, exist_ok=True)
    times = []
    clock = time.process_time
    gc.collect()
    for i, path in enumerate(paths):
        start = clock()
        text = path.read_bytes().decode("utf-8")
        out = convert(text, path)
        (out_dir / f"{i}.md").write_bytes(out.encode("utf-8"))
        times.append(clock() - start)
    return times


def measure_inprocess(paths: list[Path], work: Path, rounds: int, tools: dict) -> dict:
    """Alternating rounds; the per-round totals and per-file times of each tool."""
    converters = {name: make() for name, make in tools.items()}
    for name, convert in converters.items():  # warm-up: imports, caches, first-call costs
        time_pass(convert, paths[: min(len(paths), 20)], work / "warm" / name)
    totals: dict[str, list[float]] = {name: [] for name in converters}
    per_file: dict[str, list[list[float]]] = {name: [] for name in converters}
    order = list(converters)
    for r in range(rounds):
        this = order if r % 2 == 0 else order[::-1]
        log(f"  in-process round {r + 1}/{rounds}: {', '.join(this)}")
        for name in this:
            times = time_pass(converters[name], paths, work / "inproc" / name)
            totals[name].append(sum(times))
            per_file[name].append(times)
    return {"totals": totals, "per_file": per_file, "files": len(paths)}


def file_medians(per_file_rounds: list[list[float]]) -> list[float]:
    return [statistics.median(col) for col in zip(*per_file_rounds)]


# --------------------------------------------------------------------------- subprocesses


def cleaner_command() -> list[str]:
    beside = Path(sys.executable).with_name("cleaner")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("cleaner")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from cleaner.command.cli import main; sys.exit(main())"]


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_timed(cmd: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, children CPU seconds, process) of one command."""
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tempfile.gettempdir(),
                          check=False, **kwargs)
    wall = time.perf_counter() - t0
    return wall, children_cpu() - cpu0, proc


def check_cli(proc: subprocess.CompletedProcess, what: str, ok=(0, 2)) -> None:
    err = proc.stderr.decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in ok or "Traceback" in err:
        raise SystemExit(f"benchmark: {what} exited {proc.returncode}:\n{err[-2000:]}")


def measure_jobs(cmd: list[str], corpus: Path, work: Path, rounds: int) -> dict:
    walls: dict[int, list[float]] = {1: [], 2: []}
    cpus: dict[int, list[float]] = {1: [], 2: []}
    for r in range(rounds):
        for jobs in ((1, 2) if r % 2 == 0 else (2, 1)):
            out = work / f"out-jobs{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            log(f"  CLI round {r + 1}/{rounds}: --jobs {jobs}")
            wall, cpu, proc = run_timed([*cmd, str(corpus), "-o", str(out), "-q", "--jobs", str(jobs)])
            check_cli(proc, f"cleaner --jobs {jobs}")
            walls[jobs].append(wall)
            cpus[jobs].append(cpu)
    speedups = [a / b for a, b in zip(walls[1], walls[2])]
    return {"walls": walls, "cpus": cpus, "speedups": speedups}


WRAPPER = (
    "import json, resource, subprocess, sys\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'rc': p.returncode, 'maxrss_kb': r.ru_maxrss,"
    " 'traceback': b'Traceback' in p.stderr}))\n"
)


def peak_rss_kb(cmd: list[str]) -> int:
    """Peak RSS of `cmd` (its largest waited-for process), read by a fresh wrapper process."""
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True, check=True,
                         cwd=tempfile.gettempdir())
    info = json.loads(out.stdout)
    if info["rc"] not in (0, 2) or info["traceback"]:
        raise SystemExit(f"benchmark: {' '.join(cmd[:3])}... exited {info['rc']} under the memory wrapper")
    return info["maxrss_kb"]


def measure_memory(cmd, sources, n: int, factor: int, small_corpus: Path, work: Path) -> dict:
    big = work / f"corpus-x{factor}"
    log(f"  writing {n * factor} files for the {factor}xN memory run")
    write_corpus(sources, n * factor, big)
    result = {}
    for label, corpus in (("n", small_corpus), ("big", big)):
        out = work / f"out-mem-{label}"
        shutil.rmtree(out, ignore_errors=True)
        log(f"  peak RSS: {n if label == 'n' else n * factor} files, --jobs 1")
        result[label] = peak_rss_kb([*cmd, str(corpus), "-o", str(out), "-q", "--jobs", "1"])
        shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(big, ignore_errors=True)
    return result


def clean_file_for_check(cmd, sources, folder: Path) -> tuple[Path | None, str]:
    """An already-clean file (`cleaner --check` exits 0 on it): a source, cleaned once."""
    from cleaner import CleanerError, clean

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "one.md"
    for source in sources[:20]:
        try:
            path.write_text(clean(source.data.decode("utf-8")).text, encoding="utf-8")
        except (CleanerError, UnicodeDecodeError):
            continue
        proc = subprocess.run([*cmd, "--check", str(path)], capture_output=True, cwd=folder, check=False)
        if proc.returncode == 0:
            return path, source.name
    return None, ""


def measure_startup(cmd: list[str], one: Path, runs: int) -> dict:
    commands = {
        "check": [*cmd, "--check", str(one)],
        "import": [sys.executable, "-c", "import cleaner"],
        "bare": [sys.executable, "-c", "pass"],
    }
    walls: dict[str, list[float]] = {k: [] for k in commands}
    cwd = one.parent  # not the repository: `python -c` puts the working folder first on sys.path
    for name, c in commands.items():  # one untimed run each: page cache, .pyc files
        subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, check=False)
    names = list(commands)
    for r in range(runs):
        for name in (names if r % 2 == 0 else names[::-1]):
            t0 = time.perf_counter()
            proc = subprocess.run(commands[name], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd,
                                  check=False)
            walls[name].append(time.perf_counter() - t0)
            if proc.returncode != 0:
                raise SystemExit(f"benchmark: {' '.join(commands[name])} exited {proc.returncode}: "
                                 f"{proc.stderr.decode('utf-8', 'replace')[-500:]}")
    return {"walls": walls, "medians": {k: statistics.median(v) for k, v in walls.items()}}


def measure_pandoc(paths: list[Path], work: Path) -> dict:
    pandoc = shutil.which("pandoc")
    out_dir = work / "out-pandoc"
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [pandoc, "-f", "html", "-t", "gfm", "--wrap=none"]
    subprocess.run([*cmd, "-o", os.devnull], input=b"<p>x</p>", check=True)  # warm-up
    cpus, walls = [], []
    for i, path in enumerate(paths):
        _, body = split_front_matter(path.read_bytes().decode("utf-8"))
        wall, cpu, _ = run_timed([*cmd, "-o", str(out_dir / f"{i}.md")], input=body.encode("utf-8"))
        cpus.append(cpu)
        walls.append(wall)
    empty = [run_timed([*cmd, "-o", os.devnull], input=b"")[1] for _ in range(5)]
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True,
                             check=False).stdout.split("\n")[0]
    return {"version": version, "cpu": cpus, "wall": walls, "startup_cpu": statistics.median(empty)}


# --------------------------------------------------------------------------- report


@dataclass
class Row:
    label: str
    value: str
    target: str = ""
    result: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    verdicts: dict = field(default_factory=dict)

    def info(self, label: str, value: str) -> None:
        self.rows.append(Row(label, value))

    def target(self, key: str, value: float | None, fmt: str = "{:.2f}x", note: str = "") -> None:
        label, op, limit, goal = TARGETS[key]
        target = f"{op} {limit:g}" + (f" (goal {goal:g})" if goal else "")
        if value is None:
            self.rows.append(Row(label, "n/a", target, "SKIP" + (f" ({note})" if note else "")))
            self.verdicts[key] = None
            return
        ok = {"<=": value <= limit, "<": value < limit, ">=": value >= limit}[op]
        verdict = "PASS" if ok else "FAIL"
        if ok and goal is not None:
            verdict += " (goal met)" if value <= goal else " (goal not met)"
        self.figures[key] = value
        self.verdicts[key] = ok
        self.rows.append(Row(label, fmt.format(value) + (f" {note}" if note else ""), target, verdict))

    def table(self) -> str:
        widths = [max(len(h), *(len(getattr(r, a)) for r in self.rows))
                  for h, a in (("measure", "label"), ("value", "value"), ("target", "target"),
                               ("result", "result"))]

        def line(cells):
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
        out = [line(["measure", "value", "target", "result"]),
               "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        out += [line([r.label, r.value, r.target, r.result]) for r in self.rows]
        return "\n".join(out)


def plot(report: Report, path: Path) -> str:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed: no chart"
    names, shares, colors = [], [], []
    for key, ok in report.verdicts.items():
        if ok is None:
            continue
        label, op, limit, _ = TARGETS[key]
        value = report.figures[key]
        share = limit / value if op == ">=" else value / limit  # <= 1: within the target
        names.append(label)
        shares.append(share)
        colors.append("tab:green" if ok else "tab:red")
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(names) + 1.5))
    ax.barh(names[::-1], shares[::-1], color=colors[::-1])
    ax.axvline(1.0, color="black", linestyle="--", linewidth=1)
    ax.set_xlabel("share of the target used (<= 1 passes)")
    ax.set_title("cleaner benchmark: each figure against its target")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return f"chart written to {path}"


# --------------------------------------------------------------------------- main


def git_commit() -> str:
    """The commit of the cleaner being measured (its package folder's repository)."""
    import importlib.util
    spec = importlib.util.find_spec("cleaner")
    where = Path(spec.origin).parent if spec and spec.origin else None
    if where != REPO / "cleaner":
        return f"{where} (not this repository's cleaner/)"
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "cleaner"],
                               capture_output=True, text=True, check=False).stdout.strip()
        return f"{REPO / 'cleaner'} at {head}" + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, help="corpus size N (default 2000; 40 with --quick)")
    parser.add_argument("--rounds", type=int,
                        help="alternating rounds for the in-process CPU ratio (default 5; 2 with --quick); "
                             "the CLI --jobs comparison runs ceil(R/2) pairs")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small N, few rounds")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every figure and raw timing here")
    parser.add_argument("--plot", type=Path, nargs="?", const=Path("benchmark.png"), metavar="PNG",
                        help="write a chart of the figures against their targets (needs matplotlib)")
    parser.add_argument("--corpus", type=Path, action="append", default=[], metavar="DIR",
                        help="also use every *.md below DIR (repeatable)")
    parser.add_argument("--memory-factor", type=int, default=10, metavar="K",
                        help="the large memory batch is K x N files (default 10)")
    parser.add_argument("--cold-runs", type=int, help="runs of each start-up command (default 10; 3 with --quick)")
    parser.add_argument("--no-alternatives", action="store_true", help="skip pandoc and markdownify")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    args.files = args.files or (40 if args.quick else 2000)
    args.rounds = args.rounds or (2 if args.quick else 5)
    args.cli_pairs = max(1, (args.rounds + 1) // 2)
    args.cold_runs = args.cold_runs or (3 if args.quick else 10)
    if min(args.files, args.rounds, args.cold_runs, args.memory_factor) < 1:
        parser.error("--files, --rounds, --cold-runs and --memory-factor must be at least 1")
    return args


class Bench:
    """One benchmark run: the corpus, the measurements in order, the report."""

    def __init__(self, args, work: Path):
        self.args = args
        self.n = args.files
        self.work = work
        self.sources, self.used = find_sources(args.corpus)
        self.cmd = cleaner_command()
        self.report = Report()
        self.raw: dict = {
            "files": self.n, "rounds": args.rounds, "cli_pairs": args.cli_pairs, "cold_runs": args.cold_runs,
            "sources": self.used, "distinct_sources": len(self.sources), "cleaner_command": self.cmd,
            "python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
            "loadavg_before": os.getloadavg(), "commit": git_commit()}
        self.corpus = work / "corpus"
        self.paths: list[Path] = []
        self.inproc: list[Path] = []
        self.cpu: dict = {}
        self.per_file_cleaner: list[float] = []

    def run(self) -> None:
        log(f"benchmark: {self.n} files from {len(self.sources)} distinct sources ({'; '.join(self.used)}) "
            f"in {self.work}")
        self.paths = write_corpus(self.sources, self.n, self.corpus)
        self.inproc = self.paths[: min(self.n, max(len(self.sources), MIN_INPROCESS_FILES))]
        self.in_process()
        self.throughput()
        self.memory()
        self.startup()
        self.alternatives()
        self.raw["loadavg_after"] = os.getloadavg()
        self.raw["figures"] = self.report.figures
        self.raw["verdicts"] = self.report.verdicts

    def in_process(self) -> None:
        """CPU per file: cleaner against html2text alone (and markdownify), same files."""
        report, rounds = self.report, self.args.rounds
        tools = {"cleaner": _tool_cleaner, "html2text": _tool_html2text}
        if has_module("markdownify") and not self.args.no_alternatives:
            tools["markdownify"] = _tool_markdownify
        log(f"in-process CPU: {len(self.inproc)} files x {rounds} rounds ({', '.join(tools)})")
        self.cpu = cpu = measure_inprocess(self.inproc, self.work, rounds, tools)
        self.raw["inprocess"] = {"files": cpu["files"], "totals": cpu["totals"]}
        tot = cpu["totals"]
        ratios = [c / h for c, h in zip(tot["cleaner"], tot["html2text"])]
        self.per_file_cleaner = file_medians(cpu["per_file"]["cleaner"])
        per_file_h = file_medians(cpu["per_file"]["html2text"])
        per_file = [c / h for c, h in zip(self.per_file_cleaner, per_file_h) if h > 0]
        p90 = statistics.quantiles(per_file, n=10)[-1] if len(per_file) > 1 else per_file[0]
        self.ms_cleaner = statistics.median(tot["cleaner"]) / len(self.inproc) * 1000
        report.info("corpus", f"{self.n} files, {len(self.sources)} distinct; "
                              f"in-process {len(self.inproc)} files x {rounds}")
        report.info("cleaner CPU per file (this run only)", f"{self.ms_cleaner:.2f} ms")
        if REFUSED:
            report.info("  files clean() refused (timed all the same)", f"{len(REFUSED)} of {len(self.inproc)}")
        report.info("html2text alone CPU per file (this run only)",
                    f"{statistics.median(tot['html2text']) / len(self.inproc) * 1000:.2f} ms")
        report.target("cpu_vs_html2text", statistics.median(ratios),
                      note=f"(rounds {min(ratios):.2f}-{max(ratios):.2f})")
        report.info("  per-file ratio: median / 90th percentile", f"{statistics.median(per_file):.2f}x / {p90:.2f}x")
        self.raw.update(refused=sorted(REFUSED), cpu_round_ratios=ratios,
                        per_file_ratio_median=statistics.median(per_file))

    def throughput(self) -> None:
        """The real CLI over the folder with --jobs 1 and --jobs 2."""
        report, n = self.report, self.n
        log(f"CLI throughput: {n} files, --jobs 1 vs --jobs 2, {self.args.cli_pairs} pair(s)")
        jobs = measure_jobs(self.cmd, self.corpus, self.work, self.args.cli_pairs)
        self.raw["jobs"] = jobs
        w1, w2 = statistics.median(jobs["walls"][1]), statistics.median(jobs["walls"][2])
        report.info("CLI --jobs 1 / --jobs 2 (this run only)", f"{n / w1:.0f} / {n / w2:.0f} files/s")
        report.target("jobs2_speedup", statistics.median(jobs["speedups"]),
                      note=f"(pairs {min(jobs['speedups']):.2f}-{max(jobs['speedups']):.2f})")
        overhead = statistics.median(jobs["cpus"][2]) / statistics.median(jobs["cpus"][1])
        report.info("  --jobs 2 CPU (parent + workers) / --jobs 1 CPU",
                    f"{overhead:.2f}x: at most {2 / overhead:.2f}x on 2 otherwise idle CPUs")
        cli_per_file = statistics.median(jobs["cpus"][1]) / n * 1000
        report.info("  CLI --jobs 1 CPU per file / in-process", f"{cli_per_file / self.ms_cleaner:.2f}x")
        self.raw["jobs2_cpu_overhead"] = overhead

    def memory(self) -> None:
        """Peak RSS of one cleaner process (--jobs 1) on N and on K x N files."""
        k = self.args.memory_factor
        log(f"peak memory: {self.n} vs {self.n * k} files, --jobs 1")
        mem = measure_memory(self.cmd, self.sources, self.n, k, self.corpus, self.work)
        self.raw["memory_kb"] = mem
        self.report.info(f"peak RSS, --jobs 1 (N / {k}xN)", f"{mem['n'] / 1024:.0f} / {mem['big'] / 1024:.0f} MiB")
        if k != 10:
            label, *rest = TARGETS["memory_10x"]
            TARGETS["memory_10x"] = (label.replace("10xN", f"{k}xN"), *rest)
        self.report.target("memory_10x", mem["big"] / mem["n"])

    def startup(self) -> None:
        """`cleaner --check one.md` against `import cleaner` and a bare interpreter."""
        one, which = clean_file_for_check(self.cmd, self.sources, self.work / "cold")
        if one is None:
            log("start-up: no source cleans to a file `cleaner --check` accepts; skipped")
            self.report.target("check_wall", None, note="no clean file: --check never exits 0")
            self.report.target("check_vs_import", None, note="no clean file")
            return
        log(f"start-up: {self.args.cold_runs} interleaved runs each (clean file from {which})")
        start = measure_startup(self.cmd, one, self.args.cold_runs)
        self.raw["startup"] = start | {"file": which}
        med = start["medians"]
        self.report.info("python -c pass / import cleaner (this run only)",
                         f"{med['bare'] * 1000:.0f} / {med['import'] * 1000:.0f} ms")
        self.report.target("check_wall", med["check"], fmt="{:.3f} s")
        self.report.target("check_vs_import", med["check"] / med["import"],
                           note=f"({med['check'] / med['bare']:.1f}x python -c pass)")

    def alternatives(self) -> None:
        """pandoc (a process per file) and markdownify (in-process), when installed."""
        report = self.report
        if self.args.no_alternatives:
            report.target("cpu_vs_pandoc", None, note="--no-alternatives")
            report.target("cpu_vs_markdownify", None, note="--no-alternatives")
            return
        if shutil.which("pandoc"):
            subset = self.inproc[: 10 if self.args.quick else MAX_PANDOC_FILES]
            log(f"pandoc: {len(subset)} files, one process each")
            pd = measure_pandoc(subset, self.work)
            pandoc_cpu = sum(pd["cpu"])
            self.raw["pandoc"] = {"version": pd["version"], "startup_cpu": pd["startup_cpu"], "files": len(subset),
                                  "cpu_total": pandoc_cpu, "wall_total": sum(pd["wall"])}
            cleaner_cpu = sum(self.per_file_cleaner[: len(subset)])  # the same files, in-process
            without_startup = max(pandoc_cpu - pd["startup_cpu"] * len(subset), 1e-9)
            report.info(f"{pd['version']} CPU per file (this run only)",
                        f"{pandoc_cpu / len(subset) * 1000:.2f} ms (start-up alone {pd['startup_cpu'] * 1000:.1f} ms)")
            report.target("cpu_vs_pandoc", cleaner_cpu / pandoc_cpu,
                          note=f"({cleaner_cpu / without_startup:.2f}x pandoc minus its start-up)")
        else:
            report.target("cpu_vs_pandoc", None, note="pandoc not installed")
        tot = self.cpu["totals"]
        if "markdownify" in tot:
            from importlib.metadata import version
            ratios = [c / m for c, m in zip(tot["cleaner"], tot["markdownify"])]
            report.info(f"markdownify {version('markdownify')} CPU per file (this run only)",
                        f"{statistics.median(tot['markdownify']) / len(self.inproc) * 1000:.2f} ms")
            report.target("cpu_vs_markdownify", statistics.median(ratios))
            self.raw["markdownify_round_ratios"] = ratios
        else:
            report.target("cpu_vs_markdownify", None, note="markdownify not installed: pip install -e .[bench]")

    def print(self) -> list[str]:
        raw, verdicts = self.raw, self.report.verdicts
        print(f"cleaner benchmark: N={self.n}, rounds={self.args.rounds}, Python {raw['python']}, "
              f"{raw['cpus']} CPUs, load average {raw['loadavg_before'][0]:.2f} -> {raw['loadavg_after'][0]:.2f}")
        print(f"cleaner: {raw['commit']}")
        print(f"corpus: {'; '.join(self.used)}")
        print()
        print(self.report.table())
        failed = [k for k, v in verdicts.items() if v is False]
        print()
        print(f"{sum(1 for v in verdicts.values() if v)} passed, {len(failed)} failed, "
              f"{sum(1 for v in verdicts.values() if v is None)} skipped"
              + (f" (failed: {', '.join(failed)})" if failed else ""))
        return failed


def main(argv=None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    try:
        bench = Bench(args, work)
        bench.run()
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    failed = bench.print()
    if args.json:
        args.json.write_text(json.dumps(bench.raw, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    if args.plot:
        print(plot(bench.report, args.plot))
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
