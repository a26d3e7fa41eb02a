"""Oxigraph's own parser, the one native reader: limits first, errors as dlgraph's.

Turtle, TriG, N-Triples and N-Quads are read by Oxigraph's conformant, linear-time
parser, from a file or from text. Every path here applies the size limit and the nesting
limit (:mod:`dlgraph.limits`) before the parser sees a byte, and reports a syntax error
as the positioned, redacted :class:`~dlgraph.ParseError` of :mod:`dlgraph.oxigraph.errors`.
Blank nodes are made new for each document, as rdflib's parsers do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from dlgraph.errors import InputError, ParseError
from dlgraph.formats import RdfFormat
from dlgraph.limits import check_depth, check_file, check_size
from dlgraph.oxigraph.copy import GraphName
from dlgraph.oxigraph.errors import buffer_error, file_error, parse_error, storage_error
from dlgraph.oxigraph.terms import from_ox
from dlgraph.prefixes import bind_prefixes_up_to

__all__ = ["OXIGRAPH_FORMATS", "FileQuads", "load_file", "parse_text"]

OXIGRAPH_FORMATS: Mapping[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
}
"""dlgraph formats read by Oxigraph's own parser (the others by rdflib's)."""


class FileQuads:
    """The quads of one file, read lazily by Oxigraph once the limits passed.

    Iterating gives the quads with triples outside a named graph (or in a blank-node
    graph) in ``default``; a syntax error raises ParseError naming the file, line and
    column. After the iteration :attr:`prefixes` holds the prefixes the file declared.
    """

    def __init__(
        self,
        path: Path,
        fmt: RdfFormat,
        *,
        base: str,
        default: GraphName,
        max_bytes: int | None,
        max_depth: int | None,
    ) -> None:
        check_file(path, fmt, max_bytes, max_depth)
        self._path = path
        self._fmt = fmt
        self._base = base
        self._default = default
        self.prefixes: dict[str, str] = {}

    def __iter__(self) -> Iterator[ox.Quad]:
        try:
            parser = ox.parse(
                path=str(self._path),
                format=OXIGRAPH_FORMATS[self._fmt.name],
                base_iri=self._base,
                rename_blank_nodes=True,
            )
            for quad in parser:
                if isinstance(quad.graph_name, ox.NamedNode):
                    yield quad
                else:
                    yield ox.Quad(quad.subject, quad.predicate, quad.object, self._default)
        except SyntaxError as error:
            raise file_error(error, self._fmt, self._path) from error
        except OSError as error:
            raise InputError(f"{self._path}: cannot read: {error}") from error
        except MemoryError as error:
            too_long = buffer_error(error, self._fmt, str(self._path), self._path)
            if too_long is None:
                raise
            raise too_long from error
        self.prefixes = {prefix: space for prefix, space in parser.prefixes.items() if prefix}


def load_file(
    store: ox.Store,
    path: Path,
    fmt: RdfFormat,
    *,
    base: str | None,
    to_graph: GraphName | None,
    max_bytes: int | None,
    max_depth: int | None,
    bulk: bool = False,
) -> None:
    """Load the file ``path`` into ``store`` with Oxigraph's own loader (one transaction,
    or with ``bulk`` its faster non-transactional bulk loader); ``to_graph`` receives the
    triples outside a named graph (None: the file's own graphs and the default graph)."""
    check_file(path, fmt, max_bytes, max_depth)
    options: dict[str, object] = {"base_iri": base} if base is not None else {}
    if to_graph is not None:
        options["to_graph"] = to_graph
    try:
        loader = store.bulk_load if bulk else store.load
        loader(path=str(path), format=OXIGRAPH_FORMATS[fmt.name], **options)  # type: ignore[arg-type]
    except SyntaxError as error:
        raise file_error(error, fmt, path) from error
    except MemoryError as error:
        too_long = buffer_error(error, fmt, str(path), path)
        if too_long is None:
            raise
        raise too_long from error
    except OSError as error:
        if storage_error(error, None) is not None and "IO error" in str(error):
            raise  # the store's disk, not the file: the store's caller says so
        raise InputError(f"{path}: cannot read: {error}") from error


def parse_text(
    dataset: Dataset,
    text: str,
    fmt: RdfFormat,
    source: str,
    base: str | None,
    *,
    max_bytes: int | None,
    max_depth: int | None,
) -> None:
    """Read Turtle, TriG, N-Triples or N-Quads text into ``dataset`` as rdflib terms.

    Triples outside a named graph go to the Dataset's default graph; the document's
    prefixes are bound in ``dataset``, as rdflib's own parser does.
    """
    check_size(text, source, max_bytes)
    check_depth(text, fmt, source, max_depth)
    parser = ox.parse(
        text.encode("utf-8"), OXIGRAPH_FORMATS[fmt.name], base_iri=base, rename_blank_nodes=True
    )
    default = dataset.default_graph
    try:
        for quad in parser:
            if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, ox.Triple):
                raise ParseError(
                    f"{fmt.label}: RDF 1.2 triple terms are not supported",
                    source=source,
                    hint="write the statement about a statement with rdf:reifies or a plain node",
                )
            triple = (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))
            if isinstance(quad.graph_name, ox.DefaultGraph):
                default.add(triple)
            else:
                dataset.graph(from_ox(quad.graph_name)).add(triple)  # type: ignore[arg-type]
    except SyntaxError as error:
        raise parse_error(error, fmt, source, text, base=base) from error
    except MemoryError as error:
        too_long = buffer_error(error, fmt, source, text)
        if too_long is None:
            raise
        raise too_long from error
    bind_prefixes_up_to(dataset, parser.prefixes.items())
