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

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from dlgraph.errors import EnvironmentProblem, InputError, UnknownNameError
from dlgraph.formats import RdfFormat, format_for_name, rdf_format
from dlgraph.graph import OrgGraph
from dlgraph.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, check_query_depth
from dlgraph.load.rdflib_reader import read_item
from dlgraph.load.sources import (
    LoadedSource,
    LoadProgress,
    ReadOptions,
    SourceItem,
    SourceLike,
    expand_sources,
    with_progress,
)
from dlgraph.names import close_matches_hint
from dlgraph.network import NetworkSetting
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.oxigraph.copy import quads_of, to_dataset
from dlgraph.oxigraph.errors import evaluation_error, query_syntax_error, storage_error
from dlgraph.oxigraph.reader import OXIGRAPH_FORMATS, FileQuads, load_file
from dlgraph.oxigraph.terms import to_ox_graph_name
from dlgraph.query.bindings import bind
from dlgraph.query.checks import (
    check_read_only,
    check_services,
    is_update,
    query_kind,
    read_only_error,
)
from dlgraph.query.named import named_query
from dlgraph.query.oxigraph import answer_within, from_ox_result, open_read_only
from dlgraph.query.results import QueryResult, to_term

__all__ = ["STAGING_PREFIX", "Store"]

STAGING_PREFIX = "urn:dlgraph:staging:"
"""Graphs under this prefix hold a file being loaded before it replaces its graph; one
left by a killed writer is dropped the next time the store is opened for writing."""


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
                return cls(open_read_only(folder), folder, read_only=True)
            except OSError as error:
                raise InputError(f"{folder}: cannot open the store: {error}") from error
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{folder}: not a folder; a store is a folder")
        if not folder.parent.is_dir():
            raise InputError(
                f"{folder}: the folder {folder.parent} it would be made in does not exist",
                hint=f"create it first (mkdir -p {folder.parent}), or name a store in a folder"
                " that exists",
            )
        created = not folder.exists()
        try:
            store = cls(ox.Store(str(folder)), folder)
            store._drop_staging()
        except (OSError, RuntimeError) as error:
            if created:  # a store that never opened is not left half made
                shutil.rmtree(folder, ignore_errors=True)
            translated = storage_error(error, folder)
            if translated is not None:
                raise translated from error
            if isinstance(error, RuntimeError):
                raise
            raise EnvironmentProblem(
                f"{folder}: cannot open the store for writing: {error}",
                hint="another process may be writing to it; wait for it, or open it read-only",
            ) from error
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
        try:
            if not self._read_only and self._path is not None:
                with self._storage():
                    self._store.flush()
        finally:
            del self._store

    @contextlib.contextmanager
    def _storage(self) -> Iterator[None]:
        """Oxigraph's disk errors (full, read-only, damaged) as one-line errors."""
        try:
            yield
        except (OSError, RuntimeError) as error:
            translated = storage_error(error, self._path)
            if translated is None:
                raise
            raise translated from error

    # --- loading -----------------------------------------------------------------------

    def load(
        self,
        *sources: SourceLike,
        format: str | RdfFormat | None = None,
        graph_name: str | None = None,
        progress: Callable[[LoadProgress], None] | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
    ) -> tuple[LoadedSource, ...]:
        """Load files, folders, RDF text or rdflib graphs, one transaction per file.

        Takes the sources of :func:`dlgraph.load` (offline: no http sources) and its limits
        (``max_bytes``; Turtle nested deeper than :data:`~dlgraph.limits.DEFAULT_MAX_DEPTH`
        is refused). Each file's triples go into its own named graph (``graph_name`` puts
        them all into that one), replacing a graph of the same name. Files before a failing
        one stay loaded; the failing one leaves nothing behind. Returns what was loaded.
        """
        self._writable()
        forced = rdf_format(format) if format is not None else None
        loaded: list[LoadedSource] = []
        with self._storage():
            for item in with_progress(expand_sources(sources), progress):
                loaded.append(self._load_item(item, forced, format, graph_name, max_bytes))
        return tuple(loaded)

    def _load_item(
        self,
        item: SourceItem,
        forced: RdfFormat | None,
        format: str | RdfFormat | None,
        graph_name: str | None,
        max_bytes: int | None,
    ) -> LoadedSource:
        """Load one source in one transaction."""
        fmt = forced or (format_for_name(item.path) if item.path is not None else None)
        if item.kind == "path" and item.path is not None and fmt and fmt.name in OXIGRAPH_FORMATS:
            return self._load_native(item.path, fmt, graph_name, max_bytes)
        options = ReadOptions(format, graph_name=graph_name, max_bytes=max_bytes)
        record, dataset = read_item(item, options)
        self._replace(quads_of(dataset, to_ox_graph_name(record.graph)))
        return record

    def _load_native(
        self, path: Path, fmt: RdfFormat, graph_name: str | None, max_bytes: int | None
    ) -> LoadedSource:
        base = path.resolve().as_uri()
        name = URIRef(graph_name or base)
        target = to_ox_graph_name(name)
        if not fmt.quads and not self._store.contains_named_graph(target):
            before = len(self._store)
            load_file(
                self._store,
                path,
                fmt,
                base=base,
                to_graph=target,
                max_bytes=max_bytes,
                max_depth=DEFAULT_MAX_DEPTH,
            )
            return LoadedSource(str(path), name, fmt.name, len(self._store) - before)
        statements = self._replace(
            FileQuads(
                path,
                fmt,
                base=base,
                default=target,
                max_bytes=max_bytes,
                max_depth=DEFAULT_MAX_DEPTH,
            )
        )
        return LoadedSource(str(path), name, fmt.name, statements)

    def add_graph(self, graph: OrgGraph | Dataset, *, graph_name: str | None = None) -> int:
        """Store the named graphs of an OrgGraph or rdflib Dataset (one transaction)."""
        self._writable()
        dataset = graph.dataset if isinstance(graph, OrgGraph) else graph
        default = URIRef(graph_name) if graph_name else URIRef(f"urn:dlgraph:graph:{uuid.uuid4()}")
        return self._replace(quads_of(dataset, to_ox_graph_name(default)))

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
        ``bindings`` maps variable names to values (rdflib terms or Python values), bound
        as every query path binds them (:func:`dlgraph.query.bindings.bind`).
        dlgraph's prefixes are declared. An update raises ReadOnlyError; ``SERVICE``
        raises NetworkRefused unless ``allow_network`` permits its endpoint (Oxigraph
        would follow it without a time-out). With
        ``timeout`` (seconds) the query runs in a worker process stopped at the deadline
        (TimeoutExceeded); a store on disk is read there through its own read-only
        handle (see :mod:`dlgraph.query.oxigraph`).
        """
        check_query_depth(sparql, source)
        check_read_only(sparql, source)
        check_services(sparql, source, allow_network)
        init = {name.lstrip("?$"): to_term(value) for name, value in (bindings or {}).items()}
        text = bind(sparql, init, source=source)
        options: dict[str, Any] = {}
        if graphs is not None:
            options["default_graph"] = [self._known_graph(name) for name in graphs]
        else:
            options["use_default_graph_as_union"] = True

        def answer(store: ox.Store) -> QueryResult:
            try:
                result = store.query(text, prefixes=dict(PREFIXES), **options)
                return from_ox_result(result, describe=query_kind(sparql) == "DESCRIBE")
            except SyntaxError as error:
                if is_update(sparql):
                    raise read_only_error(source) from error
                raise query_syntax_error(error, source) from error
            except (RuntimeError, ValueError, OSError) as error:
                raise evaluation_error(error, source) from error

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
        sparql = named_query(name).bind(parameters)
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
        return OrgGraph(to_dataset(self.quads(graphs)))
