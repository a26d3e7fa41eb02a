"""Oxigraph's reader applies dlgraph's limits on every path that uses it.

A file goes to Oxigraph's own parser from ``dlgraph.load`` on the Oxigraph backend, from
``Store.load`` and from validation's fast path for files; each must refuse a file over
the size limit and Turtle nested past the depth limit before parsing, as the rdflib path
does, and report a syntax error with the same position.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import dlgraph
from dlgraph.errors import LimitExceeded, ParseError
from dlgraph.limits import DEFAULT_MAX_DEPTH
from dlgraph.store import Store


def _nested(levels: int) -> str:
    return (
        "<https://e.org/s> <https://e.org/p> "
        + "[ <https://e.org/p> " * levels
        + ("<https://e.org/o>" + " ]" * levels + " .\n")
    )


def _on_oxigraph(path: Path) -> object:
    return dlgraph.load(path, backend="oxigraph")


def _on_rdflib(path: Path) -> object:
    return dlgraph.load(path, backend="rdflib")


def _into_store(path: Path) -> object:
    with Store.memory() as store:
        return store.load(path)


def _into_a_store_graph_twice(path: Path) -> object:
    with Store.memory() as store:
        store.load(path, graph_name="https://e.org/g")
        return store.load(path, graph_name="https://e.org/g")  # replaces: the parsing path


def _validated(path: Path) -> object:
    return dlgraph.validate(path, engine="oxigraph")


READERS: dict[str, Callable[[Path], object]] = {
    "rdflib": _on_rdflib,
    "oxigraph": _on_oxigraph,
    "store": _into_store,
    "store-replace": _into_a_store_graph_twice,
    "validate": _validated,
}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("suffix", [".ttl", ".trig"])
def test_nesting_past_the_limit_is_refused_on_every_path(
    reader: str, suffix: str, tmp_path: Path
) -> None:
    path = tmp_path / f"deep{suffix}"
    text = _nested(DEFAULT_MAX_DEPTH + 1)
    path.write_text(text if suffix == ".ttl" else "{ " + text.replace(" .\n", " }\n"))
    with pytest.raises(LimitExceeded, match="nests too deeply") as caught:
        READERS[reader](path)
    assert "line 1, column" in str(caught.value)


@pytest.mark.parametrize("reader", READERS)
def test_nesting_at_the_limit_is_read_on_every_path(reader: str, tmp_path: Path) -> None:
    path = tmp_path / "deep.ttl"
    path.write_text(_nested(DEFAULT_MAX_DEPTH - 1))  # the statement's own [ ] is one more
    READERS[reader](path)


def test_the_size_limit_holds_on_every_path(tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_text("<https://e.org/s> <https://e.org/p> <https://e.org/o> .\n" * 100)
    for backend in ("rdflib", "oxigraph"):
        with pytest.raises(LimitExceeded, match="more than the limit of 100"):
            dlgraph.load(path, backend=backend, max_bytes=100)  # type: ignore[arg-type]
    with Store.memory() as store, pytest.raises(LimitExceeded, match="limit of 100"):
        store.load(path, max_bytes=100)
    assert len(dlgraph.load(path, backend="oxigraph", max_bytes=None)) == 1


@pytest.mark.parametrize("reader", ["rdflib", "oxigraph", "store"])
def test_a_syntax_error_is_placed_the_same_on_every_path(reader: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(
        "<https://e.org/s> <https://e.org/p> <https://e.org/o> .\n<https://e.org/s> ;\n"
    )
    with pytest.raises(ParseError) as caught:
        READERS[reader](path)
    assert (caught.value.line, caught.value.column) == (2, 19)
