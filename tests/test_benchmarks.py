"""The benchmark command runs, compares every baseline with dlgraph and reports it."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_the_benchmarks_compare_every_measure_on_a_small_town() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "1", "--json", "--limit", "300"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    for key in (
        "load_speedup_vs_rdflib",
        "query_speedup_vs_rdflib",
        "validate_speedup_vs_pyshacl",
        "reason_speedup_vs_owlrl",
    ):
        assert isinstance(summary[key], float) and summary[key] > 0, key
    assert summary["results_identical"] is True
    rows = summary["rows"]
    assert {row["what"] for row in rows} == {"load", "queries", "validate", "reason"}
    for row in rows:
        # a baseline that failed (or ran on another engine) would leave these unset
        assert row["identical"] is True, row["what"]
        assert row["baseline_s"] > 0 and row["dlgraph_s"] > 0, row["what"]
    (queries,) = (row for row in rows if row["what"] == "queries")
    assert len(queries["per_query_s"]) == 15
    assert all(t["baseline"] > 0 and t["dlgraph"] > 0 for t in queries["per_query_s"].values())
