"""An rdflib Dataset whose triples live in an Oxigraph store (through oxrdflib).

An OrgGraph on the ``oxigraph`` engine keeps its quads in one ``pyoxigraph.Store`` and
nowhere else: rdflib's Dataset API (``graph.dataset``) reads and writes that store
through oxrdflib's rdflib store plugin, and dlgraph's SPARQL runs on Oxigraph's engine
over the same store. There is no second copy that could go stale when a caller changes
``graph.dataset``.

oxrdflib is used with two corrections, so that the terms rdflib code sees are the ones
rdflib's own store would give:

* a plain literal comes back as rdflib's plain ``Literal("x")``, not as a literal typed
  ``xsd:string`` (which rdflib compares as different);
* a query sent to ``dataset.query(...)`` runs on Oxigraph with the same conversion, with
  the default graph as the union of the named graphs when the Dataset says so.

What Oxigraph cannot keep (see :data:`LIMITS`): it stores literals of the XSD numeric,
boolean and date types and language tags in canonical form (``"01"^^xsd:integer`` is kept
as ``"1"``, ``@EN-GB`` as ``@en-gb``), and it refuses IRIs that are not valid RFC 3987
IRIs, which rdflib accepts with a warning.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Identifier, Node, Variable

from dlgraph.oxigraph.terms import from_ox, to_ox

__all__ = ["LIMITS", "OxigraphBacking", "oxigraph_backing", "oxigraph_dataset"]

LIMITS = (
    "literals of XSD numeric, boolean and date/time types are kept in canonical form",
    "language tags are kept in lower case",
    "IRIs must be valid RFC 3987 IRIs",
)
"""What an Oxigraph-backed graph does not keep exactly as rdflib's memory store does."""


class OxigraphBacking(OxigraphStore):
    """oxrdflib's rdflib store, giving terms exactly as rdflib's memory store would."""

    def __init__(self, store: ox.Store | None = None, path: Path | None = None) -> None:
        super().__init__(store=store if store is not None else ox.Store())
        self.path = path
        """The folder of an on-disk store (None in memory): a query worker opens it anew."""
        self._version = 0
        self._view: tuple[int, ox.Store | None] | None = None

    # Every write through rdflib's API counts as a change, so that the query view below
    # is made again; the pyoxigraph store itself is for reading only.

    def _changed(self) -> None:
        self._version += 1
        self._view = None

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        super().add(triple, context, quoted)
        self._changed()

    def addN(self, quads: Any) -> None:  # noqa: N802 (rdflib's name)
        super().addN(quads)
        self._changed()

    def remove(self, triple: Any, context: Any = None) -> None:
        super().remove(triple, context)
        self._changed()

    def remove_graph(self, graph: Any) -> None:
        super().remove_graph(graph)
        self._changed()

    def update(self, *args: Any, **kwargs: Any) -> None:
        super().update(*args, **kwargs)
        self._changed()

    def __len__(self, context: Any = None) -> int:
        """The number of distinct triples (of one graph, or of all: their merge)."""
        if context is not None:
            return int(super().__len__(context))
        store, union = self.query_view()
        return len(store) if union else len(store) - len(self._inner)

    def query_view(self) -> tuple[ox.Store, bool]:
        """The store a query reads, and whether to take its default graph as the union.

        SPARQL's default graph here is the RDF merge of the graphs: a set, in which a
        triple held by two graphs counts once (as in rdflib's union). Oxigraph's union
        default graph repeats such a triple once per graph. So when some triple is in
        more than one graph, queries read a view whose default graph holds each triple
        once (made again after every change); otherwise they read the store itself.
        """
        if self._view is None or self._view[0] != self._version:
            store = self._inner
            shared = bool(store.query(_SHARED_NAMED)) or bool(store.query(_SHARED_DEFAULT))
            self._view = (self._version, _merged_view(store) if shared else None)
        view = self._view[1]
        return (self._inner, True) if view is None else (view, False)

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store holding the triples."""
        return self._inner

    def adopt(self, store: ox.Store) -> None:
        """Take the quads of ``store`` (a new in-memory store no one else uses) in one
        step: when this store is empty it becomes ``store``, else they are copied in."""
        if len(self._inner) == 0 and self.path is None:
            self._store = store
        else:
            self._inner.extend(store)
        self._changed()

    def triples(
        self,
        triple_pattern: tuple[Node | None, Node | None, Node | None],
        context: Graph | None = None,
    ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph]]]:
        try:
            quads = self._inner.quads_for_pattern(*_pattern(triple_pattern, context))
        except (TypeError, ValueError):
            return  # a term Oxigraph cannot hold there (a literal subject) matches nothing
        graphs: dict[Any, Graph] = {}
        for quad in quads:
            triple = (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))
            graph = graphs.get(quad.graph_name)
            if graph is None:
                graph = graphs[quad.graph_name] = self._graph_of(quad.graph_name)
            yield triple, iter((graph,))  # type: ignore[misc]

    def _graph_of(self, name: Any) -> Graph:
        if isinstance(name, ox.DefaultGraph):
            return Graph(store=self, identifier=DATASET_DEFAULT_GRAPH_ID)
        return Graph(store=self, identifier=from_ox(name))  # type: ignore[arg-type]

    def query(
        self,
        query: Any,
        initNs: Mapping[str, Any],  # noqa: N803 (rdflib's names)
        initBindings: Mapping[str, Identifier],  # noqa: N803
        queryGraph: Any,  # noqa: N803
        **kwargs: Any,
    ) -> Result:
        """rdflib's ``Graph.query`` on Oxigraph's engine (a parsed Query goes to rdflib's
        own evaluator, which rdflib does when this raises NotImplementedError)."""
        if not isinstance(query, str) or kwargs or initBindings:
            raise NotImplementedError("rdflib evaluates this query itself")
        prefixes = {prefix: str(space) for prefix, space in self.namespaces()}
        prefixes.update((prefix, str(space)) for prefix, space in initNs.items())
        options: dict[str, Any] = {}
        store = self._inner
        if queryGraph == "__UNION__":
            store, union = self.query_view()
            options["use_default_graph_as_union"] = union
        elif isinstance(queryGraph, Node) and queryGraph != DATASET_DEFAULT_GRAPH_ID:
            options["default_graph"] = _ox_term(queryGraph)
        answer = store.query(query, prefixes=prefixes, **options)
        if isinstance(answer, ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
            return result
        if isinstance(answer, ox.QuerySolutions):
            result = Result("SELECT")
            names = [v.value for v in answer.variables]
            result.vars = [Variable(name) for name in names]
            result.bindings = [
                {
                    Variable(name): from_ox(solution[name])  # type: ignore[misc]
                    for name in names
                    if solution[name] is not None
                }
                for solution in answer
            ]
            return result
        result = Result("CONSTRUCT")
        graph = Graph()
        for triple in answer:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))  # type: ignore[arg-type]
        result.graph = graph
        return result


_SHARED_NAMED = "ASK { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER(?a != ?b) }"
_SHARED_DEFAULT = "ASK { ?s ?p ?o GRAPH ?b { ?s ?p ?o } }"


def _merged_view(store: ox.Store) -> ox.Store:
    """A new store with the graphs of ``store`` and, as its default graph, their merge."""
    view = ox.Store()
    view.bulk_extend(store)
    view.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
    return view


def _ox_term(term: Node) -> Any:
    if term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    return to_ox(term)


def _pattern(
    triple: tuple[Node | None, Node | None, Node | None], context: Graph | None
) -> tuple[Any, Any, Any, Any]:
    s, p, o = triple
    graph = None if context is None else _ox_term(context.identifier)
    return (
        None if s is None else _ox_term(s),
        None if p is None else _ox_term(p),
        None if o is None else _ox_term(o),
        graph,
    )


def oxigraph_dataset(store: ox.Store | None = None) -> Dataset:
    """A Dataset (default graph = union of the named graphs) on an Oxigraph store."""
    return Dataset(store=OxigraphBacking(store), default_union=True)


def oxigraph_backing(dataset: Graph) -> OxigraphBacking | None:
    """The Oxigraph backing of ``dataset``, or None when rdflib holds it itself."""
    store = dataset.store
    return store if isinstance(store, OxigraphBacking) else None
