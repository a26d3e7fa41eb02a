"""An embedded Oxigraph store (through pyoxigraph), on disk or in memory.

Each loaded file becomes its own named graph, as with :func:`dlgraph.load` (a file's
graph is named by its ``file:`` URI; TriG and N-Quads keep the names they carry), so a
folder of municipalities becomes one named graph per municipality.

Every file is committed in one transaction: a writer killed mid-load leaves the store at
its last committed state, never half a file. Loading a file whose graph is already in the
store replaces that graph (in one transaction too). Turtle, TriG, N-Triples and N-Quads
go through Oxigraph's own parser; JSON-LD, RDF/XML and the YAML case format go through
:func:`dlgraph.load` (which refuses remote contexts and ``<!DOCTYPE``) and are then
stored as quads.

Queries are read-only and run on Oxigraph's engine with the default graph as the union of
the named graphs; values reach them as bindings only. ``SERVICE`` is refused unless the
caller's ``allow_network`` permits its endpoint.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from dlgraph.errors import (
    DlgraphError,
    EnvironmentProblem,
    InputError,
    QueryError,
    QuerySyntaxError,
)
from dlgraph.formats import RdfFormat, format_for_name, rdf_format
from dlgraph.graph import LoadedSource, OrgGraph
from dlgraph.load.parse import OXIGRAPH_FORMATS, oxigraph_file_error
from dlgraph.network import NetworkSetting
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.oxigraph.terms import from_ox, from_ox_result, to_ox, to_ox_graph_name
from dlgraph.query.checks import check_read_only, check_services, query_kind

if TYPE_CHECKING:
    from dlgraph.load.sources import LoadProgress, SourceLike
    from dlgraph.query.run import QueryResult

__all__ = ["OXIGRAPH_FORMATS", "STAGING_PREFIX", "Store"]

STAGING_PREFIX = "urn:dlgraph:staging:"
"""Graphs under this prefix hold a file being loaded before it replaces its graph; one
left by a killed writer is dropped the next time the store is opened for writing."""

_POSITION = re.compile(r"error at (\d+):(\d+)")


class Store:
    """An Oxigraph dataset: one named graph per loaded file or municipality.

    Make one with :meth:`open` (a folder on disk, created when missing) or
    :meth:`memory`; close it with :meth:`close` or a ``with`` block.
    """

    def __init__(self, store: ox.Store, path: Path | None, *, read_only: bool = False) -> None:
        self._store = store
        self._path = path
        self._read_only = read_only

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> Store:
        """Open the store in the folder ``path`` (created unless ``read_only``).

        A read-only store can be opened while another process writes; it sees the state
        committed when it was opened.
        """
        folder = Path(path)
        if read_only:
            if not folder.is_dir():
                raise InputError(
                    f"{folder}: no dlgraph store there",
                    hint=f"create one with: dlgraph load FILES... --store {folder}",
                )
            try:
                return cls(ox.Store.read_only(str(folder)), folder, read_only=True)
            except OSError as error:
                raise InputError(f"{folder}: cannot open the store: {error}") from error
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{folder}: not a folder; a store is a folder")
        try:
            store = cls(ox.Store(str(folder)), folder)
        except OSError as error:
            raise EnvironmentProblem(
                f"{folder}: cannot open the store for writing: {error}",
                hint="another process may be writing to it; wait for it, or open it read-only",
            ) from error
        store._drop_staging()
        return store

    @classmethod
    def memory(cls) -> Store:
        """A new store in memory, gone when it is closed."""
        return cls(ox.Store(), None)

    @property
    def path(self) -> Path | None:
        """The store's folder, or None for a store in memory."""
        return self._path

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store (further use is an error)."""
        if not self._read_only and self._path is not None:
            self._store.flush()
        del self._store

    # --- loading -----------------------------------------------------------------------

    def load(
        self,
        *sources: SourceLike,
        format: str | RdfFormat | None = None,
        graph_name: str | None = None,
        progress: Callable[[LoadProgress], None] | None = None,
    ) -> tuple[LoadedSource, ...]:
        """Load files, folders, RDF text or rdflib graphs, one transaction per file.

        Takes the sources of :func:`dlgraph.load` (offline: no http sources). Each file's
        triples go into its own named graph (``graph_name`` puts them all into that one),
        replacing a graph of the same name. Files before a failing one stay loaded; the
        failing one leaves nothing behind. Returns what was loaded.
        """
        from dlgraph.load.sources import expand_sources, with_progress

        self._writable()
        forced = rdf_format(format) if format is not None else None
        loaded: list[LoadedSource] = []
        for item in with_progress(expand_sources(sources), progress):
            fmt = forced or (format_for_name(item.path) if item.path is not None else None)
            if (
                item.kind == "path"
                and item.path is not None
                and fmt is not None
                and (fmt.name in OXIGRAPH_FORMATS)
            ):
                loaded.append(self._load_native(item.path, fmt, graph_name))
            else:
                loaded.append(
                    self._load_parsed(
                        item.graph or item.data or item.path or item.name, format, graph_name
                    )
                )
        return tuple(loaded)

    def _load_native(self, path: Path, fmt: RdfFormat, graph_name: str | None) -> LoadedSource:
        base = path.resolve().as_uri()
        name = URIRef(graph_name or base)
        target = to_ox_graph_name(name)
        before = len(self._store)
        try:
            if not fmt.quads and not self._store.contains_named_graph(target):
                self._store.load(
                    path=str(path),
                    format=OXIGRAPH_FORMATS[fmt.name],
                    base_iri=base,
                    to_graph=target,
                )
                return LoadedSource(str(path), name, fmt.name, len(self._store) - before)
            quads = _renamed_blank_nodes(
                ox.parse(path=str(path), format=OXIGRAPH_FORMATS[fmt.name], base_iri=base),
                target,
            )
            statements = self._replace(quads)
        except SyntaxError as error:
            raise oxigraph_file_error(error, fmt, path) from error
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error}") from error
        return LoadedSource(str(path), name, fmt.name, statements)

    def _load_parsed(
        self, source: SourceLike, format: str | RdfFormat | None, graph_name: str | None
    ) -> LoadedSource:
        from dlgraph.load.sources import read_sources

        ((record, dataset),) = read_sources([source], format=format, graph_name=graph_name)
        self._replace(_dataset_quads(dataset, record.graph))
        return record

    def add_graph(self, graph: OrgGraph | Dataset, *, graph_name: str | None = None) -> int:
        """Store the named graphs of an OrgGraph or rdflib Dataset (one transaction)."""
        self._writable()
        dataset = graph.dataset if isinstance(graph, OrgGraph) else graph
        default = URIRef(graph_name) if graph_name else URIRef(f"urn:dlgraph:graph:{uuid.uuid4()}")
        return self._replace(_dataset_quads(dataset, default))

    def _replace(self, quads: Iterable[ox.Quad]) -> int:
        """Put ``quads`` in, replacing the graphs they name; each step one transaction."""
        batch = list(quads)
        names = {quad.graph_name for quad in batch}
        existing = [name for name in names if self._store.contains_named_graph(name)]
        if not existing:
            self._store.extend(batch)
            for name in names:
                self._store.add_graph(name)
            return len(batch)
        # Stage into fresh graphs, then MOVE them over the old ones in one update.
        token = uuid.uuid4().hex
        staging = {
            name: ox.NamedNode(f"{STAGING_PREFIX}{token}:{index}")
            for index, name in enumerate(sorted(names, key=str))
        }
        self._store.extend(
            ox.Quad(q.subject, q.predicate, q.object, staging[q.graph_name]) for q in batch
        )
        # Graph names are checked Oxigraph terms written by Oxigraph (no user text).
        self._store.update(
            " ;\n".join(
                f"MOVE SILENT GRAPH {stage} TO GRAPH {name}" for name, stage in staging.items()
            )
        )
        return len(batch)

    def _drop_staging(self) -> None:
        for name in list(self._store.named_graphs()):
            if isinstance(name, ox.NamedNode) and name.value.startswith(STAGING_PREFIX):
                self._store.remove_graph(name)

    def remove_graph(self, name: str | URIRef) -> None:
        """Remove the named graph ``name``; UnknownNameError when it is not there."""
        self._writable()
        target = self._known_graph(name)
        self._store.remove_graph(target)

    def _writable(self) -> None:
        if self._read_only:
            raise InputError(f"{self._path}: the store is open read-only")

    # --- reading -----------------------------------------------------------------------

    def graph_names(self) -> tuple[URIRef, ...]:
        """The names of the named graphs, sorted."""
        return tuple(
            sorted(
                URIRef(name.value)
                for name in self._store.named_graphs()
                if isinstance(name, ox.NamedNode) and not name.value.startswith(STAGING_PREFIX)
            )
        )

    def counts(self) -> dict[URIRef, int]:
        """How many triples each named graph holds."""
        result = self.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        counts = {name: 0 for name in self.graph_names()}
        for graph, count in result.python_rows():  # type: ignore[union-attr]
            if URIRef(graph) in counts:
                counts[URIRef(graph)] = int(count)
        return counts

    def __len__(self) -> int:
        """The number of quads in the store."""
        return len(self._store)

    def __repr__(self) -> str:
        where = str(self._path) if self._path is not None else "memory"
        return f"<dlgraph.Store {where}: {len(self)} quads in {len(self.graph_names())} graphs>"

    def _known_graph(self, name: str | URIRef) -> ox.NamedNode:
        identifier = URIRef(str(name))
        if identifier not in self.graph_names():
            from dlgraph.errors import UnknownNameError
            from dlgraph.names import close_matches_hint

            raise UnknownNameError(
                f"no named graph {identifier} in the store",
                hint=close_matches_hint(str(identifier), [str(n) for n in self.graph_names()]),
            )
        return ox.NamedNode(str(identifier))

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Any] | None = None,
        *,
        allow_network: NetworkSetting = False,
        source: str = "<query>",
        graphs: Iterable[str | URIRef] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a read-only SPARQL query on Oxigraph's engine.

        The default graph is the union of the named graphs (or of ``graphs``);
        ``GRAPH ?g`` reaches each. That union is a multiset: a triple held by two named
        graphs matches twice (rdflib's union, in :meth:`OrgGraph.query`, is a set), so
        an ad-hoc query on the store counts it twice unless it uses ``DISTINCT``
        (``SELECT DISTINCT``, ``COUNT(DISTINCT ...)``); the named queries do.
        ``bindings`` maps variable names to values (rdflib terms or Python values)
        passed as Oxigraph substitutions, which must be projected variables.
        dlgraph's prefixes are declared. An update raises ReadOnlyError; ``SERVICE``
        raises NetworkRefused unless ``allow_network`` permits its endpoint (Oxigraph
        would follow it without a time-out). With
        ``timeout`` (seconds) the query runs in a worker process stopped at the deadline
        (TimeoutExceeded); a store on disk is read there through its own read-only
        handle (see :mod:`dlgraph.oxquery`).
        """
        from dlgraph.query.run import to_term

        check_read_only(sparql, source)
        check_services(sparql, source, allow_network)
        substitutions: dict[ox.Variable, Any] = {
            ox.Variable(name.lstrip("?$")): to_ox(to_term(value))
            for name, value in (bindings or {}).items()
        }
        options: dict[str, Any] = {}
        if graphs is not None:
            options["default_graph"] = [self._known_graph(name) for name in graphs]
        else:
            options["use_default_graph_as_union"] = True

        def answer(store: ox.Store) -> QueryResult:
            try:
                result = store.query(
                    sparql, prefixes=dict(PREFIXES), substitutions=substitutions or None, **options
                )
                return from_ox_result(result, describe=query_kind(sparql) == "DESCRIBE")
            except SyntaxError as error:
                raise _query_syntax_error(error, sparql, source) from error
            except (RuntimeError, ValueError, OSError) as error:
                raise QueryError(f"{source}: the query failed on Oxigraph: {error}") from error

        from dlgraph.query.oxigraph import answer_within

        return answer_within(self._store, answer, timeout=timeout, path=self._path, source=source)

    def run(
        self,
        name: str,
        /,
        *,
        graphs: Iterable[str | URIRef] | None = None,
        timeout: float | None = None,
        **parameters: Any,
    ) -> QueryResult:
        """Run the named query ``name`` with ``parameters`` (as :meth:`OrgGraph.run`)."""
        from dlgraph.query.bindings import bind_inline
        from dlgraph.query.named import named_query

        query = named_query(name)
        bindings = query.bindings(parameters)
        sparql = bind_inline(query.sparql, bindings, source=f"named query {name}")
        return self.query(sparql, source=f"named query {name}", graphs=graphs, timeout=timeout)

    def quads(self, graphs: Iterable[str | URIRef] | None = None) -> Iterator[ox.Quad]:
        """The quads of the named graphs (all, or those of ``graphs``)."""
        names = [self._known_graph(n) for n in graphs] if graphs is not None else None
        if names is None:
            for quad in self._store.quads_for_pattern(None, None, None, None):
                graph = quad.graph_name
                if isinstance(graph, ox.NamedNode) and graph.value.startswith(STAGING_PREFIX):
                    continue
                yield quad
            return
        for name in names:
            yield from self._store.quads_for_pattern(None, None, None, name)

    def to_org_graph(self, graphs: Iterable[str | URIRef] | None = None) -> OrgGraph:
        """An in-memory OrgGraph (rdflib) copy of the store or of some of its graphs,
        e.g. for :func:`dlgraph.validate`."""
        dataset = Dataset(default_union=True)
        for quad in self.quads(graphs):
            graph = (
                from_ox(quad.graph_name)
                if not isinstance(quad.graph_name, ox.DefaultGraph)
                else DATASET_DEFAULT_GRAPH_ID
            )
            dataset.graph(graph).add(  # type: ignore[arg-type]
                (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))  # type: ignore[arg-type]
            )
        return OrgGraph(dataset)


def _renamed_blank_nodes(
    quads: Iterable[ox.Quad], default: ox.NamedNode | ox.BlankNode
) -> Iterator[ox.Quad]:
    """Quads with triples outside named graphs put in ``default`` and blank nodes made
    unique to this load (Oxigraph's parser keeps the document's labels)."""
    token = uuid.uuid4().hex[:12]
    names: dict[str, ox.BlankNode] = {}

    def fresh(term: Any) -> Any:
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = ox.BlankNode(f"{token}{term.value}")
            return names[term.value]
        return term

    for quad in quads:
        graph = default if isinstance(quad.graph_name, ox.DefaultGraph) else fresh(quad.graph_name)
        yield ox.Quad(fresh(quad.subject), quad.predicate, fresh(quad.object), graph)


def _dataset_quads(dataset: Dataset, default: URIRef) -> Iterator[ox.Quad]:
    """The quads of an rdflib Dataset; triples outside named graphs go to ``default``."""
    for s, p, o, context in dataset.quads((None, None, None, None)):
        name = context if isinstance(context, URIRef) else default
        if name == DATASET_DEFAULT_GRAPH_ID:
            name = default
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox_graph_name(name))  # type: ignore[arg-type]


def _query_syntax_error(error: SyntaxError, sparql: str, source: str) -> DlgraphError:
    from dlgraph.query.run import is_update, read_only_error

    if is_update(sparql):
        return read_only_error(source)
    line, column = _position(error)
    return QuerySyntaxError(
        f"SPARQL syntax error: {_reason(error)}",
        source=source,
        line=line,
        column=column,
        hint="fix the query at that place",
    )


def _position(error: SyntaxError) -> tuple[int | None, int | None]:
    if error.lineno is not None:
        return error.lineno, error.offset
    match = _POSITION.search(str(error))
    if match:
        return int(match.group(1)), int(match.group(2))
    return None, None


def _reason(error: SyntaxError) -> str:
    text = error.msg if error.msg else str(error)
    return _POSITION.sub("", text).strip(" :") or str(error)
