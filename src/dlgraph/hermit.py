"""Run HermiT (the OWL 2 DL reasoner bundled in owlready2) on an rdflib graph.

HermiT needs Java. The graph is handed to owlready2 as N-Triples in a private World,
after removing what would make owlready2 reach outside the graph: ``owl:imports``
(which it follows even offline) and its ``python_module`` annotation (which it imports).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from .errors import EnvironmentProblem

__all__ = ["HermitResult", "java_available", "run_hermit"]

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
        _defused(graph).serialize(destination=str(path), format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        before = {(s, p, o) for s, p, o in world.as_rdflib_graph()}
        try:
            with onto:
                owlready2.sync_reasoner_hermit(
                    world, infer_property_values=infer_property_values, debug=0
                )
        except owlready2.OwlReadyInconsistentOntologyError as error:
            return HermitResult(False, (), Graph(), explanation=str(error).strip()[:2000])
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
