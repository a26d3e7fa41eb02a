"""dlgraph.load: every kind of source, named graphs, all-or-nothing, offline."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

import dlgraph
from dlgraph import AuthoringError, InputError, LoadProgress, NetworkRefused, OrgGraph, ParseError

EX = "http://example.org/"
TTL = f"@prefix ex: <{EX}> .\nex:a ex:p ex:b .\n"
TRIG = f"@prefix ex: <{EX}> .\nex:x ex:p ex:y .\nex:g1 {{ ex:a ex:p ex:c . }}\n"
NQ = f"<{EX}a> <{EX}p> <{EX}d> <{EX}g2> .\n<{EX}a> <{EX}p> <{EX}e> .\n"


def triples(graph: Graph) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in graph}


def test_file_becomes_a_named_graph_named_by_its_uri(tmp_path: Path) -> None:
    path = tmp_path / "unit.ttl"
    path.write_text(TTL)
    graph = dlgraph.load(path)
    assert graph.graph_names() == (URIRef(path.resolve().as_uri()),)
    assert triples(graph.named_graph(path.resolve().as_uri())) == {(f"{EX}a", f"{EX}p", f"{EX}b")}
    assert graph.sources == (
        dlgraph.LoadedSource(str(path), URIRef(path.resolve().as_uri()), "turtle", 1),
    )
    assert len(graph) == 1


def test_quad_formats_keep_their_graph_names(tmp_path: Path) -> None:
    (tmp_path / "a.trig").write_text(TRIG)
    (tmp_path / "b.nq").write_text(NQ)
    graph = dlgraph.load(tmp_path / "a.trig", str(tmp_path / "b.nq"))
    names = {str(n) for n in graph.graph_names()}
    assert names == {
        f"{EX}g1",
        f"{EX}g2",
        (tmp_path / "a.trig").resolve().as_uri(),
        (tmp_path / "b.nq").resolve().as_uri(),
    }
    assert triples(graph.named_graph(f"{EX}g2")) == {(f"{EX}a", f"{EX}p", f"{EX}d")}
    assert triples(graph.named_graph((tmp_path / "b.nq").resolve().as_uri())) == {
        (f"{EX}a", f"{EX}p", f"{EX}e")
    }


def test_folder_is_read_recursively_with_known_extensions_only(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.ttl").write_text(TTL)
    (tmp_path / "sub" / "deeper" / "b.nt").write_text(f"<{EX}s> <{EX}p> <{EX}o> .\n")
    (tmp_path / "sub" / "notes.txt").write_text("not rdf")
    (tmp_path / "sub" / "package.json").write_text('{"name": "x"}')
    (tmp_path / ".hidden" / "c.ttl").write_text("this would not parse")
    progress: list[LoadProgress] = []
    graph = dlgraph.load(tmp_path, progress=progress.append)
    assert [s.name for s in graph.sources] == [
        str(tmp_path / "a.ttl"),
        str(tmp_path / "sub" / "deeper" / "b.nt"),
    ]
    assert [(p.done, p.total) for p in progress] == [(0, 2), (1, 2), (2, 2)]
    assert len(graph) == 2


@pytest.mark.parametrize("reader", ["rdflib", "oxigraph", "store"])
def test_progress_is_told_before_each_source_and_after_the_last(
    tmp_path: Path, reader: str
) -> None:
    (tmp_path / "a.ttl").write_text(TTL)
    (tmp_path / "b.nt").write_text(f"<{EX}s> <{EX}p> <{EX}o> .\n")
    progress: list[LoadProgress] = []
    if reader == "store":
        from dlgraph.store import Store

        with Store.memory() as store:
            store.load(tmp_path, progress=progress.append)
    else:
        engine: dlgraph.Engine = "rdflib" if reader == "rdflib" else "oxigraph"
        dlgraph.load(tmp_path, engine=engine, progress=progress.append)
    assert [(p.done, p.total, Path(p.name).name) for p in progress] == [
        (0, 2, "a.ttl"),
        (1, 2, "b.nt"),
        (2, 2, ""),
    ]


def test_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no RDF"):
        dlgraph.load(tmp_path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        dlgraph.load(tmp_path / "nope.ttl")
    assert caught.value.exit_code == 2


def test_strings_bytes_and_file_objects() -> None:
    one_line = f"<{EX}a> <{EX}p> <{EX}f> ."
    graph = dlgraph.load(
        TTL,
        one_line,
        TRIG.encode(),
        io.StringIO(NQ),
        io.BytesIO(b'{"@id": "http://example.org/a", "http://example.org/p": "lit"}'),
    )
    assert [s.format for s in graph.sources] == ["turtle", "nt", "trig", "nquads", "json-ld"]
    assert (URIRef(f"{EX}a"), URIRef(f"{EX}p"), Literal("lit")) in graph.union()
    assert all(str(s.graph).startswith("urn:dlgraph:input:") for s in graph.sources)
    # the same text always lands in the same graph
    assert dlgraph.load(TTL).sources[0].graph == graph.sources[0].graph


def test_named_file_object_uses_its_path(tmp_path: Path) -> None:
    path = tmp_path / "x.nt"
    path.write_text(f"<{EX}a> <{EX}p> <{EX}b> .\n")
    with path.open("rb") as handle:
        graph = dlgraph.load(handle)
    assert graph.sources[0].graph == URIRef(path.resolve().as_uri())
    assert graph.sources[0].format == "nt"


def test_rdflib_graphs_and_datasets_are_copied() -> None:
    plain = Graph(identifier=URIRef(f"{EX}plain"))
    plain.add((URIRef(f"{EX}a"), URIRef(f"{EX}p"), URIRef(f"{EX}b")))
    dataset = Dataset()
    dataset.graph(URIRef(f"{EX}named")).add((URIRef(f"{EX}c"), URIRef(f"{EX}p"), URIRef(f"{EX}d")))
    graph = dlgraph.load(plain, dataset)
    assert set(graph.graph_names()) == {URIRef(f"{EX}plain"), URIRef(f"{EX}named")}
    plain.add((URIRef(f"{EX}z"), URIRef(f"{EX}p"), URIRef(f"{EX}z")))
    assert len(graph) == 2


def test_graph_name_collects_sources_into_one_graph(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text(TTL)
    graph = dlgraph.load(tmp_path / "a.ttl", NQ, graph_name="urn:municipality:one")
    assert set(graph.graph_names()) == {URIRef("urn:municipality:one"), URIRef(f"{EX}g2")}


def test_a_failed_load_leaves_the_graph_unchanged(tmp_path: Path) -> None:
    (tmp_path / "good.ttl").write_text(TTL)
    (tmp_path / "bad.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:p .\n")
    graph = dlgraph.load(tmp_path / "good.ttl")
    before = set(graph.dataset.quads((None, None, None, None)))
    other = tmp_path / "other.ttl"
    other.write_text(f"<{EX}new> <{EX}p> <{EX}o> .\n")
    with pytest.raises(ParseError) as caught:
        graph.load(other, tmp_path / "bad.ttl")
    assert caught.value.source == str(tmp_path / "bad.ttl")
    assert (caught.value.line, caught.value.column, caught.value.token) == (2, 11, ".")
    assert set(graph.dataset.quads((None, None, None, None))) == before
    assert len(graph.sources) == 1


def test_http_source_is_refused_without_permission() -> None:
    with pytest.raises(NetworkRefused) as caught:
        dlgraph.load("http://127.0.0.1:9/data.ttl")
    assert caught.value.exit_code == 4


def test_allowed_file_url_is_fetched(tmp_path: Path) -> None:
    path = tmp_path / "remote.ttl"
    path.write_text(TTL)
    with pytest.raises(NetworkRefused):
        dlgraph.load(path.as_uri())
    graph = dlgraph.load(path.as_uri(), allow_network=[tmp_path.as_uri()])
    assert graph.sources[0].graph == URIRef(path.as_uri())


def test_case_files_go_through_the_authoring_reader(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("organisation: x\n")
    with pytest.raises(AuthoringError) as caught:
        dlgraph.load(case)
    assert caught.value.source == str(case) and caught.value.line == 1


def test_unknown_source_type_is_an_input_error() -> None:
    with pytest.raises(InputError, match="cannot load a int"):
        dlgraph.load(42)  # type: ignore[arg-type]


def test_union_and_inferred_graph_bookkeeping() -> None:
    graph = dlgraph.load(TRIG)
    assert len(graph.union()) == 2
    assert graph.inferred is None
    assert graph.drop_inferred() == 0
    with pytest.raises(dlgraph.UnknownNameError):
        graph.named_graph(f"{EX}g9")


def test_write_is_atomic_and_round_trips(tmp_path: Path) -> None:
    graph = dlgraph.load(TRIG)
    out = tmp_path / "out.trig"
    graph.write(out)
    again = dlgraph.load(out)
    assert again.graph_names() == graph.graph_names()
    assert [p.name for p in tmp_path.iterdir()] == ["out.trig"]
    assert isinstance(OrgGraph().serialize("nt"), str)
