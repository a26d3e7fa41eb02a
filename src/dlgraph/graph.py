"""The organisation graph: an rdflib Dataset with one named graph per loaded source."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from dlgraph.errors import InputError, UnknownNameError
from dlgraph.formats import RdfFormat, format_for_name, rdf_format
from dlgraph.limits import DEFAULT_MAX_BYTES
from dlgraph.load.oxigraph_reader import read_into_store
from dlgraph.load.rdflib_reader import read_items
from dlgraph.load.serialize import serialize
from dlgraph.load.sources import (
    LoadedSource,
    LoadProgress,
    ReadOptions,
    SourceItem,
    SourceLike,
    expand_sources,
    source_bytes,
)
from dlgraph.names import close_matches_hint
from dlgraph.network import NetworkSetting
from dlgraph.ontology.graphs import bind_prefixes
from dlgraph.oxigraph.copy import copy_to_oxigraph
from dlgraph.oxigraph.dataset import oxigraph_backing, oxigraph_dataset
from dlgraph.places import SourcePlaces
from dlgraph.prefixes import bind_prefixes_up_to
from dlgraph.query.named import named_query
from dlgraph.query.results import QueryResult
from dlgraph.query.run import run_query
from dlgraph.reason.infer import Reasoning, infer
from dlgraph.write import write_atomic

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

__all__ = [
    "AUTO_OXIGRAPH_BYTES",
    "INFERRED_GRAPH",
    "Backend",
    "Engine",
    "LoadedSource",
    "OrgGraph",
    "choose_backend",
    "load",
]

Backend: TypeAlias = Literal["auto", "rdflib", "oxigraph"]
"""Where an OrgGraph's triples live and which SPARQL engine queries them (``auto``: by
the size of what is loaded, see :data:`AUTO_OXIGRAPH_BYTES`)."""

Engine: TypeAlias = Backend
"""The former name of :data:`Backend`, kept so that code written against it still runs."""

AUTO_OXIGRAPH_BYTES = 1024 * 1024
"""From this many bytes of input (about 7 000 N-Triples lines), ``backend="auto"`` puts
the graph on Oxigraph; below it rdflib's memory store, which every rdflib tool reads at
full speed, holds it."""

INFERRED_GRAPH = URIRef("urn:dlgraph:inferred")
"""The named graph that holds triples a reasoner inferred, apart from the asserted ones."""


class OrgGraph:
    """Organisation graphs loaded from many sources, queried and reasoned over as one.

    Wraps an rdflib :class:`~rdflib.Dataset` whose default graph is the union of its
    named graphs: each file (or each municipality) stays its own named graph, and
    SPARQL sees everything unless it asks for ``GRAPH ?g``.

    On the ``rdflib`` backend the Dataset is rdflib's memory store and queries run on
    rdflib's SPARQL engine. On the ``oxigraph`` backend the Dataset's triples live in an
    Oxigraph store (through oxrdflib, see :mod:`dlgraph.oxigraph.dataset`) and queries run
    on Oxigraph's engine over that same store; results are the same. A ``dataset`` given
    decides the backend itself (``engine`` is the former name of ``backend``).
    """

    def __init__(
        self,
        dataset: Dataset | None = None,
        *,
        backend: Literal["rdflib", "oxigraph"] | None = None,
        engine: Literal["rdflib", "oxigraph"] | None = None,
    ) -> None:
        if dataset is None:
            chosen = choose_backend(backend or engine or "rdflib", ())
            dataset = oxigraph_dataset() if chosen == "oxigraph" else Dataset(default_union=True)
        self._dataset = dataset
        bind_prefixes(self._dataset)
        self._sources: list[LoadedSource] = []

    @property
    def backend(self) -> Literal["rdflib", "oxigraph"]:
        """``oxigraph`` when the triples live in an Oxigraph store, else ``rdflib``."""
        return "oxigraph" if oxigraph_backing(self._dataset) is not None else "rdflib"

    @property
    def engine(self) -> Literal["rdflib", "oxigraph"]:
        """The former name of :attr:`backend`."""
        return self.backend

    def to_backend(self, backend: Literal["rdflib", "oxigraph"]) -> OrgGraph:
        """A copy of this graph on ``backend`` (the same named graphs, prefixes, sources).

        ``to_backend("rdflib")`` is the explicit rdflib-native copy for code that walks a
        large graph triple by triple, which rdflib's memory store serves fastest.
        """
        copy = OrgGraph(backend=backend)
        bind_prefixes_up_to(copy._dataset, self._dataset.namespaces())
        target = copy._dataset
        backing = oxigraph_backing(target)
        if backing is not None:
            backing.adopt(copy_to_oxigraph(self._dataset))
        else:
            for s, p, o, context in self._dataset.quads((None, None, None, None)):
                if isinstance(context, URIRef) and context != DATASET_DEFAULT_GRAPH_ID:
                    target.graph(context).add((s, p, o))
        copy._sources = list(self._sources)
        return copy

    def to_engine(self, engine: Literal["rdflib", "oxigraph"]) -> OrgGraph:
        """The former name of :meth:`to_backend`."""
        return self.to_backend(engine)

    @property
    def dataset(self) -> Dataset:
        """The underlying rdflib Dataset (changes to it show in this graph)."""
        return self._dataset

    @property
    def sources(self) -> tuple[LoadedSource, ...]:
        """The sources loaded so far, in order."""
        return tuple(self._sources)

    @property
    def places(self) -> SourcePlaces:
        """Where each node read from a case file (YAML, CSV, XLSX) was written: file,
        line or row, and the key of each value; kept beside the triples, not in them."""
        return SourcePlaces.joined(source.places for source in self._sources)

    def load(
        self,
        *sources: SourceLike,
        format: str | RdfFormat | None = None,
        base: str | None = None,
        graph_name: str | None = None,
        allow_network: NetworkSetting = False,
        progress: Callable[[LoadProgress], None] | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        allow_outside: bool | None = None,
    ) -> OrgGraph:
        """Load more sources into this graph; all of them or, on an error, none.

        Takes the same arguments as :func:`dlgraph.load` (but the backend is this
        graph's) and returns this graph.
        """
        options = ReadOptions(format, base, graph_name, allow_network, max_bytes, allow_outside)
        return self._load_items(expand_sources(sources), options, progress)

    def _load_items(
        self,
        items: list[SourceItem],
        options: ReadOptions,
        progress: Callable[[LoadProgress], None] | None,
    ) -> OrgGraph:
        backing = oxigraph_backing(self._dataset)
        if backing is not None:
            store, records, prefixes = read_into_store(items, options, progress)
            backing.adopt(store)
            self._adopt_prefixes(prefixes.items())
            self._sources.extend(records)
            return self
        for record, dataset in read_items(items, options, progress):
            self._merge(dataset, record.graph)
            self._sources.append(record)
        return self

    def _adopt_prefixes(self, declared: Iterable[tuple[str, Any]]) -> None:
        """Bind the prefixes a document declared that this graph does not have yet
        (not the empty one, nor rdflib's generated ``ns1``...)."""
        bind_prefixes_up_to(
            self._dataset,
            ((prefix, space) for prefix, space in declared if prefix and prefix[:2] != "ns"),
        )

    def _merge(self, dataset: Dataset, default_name: URIRef) -> None:
        self._adopt_prefixes(dataset.namespaces())
        for s, p, o, context in dataset.quads((None, None, None, None)):
            name = context if isinstance(context, URIRef) else None
            if name is None or name == DATASET_DEFAULT_GRAPH_ID:
                name = default_name
            self._dataset.graph(name).add((s, p, o))

    def add_graph(self, graph: Graph, name: str | URIRef) -> URIRef:
        """Add the triples of an rdflib Graph to the named graph ``name``; return its IRI."""
        identifier = URIRef(str(name))
        target = self._dataset.graph(identifier)
        for triple in graph:
            target.add(triple)
        return identifier

    def graph_names(self, *, inferred: bool = True) -> tuple[URIRef, ...]:
        """The names of the non-empty named graphs, sorted; the inferred one last."""
        names = sorted(
            graph.identifier
            for graph in self._dataset.graphs()
            if isinstance(graph.identifier, URIRef)
            and graph.identifier not in (DATASET_DEFAULT_GRAPH_ID, INFERRED_GRAPH)
            and len(graph) > 0
        )
        if inferred and self.inferred is not None:
            names.append(INFERRED_GRAPH)
        return tuple(names)

    def named_graph(self, name: str | URIRef) -> Graph:
        """The named graph ``name`` (a live view); UnknownNameError if it is not there."""
        identifier = URIRef(str(name))
        if identifier not in self.graph_names():
            raise UnknownNameError(
                f"no named graph {identifier}",
                hint=close_matches_hint(str(identifier), [str(n) for n in self.graph_names()]),
            )
        return self._dataset.graph(identifier)

    @property
    def inferred(self) -> Graph | None:
        """The inferred triples of the last :meth:`reason` run, or None."""
        for graph in self._dataset.graphs():
            if graph.identifier == INFERRED_GRAPH and len(graph) > 0:
                return graph
        return None

    def drop_inferred(self) -> int:
        """Forget the inferred triples; return how many there were."""
        graph = self.inferred
        if graph is None:
            return 0
        count = len(graph)
        self._dataset.remove_graph(graph)
        return count

    def union(self, *, inferred: bool = True) -> Graph:
        """A new rdflib Graph holding every triple of every named graph, once."""
        result = bind_prefixes(Graph())
        bind_prefixes_up_to(result, self._dataset.namespaces())
        for s, p, o, context in self._dataset.quads((None, None, None, None)):
            if not inferred and context == INFERRED_GRAPH:
                continue
            result.add((s, p, o))
        return result

    def query(
        self,
        sparql: str | Query,
        bindings: Mapping[str, Any] | None = None,
        *,
        allow_network: NetworkSetting = False,
        source: str = "<query>",
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).

        The default graph is the union of all named graphs; ``GRAPH ?g`` reaches each.
        ``bindings`` maps variable names to values (rdflib terms, or Python values that
        become literals; give IRIs as :class:`rdflib.URIRef`). The prefixes of
        :data:`dlgraph.ontology.namespaces.PREFIXES` are declared. Updates raise ReadOnlyError,
        syntax errors QuerySyntaxError (naming ``source``, e.g. the query's file, with
        line and column); SERVICE and FROM of an unloaded graph raise NetworkRefused
        unless ``allow_network`` permits them. With ``timeout`` (seconds) the query runs
        in a worker process stopped at the deadline (TimeoutExceeded).
        """
        return run_query(
            self._dataset,
            sparql,
            bindings,
            allow_network=allow_network,
            source=source,
            timeout=timeout,
        )

    def run(self, name: str, /, *, timeout: float | None = None, **parameters: Any) -> QueryResult:
        """Run the named query ``name`` with ``parameters`` passed as bindings.

        Parameter values may be Python values or text (``"dl:Principal"``, an IRI,
        ``"2020-03-01"``, a prefixed name with one of this graph's prefixes); they are
        converted to the parameter's declared type and bound as checked RDF terms, as on
        every backend, store and server (:func:`dlgraph.query.bindings.bind`), never
        spliced into the query text as given. An unknown query or parameter raises
        UnknownNameError naming the close matches. ``timeout`` as for :meth:`query`.
        """
        query = named_query(name)
        namespaces = {prefix: str(space) for prefix, space in self._dataset.namespaces() if prefix}
        return run_query(
            self._dataset,
            query.sparql,
            query.bindings(parameters, namespaces),
            source=f"named query {name}",
            timeout=timeout,
        )

    def reason(self, profile: str = "rl", *, with_ontology: bool = True) -> Reasoning:
        """Materialise inferences into the named graph :data:`INFERRED_GRAPH`.

        ``profile`` is ``rl`` (OWL 2 RL), ``rdfs`` or ``dl`` (HermiT, needs Java).
        Reasoning covers the asserted triples plus the merged dlgraph ontology (unless
        ``with_ontology`` is False); a previous inference is replaced. Only what the data
        adds is kept (see :func:`dlgraph.reason.infer.infer`); drop it with
        :meth:`drop_inferred`, export it with ``graph.inferred``.
        """
        result = infer(self.union(inferred=False), profile, with_ontology=with_ontology)
        self.drop_inferred()
        if len(result.inferred):
            self.add_graph(result.inferred, INFERRED_GRAPH)
        return result

    def __len__(self) -> int:
        """The number of distinct triples across all named graphs."""
        return len(self._dataset)

    def __repr__(self) -> str:
        return f"<OrgGraph: {len(self)} triples in {len(self.graph_names())} named graphs>"

    def serialize(self, format: str | RdfFormat = "trig", *, inferred: bool = True) -> str:
        """The graph as text: quad formats keep the named graphs, triple formats the union."""
        fmt = rdf_format(format)
        if fmt.quads:
            target: Graph = self._without_inferred() if not inferred else self._dataset
            return serialize(target, fmt)
        return serialize(self.union(inferred=inferred), fmt)

    def _without_inferred(self) -> Dataset:
        copy = Dataset(default_union=True)
        bind_prefixes_up_to(copy, self._dataset.namespaces())
        for s, p, o, context in self._dataset.quads((None, None, None, None)):
            if context != INFERRED_GRAPH and isinstance(context, URIRef):
                copy.graph(context).add((s, p, o))
        return copy

    def write(
        self,
        path: str | os.PathLike[str],
        format: str | RdfFormat | None = None,
        *,
        inferred: bool = True,
    ) -> Path:
        """Write the graph to ``path`` atomically, in ``format`` or the one its name says."""
        fmt = rdf_format(format) if format is not None else format_for_name(Path(path))
        if fmt is None:
            raise UnknownNameError(
                f"{path}: cannot tell the output format from the file name",
                hint="give the format explicitly (turtle, trig, nt, nquads, json-ld, xml)",
            )
        return write_atomic(path, self.serialize(fmt, inferred=inferred))


def load(
    *sources: SourceLike,
    format: str | RdfFormat | None = None,
    base: str | None = None,
    graph_name: str | None = None,
    allow_network: NetworkSetting = False,
    progress: Callable[[LoadProgress], None] | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    backend: Backend | None = None,
    engine: Backend | None = None,
    allow_outside: bool | None = None,
) -> OrgGraph:
    """Load organisation graphs from files, folders, strings, file objects or rdflib graphs.

    * a path (str or :class:`~pathlib.Path`) to a file in Turtle, TriG, N-Triples,
      N-Quads, JSON-LD or RDF/XML (format from the extension, else from the content), or
      to a researcher case file (``.yaml``, ``.yml``) or a whole case as one Excel
      workbook (``.xlsx``); a ``.csv`` file is refused as only one list of a case;
    * a folder: every file in it and below with an extension of :data:`FOLDER_EXTENSIONS`;
    * a string or bytes holding RDF (told from a path by its content);
    * an open file object, text or binary;
    * an rdflib Graph or Dataset, copied.

    ``format`` forces one format for every source. ``base`` resolves relative IRIs of
    strings and file objects (files use their own ``file:`` URI). ``graph_name`` puts the
    triples of every source that are outside a named graph into that one named graph
    (e.g. one per municipality). Nothing is fetched from the network unless
    ``allow_network`` is True or a list of allowed URL prefixes. ``progress`` is called
    before each source and once at the end. A source larger than ``max_bytes`` (2 GiB
    unless given; None for no limit) raises LimitExceeded before it is read; a case file
    and the CSV files and workbooks it names count together. Those files must lie in the
    case's folder unless ``allow_outside`` is True.

    ``backend`` says where the graph lives (``engine`` is its former name): ``rdflib``
    (rdflib's memory store and SPARQL engine), ``oxigraph`` (an Oxigraph store in memory
    under the same rdflib Dataset API; SPARQL on Oxigraph's engine), or ``auto`` (the
    default): Oxigraph when the sources hold at
    least :data:`AUTO_OXIGRAPH_BYTES` bytes, rdflib below.
    """
    items = expand_sources(sources)
    keyword = "engine" if backend is None and engine is not None else "backend"
    graph = OrgGraph(backend=choose_backend(backend or engine or "auto", items, keyword=keyword))
    options = ReadOptions(format, base, graph_name, allow_network, max_bytes, allow_outside)
    return graph._load_items(items, options, progress)


def choose_backend(
    backend: Backend, items: Sequence[SourceItem], *, keyword: str = "backend"
) -> Literal["rdflib", "oxigraph"]:
    """The backend ``backend`` stands for given what will be loaded (``auto``: by size);
    the one place the storage backend is chosen. ``keyword`` names the argument as the
    caller wrote it, for the error."""
    if backend == "rdflib" or backend == "oxigraph":
        return backend
    if backend != "auto":
        raise InputError(
            f"unknown {keyword} {backend!r}",
            hint=f"give {keyword}='auto', 'rdflib' or 'oxigraph'",
        )
    return "oxigraph" if source_bytes(items) >= AUTO_OXIGRAPH_BYTES else "rdflib"
