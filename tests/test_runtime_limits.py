"""The whole command's time-out (reading included) and the memory cap of query workers.

Each test feeds the attack and checks the promise: exit code 5, two lines naming the
limit and its option, no traceback, no file half-written (the old one kept, no temporary
file left), and a worker's own error output (Oxigraph's abort backtrace) never shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dlgraph
from conftest import EXAMPLES, ROOT
from dlgraph import LimitExceeded, TimeoutExceeded
from dlgraph.cli import app
from dlgraph.cli.budget import GRACE, memory_size
from dlgraph.deadline import default_max_memory, limit_memory, time_budget

runner = CliRunner()
PATTERNS = EXAMPLES / "patterns.ttl"
OLD = b"@prefix ex: <http://e/> . ex:old ex:is ex:kept .\n"


def slow_rdfxml(descriptions: int = 8000) -> str:
    """RDF/XML that rdflib reads for seconds (about 16 000 triples, under 1 MiB, so that
    files stay on rdflib), generated in milliseconds."""
    body = "".join(
        f'<rdf:Description rdf:about="http://e/s{i}"><ex:p>v{i}</ex:p>'
        f'<ex:q rdf:resource="http://e/o{i}"/></rdf:Description>\n'
        for i in range(descriptions)
    )
    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        f'xmlns:ex="http://e/">\n{body}</rdf:RDF>\n'
    )


def _timed_out(stderr: str, command: str, seconds: str) -> None:
    assert stderr.splitlines() == [
        f"error: dlgraph {command} ran past its time-out of {seconds} s and was stopped",
        "hint: make the data or the query smaller, or allow more time (--timeout SECONDS; 0 "
        "for no limit)",
    ]


def _no_temporaries(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.parametrize(
    ("command", "arguments", "written"),
    [
        ("convert", ["-o", "{out}.ttl"], True),
        ("anonymize", ["-o", "{out}.ttl"], True),
        ("reason", ["-o", "{out}.trig"], True),
        ("report", ["-o", "{out}.html"], True),
        ("stats", [], False),
        ("validate", [], False),
        ("query", ["--sparql", "ASK {}"], False),
        ("load", ["--store", "{out}.store"], False),
    ],
)
def test_the_time_out_covers_reading_on_every_long_command(
    tmp_path: Path, command: str, arguments: list[str], written: bool
) -> None:
    data = tmp_path / "slow.rdf"
    data.write_text(slow_rdfxml(), encoding="utf-8")
    given = [a.replace("{out}", str(tmp_path / "out")) for a in arguments]
    target = Path(given[1]) if written else None
    if target is not None:
        target.write_bytes(OLD)
    started = time.monotonic()
    result = runner.invoke(app, [command, str(data), *given, "--timeout", "0.2"])
    assert time.monotonic() - started < 10 + GRACE
    assert result.exit_code == 5, result.output
    _timed_out(result.stderr, command, "0.2")
    assert result.stdout == ""
    if target is not None:
        assert target.read_bytes() == OLD
    _no_temporaries(tmp_path)


def test_query_and_validate_count_reading_against_their_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = sys.modules["dlgraph.cli.options"]
    monkeypatch.setattr(options, "DEFAULT_CLI_TIMEOUT", 0.2)
    data = tmp_path / "slow.rdf"
    data.write_text(slow_rdfxml(), encoding="utf-8")
    for command, more in (("query", ["-s", "ASK {}"]), ("validate", [])):
        result = runner.invoke(app, [command, str(data), *more])
        assert result.exit_code == 5, result.output
        _timed_out(result.stderr, command, "0.2")
    # 0 is no limit, and the other commands have none unless given
    result = runner.invoke(app, ["query", str(PATTERNS), "-s", "ASK {}", "--timeout", "0"])
    assert (result.exit_code, result.stdout) == (0, "true\n")


def test_a_write_past_the_deadline_is_abandoned_whole(tmp_path: Path) -> None:
    target = tmp_path / "national.nt"
    target.write_bytes(OLD)
    result = runner.invoke(
        app, ["synth", "--municipalities", "40", "-o", str(target), "--timeout", "0.3"]
    )
    assert result.exit_code == 5, result.output
    _timed_out(result.stderr, "synth", "0.3")
    assert target.read_bytes() == OLD
    _no_temporaries(tmp_path)


def test_a_time_budget_stops_the_library_while_it_reads(tmp_path: Path) -> None:
    data = tmp_path / "slow.rdf"
    data.write_text(slow_rdfxml(), encoding="utf-8")
    error = TimeoutExceeded("reading ran past 0.2 s")
    started = time.monotonic()
    with pytest.raises(TimeoutExceeded) as caught, time_budget(0.2, error):
        dlgraph.load(data)
    assert caught.value is error
    assert time.monotonic() - started < 10
    # the alarm is gone: the same load finishes when nothing limits it
    assert len(dlgraph.load(PATTERNS)) > 0


def test_a_bad_time_out_is_usage() -> None:
    result = runner.invoke(app, ["convert", str(PATTERNS), "-o", "x.ttl", "--timeout", "-1"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --timeout must be positive")
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_native_loading_is_stopped_by_the_watchdog_and_the_store_stays_whole(
    tmp_path: Path,
) -> None:
    """Oxigraph loads a store without Python's lock, so no alarm can stop it; the
    watchdog ends the process, and the store keeps its last committed state."""
    store = tmp_path / "store"
    with dlgraph.Store.open(store) as opened:
        opened.load(PATTERNS)
        before = len(opened)
    big = tmp_path / "big.nt"
    with big.open("w", encoding="utf-8") as handle:
        for start in range(0, 1_500_000, 100_000):
            handle.write(
                "".join(
                    f'<http://e/s{i}> <http://e/p> "{i}" .\n' for i in range(start, start + 100_000)
                )
            )
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "dlgraph", "load", str(big), "--store", str(store)]
    command += ["--timeout", "0.2"]
    started = time.monotonic()
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 5, result.stderr
    _timed_out(result.stderr, "load", "0.2")
    assert elapsed < 0.2 + GRACE + 15
    with dlgraph.Store.open(store, read_only=True) as reopened:
        assert len(reopened) == before


# --- the memory cap ----------------------------------------------------------------------

# Ten BINDs, each ten times the one before: a string of 10^10 characters.
GROWING = (
    'SELECT (STRLEN(?s9) AS ?n) WHERE {\n  BIND("abcdefghij" AS ?s0)\n'
    + "".join(f"  BIND(CONCAT({', '.join([f'?s{i}'] * 10)}) AS ?s{i + 1})\n" for i in range(9))
    + "}"
)
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?f ?i"


def _out_of_memory(stderr: str, limit: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 2, stderr
    assert lines[0].startswith("error: ")
    assert lines[0].endswith(f"needed more memory than its limit of {limit} and was stopped")
    assert lines[1].endswith("or allow more memory (max_memory=, --max-memory SIZE)")
    assert "Traceback" not in stderr
    assert "memory allocation" not in stderr


@pytest.mark.parametrize(
    ("backend", "query"),
    [("rdflib", GROWING), ("oxigraph", GROWING), ("oxigraph", CROSS_JOIN)],
)
def test_a_query_that_grows_without_end_stops_at_the_memory_cap(backend: str, query: str) -> None:
    result = runner.invoke(
        app,
        ["query", str(PATTERNS), "--backend", backend, "-s", query, "--max-memory", "100M"],
    )
    assert result.exit_code == 5, result.output
    _out_of_memory(result.stderr, "100 MiB")
    assert result.stdout == ""


def test_a_store_query_stops_at_the_memory_cap(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with dlgraph.Store.open(folder) as store:
        store.load(PATTERNS)
        count = len(store)
    result = runner.invoke(
        app, ["query", "--store", str(folder), "-s", GROWING, "--max-memory", "64M"]
    )
    assert result.exit_code == 5, result.output
    _out_of_memory(result.stderr, "64 MiB")
    with dlgraph.Store.open(folder, read_only=True) as reopened:
        assert len(reopened) == count


def test_the_library_caps_a_query_worker() -> None:
    graph = dlgraph.load(PATTERNS)
    with pytest.raises(LimitExceeded, match="limit of 100 MiB") as caught, limit_memory(100 << 20):
        graph.query(GROWING)
    assert caught.value.exit_code == 5
    with limit_memory(100 << 20):  # a query within the cap answers as without one
        assert graph.query("SELECT ?s WHERE { ?s a ?o } ORDER BY ?s") == graph.query(
            "SELECT ?s WHERE { ?s a ?o } ORDER BY ?s"
        )


def test_memory_sizes_and_the_default() -> None:
    assert memory_size("512M") == 512 << 20
    assert memory_size("1.5GiB") == 3 << 29
    assert memory_size("2048") == 2048
    physical = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    assert default_max_memory() == physical // 2
    for command in ("query", "validate"):
        assert "--max-memory" in runner.invoke(app, [command, "--help"]).stdout
    result = runner.invoke(app, ["query", str(PATTERNS), "-s", "ASK {}", "--max-memory", "lots"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --max-memory: 'lots' is not a size",
        "hint: give bytes, or a size such as 512M or 2G",
    ]


# --- many prefixes -----------------------------------------------------------------------


def _many_prefixes(count: int) -> bytes:
    """Turtle declaring ``count`` prefixes, each used by one triple of its own."""
    declared = "".join(f"@prefix p{i}: <http://example.org/ns{i}/> .\n" for i in range(count))
    return (declared + "".join(f"p{i}:s p{i}:p p{i}:o .\n" for i in range(count))).encode()


def test_many_prefixes_are_read_and_written_in_work_that_does_not_grow_with_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """rdflib files each bound namespace in a trie, each insertion scanning the ones
    before: 10 000 prefixes took 25 s to write. Count the insertions instead of timing."""
    import rdflib.namespace

    from dlgraph.prefixes import MAX_PREFIXES

    insertions = [0]
    insert = rdflib.namespace.insert_trie

    def counted(*args: object) -> object:
        insertions[0] += 1
        return insert(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(rdflib.namespace, "insert_trie", counted)
    work: dict[int, int] = {}
    written: dict[str, str] = {}
    for count in (350, 1000):
        insertions[0] = 0
        graph = dlgraph.load(_many_prefixes(count), format="turtle")
        written = {fmt: graph.serialize(fmt) for fmt in ("turtle", "trig", "json-ld")}
        work[count] = insertions[0]
    # rdflib alone: 1 649 for 300, 10 149 for 2 000 (and 25 s for 10 000 prefixes)
    assert work[1000] <= work[350] + 10, work
    assert work[1000] < 10 * MAX_PREFIXES, work
    # the IRIs past the prefixes kept are written in full: the same triples come back
    assert len(written["turtle"].split("@prefix")) < 2 * MAX_PREFIXES
    triples = set(graph.union())
    for fmt, text in written.items():
        assert set(dlgraph.load(text.encode(), format=fmt).union()) == triples, fmt


def _declaring(fmt: str, count: int) -> bytes:
    """RDF/XML declaring ``count`` namespaces, or JSON-LD with ``count`` context terms,
    each used once."""
    if fmt == "json-ld":
        context = {f"p{i}": f"http://example.org/ns{i}/" for i in range(count)}
        nodes = [{"@id": f"p{i}:s", f"p{i}:p": "x"} for i in range(count)]
        return json.dumps({"@context": context, "@graph": nodes}).encode()
    spaces = " ".join(f'xmlns:p{i}="http://example.org/ns{i}/"' for i in range(count))
    body = "".join(
        f'<rdf:Description rdf:about="http://example.org/ns{i}/s"><p{i}:p>x</p{i}:p>'
        "</rdf:Description>"
        for i in range(count)
    )
    return (
        f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" {spaces}>'
        f"{body}</rdf:RDF>"
    ).encode()


@pytest.mark.parametrize("fmt", ["xml", "json-ld"])
def test_rdfxml_and_jsonld_declaring_many_namespaces_are_read_in_work_that_does_not_grow(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rdflib's RDF/XML and JSON-LD readers bind every namespace or context term they
    meet; the graph they read into binds no more than the limit."""
    import rdflib.namespace

    insertions = [0]
    insert = rdflib.namespace.insert_trie

    def counted(*args: object) -> object:
        insertions[0] += 1
        return insert(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(rdflib.namespace, "insert_trie", counted)
    work: dict[int, int] = {}
    for count in (350, 1000):
        insertions[0] = 0
        graph = dlgraph.load(_declaring(fmt, count), format=fmt)
        work[count] = insertions[0]
        assert len(graph) == count
    assert work[1000] <= work[350] + 10, work


def test_every_long_command_takes_a_time_out() -> None:
    for command in (
        *("convert", "validate", "report", "reason", "query", "stats", "load"),
        *("anonymize", "synth", "push", "compare"),
    ):
        assert "--timeout" in runner.invoke(app, [command, "--help"]).stdout, command


WATCHED = """
import sys, time
from dlgraph.cli.budget import _watchdog, time_out
from dlgraph.cli.output import set_error_format
from dlgraph.write import atomic_writer
set_error_format(sys.argv[2])
with _watchdog(0.3, time_out("load", 0.1)), atomic_writer(sys.argv[1]) as handle:
    handle.write(b"half")
    time.sleep(30)  # as native code does, without Python's lock
"""


@pytest.mark.parametrize("errors", ["text", "json"])
def test_the_watchdog_ends_the_process_and_leaves_no_temporary(tmp_path: Path, errors: str) -> None:
    target = tmp_path / "out.nt"
    target.write_bytes(OLD)
    result = subprocess.run(
        [sys.executable, "-c", WATCHED, str(target), errors],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=60,
    )
    assert result.returncode == 5
    if errors == "json":
        assert json.loads(result.stdout)["problems"][0]["message"] == (
            "dlgraph load ran past its time-out of 0.1 s and was stopped"
        )
    else:
        _timed_out(result.stderr, "load", "0.1")
    assert target.read_bytes() == OLD
    _no_temporaries(tmp_path)
