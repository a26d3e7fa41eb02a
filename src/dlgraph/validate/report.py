"""The validation report: typed results of the coherence shapes, and how to write them.

A :class:`ValidationReport` is built from the SHACL engine's ``sh:ValidationReport``
graph. Each :class:`ValidationResult` carries what a researcher needs to act on it: the
node and property concerned, the severity, the shape and coherence rule that found it,
the risk it signals, a message in the chosen language that opens with what is wrong
(:attr:`ValidationResult.headline`) and, for a node read from a case file, where the
researcher wrote it (:attr:`ValidationResult.place`). The report writes itself as
text for people (grouped by rule and node, with labels), as JSON, or as the SHACL
report in Turtle. Nodes are labelled by :class:`dlgraph.ontology.labels.Labels`, as the
HTML report labels them, and the text's words come from :mod:`dlgraph.report.ui_text`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Identifier, Node

from dlgraph.errors import UnknownNameError
from dlgraph.ontology.labels import Labels, blank_node_text, compact_iri, pick_text
from dlgraph.ontology.namespaces import DL, PREFIXES, RDF, RDFS, SH
from dlgraph.places import SourcePlace, SourcePlaces, Step
from dlgraph.privacy import redact_literal, showing_values
from dlgraph.report.ui_text import count_text, place_heading, place_text, text

__all__ = [
    "REPORT_FORMATS",
    "Severity",
    "ValidationReport",
    "ValidationResult",
    "build_report",
    "path_steps",
    "path_text",
]

REPORT_FORMATS: tuple[str, ...] = ("text", "json", "turtle")
"""The formats a report writes itself in (:meth:`ValidationReport.serialize`)."""


class Severity(StrEnum):
    """The severity of a result, as SHACL defines them (``sh:Violation`` ...)."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> URIRef:
        """The SHACL IRI of this severity."""
        return URIRef(str(SH) + self.value)

    @property
    def rank(self) -> int:
        """0 for violations, 1 for warnings, 2 for info: the order of the report."""
        return _SEVERITY_ORDER.index(self)

    @classmethod
    def from_iri(cls, iri: Node | None) -> Severity:
        """The severity named by a SHACL IRI; anything else counts as a violation.

        SHACL lets shapes use their own severity IRIs; dlgraph treats those as
        violations, the safe side for the exit code.
        """
        for severity in cls:
            if iri == severity.iri:
                return severity
        return cls.VIOLATION


_SEVERITY_ORDER = (Severity.VIOLATION, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class ValidationResult:
    """One finding: what is wrong where, how badly, which rule found it, what to do."""

    focus_node: Identifier
    """The node of the data graph the finding is about."""
    path: str | None
    """The property (SPARQL property path, dlgraph's prefixes) concerned, if any."""
    value: Identifier | None
    """The value at fault, if any (the grantor without authority, the act's time ...)."""
    severity: Severity
    source_shape: Identifier
    """The shape that found it (``dlsh:...`` for dlgraph's own shapes)."""
    constraint_component: URIRef | None
    """The SHACL constraint component, e.g. ``sh:MinCountConstraintComponent``."""
    message: str
    """What is wrong and what to add or change, in the report's language."""
    rule: int | None
    """The coherence rule (1 to 14) the shape checks; None for extra user shapes."""
    risks: tuple[URIRef, ...] = ()
    """The risks (``dl:Risk``) the finding signals, from the shape's dl:indicatesRisk."""
    focus_label: str | None = None
    """A human label of the focus node in the report's language, when the graph has one."""
    value_label: str | None = None
    """A human label of the value, when it is a node with a label."""
    shape_label: str | None = None
    """The shape's label in the report's language, when it has one."""
    risk_labels: tuple[str, ...] = ()
    """Labels of ``risks`` in the report's language, in the same order."""
    place: SourcePlace | None = None
    """Where the researcher wrote it, for a node read from a case file (YAML, CSV, XLSX):
    the value of the key the property is written with, else the item (naming that key)."""

    @property
    def headline(self) -> str:
        """What is wrong, in a sentence: the message's first, else the shape's label."""
        return _headline(self, self.message)

    @property
    def advice(self) -> str:
        """The rest of the message: what to add or change."""
        return _split_message(self.message)[1]

    @property
    def key(self) -> tuple[Identifier, str | None, Severity, Identifier]:
        """(focus node, path, severity, source shape): what identifies a finding."""
        return (self.focus_node, self.path, self.severity, self.source_shape)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`dlgraph.validate`: results and how to write them."""

    results: tuple[ValidationResult, ...]
    """The findings, ordered by rule, severity, focus node, path and shape."""
    language: str = "en"
    """The language of the messages and of the text report."""
    graph: Graph = field(default_factory=Graph, compare=False, repr=False)
    """The SHACL ``sh:ValidationReport`` graph (without findings on ontology terms)."""
    prefixes: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)
    """Prefixes used to shorten IRIs in the text report (the data's own and dlgraph's)."""
    shape_literals: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """The text of the shapes' literals (a length limit, the values of an ``sh:in``),
    which messages may quote when they hide the data's values."""

    @property
    def conforms(self) -> bool:
        """True when no finding is a violation (warnings and info are allowed).

        This differs from SHACL's ``sh:conforms`` (see :attr:`shacl_conforms`), which is
        false as soon as there is any result, whatever its severity.
        """
        return not self.violations

    @property
    def shacl_conforms(self) -> bool:
        """SHACL's ``sh:conforms``: true only when there is no result at all."""
        return not self.results

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity is Severity.VIOLATION)

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity is Severity.INFO)

    def for_rule(self, rule: int | None) -> tuple[ValidationResult, ...]:
        """The findings of one coherence rule (None: those of extra user shapes)."""
        return tuple(r for r in self.results if r.rule == rule)

    def shown_message(self, result: ValidationResult) -> str:
        """``result``'s message as the reports write it: without the data's literals
        unless values may be shown."""
        return _visible_message(result, self.shape_literals)

    def shown_headline(self, result: ValidationResult) -> str:
        """``result``'s headline (what is wrong) as the reports write it."""
        return _headline(result, self.shown_message(result))

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[ValidationResult]:
        return iter(self.results)

    def summary(self) -> str:
        """One line: how many violations, warnings and info, and whether it conforms."""
        lang = self.language
        nodes = len({r.focus_node for r in self.results})
        counts = text(
            "validation_summary",
            lang,
            violations=count_text(len(self.violations), "validation_violations", lang),
            warnings=count_text(len(self.warnings), "validation_warnings", lang),
            infos=count_text(len(self.infos), "validation_infos", lang),
            nodes=count_text(nodes, "validation_nodes", lang),
        )
        verdict = text("validation_conforms" if self.conforms else "validation_fails", lang)
        return f"{counts} {verdict}"

    def serialize(self, format: str = "text") -> str:
        """The report as ``text``, ``json`` or ``turtle``."""
        if format == "text":
            return self.to_text()
        if format == "json":
            return self.to_json()
        if format in ("turtle", "ttl"):
            return self.to_turtle()
        raise UnknownNameError(
            f"unknown report format {format!r}", hint=f"use one of: {', '.join(REPORT_FORMATS)}"
        )

    def to_text(self) -> str:
        """The report for people: grouped by rule, then by node, with labels; a summary."""
        lang = self.language
        prefixes = dict(self.prefixes) or dict(PREFIXES)
        lines: list[str] = []
        for rule, in_rule in _grouped(self.results, lambda r: r.rule):
            header = (
                text("validation_rule", lang, rule=rule)
                if rule is not None
                else text("validation_other", lang)
            )
            risk_names = list(dict.fromkeys(name for r in in_rule for name in r.risk_labels))
            if risk_names:
                header += f" ({text('risk', lang)}: {', '.join(risk_names)})"
            lines.append(header)
            for focus, on_focus in _grouped(in_rule, lambda r: r.focus_node):
                shown = _focus_display(focus, on_focus[0], prefixes, lang)
                lines.append("  " + shown)
                for result in on_focus:
                    lines.extend(_result_lines(result, self.shown_message(result), lang, prefixes))
                    if result.path is not None:
                        path = _shorten_path(result.path, prefixes)
                        lines.append(f"      {text('validation_property', lang)}: {path}")
                    if result.value is not None and result.value != result.focus_node:
                        value = (
                            redact_literal(str(result.value), lang)
                            if isinstance(result.value, Literal)
                            else _display(result.value, result.value_label, prefixes, lang)
                        )
                        lines.append(f"      {text('value', lang)}: {value}")
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (what :meth:`to_json` writes)."""
        return {
            "conforms": self.conforms,
            "shacl_conforms": self.shacl_conforms,
            "language": self.language,
            "summary": {
                "violations": len(self.violations),
                "warnings": len(self.warnings),
                "infos": len(self.infos),
            },
            "results": [_result_dict(r, self.language, self.shape_literals) for r in self.results],
        }

    def to_json(self) -> str:
        """The report as JSON; terms are written as in SPARQL 1.1 JSON results."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_turtle(self) -> str:
        """The SHACL ``sh:ValidationReport`` in Turtle, with the rule and risk of each result.

        ``sh:conforms`` here keeps its SHACL meaning (false as soon as there is any
        result); :attr:`conforms` counts only violations. Unless values may be shown, a
        literal ``sh:value`` is left out (SHACL makes it optional) with an ``rdfs:comment``
        saying so, a literal focus node is written ``"…"``, and messages do not quote
        literals of the data.
        """
        graph = self.graph if showing_values() else _without_values(self.graph, self.shape_literals)
        return str(graph.serialize(format="turtle"))


# -------------------------------------------------------------------------------------
# Building a report from the engine's report graph
# -------------------------------------------------------------------------------------


def build_report(
    report: Graph,
    *,
    shapes: Graph,
    labels: Graph,
    language: str = "en",
    keep: Callable[[Node], bool] = lambda _node: True,
    prefixes: Mapping[str, str] | None = None,
    places: SourcePlaces | None = None,
) -> ValidationReport:
    """Read the engine's report graph into a typed :class:`ValidationReport`.

    ``shapes`` is the shapes graph (for rules, risks and labels of shapes), ``labels`` the
    graph to take labels of nodes from (data and ontology), ``keep`` decides from the
    focus node whether a result is kept (dlgraph drops those about ontology terms),
    ``places`` where the nodes read from case files were written.
    """
    node_labels, shape_labels = Labels([labels]), Labels([shapes])
    results: list[tuple[ValidationResult, Node]] = []
    for report_node in report.subjects(RDF.type, SH.ValidationReport):
        for result_node in report.objects(report_node, SH.result):
            focus = report.value(result_node, SH.focusNode)
            if not isinstance(focus, Identifier) or not keep(focus):
                continue
            result = _read_result(
                report, result_node, focus, shapes, (node_labels, shape_labels), language
            )
            if places:
                result = _placed(result, report, result_node, shapes, places)
            results.append((result, result_node))
    results.sort(key=lambda pair: _order(pair[0]))
    typed = tuple(result for result, _ in results)
    graph = _report_graph(report, [(result, node) for result, node in results], prefixes)
    all_prefixes = dict(PREFIXES)
    for prefix, namespace in (prefixes or {}).items():
        all_prefixes.setdefault(prefix, namespace)
    return ValidationReport(
        results=typed,
        language=language,
        graph=graph,
        prefixes=tuple(sorted(all_prefixes.items())),
        shape_literals=frozenset(str(o) for o in shapes.objects() if isinstance(o, Literal)),
    )


def _read_result(
    report: Graph,
    node: Node,
    focus: Identifier,
    shapes: Graph,
    labels: tuple[Labels, Labels],
    language: str,
) -> ValidationResult:
    """One result; ``labels`` label the nodes of the data and the shapes."""
    node_labels, shape_labels = labels
    shape = report.value(node, SH.sourceShape)
    if not isinstance(shape, Identifier):
        shape = BNode()
    value = report.value(node, SH.value)
    path_node = report.value(node, SH.resultPath)
    component = report.value(node, SH.sourceConstraintComponent)
    rule = _annotation(shapes, shape, DL.coherenceRule)
    risks = tuple(
        sorted(
            {r for r in _annotations(shapes, shape, DL.indicatesRisk) if isinstance(r, URIRef)},
            key=str,
        )
    )
    return ValidationResult(
        focus_node=focus,
        path=path_text(report, path_node, fallback=shapes) if path_node is not None else None,
        value=value if isinstance(value, Identifier) else None,
        severity=Severity.from_iri(report.value(node, SH.resultSeverity)),
        source_shape=shape,
        constraint_component=component if isinstance(component, URIRef) else None,
        message=_message(report, node, shape, shapes, language),
        rule=_rule_number(rule),
        risks=risks,
        focus_label=node_labels.label(focus, language),
        value_label=node_labels.label(value, language) if isinstance(value, Identifier) else None,
        shape_label=shape_labels.label(shape, language),
        risk_labels=tuple(node_labels.label(r, language) or compact_iri(r) for r in risks),
    )


def _placed(
    result: ValidationResult, report: Graph, node: Node, shapes: Graph, places: SourcePlaces
) -> ValidationResult:
    """The result with where its focus node, and the value of its property, were written."""
    path = report.value(node, SH.resultPath)
    steps = path_steps(report if (path, None, None) in report else shapes, path)
    place = places.place(result.focus_node, steps)
    return replace(result, place=place) if place is not None else result


def path_steps(graph: Graph, path: Node | None) -> tuple[Step, ...]:
    """The properties a SHACL path starts with: the path itself, the inverse of one, each
    alternative of those, or the first step of a sequence."""
    if path is None:
        return ()
    if isinstance(path, URIRef):
        return ((path, False),)
    inverse = graph.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return ((inverse, True),)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return tuple(
            step for item in Collection(graph, alternatives) for step in path_steps(graph, item)
        )
    first = graph.value(path, RDF.first)
    return path_steps(graph, first) if first is not None else ()


def _message(report: Graph, node: Node, shape: Node, shapes: Graph, language: str) -> str:
    """The result's message in ``language`` (else English, else any).

    pySHACL drops the language tag of the messages of SHACL-SPARQL constraints when it
    fills in their ``{?var}`` placeholders. The tag is recovered by matching each
    untagged message against the tagged ``sh:message`` templates of the constraint and
    the shape, with the placeholders as wildcards.
    """
    messages = [m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)]
    if any(m.language for m in messages):
        return pick_text(messages, language) or ""
    templates: list[Literal] = []
    constraint = report.value(node, SH.sourceConstraint)
    for graph in (report, shapes):
        if constraint is not None:
            templates.extend(
                t for t in graph.objects(constraint, SH.message) if isinstance(t, Literal)
            )
    templates.extend(t for t in shapes.objects(shape, SH.message) if isinstance(t, Literal))
    tagged: list[Literal] = []
    for template in templates:
        if not template.language:
            continue
        pattern = re.compile(
            ".*?".join(re.escape(part) for part in _PLACEHOLDER.split(str(template))),
            re.DOTALL,
        )
        tagged.extend(
            Literal(str(m), lang=template.language) for m in messages if pattern.fullmatch(str(m))
        )
    return pick_text(tagged or messages, language) or ""


_PLACEHOLDER = re.compile(r"\{[?$][A-Za-z_][A-Za-z0-9_]*\}")


def _rule_number(value: Node | None) -> int | None:
    if isinstance(value, Literal):
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    return None


def _parents(shapes: Graph, shape: Node) -> list[Node]:
    """The node shapes that hold ``shape`` as a property shape."""
    return sorted(shapes.subjects(SH.property, shape), key=str)


def _annotation(shapes: Graph, shape: Node, predicate: URIRef) -> Node | None:
    """The shape's own annotation, else that of a node shape it is a property of."""
    own = shapes.value(shape, predicate)
    if own is not None:
        return own
    for parent in _parents(shapes, shape):
        inherited = shapes.value(parent, predicate)
        if inherited is not None:
            return inherited
    return None


def _annotations(shapes: Graph, shape: Node, predicate: URIRef) -> list[Node]:
    own = list(shapes.objects(shape, predicate))
    if own:
        return own
    for parent in _parents(shapes, shape):
        inherited = list(shapes.objects(parent, predicate))
        if inherited:
            return inherited
    return []


def _order(result: ValidationResult) -> tuple[int, int, str, str, str, str]:
    return (
        result.rule if result.rule is not None else 1_000,
        result.severity.rank,
        str(result.focus_node),
        result.path or "",
        str(result.source_shape),
        str(result.value) if result.value is not None else "",
    )


def _report_graph(
    engine_report: Graph,
    kept: list[tuple[ValidationResult, Node]],
    prefixes: Mapping[str, str] | None,
) -> Graph:
    """A copy of the engine's report with only the kept results, rule and risk added."""
    graph = Graph()
    for prefix, engine_namespace in engine_report.namespaces():
        graph.bind(prefix, engine_namespace, override=False)
    for prefix, namespace in {**(prefixes or {}), **PREFIXES}.items():
        graph.bind(prefix, URIRef(namespace), override=True, replace=True)
    report_node = BNode()
    graph.add((report_node, RDF.type, SH.ValidationReport))
    graph.add((report_node, SH.conforms, Literal(not kept)))
    for result, node in kept:
        graph.add((report_node, SH.result, node))
        for triple in _described(engine_report, node):
            graph.add(triple)
        if result.rule is not None:
            graph.add((node, DL.coherenceRule, Literal(result.rule)))
        for risk in result.risks:
            graph.add((node, DL.indicatesRisk, risk))
    return graph


def _described(graph: Graph, node: Node) -> Iterator[tuple[Node, Node, Node]]:
    """The triples about ``node`` and, recursively, about the blank nodes it points to."""
    seen: set[Node] = set()
    todo = [node]
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for predicate, obj in graph.predicate_objects(subject):
            yield (subject, predicate, obj)
            if isinstance(obj, BNode):
                todo.append(obj)


# -------------------------------------------------------------------------------------
# Paths and nodes for people (labels and IRIs: dlgraph.ontology.labels)
# -------------------------------------------------------------------------------------


def path_text(graph: Graph, path: Node, *, fallback: Graph | None = None) -> str:
    """A SHACL property path as a SPARQL property path, with dlgraph's prefixes.

    The path's blank-node structure is read from ``graph`` (the engine copies it into
    the report) or, when it is not there, from ``fallback`` (the shapes graph).
    """
    if isinstance(path, BNode) and (path, None, None) not in graph and fallback is not None:
        graph = fallback
    return _path(graph, path, nested=False)


def _path(graph: Graph, node: Node, *, nested: bool) -> str:
    if isinstance(node, URIRef):
        return compact_iri(node)
    text: str
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _path(graph, inverse, nested=True)
    for predicate, suffix in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(node, predicate)
        if inner is not None:
            return _path(graph, inner, nested=True) + suffix
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        items = [_path(graph, item, nested=True) for item in Collection(graph, alternatives)]
        text = "|".join(items)
        return f"({text})" if nested else text
    if graph.value(node, RDF.first) is not None:
        items = [_path(graph, item, nested=True) for item in Collection(graph, node)]
        text = "/".join(items)
        return f"({text})" if nested else text
    return compact_iri(node)


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-ZÅÄÖÆØ'\"(])")


def _split_message(message: str) -> tuple[str, str]:
    """A message's first sentence (what is wrong) and the rest (what to do)."""
    parts = _SENTENCE_END.split(message.strip(), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def _headline(result: ValidationResult, message: str) -> str:
    """What is wrong, in a sentence: ``message``'s first, else the shape's label."""
    return _split_message(message)[0] or result.shape_label or compact_iri(result.source_shape)


def _result_lines(
    result: ValidationResult, message: str, lang: str, prefixes: Mapping[str, str]
) -> list[str]:
    """A finding's first lines in the text: what is wrong, where it was written, what to
    do, and the check that found it (``message`` as it may be shown)."""
    severity = text(f"validation_{result.severity.value.lower()}", lang)
    lines = [f"    {severity}: {_headline(result, message)}"]
    if result.place is not None:
        lines.append(f"      {text('validation_place', lang)}: {place_text(result.place, lang)}")
    advice = _split_message(message)[1]
    if advice:
        lines.append(f"      {advice}")
    shape = _display(result.source_shape, result.shape_label, prefixes, lang)
    lines.append(f"      {text('validation_check', lang)}: {shape}")
    return lines


def _focus_display(
    focus: Node, first: ValidationResult, prefixes: Mapping[str, str], lang: str
) -> str:
    """The heading of a node's findings: its label and IRI; an unnamed item of a case by
    where it was written."""
    if isinstance(focus, Literal):
        return redact_literal(str(focus), lang)
    place = first.place
    if isinstance(focus, BNode) and place is not None:
        return place_heading(place, lang)
    return _display(focus, first.focus_label, prefixes, lang)


def _shorten_path(path: str, prefixes: Mapping[str, str]) -> str:
    """Re-shorten a path's ``<iri>`` parts with the data's own prefixes, for the text."""
    return re.sub(r"<([^>]+)>", lambda m: compact_iri(URIRef(m.group(1)), prefixes), path)


def _display(node: Node, label: str | None, prefixes: Mapping[str, str], lang: str) -> str:
    if isinstance(node, Literal):
        return f'"{node}"'
    if isinstance(node, BNode):
        return label or blank_node_text(lang)
    compact = compact_iri(node, prefixes)
    return f"{label} ({compact})" if label else compact


def _grouped(
    results: Iterable[ValidationResult], key: Callable[[ValidationResult], Any]
) -> list[tuple[Any, list[ValidationResult]]]:
    """Group results by ``key``, groups in order of first appearance."""
    groups: dict[Any, list[ValidationResult]] = {}
    for result in results:
        groups.setdefault(key(result), []).append(result)
    return list(groups.items())


def _term(node: Node | None) -> dict[str, str] | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        term = {"type": "literal", "value": str(node)}
        if node.language:
            term["xml:lang"] = node.language
        elif node.datatype is not None:
            term["datatype"] = str(node.datatype)
        return term
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    return {"type": "uri", "value": str(node)}


def _value_term(node: Node | None) -> dict[str, Any] | None:
    """A result's value; a literal's text is left out unless values may be shown."""
    term: dict[str, Any] | None = _term(node)
    if term is not None and isinstance(node, Literal) and not showing_values():
        term = {**term, "value": None, "redacted": True, "length": len(str(node))}
    return term


def _result_dict(result: ValidationResult, lang: str, keep: frozenset[str]) -> dict[str, Any]:
    message = _visible_message(result, keep)
    return {
        "rule": result.rule,
        "severity": result.severity.value,
        "focus_node": _value_term(result.focus_node),
        "focus_label": result.focus_label,
        "path": result.path,
        "value": _value_term(result.value),
        "value_label": result.value_label,
        "source_shape": _term(result.source_shape),
        "constraint_component": (
            str(result.constraint_component) if result.constraint_component else None
        ),
        "headline": _headline(result, message),
        "message": message,
        "place": (
            {**result.place.to_dict(), "text": place_text(result.place, lang)}
            if result.place is not None
            else None
        ),
        "risks": [str(r) for r in result.risks],
        "risk_labels": list(result.risk_labels),
    }


# -------------------------------------------------------------------------------------
# Leaving the data's values out
# -------------------------------------------------------------------------------------

_LITERAL_REPR = re.compile(r"""Literal\((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")
"""How pySHACL quotes a literal in its messages: ``Literal("Pia Jensen")``."""


def _hide_values(message: str, terms: Iterable[Node | None], keep: frozenset[str]) -> str:
    """``message`` without the text of the literals ``terms`` nor any literal it quotes
    as pySHACL does but those of the shapes (``keep``), unless values may be shown."""
    if showing_values():
        return message
    for term in terms:
        if isinstance(term, Literal) and len(str(term)) > 1 and str(term) not in keep:
            message = re.sub(rf"(?<!\w){re.escape(str(term))}(?!\w)", "…", message)

    def hidden(match: re.Match[str]) -> str:
        quoted = match.group(0)[len("Literal(") :]
        try:
            text = json.loads(quoted) if quoted.startswith('"') else quoted[1:-1]
        except ValueError:
            text = quoted[1:-1]
        return match.group(0) if text in keep else 'Literal("…"'

    return _LITERAL_REPR.sub(hidden, message)


def _visible_message(result: ValidationResult, keep: frozenset[str]) -> str:
    """The result's message as the text and JSON reports show it (see :func:`_hide_values`)."""
    return _hide_values(result.message, (result.value, result.focus_node), keep)


def _without_values(graph: Graph, keep: frozenset[str]) -> Graph:
    """The report graph with the data's literals left out, still a valid SHACL report:
    ``sh:value`` is optional (left out, an ``rdfs:comment`` says so), ``sh:focusNode``
    is not (written ``"…"``), messages lose the literals they quote."""
    hidden = Graph()
    for prefix, namespace in graph.namespaces():
        hidden.bind(prefix, namespace, override=True, replace=True)
    for subject, predicate, obj in graph:
        if predicate == SH.value and isinstance(obj, Literal):
            note = f"sh:value left out: a literal of {len(obj)} characters (--show-values shows it)"
            hidden.add((subject, RDFS.comment, Literal(note, lang="en")))
            continue
        if predicate == SH.focusNode and isinstance(obj, Literal):
            note = "sh:focusNode is a literal, written as … (--show-values shows it)"
            hidden.add((subject, RDFS.comment, Literal(note, lang="en")))
            obj = Literal("…")
        elif predicate == SH.resultMessage and isinstance(obj, Literal):
            terms = (graph.value(subject, SH.value), graph.value(subject, SH.focusNode))
            obj = Literal(_hide_values(str(obj), terms, keep), lang=obj.language)
        hidden.add((subject, predicate, obj))
    return hidden
