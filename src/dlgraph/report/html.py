"""The HTML report for people: one self-contained file that shows an organisation graph.

:func:`html_report` renders a :class:`~dlgraph.report.view.ReportView` into a single HTML
page: the summary counts, a picture of the line organisation with the organisational
rooms, communication paths and delegations over it (drawn by Cytoscape.js, inlined),
the delegation chains with their mandates, the leadership acts by period, and the
validation findings by rule with the evidence one click away. The page needs no network:
CSS, JavaScript and data are inside it, and its Content-Security-Policy forbids fetching.

Every value from the data is escaped by Jinja2's autoescaping; the picture's data goes
into a ``<script type="application/json">`` element through ``tojson``, which escapes
``<``, ``>``, ``&`` and ``'``, and the script only ever sets ``textContent``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup
from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from dlgraph._version import __version__
from dlgraph.graph import OrgGraph
from dlgraph.ontology.labels import compact_iri
from dlgraph.privacy import redact_literal, show_values, showing_values
from dlgraph.report.ui_text import place_heading, place_text, strings
from dlgraph.report.view import SEVERITIES, Finding, ReportView, report_view
from dlgraph.report.view.records import DISTRIBUTION_COLUMNS
from dlgraph.report.view.redact import redacted
from dlgraph.resources import data_file
from dlgraph.write import write_atomic

if TYPE_CHECKING:
    from dlgraph.validate.report import ValidationReport, ValidationResult

__all__ = [
    "LIBRARIES",
    "PEOPLE_LIMIT",
    "findings_of",
    "html_report",
    "render_report",
    "write_report",
]

LIBRARIES: tuple[tuple[str, str], ...] = (
    ("Cytoscape.js", "3.34.4"),
    ("cytoscape-fcose", "2.2.0"),
    ("cose-base", "2.2.0"),
    ("layout-base", "2.0.1"),
)
"""The vendored JavaScript libraries and their versions (see ``data/report/SOURCES.md``)."""

SCRIPTS: tuple[str, ...] = (
    "cytoscape.min.js",
    "layout-base.js",
    "cose-base.js",
    "cytoscape-fcose.js",
    "report.js",
)
"""The scripts inlined into the page, in the order they must run."""

PEOPLE_LIMIT = 400
"""Above this many people, the picture opens with people folded into their units."""


def _asset(name: str, closing: str) -> Markup:
    """A vendored or own asset to inline; it must not close its own element early."""
    content = data_file("report", name).read_text(encoding="utf-8")
    if closing in content.lower():
        raise ValueError(f"data/report/{name} contains {closing!r} and cannot be inlined")
    return Markup(content)


def findings_of(report: ValidationReport) -> tuple[Finding, ...]:
    """The findings of a validation report, as the HTML report shows and draws them.

    The one place that reads :class:`dlgraph.ValidationReport`; a finding's rule is
    titled by the label of the shape that found it. Nodes are named as
    :meth:`dlgraph.ontology.labels.Labels.get` names them in the picture.
    """
    return tuple(
        Finding(
            focus=result.focus_node,
            focus_label=_focus_shown(result, report.language),
            severity=result.severity.value.lower(),
            message=report.shown_message(result),
            rule=result.rule,
            rule_label=result.shape_label or "",
            path=result.path or "",
            value=_shown(result.value, result.value_label, report.language)
            if result.value is not None
            else "",
            risk=", ".join(result.risk_labels),
            shape=compact_iri(result.source_shape, short=True),
            headline=report.shown_headline(result),
            advice=result.advice,
            place=place_text(result.place, report.language) if result.place else "",
        )
        for result in report.results
    )


def _focus_shown(result: ValidationResult, lang: str) -> str:
    """The focus by its label; an unnamed item of a case by where it was written."""
    place = result.place
    if isinstance(result.focus_node, BNode) and place:
        return place_heading(place, lang)
    return _shown(result.focus_node, result.focus_label, lang)


def _shown(node: Node, label: str | None, lang: str) -> str:
    """A node by its label, else its IRI shortened; a literal as the text report has it."""
    if isinstance(node, Literal):
        return redact_literal(str(node), lang)
    return label if label is not None else compact_iri(node, short=True)


def _worst(indexes: Sequence[int], findings: Sequence[Finding]) -> str:
    ranks = [
        SEVERITIES.index(findings[i].severity)
        for i in indexes
        if findings[i].severity in SEVERITIES
    ]
    return SEVERITIES[min(ranks)] if ranks else ""


def _picture_data(view: ReportView, texts: dict[str, str]) -> dict[str, Any]:
    """What the script needs to draw the picture and fill the details panel."""
    findings = view.findings
    return {
        "lang": view.lang,
        "peopleLimit": PEOPLE_LIMIT,
        "strings": texts,
        "nodes": [
            {
                "id": n.id,
                "kind": n.kind,
                "label": n.label,
                "type": n.type_label,
                "iri": n.iri,
                "parent": n.parent,
                "crosses": n.crosses,
                "details": [list(row) for row in n.details],
                "quotes": list(n.quotes),
                "findings": list(n.findings),
                "severity": _worst(n.findings, findings),
            }
            for n in view.nodes
        ],
        "edges": [
            {
                "id": e.id,
                "kind": e.kind,
                "source": e.source,
                "target": e.target,
                "label": e.label,
                "crosses": e.crosses,
                "findings": list(e.findings),
                "severity": _worst(e.findings, findings),
                "delegation": e.delegation,
            }
            for e in view.edges
        ],
        "delegations": [
            {
                "task": d.task,
                "delegator": d.delegator,
                "delegatee": d.delegatee,
                "implicit": d.implicit,
                "mandate": (
                    {**asdict(d.mandate), "other": [list(row) for row in d.mandate.other]}
                    if d.mandate is not None
                    else None
                ),
                "quotes": list(d.quotes),
                "findings": list(d.findings),
            }
            for d in view.delegations
        ],
        "quotes": [asdict(q) for q in view.quotes],
        "findings": [
            {
                "severity": f.severity,
                "message": f.message,
                "rule": f.rule,
                "focus": f.focus_label,
                "headline": f.headline,
                "place": f.place,
                "path": f.path,
                "value": f.value,
                "risk": f.risk,
            }
            for f in findings
        ],
    }


def render_report(view: ReportView, *, sources: Sequence[str] = ()) -> str:
    """The HTML page of ``view``; ``sources`` names what the graph was loaded from."""
    texts = strings(view.lang)
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    template = environment.from_string(
        data_file("report", "report.html.j2").read_text(encoding="utf-8")
    )
    has_unknown = any(act.initiative == "unknown" for p in view.periods for act in p.acts)
    return template.render(
        view=view,
        t=texts,
        lang=view.lang,
        version=__version__,
        generated=texts["generated"].format(version=__version__),
        sources=list(sources) or ["-"],
        has_unknown=has_unknown,
        distribution_columns=DISTRIBUTION_COLUMNS,
        data=_picture_data(view, texts),
        css=_asset("report.css", "</style"),
        scripts=[_asset(name, "</script") for name in SCRIPTS],
        libraries=", ".join(f"{name} {version}" for name, version in LIBRARIES),
    )


def html_report(
    graph: OrgGraph | Graph,
    *,
    lang: str = "en",
    findings: Sequence[Finding] | None = None,
    title: str | None = None,
    label_graphs: Sequence[Graph] = (),
    redact: bool = False,
) -> str:
    """The HTML report of ``graph`` (an OrgGraph or an rdflib Graph) in ``lang``.

    ``findings`` are validation results to show and draw (None: the report says the
    graph was not validated); :func:`findings_of` makes them from
    :func:`dlgraph.validate`'s report. The report is for people and shows what the graph
    says: quotes word for word and, with values shown (:func:`dlgraph.show_values`),
    persons' names. ``redact`` leaves out names and quotes even then: persons appear by
    pseudonym or IRI, quotes and claims as a note (see
    :func:`~dlgraph.report.view.redact.redacted`).
    """
    strings(lang)  # an unknown language fails before any work
    rdf = graph.union() if isinstance(graph, OrgGraph) else graph
    sources = [s.name for s in graph.sources] if isinstance(graph, OrgGraph) else []
    with show_values(showing_values() and not redact):
        view = report_view(
            rdf, lang=lang, findings=findings, title=title, label_graphs=label_graphs
        )
    if redact:
        view = redacted(view, rdf)
    return render_report(view, sources=[os.path.basename(s) or s for s in sources])


def write_report(
    path: str | os.PathLike[str],
    graph: OrgGraph | Graph,
    *,
    lang: str = "en",
    findings: Sequence[Finding] | None = None,
    title: str | None = None,
    label_graphs: Sequence[Graph] = (),
    redact: bool = False,
) -> Path:
    """Write the HTML report of ``graph`` to ``path`` atomically; return the path
    (``redact``: as :func:`html_report`)."""
    page = html_report(
        graph,
        lang=lang,
        findings=findings,
        title=title,
        label_graphs=label_graphs,
        redact=redact,
    )
    return write_atomic(path, page)
