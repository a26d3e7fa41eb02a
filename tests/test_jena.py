"""Apache Jena as an independent referee: its SHACL and its SPARQL engine (ARQ) against
dlgraph's.

Jena 4.5 is Debian's ``libapache-jena-java`` (see :mod:`jena` for the set-up it needs).
SHACL: Jena and pySHACL agree on every (focus node, path, severity, source shape) for
every example, every rule test graph and a synthetic town. No disagreement is left:
were one found, it would be mended in dlgraph or listed here with the SHACL section that
decides it. SPARQL: every named query, with dlgraph's prefixes and its parameters bound
as dlgraph binds them, gives on Jena the rows rdflib and Oxigraph give, term for term.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.term import Identifier, Node

import dlgraph
from conftest import EXAMPLES, ROOT, TEST_DATA
from dlgraph import SelectResult, Severity
from dlgraph.ontology.namespaces import PREFIXES, SH
from dlgraph.validate.api import shapes_graph
from dlgraph.validate.report import path_text
from jena import Jena, unavailable
from test_named_queries_engines import CASES as QUERY_CASES

RULE_GRAPHS = sorted(
    (TEST_DATA / "shapes").glob("rule*/*.ttl"), key=lambda p: (int(p.parent.name[4:]), p.name)
)
EXAMPLE_FILES = sorted(
    p for p in EXAMPLES.rglob("*") if p.suffix in (".ttl", ".yaml") and p.is_file()
)
TOWN = "town"
SOURCES: list[Path | str] = [*EXAMPLE_FILES, *RULE_GRAPHS, TOWN]
QUERY_SOURCES: list[Path | str] = [*EXAMPLE_FILES, TOWN]

Key = tuple[str, str, str, str]


def _source_id(source: Path | str) -> str:
    return source if isinstance(source, str) else str(source.relative_to(ROOT))


@pytest.fixture(scope="module")
def jena(tmp_path_factory: pytest.TempPathFactory) -> Jena:
    reason = unavailable()
    if reason is not None:
        print(f"Apache Jena cannot run here: {reason}")
        pytest.skip(reason)
    return Jena(tmp_path_factory.mktemp("jena"))


@pytest.fixture(scope="module")
def town_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("town") / "town.nt"
    dlgraph.synthesize(1, path, seed=0)
    return path


def _graph(source: Path | str, town_file: Path) -> Graph:
    path = town_file if source == TOWN else Path(source)
    return dlgraph.load(path).union() if path.suffix == ".yaml" else Graph().parse(path)


def one_language(shapes: Graph, language: str = "en") -> Graph:
    """The shapes with the messages of one language: Jena 4.5 refuses a ``sh:sparql``
    constraint with more than one ``sh:message``."""
    kept = Graph()
    for s, p, o in shapes:
        if p == SH.message and isinstance(o, Literal) and o.language not in (None, language):
            continue
        kept.add((s, p, o))
    return kept


def _about_data(focus: Node, data: Graph, ontology: Graph) -> bool:
    """dlgraph's rule for findings it reports: not about an ontology term, unless the data
    says more of it than the ontology."""
    if (focus, None, None) not in ontology:
        return True
    return any((focus, p, o) not in ontology for p, o in data.predicate_objects(focus))


def report_keys(report: Graph, data: Graph, ontology: Graph) -> list[Key]:
    """(focus node, path, severity, source shape) of each result of a SHACL report graph."""
    keys = []
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        assert isinstance(focus, Identifier)
        if not _about_data(focus, data, ontology):
            continue
        path = report.value(result, SH.resultPath)
        shape = report.value(result, SH.sourceShape)
        assert isinstance(shape, Identifier)
        keys.append(
            (
                focus.n3(),
                "-" if path is None else path_text(report, path),
                Severity.from_iri(report.value(result, SH.resultSeverity)).value,
                shape.n3(),
            )
        )
    return sorted(keys)


def dlgraph_keys(report: dlgraph.ValidationReport) -> list[Key]:
    return sorted(
        (r.focus_node.n3(), r.path or "-", r.severity.value, r.source_shape.n3())
        for r in report.results
    )


@pytest.fixture(scope="module")
def shacl_cases(jena: Jena, town_file: Path) -> dict[str, tuple[Graph, list[Key]]]:
    """Each source's data and Jena's keys, all validated in one Java process."""
    ontology = dlgraph.ontology("merged")
    shapes = one_language(shapes_graph())
    graphs = [_graph(source, town_file) for source in SOURCES]
    # The data with the merged ontology, as dlgraph validates it.
    reports = jena.validate([((graph, ontology), shapes) for graph in graphs])
    return {
        _source_id(source): (graph, report_keys(report, graph, ontology))
        for source, graph, report in zip(SOURCES, graphs, reports, strict=True)
    }


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=_source_id)
def test_jena_shacl_agrees_with_pyshacl(
    source: Path | str, shacl_cases: dict[str, tuple[Graph, list[Key]]]
) -> None:
    graph, theirs = shacl_cases[_source_id(source)]
    ours = dlgraph_keys(dlgraph.validate(graph, engine="pyshacl"))
    assert theirs == ours
    if source == TOWN or (isinstance(source, Path) and source.stem.startswith("fails-")):
        assert theirs, "Jena finds nothing where dlgraph's tests expect findings"


@pytest.mark.slow
def test_the_batch_runner_gives_what_jenas_own_command_gives(jena: Jena, tmp_path: Path) -> None:
    """``tests/java/DlgraphJena.java`` against the package's ``shacl validate``."""
    data = Graph().parse(TEST_DATA / "shapes" / "rule1" / "fails-no-mandate.ttl")
    ontology = dlgraph.ontology("merged")
    shapes = one_language(shapes_graph())
    combined = data + ontology
    combined.serialize(tmp_path / "data.nt", format="nt", encoding="utf-8")
    shapes.serialize(tmp_path / "shapes.nt", format="nt", encoding="utf-8")
    command = jena.shacl_command(tmp_path / "data.nt", tmp_path / "shapes.nt")
    (batch,) = jena.validate([((data, ontology), shapes)])
    assert report_keys(command, data, ontology) == report_keys(batch, data, ontology)
    assert report_keys(batch, data, ontology)


@pytest.mark.slow
def test_jena_needs_the_xerces_messages_on_its_class_path(jena: Jena, tmp_path: Path) -> None:
    """Without the resources of :func:`jena._xerces_resources` Debian's Jena cannot start;
    when this fails, Debian has mended its package and the fix can go."""
    data = tmp_path / "empty.nt"
    data.write_text("", encoding="utf-8")
    without = jena.class_path.rsplit(":", 1)[0]
    done = subprocess.run(
        [
            "java",
            "-cp",
            without,
            "shacl.shacl",
            "validate",
            "--shapes",
            str(data),
            "--data",
            str(data),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "ExceptionInInitializerError" in done.stderr
    assert "applyFacets1" in done.stderr
    assert list(jena.shacl_command(data, data).objects(None, SH.conforms)) == [Literal(True)]


# -------------------------------------------------------------------------------------
# ARQ: the named queries
# -------------------------------------------------------------------------------------

Rows = tuple[tuple[str, ...], list[tuple[str | None, ...]]]


def _prefixes() -> str:
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def _terms(variables: Sequence[str], rows: Any) -> Rows:
    """Rows as RDF terms (N-Triples), any blank node as ``_:``: a fresh node of one
    engine's ``BNODE()`` cannot equal another's."""
    return tuple(variables), sorted(
        tuple(
            None if term is None else "_:" if isinstance(term, BNode) else term.n3() for term in row
        )
        for row in rows
    )


def _query_id(index: int) -> str:
    source, case = divmod(index, len(QUERY_CASES))
    name, values = QUERY_CASES[case]
    return f"{_source_id(QUERY_SOURCES[source])}:{name}{'-' + '-'.join(values) if values else ''}"


QUERY_INDEXES = range(len(QUERY_SOURCES) * len(QUERY_CASES))


@pytest.fixture(scope="module")
def query_rows(jena: Jena, town_file: Path) -> Iterator[dict[int, tuple[Rows, Rows, Rows]]]:
    """For each source and case: rdflib's, Oxigraph's and Jena's rows."""
    jobs = []
    engines = []
    for source in QUERY_SOURCES:
        path = town_file if source == TOWN else Path(source)
        on_rdflib = dlgraph.load(path, backend="rdflib")
        on_oxigraph = dlgraph.load(path, backend="oxigraph")
        for name, values in QUERY_CASES:
            text = _prefixes() + dlgraph.named_query(name).bind(values)
            jobs.append((on_rdflib.dataset, text))
            rows = []
            for result in (on_rdflib.run(name, **values), on_oxigraph.run(name, **values)):
                assert isinstance(result, SelectResult)
                rows.append(_terms(result.variables, result.rows))
            engines.append(tuple(rows))
    answers = jena.select(jobs)
    yield {
        index: (rdflib, oxigraph, _terms(*answers[index]))
        for index, (rdflib, oxigraph) in enumerate(engines)
    }


@pytest.mark.slow
@pytest.mark.parametrize("index", QUERY_INDEXES, ids=_query_id)
def test_jena_arq_gives_the_rows_of_rdflib_and_oxigraph(
    index: int, query_rows: dict[int, tuple[Rows, Rows, Rows]]
) -> None:
    rdflib_rows, oxigraph_rows, jena_rows = query_rows[index]
    assert jena_rows == rdflib_rows
    assert oxigraph_rows == rdflib_rows


@pytest.mark.slow
def test_every_named_query_finds_rows_on_jena(
    query_rows: dict[int, tuple[Rows, Rows, Rows]],
) -> None:
    found = {
        QUERY_CASES[i % len(QUERY_CASES)][0] for i, (_, _, jena) in query_rows.items() if jena[1]
    }
    assert found == {query.name for query in dlgraph.queries()}
