"""A SPARQL server's URLs: the query URL the caller names, and the Graph Store and update
URLs derived from it, per kind of server.

* Oxigraph (``oxigraph serve``): ``http://HOST:PORT`` or ``.../query``; updates
  ``.../update``; Graph Store ``.../store``.
* OpenLink Virtuoso: ``http://HOST:8890/sparql`` (or ``/sparql-auth``); updates
  ``/sparql-auth``; Graph Store ``/sparql-graph-crud-auth`` for writes (it asks for
  credentials) and ``/sparql-graph-crud`` for reads.
* Apache Jena Fuseki: ``http://HOST:3030/DATASET/query`` (or ``/sparql``); updates
  ``/DATASET/update``; Graph Store ``/DATASET/data``.
* GraphDB, RDF4J: ``http://HOST:7200/repositories/REPO``; updates ``.../statements``;
  Graph Store ``.../rdf-graphs/service``.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

__all__ = ["ServerUrls", "derive_urls", "graph_store_suggestion"]

_VIRTUOSO_QUERY_PATHS = ("/sparql", "/sparql-auth")


@dataclass(frozen=True)
class ServerUrls:
    """Where a server answers queries, takes updates, and reads and writes graphs."""

    query: str
    update: str
    graph_store: str
    graph_store_read: str


def derive_urls(url: str) -> ServerUrls:
    """The URLs of the server whose query URL is ``url`` (see the module's list)."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))

    def same(query: str, update: str, store: str) -> ServerUrls:
        return ServerUrls(query, update, store, store)

    if path in ("", "/"):  # an Oxigraph server's root
        return same(at("/query"), at("/update"), at("/store"))
    if path in _VIRTUOSO_QUERY_PATHS:
        return ServerUrls(
            url, at("/sparql-auth"), at("/sparql-graph-crud-auth"), at("/sparql-graph-crud")
        )
    if path.endswith("/query") and "/repositories/" not in path:
        root = path.removesuffix("/query")
        # Oxigraph serves at the root (/query, /store); Fuseki under a dataset (/ds/data).
        return same(url, at(f"{root}/update"), at(f"{root}/data" if root else "/store"))
    if path.endswith("/sparql"):
        root = path.removesuffix("/sparql")
        return same(url, at(f"{root}/update"), at(f"{root}/data"))
    if "/repositories/" in path:  # GraphDB, RDF4J
        return same(url, at(f"{path}/statements"), at(f"{path}/rdf-graphs/service"))
    return same(url, at(f"{path}/update"), at(f"{path}/data"))


def graph_store_suggestion(url: str, server: str = "") -> str:
    """Which Graph Store URL to give with ``--gsp`` when ``url`` is not one.

    ``server`` is the answer's ``Server`` header: a Virtuoso names itself there, so its
    URL is suggested alone.
    """
    parts = urllib.parse.urlsplit(url)
    root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    if "virtuoso" in server.lower():
        return f"Virtuoso's Graph Store is {root}/sparql-graph-crud-auth: give it with --gsp URL"
    return (
        f"give the server's Graph Store with --gsp URL: {root}/sparql-graph-crud-auth "
        f"(Virtuoso), {root}/store (Oxigraph), {root}/DATASET/data (Fuseki), "
        f"{root}/repositories/REPO/rdf-graphs/service (GraphDB)"
    )
