"""Run HermiT (the OWL 2 DL reasoner bundled in owlready2) on an rdflib graph.

HermiT needs Java. The graph is handed to owlready2 as N-Triples in a private World,
after removing what would make owlready2 reach outside the graph: ``owl:imports``
(which it follows even offline) and its ``python_module`` annotation (which it imports).
owlready2 writes its own scratch copy for Java into the temporary folder and removes it
only when Java succeeds; here it goes into dlgraph's own temporary folder, removed in
every case, and a Java that fails to start is an EnvironmentProblem (exit code 3).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from dlgraph.errors import EnvironmentProblem
from dlgraph.ontology.vocab import vocabulary

__all__ = ["HermitResult", "java_available", "reasoning_vocabularies", "run_hermit"]

_OWLREADY_PYTHON_MODULE = URIRef(
    "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#python_module"
)


@dataclass(frozen=True)
class HermitResult:
    """What HermiT found: consistency, unsatisfiable classes, and inferred triples."""

    consistent: bool
    unsatisfiable: tuple[str, ...]
    inferred: Graph
    explanation: str = ""


_FULL = ("http://www.w3.org/ns/org#", "http://www.w3.org/2004/02/skos/core#")
_TAXONOMY_ONLY = (
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2006/time#",
    "http://xmlns.com/foaf/0.1/",
)


def _taxonomy(graph: Graph) -> Graph:
    classes = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    out = Graph()
    for cls in classes:
        out.add((cls, RDF.type, OWL.Class))
    for s, p, o in graph:
        if p in (RDFS.subClassOf, OWL.disjointWith) and s in classes and o in classes:
            out.add((s, p, o))
    return out


def reasoning_vocabularies() -> Graph:
    """The bundled W3C vocabularies as far as HermiT can take them, for DL checks.

    ORG and SKOS go in whole. Of PROV-O, FOAF and OWL-Time only the class hierarchy and
    disjointness go in: owlready2 cannot load PROV's punned annotation/object properties
    and fails on some orderings of FOAF's, and HermiT rejects OWL-Time's xsd:gYearMonth.
    """
    merged = Graph()
    for iri in _FULL:
        merged += vocabulary(iri)
    for iri in _TAXONOMY_ONLY:
        merged += _taxonomy(vocabulary(iri))
    return merged


def java_available() -> bool:
    """True when a ``java`` executable is on PATH (HermiT runs in Java)."""
    return shutil.which("java") is not None


def _defused(graph: Graph) -> Graph:
    safe = Graph()
    for s, p, o in graph:
        if p == OWL.imports or p == _OWLREADY_PYTHON_MODULE:
            continue
        safe.add((s, p, o))
    return safe


@contextlib.contextmanager
def _scratch_in(folder: str) -> Iterator[None]:
    """Make owlready2's scratch files (``tempfile`` with no folder) go into ``folder``."""
    saved = tempfile.tempdir
    tempfile.tempdir = folder
    try:
        yield
    finally:
        tempfile.tempdir = saved


def _java_failed(error: Exception) -> EnvironmentProblem:
    """The one-line error for a Java that did not start or run HermiT."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    said = [line for line in lines if not line.startswith(("Java error message is", "Picked up"))]
    detail = said[0] if said else type(error).__name__
    return EnvironmentProblem(
        f"HermiT could not run: Java failed ({detail[:300]})",
        hint="check the Java installation (java -version) and _JAVA_OPTIONS / "
        "JAVA_TOOL_OPTIONS, or use the OWL 2 RL profile, which needs no Java",
    )


def run_hermit(graph: Graph, *, infer_property_values: bool = False) -> HermitResult:
    """Classify ``graph`` with HermiT; raises EnvironmentProblem when Java is missing."""
    if not java_available():
        raise EnvironmentProblem(
            "HermiT (the OWL DL reasoner) needs Java, and no 'java' was found on PATH",
            hint="install a Java runtime (Debian: apt-get install default-jre-headless), "
            "or use the OWL 2 RL profile, which needs no Java",
        )
    import owlready2

    owlready2.JAVA_EXE = shutil.which("java") or "java"
    with tempfile.TemporaryDirectory(prefix="dlgraph-hermit-") as tmp:
        path = Path(tmp) / "input.nt"
        # Sorted lines: owlready2's handling of punned terms depends on triple order,
        # so the same graph must always reach it in the same order.
        lines = _defused(graph).serialize(format="nt").splitlines()
        path.write_text("\n".join(sorted(line for line in lines if line)) + "\n", "utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        before = {(s, p, o) for s, p, o in world.as_rdflib_graph()}
        try:
            with onto, _scratch_in(tmp):
                owlready2.sync_reasoner_hermit(
                    world, infer_property_values=infer_property_values, debug=0
                )
        except owlready2.OwlReadyInconsistentOntologyError as error:
            world.close()
            return HermitResult(False, (), Graph(), explanation=str(error).strip()[:2000])
        except (owlready2.OwlReadyJavaError, OSError) as error:
            world.close()
            raise _java_failed(error) from error
        nothing = str(OWL.Nothing)
        unsat = tuple(
            sorted(
                str(c.iri)
                for c in world.inconsistent_classes()
                if hasattr(c, "iri") and str(c.iri) != nothing
            )
        )
        inferred = Graph()
        for triple in world.as_rdflib_graph():
            if triple not in before:
                inferred.add(triple)
        world.close()
    return HermitResult(True, unsat, inferred)
