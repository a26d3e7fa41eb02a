"""Municipalities side by side: the comparison named query plus validation per named graph.

:func:`compare_municipalities` takes a dataset with one named graph per municipality (an
OrgGraph, an embedded :class:`~dlgraph.store.Store`, files and folders, or SPARQL
endpoints) and gives, per municipality, the counts of the ``municipality-comparison``
named query (units, delegated tasks, mandates, learning groups, inbetweeners, risks
recorded with ``dl:facesRisk``), what :func:`dlgraph.validate` finds in the
municipality's named graph (findings that indicate a risk, violations, warnings), and
how distributed its leadership is (:func:`dlgraph.network`: the advice network's
density, reciprocity and indegree centralization, the acts' Gini and leadership density).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from rdflib import URIRef

from dlgraph.errors import UnknownNameError
from dlgraph.federate.endpoint import Endpoint
from dlgraph.graph import OrgGraph, load
from dlgraph.sna.analysis import network
from dlgraph.store import Store
from dlgraph.validate.api import validate
from dlgraph.validate.report import Severity

__all__ = ["MunicipalityComparison", "MunicipalityRow", "compare_municipalities"]

_QUERY = "municipality-comparison"


@dataclass(frozen=True)
class MunicipalityRow:
    """One municipality (or a named graph that names none) with its counts."""

    graph: str
    """The named graph (a file's URI, a pushed graph's IRI)."""
    municipality: str
    """The municipality's IRI; empty when the graph describes no ``dl:Municipality``."""
    units: int
    delegated_tasks: int
    mandates: int
    learning_groups: int
    inbetweeners: int
    flagged_risks: int
    """Risks recorded in the data (``dl:facesRisk`` on the municipality or its units)."""
    risk_findings: int
    """Validation findings in the graph whose rule indicates a risk (``dl:indicatesRisk``)."""
    violations: int
    warnings: int
    endpoint: str = ""
    """The SPARQL endpoint the graph was fetched from; empty for files and stores."""
    advice_density: float | None = None
    """Density of the municipality's advice network (:func:`dlgraph.network`); None
    when it is undefined (fewer than two persons) or the graph was not read."""
    advice_reciprocity: float | None = None
    advice_indegree_centralization: float | None = None
    acts_gini: float | None = None
    """How unevenly the leadership acts are spread over the municipality's persons."""
    leadership_density: float | None = None
    """The share of the municipality's persons with at least one leadership act."""


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(MunicipalityRow))


@dataclass(frozen=True)
class MunicipalityComparison:
    """The rows of a comparison, sorted by endpoint, graph and municipality: one row per
    municipality per endpoint when several servers hold the same graph."""

    rows: tuple[MunicipalityRow, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return COLUMNS

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts from column name to value."""
        return [asdict(row) for row in self.rows]

    def to_csv(self) -> str:
        """The rows as CSV with a header line (CRLF line ends)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in self.rows:
            writer.writerow([getattr(row, column) for column in COLUMNS])
        return out.getvalue()

    def to_json(self) -> str:
        """The rows as a JSON list of objects."""
        return json.dumps(self.records(), ensure_ascii=False, indent=2) + "\n"

    def serialize(self, format: str) -> str:
        """``csv`` or ``json``."""

        if format == "csv":
            return self.to_csv()
        if format == "json":
            return self.to_json()
        raise UnknownNameError(f"unknown comparison format {format!r}", hint="use csv or json")


def compare_municipalities(
    data: Any,
    *,
    lang: str = "en",
    validation: bool = True,
    endpoints: Sequence[Any] = (),
) -> MunicipalityComparison:
    """Compare municipalities side by side, one named graph each.

    ``data`` is an OrgGraph, a :class:`dlgraph.store.Store`, or what :func:`dlgraph.load`
    reads (paths, folders; several as a list); ``endpoints`` (URLs or
    :class:`dlgraph.federate.endpoint.Endpoint`) adds the data graphs of SPARQL servers
    (:meth:`Endpoint.dataset`), each row naming its endpoint. ``validation=False`` skips
    validation (its columns are then 0). Validation counts are per named graph, so they
    belong to a municipality when each has its own graph.
    """

    rows: list[MunicipalityRow] = []
    if isinstance(data, Store):
        for name in data.graph_names():
            counts = data.run(_QUERY, graphs=[name])
            single = data.to_org_graph([name])
            found = _rows(str(name), counts.python_rows(), single if validation else None, lang)  # type: ignore[union-attr]
            rows.extend(_with_network(found, single))
    elif data is not None:
        rows.extend(_org_graph_rows(_as_org_graph(data), lang, validation))
    for endpoint in endpoints:
        remote = endpoint if isinstance(endpoint, Endpoint) else Endpoint(str(endpoint))
        rows.extend(
            replace(row, endpoint=remote.url)
            for row in _org_graph_rows(remote.dataset(), lang, validation)
        )
    return MunicipalityComparison(
        tuple(sorted(rows, key=lambda r: (r.endpoint, r.graph, r.municipality)))
    )


def _as_org_graph(data: Any) -> OrgGraph:
    if isinstance(data, OrgGraph):
        return data

    if isinstance(data, list | tuple):
        return load(*data)
    return load(data)


def _org_graph_rows(graph: OrgGraph, lang: str, validation: bool) -> Iterable[MunicipalityRow]:
    for name in graph.graph_names(inferred=False):
        single = OrgGraph()
        single.add_graph(graph.named_graph(name), name)
        counts = single.run(_QUERY)
        found = _rows(str(name), counts.python_rows(), single if validation else None, lang)  # type: ignore[union-attr]
        yield from _with_network(found, single)


def _with_network(rows: list[MunicipalityRow], graph: OrgGraph) -> list[MunicipalityRow]:
    """``rows`` with the measures of each municipality's advice network and act spread."""
    measures = {m.group: m for m in network(graph, "advice", by="municipality").measures}
    completed = []
    for row in rows:
        found = measures.get(URIRef(row.municipality)) if row.municipality else None
        if found is None:
            completed.append(row)
            continue
        completed.append(
            replace(
                row,
                advice_density=found.density,
                advice_reciprocity=found.reciprocity,
                advice_indegree_centralization=found.indegree_centralization,
                acts_gini=found.acts_gini,
                leadership_density=found.leadership_density,
            )
        )
    return completed


def _rows(
    graph_name: str, counts: list[tuple[Any, ...]], graph: OrgGraph | None, lang: str
) -> list[MunicipalityRow]:
    risk_findings = violations = warnings = 0
    if graph is not None:
        report = validate(graph, lang=lang)
        risk_findings = sum(1 for result in report.results if result.risks)
        violations = sum(1 for r in report.results if r.severity == Severity.VIOLATION)
        warnings = sum(1 for r in report.results if r.severity == Severity.WARNING)
    if not counts:
        counts = [("", 0, 0, 0, 0, 0, 0)]
    rows = []
    for municipality, *values in counts:
        units, tasks, mandates, groups, inbetweeners, flagged = (int(v) for v in values)
        rows.append(
            MunicipalityRow(
                graph=graph_name,
                municipality=str(URIRef(municipality)) if municipality else "",
                units=units,
                delegated_tasks=tasks,
                mandates=mandates,
                learning_groups=groups,
                inbetweeners=inbetweeners,
                flagged_risks=flagged,
                risk_findings=risk_findings,
                violations=violations,
                warnings=warnings,
            )
        )
    return rows
