#!/usr/bin/env python3
"""Where `cleaner.clean` spends its time, and what `cleaner --check one.md` imports.

    python benchmarks/profile_clean.py                 # every distinct corpus file, 3 passes
    python benchmarks/profile_clean.py --passes 5 --top 30 --cprofile-out clean.prof
    python benchmarks/profile_clean.py --pyinstrument  # also a sampling profile (pip install pyinstrument)

Four views, all over the same corpus as benchmarks/run.py (samples/*.md + ../shared/corpus):

  breakdown   the pipeline's parts timed by wrapping them (no profiler running): inclusive time
              (the part and everything it calls) and exclusive time (minus the other parts it
              calls), as a share of clean()'s total. Exclusive shares add up to 100%.
  cProfile    top functions by cumulative and by self time (cProfile inflates pure-Python code
              against C code such as lxml; trust the breakdown for shares).
  baseline    html2text alone on the same files, for scale.
  imports     `python -X importtime` of `import cleaner.command.cli` and of the `cleaner --check one.md`
              path, summed per top-level package, and the wall time of that path's phases.
"""
from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import pstats
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import REPO, cleaner_command, find_sources, split_front_matter

# (module, attribute, label): the parts of the pipeline timed in the breakdown. A class
# attribute is given as "Class.method". Missing ones are listed and skipped (the code moves).
PARTS = [
    ("cleaner.frontmatter_syntax", "split", "front matter: split"),
    ("cleaner.frontmatter_syntax", "load", "front matter: load"),
    ("cleaner.frontmatter_syntax.model", "FrontMatter.render", "front matter: render"),
    ("cleaner.api", "segments", "body: sniff + segments"),
    ("cleaner.body", "parse_fragment", "lxml: parse"),
    ("cleaner.dom", "parse_fragment", "lxml: parse"),
    ("cleaner.safety", "segment_text", "safety: reference text"),
    ("cleaner.safety", "check", "safety: gate"),
    ("cleaner.steps.frontmatter", "run", "step frontmatter"),
    ("cleaner.steps.unsafe", "run", "step unsafe"),
    ("cleaner.steps.widgets", "run", "step widgets"),
    ("cleaner.steps.images", "run", "step images"),
    ("cleaner.steps.proxies", "run", "step proxies"),
    ("cleaner.steps.headings", "run", "step headings"),
    ("cleaner.steps.markdown", "run", "step markdown"),
    ("cleaner.steps.canonical", "run", "step canonical"),
    ("cleaner.writer.emphasis", "fix", "markdown: emphasis.fix"),
    ("cleaner.writer.tables", "unwrap_layout_tables", "markdown: layout tables"),
    ("cleaner.writer", "write", "writer: write"),
    ("cleaner.writer.inline", "Inline.finish", "writer: Inline.finish"),
    ("cleaner.writer.escape", "format_block", "writer: special blocks through mdformat"),
    ("cleaner.safety", "written_text", "safety: written text"),
    ("mdformat", "text", "mdformat.text"),
    ("mdformat.renderer", "MDRenderer.render", "mdformat: render"),
    ("markdown_it", "MarkdownIt.parse", "markdown-it: parse"),
    ("unicodedata", "normalize", "unicodedata.normalize"),
]


# --------------------------------------------------------------------------- breakdown


class Timers:
    def __init__(self):
        self.inclusive = defaultdict(float)
        self.exclusive = defaultdict(float)
        self.calls = Counter()
        self.stack: list[list] = []  # [label, time in nested parts]
        self.undo: list = []
        self.missing: list[str] = []

    def wrap(self, label: str, fn):
        clock = time.perf_counter
        stack = self.stack

        def timed(*args, **kwargs):
            recursive = any(frame[0] == label for frame in stack)
            stack.append([label, 0.0])
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = clock() - start
                _, nested = stack.pop()
                self.exclusive[label] += spent - nested
                if not recursive:
                    self.inclusive[label] += spent
                    self.calls[label] += 1
                if stack:
                    stack[-1][1] += spent
        timed.__wrapped__ = fn
        return timed

    def install(self) -> None:
        for module_name, attr, label in PARTS:
            try:
                owner = importlib.import_module(module_name)
                *path, name = attr.split(".")
                for part in path:
                    owner = getattr(owner, part)
                original = getattr(owner, name)
            except (ImportError, AttributeError):
                self.missing.append(f"{module_name}.{attr}")
                continue
            # a method defined on a class: keep it a plain function so binding still works
            try:
                setattr(owner, name, self.wrap(label, original))
            except (AttributeError, TypeError):
                self.missing.append(f"{module_name}.{attr} (read-only)")
                continue
            self.undo.append((owner, name, original))

    def uninstall(self) -> None:
        for owner, name, original in reversed(self.undo):
            setattr(owner, name, original)
        self.undo.clear()


def clean_all(texts: list[str]) -> int:
    from cleaner import CleanerError, clean

    refused = 0
    for text in texts:
        try:
            clean(text)
        except CleanerError:
            refused += 1
    return refused


def html2text_all(texts: list[str]) -> None:
    import html2text

    for text in texts:
        html2text.HTML2Text(bodywidth=0).handle(split_front_matter(text)[1])


def breakdown(texts: list[str], passes: int) -> str:
    timers = Timers()
    clean_all(texts)  # warm-up: imports and caches
    html2text_all(texts)
    totals, baseline = [], []
    timers.install()
    try:
        from cleaner import CleanerError, api
        root = timers.wrap("clean() total", api.clean)
        for p in range(passes):
            start = time.process_time()
            for text in texts:
                try:
                    root(text)
                except CleanerError:  # a refused file's time counts all the same
                    continue
            totals.append(time.process_time() - start)
    finally:
        timers.uninstall()
    for p in range(passes):  # unwrapped, for the overhead of the wrappers and for scale
        start = time.process_time()
        clean_all(texts)
        plain = time.process_time() - start
        start = time.process_time()
        html2text_all(texts)
        baseline.append((plain, time.process_time() - start))
    total = timers.inclusive["clean() total"]
    headline = (f"clean() over {len(texts)} files x {passes} passes: "
                f"{statistics.median(totals) / len(texts) * 1000:.2f} ms CPU per file with timers, "
                f"{statistics.median(b[0] for b in baseline) / len(texts) * 1000:.2f} ms without; "
                f"html2text alone {statistics.median(b[1] for b in baseline) / len(texts) * 1000:.2f} ms "
                f"(ratio {statistics.median(b[0] / b[1] for b in baseline):.2f}x)")
    lines = [headline, "", f"{'part':<36} {'inclusive':>9} {'exclusive':>9} {'calls/file':>10}"]
    labels = sorted(timers.inclusive, key=lambda k: -timers.inclusive[k])
    for label in labels:
        lines.append(f"{label:<36} {timers.inclusive[label] / total:>9.1%} "
                     f"{timers.exclusive[label] / total:>9.1%} "
                     f"{timers.calls[label] / len(texts) / passes:>10.2f}")
    if timers.missing:
        lines.append(f"(not found, skipped: {', '.join(timers.missing)})")
    return "\n".join(lines)


# --------------------------------------------------------------------------- cProfile

_SITE = sysconfig.get_paths()["purelib"]


def _where(func) -> str:
    filename, line, name = func
    if filename.startswith(_SITE):
        filename = filename[len(_SITE) + 1:]
    elif filename.startswith(str(REPO)):
        filename = filename[len(str(REPO)) + 1:]
    elif filename == "~":
        return name
    return f"{filename}:{line}({name})"


def cprofile(texts: list[str], top: int, out: Path | None) -> str:
    clean_all(texts)
    profiler = cProfile.Profile()
    profiler.enable()
    clean_all(texts)
    profiler.disable()
    if out:
        profiler.dump_stats(str(out))
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = stats.stats  # func -> (primitive calls, calls, tottime, cumtime, callers)
    total = max(ct for _, _, _, ct, _ in rows.values())
    lines = []
    for title, index in (("by cumulative time", 3), ("by self time", 2)):
        lines += ["", f"cProfile, top {top} {title} (share of clean_all, {len(texts)} files):",
                  f"{'cum':>6} {'self':>6} {'calls':>8}  function"]
        ranked = sorted(rows.items(), key=lambda kv: -kv[1][index])
        for func, (cc, nc, tt, ct, _) in ranked[:top]:
            lines.append(f"{ct / total:>6.1%} {tt / total:>6.1%} {nc:>8}  {_where(func)}")
    return "\n".join(lines)


def pyinstrument_profile(texts: list[str]) -> str:
    try:
        from pyinstrument import Profiler
    except ImportError:
        return "pyinstrument is not installed (pip install pyinstrument): skipped"
    clean_all(texts)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(2):
        clean_all(texts)
    profiler.stop()
    return profiler.output_text(unicode=False, color=False, show_all=False)


# --------------------------------------------------------------------------- imports

_IMPORT_RE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s+)(\S+)")


def importtime(code: str, runs: int = 5) -> tuple[dict, list, float]:
    """Per top-level package self time (ms, median of runs), top entries, total (ms)."""
    per_package_runs, entries_runs, totals = [], [], []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                              cwd=tempfile.gettempdir(), check=False)
        packages: Counter = Counter()
        entries = []
        for line in proc.stderr.splitlines():
            m = _IMPORT_RE.match(line)
            if not m:
                continue
            self_us, cum_us, indent, name = int(m[1]), int(m[2]), len(m[3]) - 1, m[4]
            packages[name.split(".")[0]] += self_us
            entries.append((cum_us, self_us, indent // 2, name))
        per_package_runs.append(packages)
        entries_runs.append(entries)
        totals.append(sum(packages.values()))
    keys = set().union(*per_package_runs)
    packages = {k: statistics.median(r.get(k, 0) for r in per_package_runs) / 1000 for k in keys}
    middle = sorted(range(runs), key=lambda i: totals[i])[runs // 2]
    return packages, entries_runs[middle], statistics.median(totals) / 1000


def imports_report(one: Path, top: int) -> str:
    lines = []
    check_code = (f"import sys; sys.argv = ['cleaner', '--check', {str(one)!r}]\n"
                  "from cleaner.command.cli import main\n"
                  "try:\n    main()\nexcept SystemExit:\n    pass\n")
    for title, code in (("import cleaner.command.cli", "import cleaner.command.cli"),
                        ("the `cleaner --check one.md` path", check_code),
                        ("import cleaner", "import cleaner")):
        packages, entries, total = importtime(code)
        lines += ["", f"-X importtime, {title}: {total:.0f} ms of imports (median of 5; self time per package):"]
        ranked = sorted(packages.items(), key=lambda kv: -kv[1])
        lines.append("  " + ", ".join(f"{k} {v:.1f}" for k, v in ranked[:14] if v >= 0.5))
        if title != "import cleaner":
            lines.append(f"  top {top} imports by cumulative time (ms):")
            for cum, self_us, depth, name in sorted(entries, key=lambda e: -e[0])[:top]:
                lines.append(f"  {cum / 1000:>7.1f} {'  ' * min(depth, 6)}{name}")
    # wall-clock phases of the --check path, in one fresh process (median of 7)
    phases_code = ("import time, sys; t0 = time.perf_counter()\n"
                   f"sys.argv = ['cleaner', '--check', {str(one)!r}]\n"
                   "from cleaner.command.cli import main; t1 = time.perf_counter()\n"
                   "try:\n    main()\nexcept SystemExit:\n    pass\n"
                   "t2 = time.perf_counter(); print(t1 - t0, t2 - t1)\n")
    phases = []
    for _ in range(7):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", phases_code], capture_output=True, text=True,
                             cwd=tempfile.gettempdir(), check=False).stdout.split()
        phases.append((time.perf_counter() - t0, float(out[0]), float(out[1])))
    whole, imp, run = (statistics.median(p[i] for p in phases) for i in range(3))
    lines += ["", (f"`cleaner --check one.md` phases (wall, median of 7): process {whole * 1000:.0f} ms = "
                   f"interpreter start + site {max(whole - imp - run, 0) * 1000:.0f} ms, "
                   f"import cleaner.command.cli {imp * 1000:.0f} ms, main() {run * 1000:.0f} ms "
                   "(lazy imports, configuration, one clean())")]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=3, help="passes over the corpus for the breakdown")
    parser.add_argument("--top", type=int, default=25, help="rows of each cProfile and import listing")
    parser.add_argument("--cprofile-out", type=Path, metavar="PATH", help="save the cProfile stats here")
    parser.add_argument("--pyinstrument", action="store_true", help="also print a pyinstrument profile")
    parser.add_argument("--corpus", type=Path, action="append", default=[], metavar="DIR",
                        help="also use every *.md below DIR")
    parser.add_argument("--skip-imports", action="store_true", help="skip the start-up (import) views")
    args = parser.parse_args(argv)
    sources, used = find_sources(args.corpus)
    texts = []
    for s in sources:
        try:
            texts.append(s.data.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    print(f"profile: {len(texts)} distinct files ({'; '.join(used)})")
    print()
    print(breakdown(texts, args.passes))
    print(cprofile(texts, args.top, args.cprofile_out))
    if args.pyinstrument:
        print()
        print(pyinstrument_profile(texts))
    if not args.skip_imports:
        from cleaner import CleanerError, clean
        with tempfile.TemporaryDirectory(prefix="cleaner-profile-") as tmp:
            one = Path(tmp) / "one.md"
            for text in texts:
                try:
                    one.write_text(clean(text).text, encoding="utf-8")
                except CleanerError:
                    continue
                if subprocess.run([*cleaner_command(), "--check", str(one)], capture_output=True,
                                  cwd=tmp, check=False).returncode == 0:
                    break
            print(imports_report(one, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
