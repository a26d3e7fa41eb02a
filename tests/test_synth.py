"""The synthetic school systems: deterministic, streamed, with exactly known findings."""

from __future__ import annotations

import json
import tracemalloc
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import dlgraph
from dlgraph import InputError, synthesize
from dlgraph.authoring.synth import DEFECTS, RATES, SHAPE_RULES, expected_findings
from dlgraph.cli import app


def _by_shape(report: dlgraph.ValidationReport) -> dict[str, int]:
    counts = Counter(str(r.source_shape).rsplit("#", 1)[-1] for r in report.results)
    return dict(counts)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    first = synthesize(2, tmp_path / "a.nt", seed=7)
    second = synthesize(2, tmp_path / "b.nt", seed=7)
    other = synthesize(2, tmp_path / "c.nt", seed=8)
    assert (tmp_path / "a.nt").read_bytes() == (tmp_path / "b.nt").read_bytes()
    assert (tmp_path / "a.nt").read_bytes() != (tmp_path / "c.nt").read_bytes()
    assert first.to_dict() | {"path": None} == second.to_dict() | {"path": None}
    assert other.triples != first.triples or other.defects != first.defects


def test_a_municipality_does_not_depend_on_the_total(tmp_path: Path) -> None:
    synthesize(1, tmp_path / "one.nt", seed=3)
    synthesize(3, tmp_path / "three.nt", seed=3)
    one = (tmp_path / "one.nt").read_bytes()
    assert (tmp_path / "three.nt").read_bytes().startswith(one)


def test_small_town_size_and_counts_match_the_file(tmp_path: Path) -> None:
    summary = synthesize(1, tmp_path / "town.nt")
    lines = (tmp_path / "town.nt").read_text(encoding="utf-8").splitlines()
    assert summary.triples == len(lines)
    assert 8_000 <= summary.triples <= 12_000  # a small town, about 10 k triples
    store = ox.Store()
    store.load(path=str(tmp_path / "town.nt"), format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == summary.triples  # no duplicate lines
    assert expected_findings(1).to_dict() | {"path": None} == summary.to_dict() | {"path": None}


def test_quads_have_one_named_graph_per_municipality(tmp_path: Path) -> None:
    summary = synthesize(3, tmp_path / "three.nq")
    store = ox.Store()
    store.load(path=str(tmp_path / "three.nq"), format=ox.RdfFormat.N_QUADS)
    assert len(list(store.named_graphs())) == 3
    assert len(store) == summary.triples


def test_every_rule_is_broken_at_a_known_rate() -> None:
    summary = expected_findings(20)
    assert set(summary.defects) == set(RATES) == set(DEFECTS)
    assert set(summary.expected_by_rule) == set(range(1, 13))
    for shape, number in summary.expected.items():
        assert SHAPE_RULES[shape] in summary.expected_by_rule
        assert number > 0


def test_the_compiled_engine_finds_exactly_the_planted_defects(tmp_path: Path) -> None:
    summary = synthesize(3, tmp_path / "three.nt", seed=5)
    report = dlgraph.validate(tmp_path / "three.nt", engine="oxigraph")
    assert _by_shape(report) == summary.expected


@pytest.mark.slow
def test_pyshacl_finds_exactly_the_planted_defects_and_the_same_report(tmp_path: Path) -> None:
    summary = synthesize(1, tmp_path / "town.nt", seed=0)
    graph = dlgraph.load(tmp_path / "town.nt")
    reference = dlgraph.validate(graph, engine="pyshacl")
    assert _by_shape(reference) == summary.expected
    assert dlgraph.validate(graph, engine="oxigraph").results == reference.results
    assert dlgraph.validate(tmp_path / "town.nt", engine="oxigraph").results == reference.results


def test_memory_does_not_grow_with_the_number_of_municipalities(tmp_path: Path) -> None:
    peaks = []
    for count in (1, 20):
        tracemalloc.start()
        synthesize(count, tmp_path / f"m{count}.nt")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # One municipality is generated at a time: 20 cost no more than the largest single
    # one (the first is a small town, so allow up to eight times its peak).
    assert peaks[1] < 8 * peaks[0]
    assert peaks[1] < 64 * 1024 * 1024


def test_no_municipalities_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        synthesize(0, tmp_path / "none.nt")
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_cli_synth_prints_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "town.nq"
    result = CliRunner().invoke(app, ["synth", "--municipalities", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == expected_findings(1).to_dict() | {"path": str(out)}
    bad = CliRunner().invoke(app, ["synth", "--municipalities", "0", "-o", str(out)])
    assert bad.exit_code == 2
