"""The network as files other tools read: GraphML and GEXF (Gephi, yEd, networkx), a CSV
edge list and a CSV adjacency matrix (the UCINET and spreadsheet habit).

Node ids are the persons' IRIs; each node carries its label (a person's name only when
values may be shown or it is a pseudonym, as :class:`~dlgraph.ontology.labels.Labels`
decides), its roles and its groups as text, since GraphML and GEXF take no lists.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Final, Literal, get_args

from dlgraph.errors import UnknownNameError
from dlgraph.ontology.labels import compact_iri

if TYPE_CHECKING:  # analysis calls export_network, so the type is only for the checker
    import networkx as nx

    from dlgraph.sna.analysis import NetworkResult

__all__ = ["EXPORTS", "ExportFormat", "export_network"]

ExportFormat = Literal["graphml", "gexf", "edges", "matrix"]
"""The file formats a network is written in."""

EXPORTS: Final[tuple[str, ...]] = get_args(ExportFormat)
"""Every :data:`ExportFormat`."""


def _plain(result: NetworkResult) -> nx.DiGraph:
    """A copy with string node ids and text attributes, as GraphML and GEXF need."""
    import networkx as nx  # loaded with the first network, not with dlgraph's CLI

    plain = nx.DiGraph()
    for node, data in result.graph.nodes(data=True):
        plain.add_node(
            str(node),
            label=str(data.get("label", node)),
            roles=" ".join(compact_iri(r) for r in data.get("roles", ())),
            groups=" ".join(str(g) for g in data.get("groups", ())),
        )
    for start, end in result.graph.edges():
        plain.add_edge(str(start), str(end), network=result.network)
    return plain


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def export_network(result: NetworkResult, fmt: str) -> bytes:
    """``result``'s whole network in ``fmt`` (graphml, gexf, edges or matrix), as bytes."""
    if fmt not in EXPORTS:
        raise UnknownNameError(
            f"unknown export format {fmt!r}", hint=f"use one of: {', '.join(EXPORTS)}"
        )
    import networkx as nx

    plain = _plain(result)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(plain)).encode("utf-8")
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(plain)).encode("utf-8")
    nodes = list(plain.nodes)
    if fmt == "edges":
        rows = [["source", "target", "source_label", "target_label", "network"]]
        rows += [
            [a, b, plain.nodes[a]["label"], plain.nodes[b]["label"], result.network]
            for a, b in plain.edges()
        ]
        return _csv(rows).encode("utf-8")
    matrix = [["", *nodes]]
    matrix += [[a, *("1" if plain.has_edge(a, b) else "0" for b in nodes)] for a in nodes]
    return _csv(matrix).encode("utf-8")
