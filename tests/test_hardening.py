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
    *args: str | Path, cwd: Path, timeout: float = 120, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """``dlgraph ARGS`` in a subprocess, as a user runs it; stdout and stderr undecoded."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}
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
