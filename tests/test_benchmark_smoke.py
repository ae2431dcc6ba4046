"""The benchmark runs end to end on a tiny corpus (no timing is asserted: it only has to work)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_quick_run(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--files", "6", "--rounds", "1",
         "--cold-runs", "1", "--memory-factor", "2", "--json", str(out)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    header = next((line for line in proc.stdout.splitlines() if line.startswith("| measure")), "")
    assert [cell.strip() for cell in header.split("|")[1:-1]] == ["measure", "value", "target", "result"], proc.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert set(figures["verdicts"]) >= {"cpu_vs_html2text", "jobs2_speedup", "memory_10x"}
