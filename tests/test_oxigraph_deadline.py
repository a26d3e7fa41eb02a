"""A pathological query on Oxigraph is stopped at its deadline, on every kind of store.

The query is a cross product of three patterns over every triple (thousands cubed rows):
it would run for hours. The worker is killed at the deadline, the caller gets
TimeoutExceeded (exit code 5 on the command line), and the store is unharmed.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dlgraph
from conftest import EXAMPLES
from dlgraph import TimeoutExceeded
from dlgraph.cli import app

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LIMIT = 1.0


def _stopped(run: object) -> float:
    started = time.monotonic()
    with pytest.raises(TimeoutExceeded, match=r"ran past its time-out of 1 s") as caught:
        run()  # type: ignore[operator]
    elapsed = time.monotonic() - started
    assert caught.value.exit_code == 5
    assert elapsed < LIMIT + 10  # stopped, not finished
    return elapsed


def test_a_graph_on_oxigraph_stops_at_the_deadline() -> None:
    graph = dlgraph.load(EXAMPLES, engine="oxigraph")
    before = graph.query(QUICK)
    _stopped(lambda: graph.query(ENDLESS, timeout=LIMIT))
    assert graph.query(QUICK) == before  # the parent answers, the graph is as it was
    assert graph.query(QUICK, timeout=30) == before


def test_a_store_in_memory_stops_at_the_deadline() -> None:
    store = dlgraph.Store.memory()
    store.load(EXAMPLES / "denmark-icdp", EXAMPLES / "sweden-covid-2020")
    before = (len(store), store.query(QUICK))
    _stopped(lambda: store.query(ENDLESS, timeout=LIMIT))
    assert (len(store), store.query(QUICK)) == before
    assert store.run("summary", timeout=30) == store.run("summary")


def test_a_store_on_disk_stops_at_the_deadline_and_stays_whole(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = dlgraph.Store.open(folder)
    store.load(EXAMPLES / "denmark-icdp", EXAMPLES / "sweden-covid-2020")
    before = (len(store), store.graph_names(), store.query(QUICK))
    _stopped(lambda: store.query(ENDLESS, timeout=LIMIT))
    # the writer still answers and writes; the worker's read-only handle did not block it
    assert (len(store), store.graph_names(), store.query(QUICK)) == before
    store.load(EXAMPLES / "patterns.ttl")
    answered = store.query(QUICK, timeout=30)
    assert answered == store.query(QUICK) != before[2]
    names = store.graph_names()
    store.close()
    with dlgraph.Store.open(folder, read_only=True) as reopened:
        assert reopened.graph_names() == names
        assert reopened.query(QUICK) == answered
        _stopped(lambda: reopened.query(ENDLESS, timeout=LIMIT))
        assert reopened.query(QUICK, timeout=30) == answered


def test_the_command_line_stops_a_store_query(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with dlgraph.Store.open(folder) as store:
        store.load(EXAMPLES / "denmark-icdp")
    runner = CliRunner()
    started = time.monotonic()
    result = runner.invoke(
        app, ["query", "--store", str(folder), "--sparql", ENDLESS, "--timeout", "1"]
    )
    assert time.monotonic() - started < LIMIT + 10
    assert result.exit_code == 5
    assert result.stdout == ""
    assert "ran past its time-out of 1 s and was stopped" in result.stderr
    assert "Traceback" not in result.stderr
    answered = runner.invoke(
        app, ["query", "--store", str(folder), "--sparql", QUICK, "--format", "csv"]
    )
    assert answered.exit_code == 0, answered.stderr
    assert answered.stdout.splitlines()[0] == "n"


def test_the_command_line_stops_a_query_on_oxigraph_files() -> None:
    result = CliRunner().invoke(
        app,
        ["query", str(EXAMPLES), "--engine", "oxigraph", "--sparql", ENDLESS, "--timeout", "1"],
    )
    assert result.exit_code == 5
    assert "ran past its time-out of 1 s and was stopped" in result.stderr


def test_the_command_line_gives_store_queries_its_default_time_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = importlib.import_module("dlgraph.cli.options")

    folder = tmp_path / "store"
    with dlgraph.Store.open(folder) as store:
        store.load(EXAMPLES / "denmark-icdp")
    monkeypatch.setattr(cli, "DEFAULT_CLI_TIMEOUT", 1.0)
    result = CliRunner().invoke(app, ["query", "--store", str(folder), "--sparql", ENDLESS])
    assert result.exit_code == 5
    assert "time-out of 1 s" in result.stderr
