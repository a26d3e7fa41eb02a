"""The state a view is built in: the graph, its labels, node ids and the evidence.

One :class:`Builder` is made per view; the section modules read the graph through it,
label in the view's language through it, and give picture nodes their ids through it,
in the order they are first asked for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from dlgraph.ontology.labels import Labels
from dlgraph.ontology.namespaces import DL, PROV, RDFS
from dlgraph.report.ui_text import text
from dlgraph.report.view.reading import first_of, sorted_nodes
from dlgraph.report.view.records import PictureNode, Quote

__all__ = ["Builder"]


@dataclass
class Builder:
    """The graph being read, its labels in one language, node ids and quotes."""

    graph: Graph
    schema: Graph
    labels: Labels
    lang: str
    nodes: dict[Node, PictureNode] = field(default_factory=dict)
    ids: dict[Node, str] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    quote_index: dict[tuple[Node, Node | None], int] = field(default_factory=dict)
    evidence: dict[Node, list[int]] = field(default_factory=lambda: defaultdict(list))

    def label(self, node: Node | None) -> str:
        return "" if node is None else self.labels.get(node, self.lang)

    def names(self, subject: Node, predicate: URIRef) -> str:
        """The labels of the objects of ``predicate``, in node order, comma-separated."""
        objects = sorted_nodes(self.graph.objects(subject, predicate))
        return ", ".join(self.label(x) for x in objects)

    def literal(self, subject: Node, predicate: URIRef) -> str:
        return self.labels.text(list(self.graph.objects(subject, predicate)), self.lang) or ""

    def t(self, key: str) -> str:
        return text(key, self.lang)

    def node_id(self, node: Node) -> str:
        if node not in self.ids:
            self.ids[node] = f"n{len(self.ids)}"
        return self.ids[node]

    def type_label(self, node: Node, fallback: str) -> str:
        types = [t for t in self.graph.objects(node, RDF.type) if isinstance(t, URIRef)]
        dl_types = [t for t in types if str(t).startswith(str(DL))]
        chosen = sorted_nodes(dl_types or types)
        return self.label(chosen[0]) if chosen else fallback

    # evidence ---------------------------------------------------------------------

    def read_evidence(self) -> None:
        graph = self.graph
        for subject, quote in graph.subject_objects(DL.evidence):
            self._add_quote(subject, quote, None)
        claims: set[Node] = set(graph.subjects(DL.about, None))
        claims.update(graph.objects(None, DL.hasClaim))
        claims.update(graph.subjects(RDF.type, DL.Claim))
        for claim in sorted_nodes(claims):
            about = set(graph.objects(claim, DL.about)) | set(graph.subjects(DL.hasClaim, claim))
            for quote in sorted_nodes(graph.objects(claim, DL.restsOn)):
                for subject in sorted_nodes(about):
                    self._add_quote(subject, quote, claim)
                self._add_quote(claim, quote, claim)

    def _add_quote(self, subject: Node, quote: Node, claim: Node | None) -> None:
        key = (quote, claim)
        if key not in self.quote_index:
            texts = list(self.graph.objects(quote, DL.quoteText))
            literal = sorted_nodes(texts)[0] if texts else None
            source = first_of(self.graph, quote, DL.quotedFrom, PROV.wasQuotedFrom)
            statement = ""
            if claim is not None:
                statement = (
                    self.labels.text(list(self.graph.objects(claim, RDFS.comment)), self.lang)
                    or self.labels.text(list(self.graph.objects(claim, RDFS.label)), self.lang)
                    or ""
                )
            self.quote_index[key] = len(self.quotes)
            self.quotes.append(
                Quote(
                    text=str(literal) if literal is not None else self.label(quote),
                    lang=(literal.language or "") if isinstance(literal, Literal) else "",
                    locator=self.literal(quote, DL.locator),
                    source=self.label(source) if source is not None else "",
                    claim=statement,
                )
            )
        index = self.quote_index[key]
        if index not in self.evidence[subject]:
            self.evidence[subject].append(index)

    def quotes_of(self, *subjects: Node | None) -> tuple[int, ...]:
        found: list[int] = []
        for subject in subjects:
            if subject is None:
                continue
            for index in self.evidence.get(subject, ()):
                if index not in found:
                    found.append(index)
        return tuple(found)
