"""Hostile files and faults of issue #18: each ends as one line and its exit code.

Every test feeds the attack to the command line in a subprocess (or to the library) and
checks the promised outcome: the exit code, a one-line message, no traceback, nothing
injected or half-written, in bounded time.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import URIRef

import dlgraph
from dlgraph import ParseError

SRC = Path(dlgraph.__file__).resolve().parents[1]

ENTITY_XML = (
    '<?xml version="1.0"?>\n'
    '<!DOCTYPE rdf:RDF [ <!ENTITY injected "INJECTED-VALUE"> ]>\n'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:ex="http://example.org/">\n'
    '  <rdf:Description rdf:about="http://example.org/a"><ex:p>&injected;</ex:p>'
    "</rdf:Description>\n</rdf:RDF>\n"
)
PLAIN_XML = ENTITY_XML.replace(
    '<!DOCTYPE rdf:RDF [ <!ENTITY injected "INJECTED-VALUE"> ]>\n', ""
).replace("&injected;", "plain")

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "utf-16le with BOM": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "utf-16be with BOM": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "utf-16le without BOM": lambda text: text.encode("utf-16-le"),
    "utf-16be without BOM": lambda text: text.encode("utf-16-be"),
    "utf-32le with BOM": lambda text: text.encode("utf-32"),
    "utf-32be without BOM": lambda text: text.encode("utf-32-be"),
}


def run_cli(
    *args: str | Path,
    cwd: Path,
    timeout: float = 120,
    preexec: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``dlgraph ARGS`` in a subprocess, as a user runs it; stdout and stderr decoded."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "dlgraph", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=timeout,
        check=False,
        preexec_fn=preexec,
    )
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", errors="replace"),
        done.stderr.decode("utf-8", errors="replace"),
    )


def assert_one_error(done: subprocess.CompletedProcess[str], code: int, *words: str) -> str:
    """The run failed with ``code`` and printed ``error: ...`` (and a hint), no traceback."""
    assert done.returncode == code, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines and lines[0].startswith("error: "), done.stderr
    assert len(lines) <= 2 and all(line.startswith(("error: ", "hint: ")) for line in lines)
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_a_dtd_is_refused_in_every_encoding(encoding: str) -> None:
    with pytest.raises(ParseError, match="document type declaration") as caught:
        dlgraph.load(ENCODINGS[encoding](ENTITY_XML), format="xml")
    assert (caught.value.line, caught.value.column) == (2, 1)
    # the same document without its DTD is read in that encoding, as XML reads it
    graph = dlgraph.load(ENCODINGS[encoding](PLAIN_XML), format="xml")
    assert [str(o) for o in graph.dataset.objects()] == ["plain"]


def test_an_encoding_named_by_the_declaration_is_read_and_checked() -> None:
    declared = PLAIN_XML.replace('version="1.0"', 'version="1.0" encoding="ISO-8859-1"')
    graph = dlgraph.load(declared.replace("plain", "pl\u00e5in").encode("latin-1"), format="xml")
    assert [str(o) for o in graph.dataset.objects()] == ["pl\u00e5in"]
    hostile = ENTITY_XML.replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    with pytest.raises(ParseError, match="document type declaration"):
        dlgraph.load(hostile.encode("utf-16-be"), format="xml")
    with pytest.raises(ParseError, match="unknown encoding"):
        dlgraph.load(
            PLAIN_XML.replace('version="1.0"', 'version="1.0" encoding="x-no-such"').encode(),
            format="xml",
        )


@pytest.mark.parametrize("command", ["convert", "load --store", "validate", "report folder"])
def test_a_dtd_in_utf16be_without_bom_is_refused_on_every_path(
    command: str, tmp_path: Path
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    hostile = ENCODINGS["utf-16be without BOM"](ENTITY_XML)
    (tmp_path / "hostile.rdf").write_bytes(hostile)
    (folder / "ontology.owl").write_bytes(hostile)
    arguments = {
        "convert": ["convert", "hostile.rdf", "-o", "out.ttl"],
        "load --store": ["load", "hostile.rdf", "--store", "store"],
        "validate": ["validate", "hostile.rdf"],
        "report folder": ["report", "folder", "-o", "report.html"],
    }[command]
    done = run_cli(*arguments, cwd=tmp_path)
    assert_one_error(done, 2, "document type declaration", ":2:1:")
    assert "INJECTED-VALUE" not in done.stdout + done.stderr
    assert not (tmp_path / "out.ttl").exists() and not (tmp_path / "report.html").exists()
    for written in tmp_path.rglob("*"):
        if written.is_file() and written.suffix not in (".rdf", ".owl"):
            assert b"INJECTED-VALUE" not in written.read_bytes(), written


HOSTILE_CELLS = (
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "+1",
    "\tx",
    "\rx",
)


def _cells_graph(folder: Path) -> Path:
    literals = ", ".join(
        '"' + value.replace("\t", "\\t").replace("\r", "\\r") + '"' for value in HOSTILE_CELLS
    )
    path = folder / "cells.ttl"
    path.write_text(
        "@prefix ex: <http://example.org/> .\n"
        f'ex:a ex:p {literals} , -2 , 3.5 , "plain" , '
        '"\\u001b[31mRED\\u001b]0;title\\u0007\\u009b2J" , "[bold]b[/bold] :100: :smile:" .\n'
    )
    return path


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    _cells_graph(tmp_path)
    query = "SELECT ?o WHERE { ?s ?p ?o }"
    done = run_cli("query", "cells.ttl", "--sparql", query, "-f", "csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    cells = {row[0] for row in csv.reader(io.StringIO(done.stdout, newline=""))}
    for value in HOSTILE_CELLS:
        assert f"'{value}" in cells and value not in cells, value
    assert {"-2", "3.5", "plain"} <= cells  # numbers and plain text stay as they are
    raw = run_cli("query", "cells.ttl", "--sparql", query, "-f", "csv", "--raw", cwd=tmp_path)
    raw_cells = {row[0] for row in csv.reader(io.StringIO(raw.stdout, newline=""))}
    assert set(HOSTILE_CELLS) <= raw_cells


def test_a_table_shows_control_characters_markup_and_emoji_codes_as_text(
    tmp_path: Path,
) -> None:
    _cells_graph(tmp_path)
    done = run_cli("query", "cells.ttl", "--sparql", "SELECT ?o WHERE { ?s ?p ?o }", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for control in ("\x1b", "\x07", "\x9b", "\r"):
        assert control not in done.stdout, repr(control)
    assert "\\x1b[31mRED\\x1b]0;title\\x07\\x9b2J" in done.stdout
    assert "[bold]b[/bold] :100: :smile:" in done.stdout
    assert "\\tx" in done.stdout and "\\rx" in done.stdout


def test_an_error_position_is_not_read_as_an_emoji_code(tmp_path: Path) -> None:
    (tmp_path / "case.yaml").write_text("# a comment\n" * 98 + "people: [\n")
    done = run_cli("validate", "case.yaml", cwd=tmp_path)
    line = assert_one_error(done, 2, "case.yaml:100:1:")
    assert "\U0001f4af" not in done.stderr, line


def test_an_error_shows_control_characters_from_a_file_name_escaped(tmp_path: Path) -> None:
    name = "bad\x1b[2Jname.ttl"
    (tmp_path / name).write_text("@prefix ex: <http://example.org/> .\nex:a ex:p .\n")
    done = run_cli("validate", name, cwd=tmp_path)
    assert_one_error(done, 2, "bad\\x1b[2Jname.ttl")
    assert "\x1b" not in done.stderr


# --- writes the machine refuses: disk full, read-only, permission -------------------------

PATTERNS = Path(__file__).resolve().parents[1] / "examples" / "patterns.ttl"
OLD = b"the old file, which must stay whole\n"


def _file_size_limit(limit: int) -> Callable[[], None]:
    """A preexec function: files the child writes may not grow past ``limit`` bytes."""

    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


WRITERS = {
    "convert": ["convert", str(PATTERNS), "-o", "out/target.ttl"],
    "anonymize": ["anonymize", str(PATTERNS), "-o", "out/target.ttl", "--key-file", "key"],
    "report": ["report", str(PATTERNS), "-o", "out/target.html"],
    "reason": ["reason", str(PATTERNS), "-o", "out/target.ttl"],
    "synth": ["synth", "--municipalities", "1", "-o", "out/target.nt"],
}


def _target(command: str) -> str:
    return Path(WRITERS[command][WRITERS[command].index("-o") + 1]).name


def _assert_nothing_half_written(folder: Path, name: str) -> None:
    assert (folder / name).read_bytes() == OLD
    assert sorted(p.name for p in folder.iterdir()) == [name], list(folder.iterdir())


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_full_disk_is_one_line_exit_3_and_leaves_the_old_file(
    command: str, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    name = _target(command)
    (tmp_path / "out" / name).write_bytes(OLD)
    (tmp_path / "key").write_text("a key for the test\n")
    done = run_cli(*WRITERS[command], cwd=tmp_path, preexec=_file_size_limit(1024))
    assert_one_error(done, 3, f"out/{name}: cannot write:", "(disk full)")
    _assert_nothing_half_written(tmp_path / "out", name)


def test_a_full_disk_during_a_store_load_keeps_the_last_committed_state(tmp_path: Path) -> None:
    done = run_cli("load", PATTERNS, "--store", "store", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    big = tmp_path / "big.nt"
    with big.open("w") as out:
        for number in range(40_000):
            out.write(f'<http://example.org/s{number}> <http://example.org/p> "value {number}" .\n')
    full = run_cli("load", big, "--store", "store", cwd=tmp_path, preexec=_file_size_limit(1 << 19))
    assert_one_error(full, 3, "store: cannot write:", "(disk full)")
    counted = run_cli(
        "query",
        "--store",
        "store",
        "--sparql",
        "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
        "-f",
        "csv",
        cwd=tmp_path,
    )
    assert counted.stdout.split() == ["n", "81"], counted.stderr


def test_a_new_store_that_cannot_be_written_is_not_left_half_made(tmp_path: Path) -> None:
    done = run_cli(
        "load", PATTERNS, "--store", "store", cwd=tmp_path, preexec=_file_size_limit(2048)
    )
    assert_one_error(done, 3, "store: cannot write:", "(disk full)")
    assert not (tmp_path / "store").exists()


def _unshare_works(folder: Path) -> bool:
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {folder}"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.parametrize(
    ("mount", "cause", "command"),
    [
        ("size=48k", "disk full", "convert"),
        ("size=48k", "disk full", "load"),
        ("ro", "read-only", "convert"),
        ("ro", "read-only", "load"),
    ],
)
def test_a_real_full_or_read_only_file_system(
    mount: str, cause: str, command: str, tmp_path: Path
) -> None:
    """On a small tmpfs (a mount namespace of its own, gone with the command)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _unshare_works(disk):
        pytest.skip("no mount namespace here (unshare -rm), so no tmpfs to fill")
    big = tmp_path / "big.nt"
    with big.open("w") as out:
        for number in range(5_000):
            out.write(f'<http://example.org/s{number}> <http://example.org/p> "value {number}" .\n')
    arguments = {
        "convert": f"convert {big} -o {disk}/target.nt",
        "load": f"load {big} --store {disk}/store",
    }[command]
    script = (
        f"mount -t tmpfs -o size=48k tmpfs {disk} && "
        + (f"printf 'old' > {disk}/target.nt && " if command == "convert" else "")
        + (f"mount -o remount,ro {disk} && " if mount == "ro" else "")
        + f'PYTHONPATH={SRC} {sys.executable} -m dlgraph {arguments}; echo "rc=$?" >&2; '
        f"ls -A {disk} >&2; cat {disk}/target.nt >&2 2>/dev/null; true"
    )
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("error: ") and f"({cause})" in lines[0], done.stderr
    assert lines[1].startswith("hint: ") and lines[2] == "rc=3", done.stderr
    left = lines[3:]
    assert left == (["target.nt", "old"] if command == "convert" else []), done.stderr


def test_a_refused_write_is_one_error_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission refused at the rename (root may write anywhere, so the fault is made)."""
    from dlgraph.errors import EnvironmentProblem
    from dlgraph.write import write_atomic

    target = tmp_path / "target"
    target.write_bytes(OLD)

    def refuse(self: Path, other: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(EnvironmentProblem, match=r"target: cannot write: .*\(permission\)"):
        write_atomic(target, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["target"]
    assert target.read_bytes() == OLD


# --- SPARQL nested deeper than Oxigraph's parser can take --------------------------------


def test_a_deeply_nested_query_on_a_store_is_a_limit_exit_5(tmp_path: Path) -> None:
    assert run_cli("load", PATTERNS, "--store", "store", "-q", cwd=tmp_path).returncode == 0
    deep = "SELECT * WHERE { " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000 + " }"
    for timeout in ("0", "300"):  # in this process, and in the query's worker
        done = run_cli(
            "query", "--store", "store", "--sparql", deep, "--timeout", timeout, cwd=tmp_path
        )
        assert_one_error(done, 5, "nests too deeply", "more than 100 levels")


@pytest.mark.parametrize(
    "hidden",
    [
        "FILTER(?o != <(#> || " + "(" * 3000 + "1" + ")" * 3000 + ")",  # a '#' inside an IRI
        "FILTER(?s<" + "(" * 3000 + "1" + ")" * 3000 + ">1)",  # '<' ... '>' as comparisons
        'FILTER(?o != "((((" || ' + "(" * 3000 + "1" + ")" * 3000 + ")",
    ],
)
def test_no_bracket_hides_from_the_query_depth_check(hidden: str) -> None:
    from dlgraph import LimitExceeded, Store

    with Store.memory() as store, pytest.raises(LimitExceeded, match="nests too deeply"):
        store.query("SELECT * WHERE { ?s ?p ?o " + hidden + " }")


def test_brackets_in_strings_iris_and_comments_do_not_count() -> None:
    from dlgraph import Store

    with Store.memory() as store:
        store.add_graph(dlgraph.load('<http://example.org/a(> <http://example.org/p> "x" .'))
        text = (
            "SELECT ?s WHERE { ?s ?p ?o # " + "(" * 500 + "\n"
            ' FILTER(?o != "' + "(" * 500 + '" && ?s = <http://example.org/a(>) }'
        )
        assert [str(row[0]) for row in store.query(text)] == ["http://example.org/a("]


# --- what used to end in a traceback --------------------------------------------------------


def test_a_20000_long_blank_node_chain_is_written_as_turtle_and_trig(tmp_path: Path) -> None:
    length = 20_000
    lines = [f"_:b{i} <http://example.org/next> _:b{i + 1} ." for i in range(length)]
    lines.append("<http://example.org/start> <http://example.org/next> _:b0 .")
    (tmp_path / "chain.nt").write_text("\n".join(lines) + "\n")
    for name in ("chain.ttl", "chain.trig"):
        done = run_cli("convert", "chain.nt", "-o", name, cwd=tmp_path)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        graph = dlgraph.load(tmp_path / name).union()
        assert len(graph) == length + 1
        steps = 0
        node = graph.value(URIRef("http://example.org/start"), URIRef("http://example.org/next"))
        while node is not None:
            node = graph.value(node, URIRef("http://example.org/next"))
            steps += 1
        assert steps == length + 1  # the chain is whole, in order


def test_deep_rdfxml_is_converted_to_turtle(tmp_path: Path) -> None:
    depth = 3000
    (tmp_path / "deep.rdf").write_text(
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
        + "<ex:p><rdf:Description>" * depth
        + "<ex:q>x</ex:q>"
        + "</rdf:Description></ex:p>" * depth
        + "</rdf:Description></rdf:RDF>"
    )
    done = run_cli("convert", "deep.rdf", "-o", "deep.ttl", cwd=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert len(dlgraph.load(tmp_path / "deep.ttl")) == depth + 1


@pytest.mark.parametrize("name", ["long.nt", "long.ttl"])
@pytest.mark.parametrize("command", ["convert", "load --store", "validate"])
def test_a_literal_past_oxigraphs_buffer_is_a_limit_with_its_line(
    name: str, command: str, tmp_path: Path
) -> None:
    with (tmp_path / name).open("w") as out:
        out.write('<http://example.org/a> <http://example.org/p> "1" .\n')
        out.write('<http://example.org/a> <http://example.org/p> "' + "x" * (17 << 20) + '" .\n')
    arguments = {
        "convert": ["convert", name, "-o", "out.ttl"],
        "load --store": ["load", name, "--store", "store"],
        "validate": ["validate", name],
    }[command]
    done = run_cli(*arguments, cwd=tmp_path)
    assert_one_error(done, 5, f"{name}:2:", "longer than the parser's limit of 16 MiB")
    assert not (tmp_path / "out.ttl").exists()


def test_a_literal_past_the_buffer_in_text_is_a_limit() -> None:
    from dlgraph import LimitExceeded

    text = '<http://example.org/a> <http://example.org/p> "' + "x" * (17 << 20) + '" .\n'
    with pytest.raises(LimitExceeded, match=r"<string>:1: .* 16 MiB"):
        dlgraph.load(text, format="turtle")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("case: " + "[" * 20_000 + "]" * 20_000 + "\n", "case.yaml:1:106:"),
        ("".join("  " * i + f"k{i}:\n" for i in range(3000)), "case.yaml:101:201:"),
    ],
)
def test_deep_yaml_is_a_positioned_limit(text: str, where: str, tmp_path: Path) -> None:
    (tmp_path / "case.yaml").write_text(text)
    for command in (["validate", "case.yaml"], ["convert", "case.yaml", "-o", "case.ttl"]):
        done = run_cli(*command, cwd=tmp_path)
        assert_one_error(done, 5, where, "nests too deeply")


def test_a_damaged_store_is_one_line_on_every_command(tmp_path: Path) -> None:
    assert run_cli("load", PATTERNS, "--store", "store", "-q", cwd=tmp_path).returncode == 0
    for table in (tmp_path / "store").glob("*.sst"):
        data = bytearray(table.read_bytes())
        for index in range(100, len(data) - 100, 37):
            data[index] ^= 0xFF
        table.write_bytes(bytes(data))
    for command in (
        ["query", "--store", "store", "--sparql", "SELECT * { ?s ?p ?o }"],
        ["validate", "--store", "store"],
        ["load", PATTERNS, "--store", "store"],
    ):
        done = run_cli(*command, cwd=tmp_path)
        assert_one_error(done, 2, "store: the store is damaged")


@pytest.mark.java
def test_a_java_that_fails_to_start_is_exit_3_and_leaves_no_scratch_file(tmp_path: Path) -> None:
    import shutil

    if shutil.which("java") is None:
        pytest.skip("no java on PATH, so no JVM to fail")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {"TMPDIR": str(scratch), "_JAVA_OPTIONS": "-XX:+NoSuchDlgraphOption"}
    done = run_cli("reason", PATTERNS, "--profile", "dl", "-o", "out.ttl", cwd=tmp_path, env=env)
    assert_one_error(done, 3, "HermiT could not run: Java failed", "NoSuchDlgraphOption")
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "out.ttl").exists()
