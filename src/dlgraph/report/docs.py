"""HTML documentation of the ontology, the coherence shapes and the named queries.

``write_docs(folder)`` writes eight self-contained pages (no network needed to open them):

* ``index.html``: what is there;
* ``ontology.html``: the ontology by pyLODE, in English, with each term's Swedish and
  Danish labels and definitions shown as notes;
* ``terms.html``: every term of the ontology with its labels in English, Swedish and
  Danish side by side;
* ``shapes.html``: the coherence rules: for each shape its rule number, severity, risk and
  message in the three languages;
* ``queries.html``: the named queries with their titles, descriptions and parameters;
* ``case-format.html``, ``case-format.sv.html``, ``case-format.da.html``: the case format
  (every key, its type, an example) in English, Swedish and Danish, from
  :func:`dlgraph.authoring.reference.case_reference`, the source the JSON Schema comes from.

pyLODE is an optional dependency (``pip install 'dlgraph[docs]'``); it reads the bundled
ontology and its own bundled background vocabularies and fetches nothing.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from dlgraph._version import __version__
from dlgraph.authoring.reference import case_reference
from dlgraph.errors import EnvironmentProblem, InputError
from dlgraph.ontology.graphs import ontology
from dlgraph.ontology.labels import LANGUAGE_NAMES, LANGUAGES, Labels, compact_iri
from dlgraph.ontology.namespaces import DCTERMS, DL, ONTOLOGY_IRI, RDFS, SH, SKOS
from dlgraph.query.named import queries
from dlgraph.report.ui_text import strings
from dlgraph.resources import data_file, iter_data_files
from dlgraph.write import write_atomic

__all__ = [
    "CASE_FORMAT_PAGES",
    "DOC_PAGES",
    "QueryDoc",
    "ShapeDoc",
    "TermDoc",
    "case_format_page",
    "shape_docs",
    "term_docs",
    "write_docs",
]

DOC_PAGES: tuple[str, ...] = (
    "index.html",
    "ontology.html",
    "terms.html",
    "shapes.html",
    "queries.html",
    "case-format.html",
    "case-format.sv.html",
    "case-format.da.html",
)
"""The pages :func:`write_docs` writes, in this order."""

_NOTED = tuple(lang for lang in LANGUAGES if lang != "en")
"""The languages the ontology page shows as notes beside the English."""
_SEVERITY_NAMES: dict[URIRef, str] = {
    SH.Violation: "violation",
    SH.Warning: "warning",
    SH.Info: "info",
}
_LABELLED = (RDFS.label, SKOS.prefLabel, DCTERMS.title, SKOS.altLabel)


@dataclass(frozen=True)
class TermDoc:
    """One term of the ontology as the terms page lists it."""

    iri: str
    name: str
    kind: str
    labels: dict[str, str]
    definition: str


@dataclass(frozen=True)
class ShapeDoc:
    """One shape as the shapes page lists it."""

    iri: str
    name: str
    rule: int | None
    severity: str
    labels: dict[str, str]
    messages: dict[str, str]
    risks: tuple[dict[str, str], ...]
    file: str


@dataclass(frozen=True)
class QueryDoc:
    """One named query as the queries page lists it."""

    name: str
    kind: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    parameters: tuple[dict[str, str], ...]


def _in_languages(graph: Graph, subject: Node, predicate: URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in sorted(graph.objects(subject, predicate), key=str):
        if isinstance(value, Literal):
            found.setdefault(value.language or "", " ".join(str(value).split()))
    return found


def _kind(graph: Graph, term: Node) -> str:
    types = set(graph.objects(term, RDF.type))
    for cls, name in (
        (OWL.Class, "class"),
        (OWL.ObjectProperty, "object property"),
        (OWL.DatatypeProperty, "datatype property"),
        (OWL.AnnotationProperty, "annotation property"),
        (SKOS.ConceptScheme, "concept scheme"),
    ):
        if cls in types:
            return name
    return "concept" if types else "term"


def term_docs(ontology_graph: Graph) -> tuple[TermDoc, ...]:
    """Every ``dl:`` term of ``ontology_graph`` with its labels and English definition."""
    terms = sorted(
        {s for s in ontology_graph.subjects() if isinstance(s, URIRef) and s.startswith(str(DL))},
        key=str,
    )
    docs = []
    for term in terms:
        labels = _in_languages(ontology_graph, term, RDFS.label)
        definitions = _in_languages(ontology_graph, term, SKOS.definition)
        docs.append(
            TermDoc(
                iri=str(term),
                name=compact_iri(term),
                kind=_kind(ontology_graph, term),
                labels=labels,
                definition=definitions.get("en", ""),
            )
        )
    return tuple(docs)


def shape_docs(shapes: Graph, labels: Labels) -> tuple[ShapeDoc, ...]:
    """The shapes that carry a coherence rule, with messages in every language."""
    docs = []
    for shape in set(shapes.subjects(DL.coherenceRule, None)):
        rule_value = shapes.value(shape, DL.coherenceRule)
        rule: int | None = None
        if isinstance(rule_value, Literal):
            try:
                rule = int(rule_value)
            except (TypeError, ValueError):
                rule = None
        messages = _in_languages(shapes, shape, SH.message)
        for constraint in shapes.objects(shape, SH.sparql):
            for lang, text in _in_languages(shapes, constraint, SH.message).items():
                messages.setdefault(lang, text)
        severity = shapes.value(shape, SH.severity)
        risks = tuple(
            {lang: labels.get(risk, lang) for lang in LANGUAGES}
            for risk in sorted(shapes.objects(shape, DL.indicatesRisk), key=str)
        )
        docs.append(
            ShapeDoc(
                iri=str(shape),
                name=compact_iri(shape),
                rule=rule,
                severity=_SEVERITY_NAMES.get(severity, "violation")
                if isinstance(severity, URIRef)
                else "violation",
                labels=_in_languages(shapes, shape, RDFS.label),
                messages=messages,
                risks=risks,
                file=str(shapes.value(shape, RDFS.isDefinedBy) or ""),
            )
        )
    return tuple(sorted(docs, key=lambda d: (d.rule if d.rule is not None else 99, d.name)))


def _bundled_shapes() -> tuple[Graph, dict[str, str]]:
    """All bundled shape files as one graph, and which file each shape comes from."""
    graph = Graph()
    origin: dict[str, str] = {}
    for item in iter_data_files("shapes", ".ttl"):
        part = Graph().parse(data=item.read_text(encoding="utf-8"), format="turtle")
        for shape in part.subjects(DL.coherenceRule, None):
            origin[str(shape)] = item.name
        for triple in part:
            graph.add(triple)
    return graph, origin


def _query_docs() -> tuple[QueryDoc, ...]:
    return tuple(
        QueryDoc(
            name=query.name,
            kind=query.kind,
            titles=dict(query.titles),
            descriptions=dict(query.descriptions),
            parameters=tuple(
                {
                    "name": parameter.name,
                    "type": parameter.type,
                    "default": "" if parameter.default is None else str(parameter.default),
                    "required": "yes" if parameter.required else "",
                    "description": parameter.description,
                }
                for parameter in query.parameters
            ),
        )
        for query in queries()
    )


def _documentation_graph(merged: Graph) -> Graph:
    """The ontology as pyLODE should show it: English names, other languages as notes.

    pyLODE joins every label of a term into its heading; here each term keeps its
    English label, and its labels and definitions in the other languages become
    ``skos:note`` lines that say which language they are.
    """
    graph = Graph()
    for prefix, namespace in merged.namespaces():
        graph.bind(prefix, namespace)
    # pyLODE documents one ontology and takes every owl:Ontology and skos:ConceptScheme
    # for it: keep dlgraph's own header only (the terms page lists the schemes)
    main = URIRef(ONTOLOGY_IRI)
    other_headers = set(merged.subjects(RDF.type, OWL.Ontology)) - {main}
    for s, p, o in merged:
        if s in other_headers or (p == RDF.type and o == SKOS.ConceptScheme):
            continue
        translated = p in _LABELLED or p in (SKOS.definition, DCTERMS.description)
        if translated and isinstance(o, Literal) and o.language not in (None, "en"):
            continue
        graph.add((s, p, o))
    for subject in set(merged.subjects(RDFS.label, None)):
        labels = _in_languages(merged, subject, RDFS.label)
        names = [f"{labels[lang]} ({LANGUAGE_NAMES[lang]})" for lang in _NOTED if lang in labels]
        for lang in _NOTED:
            names += [
                f"also {value} ({LANGUAGE_NAMES[lang]})"
                for value in sorted(
                    str(v)
                    for v in merged.objects(subject, SKOS.altLabel)
                    if isinstance(v, Literal) and v.language == lang
                )
            ]
        if names:
            graph.add((subject, SKOS.note, Literal("Labels: " + "; ".join(names), lang="en")))
        definitions = _in_languages(merged, subject, SKOS.definition)
        for lang in _NOTED:
            if lang in definitions:
                text = f"{LANGUAGE_NAMES[lang]} definition: {definitions[lang]}"
                graph.add((subject, SKOS.note, Literal(text, lang="en")))
    return graph


@contextmanager
def _quiet_pylode() -> Iterator[None]:
    """pyLODE logs progress on the root logger; a library must not print."""
    logger = logging.getLogger()
    previous = logger.level
    logger.setLevel(max(previous, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(previous)


def ontology_page(merged: Graph) -> str:
    """The pyLODE page of the ontology (English, Swedish and Danish labels as notes)."""
    try:
        from pylode import OntPub  # type: ignore[import-untyped]
    except ImportError as error:
        raise EnvironmentProblem(
            "dlgraph docs needs pyLODE to document the ontology, and it is not installed",
            hint="pip install 'dlgraph[docs]'",
        ) from error
    try:
        with _quiet_pylode():
            ontpub = OntPub(_documentation_graph(merged), sort_subjects=True)
            page = ontpub.make_html(include_css=True)
    except PermissionError as error:
        # pyLODE caches its background vocabularies in its own package folder on first use
        raise EnvironmentProblem(
            f"pyLODE could not write its cache into its own folder: {error}",
            hint="run dlgraph docs once where that folder is writable (the cache is kept)",
        ) from error
    return str(page)


def _template_source(name: str) -> str:
    return data_file("docs", name).read_text(encoding="utf-8")


def _render(template: str, **values: Any) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template(template).render(**values)


def _common(lang: str) -> dict[str, Any]:
    """What every page is rendered with: the version, its words in ``lang``, the style."""
    return {
        "version": __version__,
        "t": strings(lang),
        "languages": LANGUAGES,
        "language_names": LANGUAGE_NAMES,
        "css": Markup(data_file("docs", "docs.css").read_text(encoding="utf-8")),
    }


def write_docs(folder: str | os.PathLike[str]) -> tuple[Path, ...]:
    """Write the documentation pages into ``folder`` (created if need be); return them."""
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file; name a folder for the documentation")
    merged = ontology("merged")
    ontology_html = ontology_page(merged)
    shapes, origin = _bundled_shapes()
    labels = Labels([merged, shapes])
    shape_list = shape_docs(shapes, labels)
    shape_list = tuple(
        ShapeDoc(**{**shape.__dict__, "file": origin.get(shape.iri, "")}) for shape in shape_list
    )
    by_rule: dict[int | None, list[ShapeDoc]] = defaultdict(list)
    for shape in shape_list:
        by_rule[shape.rule].append(shape)
    common = _common("en")
    title = _in_languages(merged, URIRef(ONTOLOGY_IRI), DCTERMS.title)
    terms = term_docs(merged)
    queries = _query_docs()
    pages = {
        "index.html": _render(
            "index.html.j2",
            titles=title,
            counts={"terms": len(terms), "shapes": len(shape_list), "queries": len(queries)},
            **common,
        ),
        "ontology.html": ontology_html,
        "terms.html": _render("terms.html.j2", terms=terms, **common),
        "shapes.html": _render(
            "shapes.html.j2",
            rules=sorted(by_rule.items(), key=lambda item: item[0] if item[0] is not None else 99),
            **common,
        ),
        "queries.html": _render("queries.html.j2", queries=queries, **common),
        **_case_format_pages(),
    }
    target.mkdir(parents=True, exist_ok=True)
    return tuple(write_atomic(target / name, pages[name]) for name in DOC_PAGES)


CASE_FORMAT_PAGES = {
    "en": "case-format.html",
    "sv": "case-format.sv.html",
    "da": "case-format.da.html",
}
"""The case-format reference's page in each language."""


def case_format_page(lang: str) -> str:
    """The HTML page of the case-format reference in ``lang`` (en, sv or da)."""
    return _render(
        "case-format.html.j2",
        **_common(lang),
        reference=case_reference(lang),
        pages=CASE_FORMAT_PAGES,
        page_lang=lang,
        case_format_page=CASE_FORMAT_PAGES[lang],
    )


def _case_format_pages() -> dict[str, str]:
    return {page: case_format_page(lang) for lang, page in CASE_FORMAT_PAGES.items()}
