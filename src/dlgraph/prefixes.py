"""How many prefixes a graph keeps: rdflib binds each one in time that grows with all.

rdflib's namespace manager files every bound namespace in a trie whose insertion scans
the namespaces bound before, and its writers look each IRI up there, so a file declaring
10 000 prefixes took 25 s to write as Turtle (100 000: minutes). Prefixes only abbreviate
IRIs: a graph dlgraph makes holds at most :data:`MAX_PREFIXES` (dlgraph's own and
rdflib's among them, bound first), the first ones each file declares; the IRIs of any
others are written in full. Reading and writing so stay linear in the size of the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Dataset, Graph

__all__ = ["MAX_PREFIXES", "CappedDataset", "CappedGraph", "PrefixTable", "bind_prefixes_up_to"]

MAX_PREFIXES = 300
"""The most prefixes a graph holds, dlgraph's and rdflib's usual ones (about 40) included."""


def bind_prefixes_up_to(
    graph: Graph, declared: Iterable[tuple[str, Any]], *, limit: int = MAX_PREFIXES
) -> None:
    """Bind the ``declared`` (prefix, namespace) pairs on ``graph``, never overriding a
    prefix it has, until it holds ``limit`` prefixes; skip the rest."""
    bound = {prefix for prefix, _ in graph.namespaces()}
    for prefix, namespace in declared:
        if prefix in bound:
            continue
        if len(bound) >= limit:
            return
        graph.bind(prefix, namespace, override=False)
        bound.add(prefix)


class _Capped:
    """Bind at most MAX_PREFIXES prefixes: rdflib's RDF/XML and JSON-LD readers bind every
    namespace or context term they meet, each in time that grows with those before."""

    _bound: int | None = None

    def bind(
        self, prefix: str | None, namespace: Any, override: bool = True, replace: bool = False
    ) -> None:
        if self._bound is None:
            self._bound = len(list(self.namespaces()))  # type: ignore[attr-defined]
        if self._bound >= MAX_PREFIXES:
            return
        self._bound += 1
        super().bind(prefix, namespace, override=override, replace=replace)  # type: ignore[misc]


class CappedGraph(_Capped, Graph):
    """A Graph for a parser to read into, holding at most MAX_PREFIXES prefixes."""


class CappedDataset(_Capped, Dataset):
    """A Dataset for a parser to read into, holding at most MAX_PREFIXES prefixes."""


class PrefixTable:
    """A graph's prefixes, looked up by IRI in time that does not grow with their number.

    Candidates are tried by namespace length (a few dozen distinct lengths, however many
    prefixes), longest first, instead of scanning every namespace.
    """

    def __init__(self, pairs: Iterable[tuple[str, Any]]) -> None:
        self._prefixes: dict[str, str] = {}
        for prefix, namespace in pairs:
            self._prefixes.setdefault(str(namespace), prefix)
        self.names = set(self._prefixes.values())
        """The prefixes known."""
        self._lengths = sorted({len(space) for space in self._prefixes}, reverse=True)

    def __len__(self) -> int:
        return len(self._prefixes)

    def longest(self, iri: str, *, at_least: int = 0) -> tuple[str, str] | None:
        """(prefix, namespace) of the longest namespace ``iri`` starts with, if it is at
        least ``at_least`` long; None when there is none."""
        for prefix, namespace in self.matches(iri):
            return (prefix, namespace) if len(namespace) >= at_least else None
        return None

    def matches(self, iri: str) -> Iterator[tuple[str, str]]:
        """(prefix, namespace) of every namespace ``iri`` starts with, longest first."""
        for length in self._lengths:
            if length <= len(iri):
                prefix = self._prefixes.get(iri[:length])
                if prefix is not None:
                    yield prefix, iri[:length]

    def add(self, prefix: str, namespace: str) -> None:
        """Know ``prefix`` for ``namespace`` from now on."""
        if namespace not in self._prefixes:
            self._prefixes[namespace] = prefix
            self.names.add(prefix)
            if len(namespace) not in self._lengths:
                self._lengths = sorted({*self._lengths, len(namespace)}, reverse=True)
