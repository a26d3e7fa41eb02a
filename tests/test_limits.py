"""Limits and integrity: time-outs, sizes, nesting, injection, read-only, atomic writes."""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

import dlgraph
from conftest import ROOT
from dlgraph import (
    LimitExceeded,
    ParseError,
    QueryError,
    QuerySyntaxError,
    ReadOnlyError,
    TimeoutExceeded,
)
from dlgraph.cli import app
from dlgraph.limits import DEFAULT_MAX_DEPTH
from dlgraph.load.parse import parse_document

SOURCE = ROOT / "src" / "dlgraph"
EXAMPLE = ROOT / "examples" / "patterns.ttl"
runner = CliRunner()
# Four-way cross product of every triple: hours on any real graph, with no result row.
PATHOLOGICAL = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
)


def test_a_pathological_query_is_stopped_at_its_time_out() -> None:
    graph = dlgraph.load(EXAMPLE)
    started = time.monotonic()
    with pytest.raises(TimeoutExceeded) as caught:
        graph.query(PATHOLOGICAL, timeout=0.5)
    assert time.monotonic() - started < 5
    assert str(caught.value).startswith("<query>: the query ran past its time-out of 0.5 s")
    assert caught.value.exit_code == 5


def test_a_query_within_its_time_out_gives_the_same_rows() -> None:
    graph = dlgraph.load(EXAMPLE)
    query = "SELECT ?s ?o WHERE { ?s a ?o } ORDER BY ?s ?o"
    assert graph.query(query, timeout=30) == graph.query(query)
    assert graph.run("summary", timeout=30) == graph.run("summary")


def test_errors_come_back_from_the_worker_as_raised() -> None:
    graph = dlgraph.load(EXAMPLE)
    with pytest.raises(QueryError, match="cannot bind a list"):
        graph.query("SELECT * WHERE { ?s ?p ?o }", bindings={"o": [1]}, timeout=5)
    with pytest.raises(dlgraph.UnknownNameError) as caught:
        graph.run("summary", timeout=5, nope="x")
    assert caught.value.hint is not None


def test_cli_query_time_out_exits_5(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["query", str(EXAMPLE), "--sparql", PATHOLOGICAL, "--timeout", "0.5"]
    )
    assert result.exit_code == 5
    # the command's time-out, loading included, is the one that ends it
    assert result.stderr.splitlines() == [
        "error: dlgraph query ran past its time-out of 0.5 s and was stopped",
        "hint: make the data or the query smaller, or allow more time (--timeout SECONDS; 0 "
        "for no limit)",
    ]
    assert result.stdout == ""


def test_validation_time_out(tmp_path: Path) -> None:
    with pytest.raises(TimeoutExceeded, match="the validation ran past its time-out"):
        dlgraph.validate(EXAMPLE, timeout=0.01)
    result = runner.invoke(app, ["validate", str(EXAMPLE), "--timeout", "0.01"])
    assert result.exit_code == 5
    assert result.stderr.startswith("error: dlgraph validate ran past its time-out of 0.01 s")
    assert dlgraph.validate(EXAMPLE, timeout=120).conforms


def test_the_cli_has_a_default_time_out() -> None:
    from dlgraph.deadline import DEFAULT_CLI_TIMEOUT

    for command in ("query", "validate"):
        result = runner.invoke(app, [command, "--help"])
        assert "--timeout" in result.stdout
    assert DEFAULT_CLI_TIMEOUT == 300.0


def test_a_document_over_the_size_limit_is_refused_before_parsing() -> None:
    data = "<http://e/a> <http://e/b> <http://e/c> .\n" * 100
    with pytest.raises(LimitExceeded, match="more than the limit of 1000") as caught:
        parse_document(data, "nt", source="big.nt", max_bytes=1000)
    assert caught.value.exit_code == 5
    assert len(parse_document(data, "nt", max_bytes=None)[0]) == 1


def test_load_refuses_files_over_the_limit_before_reading(tmp_path: Path) -> None:
    case = ROOT / "examples" / "patterns.yaml"
    graph = dlgraph.load(EXAMPLE)
    before = set(graph.dataset.quads())
    for path in (EXAMPLE, case):
        with pytest.raises(LimitExceeded, match=f"^{path}: the document has") as caught:
            graph.load(path, max_bytes=100)
        assert caught.value.hint is not None and "max_bytes" in caught.value.hint
    assert set(graph.dataset.quads()) == before
    assert len(dlgraph.load(EXAMPLE, max_bytes=None)) == len(graph)


@pytest.mark.parametrize(
    ("fmt", "document"),
    [
        ("turtle", "<http://e/a> <http://e/b> " + "[ <http://e/c> " * 200 + "]" * 200 + " ."),
        ("turtle", "<http://e/a> <http://e/b> " + "( " * 2000 + ")" * 2000 + " ."),
        (
            "trig",
            "<http://e/g> { <http://e/a> <http://e/b> "
            + "[ <http://e/c> " * 2000
            + "]" * 2000
            + " . }",
        ),
        ("json-ld", '{"@id": "http://e/a", "http://e/b": ' + "[" * 5000 + "]" * 5000 + "}"),
        (
            "json-ld",
            '{"@id": "http://e/a", "http://e/b": ' + '{"http://e/c": ' * 3000 + "1" + "}" * 3001,
        ),
    ],
    ids=["turtle-blank-nodes", "turtle-collections", "trig", "json-lists", "json-objects"],
)
def test_deep_nesting_is_a_clear_limit(fmt: str, document: str) -> None:
    # rdflib and json recurse per level (rdflib's Turtle reader fails near 150 levels):
    # a clear LimitExceeded, exit code 5, instead of a RecursionError.
    with pytest.raises(LimitExceeded, match=r"^deep: the .* document nests too deeply") as caught:
        parse_document(document, fmt, source="deep")
    assert caught.value.exit_code == 5


def _nested_turtle(depth: int, inner: str = "1") -> str:
    return (
        "@prefix ex: <http://e/> .\n<http://e/a> <http://e/b> "
        + "[ <http://e/c> " * depth
        + inner
        + " "
        + "]" * depth
        + " ."
    )


def test_nesting_up_to_the_limit_is_read_and_written_back() -> None:
    """100 levels load, and rdflib (which writes Turtle by recursion) can write them."""
    graph = dlgraph.load(_nested_turtle(DEFAULT_MAX_DEPTH), format="turtle")
    assert len(graph) == DEFAULT_MAX_DEPTH + 1
    again = dlgraph.load(graph.serialize("turtle"), format="turtle")
    assert len(again) == DEFAULT_MAX_DEPTH + 1


def test_one_level_too_many_names_its_place() -> None:
    text = "# ( [ { in a comment\n" + _nested_turtle(DEFAULT_MAX_DEPTH + 1)
    with pytest.raises(LimitExceeded) as caught:
        parse_document(text, "turtle", source="deep.ttl")
    column = len("<http://e/a> <http://e/b> ") + len("[ <http://e/c> ") * DEFAULT_MAX_DEPTH + 1
    assert f"at line 3, column {column}" in str(caught.value)
    dataset, _ = parse_document(text, "turtle", max_depth=None)
    assert len(dataset) == DEFAULT_MAX_DEPTH + 2


@pytest.mark.parametrize(
    "inner",
    [
        '"[[[[ (((( {{{{"',
        "'''[[[[\n((((\n{{{{'''",
        '"""]]]] [[[[ """',
        "ex:a\\(\\(\\(\\(",
        "ex:x # [[[[ ((((\n",
    ],
    ids=["string", "long-string", "long-string-brackets", "escaped-local-name", "comment"],
)
def test_brackets_in_strings_names_and_comments_are_not_nesting(inner: str) -> None:
    dataset, _ = parse_document(_nested_turtle(DEFAULT_MAX_DEPTH, inner), "turtle")
    assert len(dataset) == DEFAULT_MAX_DEPTH + 1


def test_deep_rdfxml_nesting_is_read() -> None:
    """rdflib's RDF/XML reader is event-driven: depth costs nothing there."""
    depth = 3000
    inner = "".join(f'<ex:p{i % 2} rdf:parseType="Resource">' for i in range(depth)) + "".join(
        f"</ex:p{(depth - 1 - i) % 2}>" for i in range(depth)
    )
    xml = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://e/"><rdf:Description rdf:about="http://e/a">'
        f"{inner}</rdf:Description></rdf:RDF>"
    )
    dataset, _ = parse_document(xml, "xml")
    assert len(dataset) == depth


def test_deeply_nested_sparql_is_a_clear_error() -> None:
    graph = dlgraph.load(EXAMPLE)
    query = "SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }"
    with pytest.raises(LimitExceeded, match="the query nests too deeply"):
        graph.query(query)


def test_billion_laughs_is_refused_at_once() -> None:
    entities = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY l0 "lol">{entities}]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://e/"><rdf:Description rdf:about="http://e/a"><ex:p>&l9;</ex:p>'
        "</rdf:Description></rdf:RDF>"
    )
    assert len(xml) < 2000
    started = time.monotonic()
    with pytest.raises(ParseError, match="document type declaration"):
        dlgraph.load(xml.encode(), format="xml")
    assert time.monotonic() - started < 1


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """Nine levels of ten aliases each would be 10**9 values if anything expanded them."""
    parts = ["&a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous, current = chr(ord("a") + level - 1), chr(ord("a") + level)
        parts.append(f"&{current} [" + ", ".join([f"*{previous}"] * 10) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text(
        "case: bomb\nbase: https://example.org/b/\nprefix: ex\npeople:\n  - id: p\n"
        f"    name: [{', '.join(parts)}]\n"
    )
    assert path.stat().st_size < 1000
    started = time.monotonic()
    with pytest.raises(dlgraph.AuthoringError, match="'name' must be text"):
        dlgraph.load(path)
    assert time.monotonic() - started < 2


def test_a_long_ntriples_line_is_read_in_linear_time() -> None:
    literal = "x" * 5_000_000
    started = time.monotonic()
    graph = dlgraph.load(f'<http://e/a> <http://e/b> "{literal}" .\n'.encode(), format="nt")
    assert time.monotonic() - started < 10  # rdflib's own line parser takes minutes
    (value,) = graph.dataset.objects()
    assert value == Literal(literal)


# --- injection and read-only --------------------------------------------------------

HOSTILE = [
    '" } ; DROP ALL ; SELECT * WHERE { "',
    "> } UNION { ?s ?p ?o } #",
    'x"@en . } INSERT DATA { <http://e/x> <http://e/y> <http://e/z> } #',
    "dl:Principal> } SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_stay_values(value: str) -> None:
    graph = dlgraph.load(EXAMPLE)
    before = set(graph.dataset.quads())
    everything = graph.run("own-initiative-acts")
    assert len(everything) > 0
    # An IRI parameter refuses the text, instead of splicing it into the query.
    with pytest.raises(QueryError, match="needs a value of type iri"):
        graph.run("own-initiative-acts", crisis=value)
    # As an IRI it is bound as one term, which matches nothing.
    assert (
        len(graph.run("own-initiative-acts", crisis=URIRef("http://e/" + value.replace(" ", "_"))))
        == 0
    )
    # A string binding is one literal: the text is never read as SPARQL.
    assert len(graph.query("SELECT ?s WHERE { ?s ?p ?v }", bindings={"v": value})) == 0
    assert set(graph.dataset.quads()) == before


def test_hostile_parameter_through_the_cli() -> None:
    result = runner.invoke(
        app, ["query", str(EXAMPLE), "--named", "own-initiative-acts", "-p", f"crisis={HOSTILE[1]}"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: parameter 'crisis' needs a value of type iri")


@pytest.mark.parametrize(
    "update",
    [
        "DROP ALL",
        "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
        "# comment\nPREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }",
        "LOAD <file:///etc/passwd>",
    ],
)
def test_updates_are_refused_by_query_and_the_cli(update: str) -> None:
    graph = dlgraph.load(EXAMPLE)
    before = set(graph.dataset.quads())
    with pytest.raises(ReadOnlyError):
        graph.query(update)
    assert set(graph.dataset.quads()) == before
    result = runner.invoke(app, ["query", str(EXAMPLE), "--sparql", update])
    assert result.exit_code == 2 and "read-only" in result.stderr


def test_a_malformed_update_is_a_syntax_error_with_a_position() -> None:
    graph = dlgraph.load(EXAMPLE)
    with pytest.raises(QuerySyntaxError) as caught:
        graph.query("INSERT DATA {\n  <http://e/a> <http://e/b> \n}", source="bad.ru")
    assert caught.value.source == "bad.ru" and caught.value.line is not None


# --- nothing lost ---------------------------------------------------------------------

_WRITERS = {"write_text", "write_bytes"}


def test_every_file_the_project_writes_goes_through_write_atomic() -> None:
    """No module but write.py opens a file for writing (hermit's scratch file aside)."""
    offenders = []
    for module in sorted(SOURCE.rglob("*.py")):
        if module.name == "write.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            writes = name in _WRITERS
            if name == "open" and len(node.args) > 1:
                mode = node.args[1]
                writes = isinstance(mode, ast.Constant) and any(
                    c in str(mode.value) for c in "wax+"
                )
            keywords = {k.arg for k in node.keywords}
            if name == "serialize" and (
                "destination" in keywords or (node.args and "format" in keywords)
            ):
                writes = True  # rdflib's Graph.serialize(path, format=...) writes in place
            receiver = getattr(getattr(node.func, "value", None), "id", "")
            if receiver in ("os", "shutil") and name in (
                "copy",
                "copyfile",
                "copy2",
                "move",
                "replace",
                "rename",
            ):
                writes = True
            if receiver == "os" and name == "open":
                flags = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
                writes = bool(flags & {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"})
            if writes:
                offenders.append(f"{module.name}:{node.lineno} {name}")
    # hermit.py writes HermiT's input into its own TemporaryDirectory.
    assert [o for o in offenders if not o.startswith("hermit.py")] == []
    assert len([o for o in offenders if o.startswith("hermit.py")]) == 1


def test_a_writer_killed_mid_way_leaves_the_old_file(tmp_path: Path) -> None:
    """``dlgraph convert`` in a subprocess, killed with SIGKILL while it writes.

    The subprocess's disk is made slow (fsync sleeps) so that the kill lands while the
    new file is being written, every time.
    """
    big = tmp_path / "big.nt"
    with big.open("w") as handle:
        for i in range(20_000):
            handle.write(f'<http://e/s{i}> <http://e/p> "value number {i}" .\n')
    out = tmp_path / "out.ttl"
    out.write_text("the old file\n")
    slow_disk = (
        "import os, sys, time\n"
        "real = os.fsync\n"
        "os.fsync = lambda fd: (time.sleep(60), real(fd))\n"
        "from dlgraph.cli import main\n"
        "sys.argv[0] = 'dlgraph'\n"
        "main()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", slow_disk, "convert", str(big), "-o", str(out), "-q"],
        env=dict(os.environ),
    )
    temporary: list[Path] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and not temporary:
        temporary = [p for p in tmp_path.iterdir() if p.name.startswith(".out.ttl.")]
        time.sleep(0.01)
    assert process.poll() is None, "the writer finished before it could be killed"
    assert temporary, "the writer never started writing"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert out.read_text() == "the old file\n"
    # What a killed writer leaves is its hidden temporary file, never a half target.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["big.nt", "out.ttl", temporary[0].name]
    )


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    from dlgraph.write import atomic_writer

    target = tmp_path / "graph.ttl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_json_results_of_a_timed_query_are_the_w3c_format() -> None:
    graph = dlgraph.load(EXAMPLE)
    result = graph.query("ASK { ?s ?p ?o }", timeout=30)
    assert json.loads(result.serialize("json")) == {"head": {}, "boolean": True}


def test_the_worker_passes_results_and_errors_back() -> None:
    import threading

    from dlgraph.deadline import run_with_deadline

    assert run_with_deadline(lambda: {"rows": [1, 2]}, 10, "a sum") == {"rows": [1, 2]}
    with pytest.raises(ValueError, match="plain"):
        run_with_deadline(lambda: int("plain"), 10, "a conversion")
    with pytest.raises(dlgraph.DlgraphError, match="a lock failed"):
        run_with_deadline(threading.Lock, 10, "a lock")  # a result that cannot be pickled
    with pytest.raises(dlgraph.DlgraphError, match="stopped unexpectedly"):
        run_with_deadline(lambda: os._exit(3), 10, "a crash")
    with pytest.raises(dlgraph.InputError, match="must be positive"):
        run_with_deadline(lambda: 1, -1, "nothing")
