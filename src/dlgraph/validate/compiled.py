"""SHACL compiled to SPARQL and evaluated on Oxigraph: the validation engine for large graphs.

Each shape's constraints become SELECT queries that find every violating focus node in
one pass, instead of one query per focus node as pySHACL runs them:

* the focus nodes are a sub-select over the shape's targets (``sh:targetClass`` through
  ``rdf:type/rdfs:subClassOf*``, ``sh:targetNode``, ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``, and the implicit class target of a shape that is a class);
* a SHACL-SPARQL constraint's SELECT keeps its text: the focus sub-select is put first in
  its WHERE group, which binds ``$this`` before every pattern and filter of the group, as
  pre-binding does (queries with a nested SELECT that names ``$this``, ``$shapesGraph``,
  ``?failure`` or a GROUP BY without ``$this`` are not compiled; a nested SELECT that
  does not name it is the same for every focus node, and Oxigraph evaluates it once);
* ``sh:minCount``, ``sh:maxCount``, ``sh:class`` and ``sh:hasValue`` become a left join
  (``sh:minCount 1``), a GROUP BY / HAVING over the value nodes of the shape's path, or a
  filter on them;
* FILTER (NOT) EXISTS blocks become left or LATERAL joins, and the shape's target (or the
  group's own triple patterns) is repeated inside the left joins, so that Oxigraph
  evaluates them from the focus nodes (see :func:`_existence_as_joins`).

Anything else (other constraint components, ``sh:node``, logical constraints, property
shapes reached through ``sh:node``) raises :class:`UnsupportedShapes`, and
:func:`dlgraph.validate` with ``engine="auto"`` falls back to pySHACL. The result rows
become the same ``sh:ValidationReport`` graph pySHACL writes (focus node, value, path,
severity, source shape, constraint component, source constraint and messages), so the
typed report built from it is identical; the tests assert that identity on dlgraph's
examples, on synthetic graphs and on the W3C suite cases this engine compiles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Identifier, Node

from dlgraph.errors import ShapesError
from dlgraph.ontology.namespaces import RDF, RDFS, SH
from dlgraph.oxigraph.errors import constraint_error
from dlgraph.oxigraph.terms import from_ox, to_ox
from dlgraph.validate.outcome import EngineOutcome

__all__ = [
    "CompiledCheck",
    "UnsupportedShapes",
    "compile_shapes",
    "run_compiled",
]

OWL_CLASS = URIRef("http://www.w3.org/2002/07/owl#Class")
OWL_IMPORTS = URIRef("http://www.w3.org/2002/07/owl#imports")


class UnsupportedShapes(ShapesError):
    """The shapes use a SHACL feature the compiled engine does not evaluate."""


@dataclass(frozen=True)
class CompiledCheck:
    """One constraint of one shape as a SELECT over all its focus nodes.

    The query projects ``?this`` and, where the constraint gives them, ``?value`` and
    ``?path``; every row is one validation result.
    """

    shape: Identifier
    component: URIRef
    query: str
    severity: URIRef
    messages: tuple[Literal, ...]
    path: Node | None
    """The shape's ``sh:path`` (property shapes), the default result path."""
    node_shape: bool
    constraint: Node | None = None
    """The ``sh:sparql`` node of a SHACL-SPARQL constraint."""
    extra_messages: tuple[Literal, ...] = ()
    """The SPARQL constraint's own ``sh:message``s (filled in with the row's bindings)."""
    focus: str = ""
    """The sub-select of the shape's focus nodes (``?this``)."""
    per_focus: str | None = None
    """A SPARQL constraint's own text, to run once per focus node with ``$this`` bound."""
    path_triples: tuple[tuple[Node, Node, Node], ...] = ()
    """The triples of ``path`` when it is a blank node (a sequence, inverse, alternative
    ... path): SHACL 3.6.2.3 puts the path itself in the report, as pySHACL does."""


# -------------------------------------------------------------------------------------
# Compiling shapes
# -------------------------------------------------------------------------------------

_NON_VALIDATING = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    RDFS.seeAlso,
    RDFS.isDefinedBy,
    RDFS.subClassOf,
    SH.message,
    SH.severity,
    SH.deactivated,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.path,
    SH.property,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.sparql,
    SH.minCount,
    SH.maxCount,
    SH["class"],
    SH.hasValue,
}
_SHACL = str(SH)


def _sparql_term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return str(to_ox(node))
    raise UnsupportedShapes("a blank node cannot be named in a compiled query")


def _path_sparql(shapes: Graph, path: Node) -> str:
    """The SPARQL property path of a SHACL path."""
    if isinstance(path, URIRef):
        return f"<{path}>"
    if not isinstance(path, BNode):
        raise UnsupportedShapes(f"malformed sh:path {path!r}")
    kinds = [
        p
        for p in (
            RDF.first,
            SH.inversePath,
            SH.zeroOrMorePath,
            SH.oneOrMorePath,
            SH.zeroOrOnePath,
            SH.alternativePath,
        )
        if (path, p, None) in shapes
    ]
    if len(kinds) != 1:
        raise UnsupportedShapes("a blank node path of more than one kind")
    if (path, RDF.first, None) in shapes:
        steps = [_path_sparql(shapes, step) for step in Collection(shapes, path)]
        if len(steps) < 2:
            raise UnsupportedShapes("a sequence path needs at least two steps")
        return "(" + "/".join(steps) + ")"
    for predicate, operator in (
        (SH.inversePath, "^"),
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = shapes.value(path, predicate)
        if inner is not None:
            text = _path_sparql(shapes, inner)
            return f"^{text}" if operator == "^" else f"({text}){operator}"
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        steps = [_path_sparql(shapes, step) for step in Collection(shapes, alternatives)]
        if len(steps) < 2:
            raise UnsupportedShapes("an alternative path needs at least two members")
        return "(" + "|".join(steps) + ")"
    raise UnsupportedShapes("a blank node path of an unknown kind")


_CLASS_OF = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"


def _targets(shapes: Graph, shape: Node) -> list[str]:
    patterns: list[str] = []
    for cls in shapes.objects(shape, SH.targetClass):
        patterns.append(f"?this {_CLASS_OF} {_sparql_term(cls)} .")
    if isinstance(shape, URIRef) and (
        (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL_CLASS) in shapes
    ):
        patterns.append(f"?this {_CLASS_OF} {_sparql_term(shape)} .")
    nodes = [_sparql_term(n) for n in shapes.objects(shape, SH.targetNode)]
    if nodes:
        patterns.append(f"VALUES ?this {{ {' '.join(sorted(nodes))} }}")
    for predicate in shapes.objects(shape, SH.targetSubjectsOf):
        patterns.append(f"?this {_sparql_term(predicate)} ?_target .")
    for predicate in shapes.objects(shape, SH.targetObjectsOf):
        patterns.append(f"?_target {_sparql_term(predicate)} ?this .")
    return patterns


def _focus(patterns: list[str]) -> str:
    union = " UNION ".join(f"{{ {p} }}" for p in patterns)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _focus_anchor(patterns: list[str]) -> str:
    """The shape's one target as a triple pattern binding only ``?this``, else empty.

    Every focus node matches it, so it may join any group that ``?this`` is bound in.
    """
    if len(patterns) != 1 or patterns[0].startswith("VALUES"):
        return ""
    return patterns[0].replace("?_target", "[]")


def _severity(shapes: Graph, shape: Node) -> URIRef:
    severity = shapes.value(shape, SH.severity)
    return severity if isinstance(severity, URIRef) else SH.Violation


def _messages(shapes: Graph, node: Node) -> tuple[Literal, ...]:
    return tuple(
        sorted(
            (m for m in shapes.objects(node, SH.message) if isinstance(m, Literal)),
            key=lambda m: (m.language or "", str(m)),
        )
    )


def _prefix_block(shapes: Graph, constraint: Node) -> str:
    lines: list[str] = []
    sources = list(shapes.objects(constraint, SH.prefixes))
    seen: set[Node] = set()
    while sources:
        source = sources.pop()
        if source in seen:
            continue
        seen.add(source)
        sources.extend(shapes.objects(source, OWL_IMPORTS))
        for declaration in shapes.objects(source, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is None or namespace is None:
                raise UnsupportedShapes("an sh:declare without sh:prefix or sh:namespace")
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


_FORBIDDEN = re.compile(r"\bMINUS\b|\bVALUES\b|\bSERVICE\b|\bAS\s+[?$]this\b", re.IGNORECASE)
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_NESTED = re.compile(r"\{\s*SELECT\b", re.IGNORECASE)
_GROUP_BY = re.compile(r"\bGROUP\s+BY\b(?P<rest>[^{}]*)$", re.IGNORECASE | re.DOTALL)


_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_EXISTS = re.compile(r"(?:FILTER\s*)?(NOT\s+)?EXISTS\s*\{", re.IGNORECASE)


def _closing(text: str, start: int) -> int:
    """The index of the brace that closes the one at ``start`` (strings, IRIs skipped)."""
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char in "\"'":
            end = text.find(char, i + 1)
            while end > 0 and text[end - 1] == "\\":
                end = text.find(char, end + 1)
            i = end if end > 0 else len(text)
        elif char == "#" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            i = end if end > 0 else len(text)
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise UnsupportedShapes("unbalanced braces in a SPARQL constraint")


def _split_exists(body: str, prefix: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The group ``body`` without its top-level FILTER (NOT) EXISTS, and those blocks."""
    kept: list[str] = []
    blocks: list[tuple[str, str, str]] = []
    position, _depth, i, count = 0, 0, 0, 0
    while i < len(body):
        char = body[i]
        if char in "\"'":
            end = body.find(char, i + 1)
            i = end + 1 if end > 0 else len(body)
            continue
        if char == "{":
            i = _closing(body, i) + 1
            continue
        match = _EXISTS.match(body, i) if char in "FfNnEe" else None
        if match is not None and (i == 0 or not (body[i - 1].isalnum() or body[i - 1] == "_")):
            brace = match.end() - 1
            end = _closing(body, brace)
            marker = f"{prefix}{count}"
            count += 1
            test = "!BOUND" if match.group(1) else "BOUND"
            kept.append(body[position:i])
            # In an expression (FILTER (A || EXISTS {...})) the test takes its place.
            filtered = match.group(0).upper().startswith("FILTER")
            kept.append("" if filtered else f"({test}({marker}))")
            blocks.append((body[brace + 1 : end], marker, test if filtered else ""))
            position = i = end + 1
            continue
        i += 1
    kept.append(body[position:])
    return "".join(kept), blocks


def _existence_as_joins(body: str, prefix: str = "?_exists", anchor: str = "") -> str:
    """``body`` (a group's inside) with its top-level FILTER (NOT) EXISTS as joins.

    ``FILTER NOT EXISTS { X }`` becomes, at the end of the group, a left join
    ``OPTIONAL { B X BIND (true AS ?m) }`` and ``FILTER (!BOUND(?m))``: the left join
    merges each solution of the group with X's and X's own filters see the merged
    solution, as EXISTS does after substituting it. ``B`` repeats the triple patterns of
    the group (see :func:`_basic_patterns`): every solution of the group matches them,
    so they keep every solution of X that a solution of the group is compatible with,
    and they give Oxigraph's planner the bound starting points it would otherwise not
    see (X alone is evaluated once for all bindings). When X has groups of its own
    (UNION, OPTIONAL ...), where an outer binding would reach inside, it becomes
    ``LATERAL { OPTIONAL { SELECT ?shared (true AS ?m) WHERE { X } LIMIT 1 } }``, which
    evaluates X once per solution with the shared variables substituted. Oxigraph plans
    both as joins with the bindings known, where it evaluates an EXISTS filter as if
    nothing were bound. Nested FILTER (NOT) EXISTS of X are rewritten the same way.
    """
    outer, blocks = _split_exists(body, prefix)
    moved: list[str] = []
    bound = set(_VARIABLE.findall(outer)) | {"this"}
    patterns = _basic_patterns(outer) or ""
    for inner, marker, test in blocks:
        inner_outer, nested = _split_exists(inner, f"{marker}_")
        if "{" in inner_outer or nested:
            # A block with groups of its own: once per solution, with its bindings.
            inner = _existence_as_joins(inner, f"{marker}_")
            shared = " ".join(f"?{v}" for v in sorted(set(_VARIABLE.findall(inner)) & bound))
            moved.append(
                f"LATERAL {{ OPTIONAL {{ SELECT {shared} (true AS {marker}) WHERE {{ {inner} }} "
                f"LIMIT 1 }} }}" + (f"\nFILTER ({test}({marker}))" if test else "")
            )
        else:
            # A plain block: a left join over all solutions at once.
            # A block that starts from the focus node needs no anchor; one that meets it
            # later starts from the focus nodes; one without it from the group's patterns.
            if re.match(r"\s*[?$]this\b", inner):
                anchors = ""
            elif re.search(r"[?$]this\b", inner):
                anchors = anchor
            else:
                anchors = patterns
            inner = _existence_as_joins(inner, f"{marker}_")
            moved.append(
                f"OPTIONAL {{ {anchors}\n{inner} BIND (true AS {marker}) }}\n"
                f"FILTER ({test}({marker}))"
            )
    return outer + "\n" + "\n".join(moved)


_OPTIONAL = re.compile(r"\bOPTIONAL\s*\{", re.IGNORECASE)


def _anchor_optionals(body: str, anchor: str) -> str:
    """``body`` with ``anchor`` put first in each of its top-level OPTIONAL groups.

    A solution of the group binds ``?this`` to a focus node, which matches ``anchor``, so
    the left join keeps the same solutions; Oxigraph, which evaluates the OPTIONAL's group
    on its own, then starts from the focus nodes instead of the whole graph.
    """
    if not anchor:
        return body
    parts: list[str] = []
    position, i = 0, 0
    while i < len(body):
        char = body[i]
        if char in "\"'":
            end = body.find(char, i + 1)
            i = end + 1 if end > 0 else len(body)
            continue
        if char == "<":
            end = body.find(">", i + 1)
            if end > 0 and not re.search(r"\s", body[i + 1 : end]):
                i = end + 1
                continue
        match = _OPTIONAL.match(body, i) if char in "Oo" else None
        if match is not None and (i == 0 or not (body[i - 1].isalnum() or body[i - 1] == "_")):
            brace = match.end() - 1
            parts.append(body[position : brace + 1] + f" {anchor}\n")
            position = brace + 1
            i = _closing(body, brace) + 1
            continue
        if char == "{":
            i = _closing(body, i) + 1
            continue
        i += 1
    parts.append(body[position:])
    return "".join(parts)


_KEYWORD = re.compile(
    r"\b(?:OPTIONAL|UNION|MINUS|GRAPH|SERVICE|VALUES|LATERAL|SELECT|EXISTS)\b", re.IGNORECASE
)
_EXPRESSION_START = re.compile(r"(?:FILTER|BIND)\b\s*", re.IGNORECASE)
_FUNCTION_NAME = re.compile(r"[A-Za-z_][\w.-]*(?::[\w.-]*)?\s*")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|<[^<>\s"{}]*>')


def _basic_patterns(group: str) -> str | None:
    """The triple patterns of ``group`` (a group's inside without its EXISTS blocks).

    None when the group has anything besides triple patterns, FILTERs and BINDs (nested
    groups, OPTIONAL, UNION ...), or no variable in a triple pattern: only then is every
    solution of the group sure to be a solution of the patterns alone.
    """
    bare = _QUOTED.sub(lambda m: " " * len(m.group(0)), group)  # same length, no literals
    if "{" in bare or "}" in bare or "#" in bare or "_:" in bare or _KEYWORD.search(bare):
        return None  # a blank node label may not appear in two groups
    kept: list[str] = []
    position = 0
    for match in _EXPRESSION_START.finditer(bare):
        if match.start() < position:
            continue
        if match.start() > 0 and (
            bare[match.start() - 1].isalnum() or bare[match.start() - 1] in "_:?$"
        ):
            continue
        start = match.end()
        if bare.startswith("(", start):
            opening = start
        else:
            name = _FUNCTION_NAME.match(bare, start)
            if name is None or not bare.startswith("(", name.end()):
                return None
            opening = name.end()
        closing = _parenthesis_end(bare, opening)
        if closing < 0:
            return None
        kept.append(group[position : match.start()])
        position = closing + 1
    kept.append(group[position:])
    parts = [part.strip().lstrip(".").strip() for part in kept]
    patterns = " ".join(part if part.endswith(".") else part + " ." for part in parts if part)
    if not _VARIABLE.search(_QUOTED.sub(" ", patterns)):
        return None
    return patterns


def _parenthesis_end(bare: str, start: int) -> int:
    """The index of the parenthesis closing the one at ``start`` in literal-free text, or -1."""
    depth = 0
    for i in range(start, len(bare)):
        if bare[i] == "(":
            depth += 1
        elif bare[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _check_nested_this(body: str) -> None:
    """Refuse a body whose nested groups test ``$this`` in a FILTER or BIND expression.

    Joining the focus nodes in at the top binds ``$this`` wherever a triple pattern
    meets it; an expression inside a nested group (outside FILTER EXISTS blocks, which
    are rewritten as joins) would see it unbound, where pre-binding substitutes it.
    """
    outer, blocks = _split_exists(body, "?_check")
    parts = [outer] + [inner for inner, _marker, _test in blocks]
    for part in parts:
        depth = 0
        for match in re.finditer(r"[{}]|\b(?:FILTER|BIND)\s*\(", part, re.IGNORECASE):
            token = match.group(0)
            if token == "{":
                depth += 1
            elif token == "}":
                depth -= 1
            elif depth > 0:
                closing = _parenthesis_end(part, match.end() - 1)
                closing = len(part) if closing < 0 else closing
                if re.search(r"[?$]this\b", part[match.end() : closing]):
                    raise UnsupportedShapes(
                        "a SPARQL constraint tests $this in an expression of a nested group"
                    )


def _check_nested_selects(text: str, start: int) -> None:
    """Check each nested SELECT (from ``start`` on): it projects ``$this``, and its WHERE
    group does not use it.

    SHACL 5.3.1 forbids a sub-select that does not return the pre-bound ``$this``
    (:class:`ShapesError`, as pySHACL refuses it). One whose group uses ``$this`` would
    need pre-binding inside it, which the joined focus nodes do not give
    (:class:`UnsupportedShapes`); one whose group does not is the same for every focus
    node (``$this`` stays unbound in it), and Oxigraph evaluates it once for all of them.
    """
    for match in _NESTED.finditer(text, start):
        end = _closing(text, match.start())
        group = text.find("{", match.end(), end)
        if group < 0:
            raise UnsupportedShapes("a nested SELECT without a WHERE group")
        if not re.search(r"[?$]this\b", text[match.end() : group]):
            raise ShapesError(
                "a SPARQL constraint has a nested SELECT that does not select $this, "
                "which SHACL forbids with pre-bound variables",
                hint="add $this to the nested SELECT's variables",
            )
        if re.search(r"[?$]this\b", text[group:end]):
            raise UnsupportedShapes(
                "a SPARQL constraint with a nested SELECT that uses $this is not compiled"
            )


def _rewrite_select(text: str, focus: str, path: str | None, anchor: str = "") -> str:
    """The constraint's SELECT over all focus nodes: ``focus`` first in its WHERE group.

    ``anchor`` (see :func:`_focus_anchor`) is repeated at the start of the group's
    OPTIONALs and of its EXISTS blocks that name ``$this``.
    """
    if re.search(r"\$shapesGraph\b|\?failure\b|\$failure\b|\$currentShape\b", text):
        raise UnsupportedShapes("$shapesGraph, $currentShape and ?failure are not compiled")
    if "$PATH" in text:
        if path is None:
            raise ShapesError("a SPARQL constraint uses $PATH on a shape without sh:path")
        text = text.replace("$PATH", path)
    if _FORBIDDEN.search(text):
        raise ShapesError(
            "a SPARQL constraint uses MINUS, VALUES, SERVICE or binds $this with AS, which "
            "SHACL forbids with pre-bound variables",
            hint="rewrite the sh:select without them",
        )
    select = _SELECT.search(text)
    if select is None:
        raise UnsupportedShapes("an sh:select without SELECT")
    _check_nested_selects(text, select.end())
    brace = text.find("{", select.end())
    if brace < 0:
        raise UnsupportedShapes("an sh:select without a WHERE group")
    head = text[select.end() : brace]
    tail = text[brace + 1 :]
    grouped = _GROUP_BY.search(tail)
    if grouped is not None and not re.search(r"[?$]this\b", grouped.group("rest")):
        raise UnsupportedShapes("a SPARQL constraint grouping without $this is not compiled")
    projection = re.sub(r"\bWHERE\s*$", "", head.strip(), flags=re.IGNORECASE).strip()
    modifier = ""
    match = re.match(r"(DISTINCT|REDUCED)\b", projection, re.IGNORECASE)
    if match:
        projection = projection[match.end() :].strip()
    if projection != "*" and not re.search(r"[?$]this\b", projection):
        projection = f"?this {projection}"
    modifier = "DISTINCT"
    prologue = text[: select.start()]
    end = _closing(text, brace) - brace - 1
    _check_nested_this(tail[:end])
    body, rest = (
        _existence_as_joins(_anchor_optionals(tail[:end], anchor), anchor=anchor),
        tail[end:],
    )
    return f"{prologue}SELECT {modifier} {projection} WHERE {{ {focus}\n{body}{rest}"


def compile_shapes(shapes: Graph) -> list[CompiledCheck]:
    """Every constraint of every targeted shape as a :class:`CompiledCheck`.

    Raises :class:`UnsupportedShapes` when a shape uses what this engine does not compile.
    """
    checks: list[CompiledCheck] = []
    shape_nodes: set[Node] = set()
    for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        shape_nodes.update(shapes.subjects(predicate, None))
    for cls in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, cls):
            if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL_CLASS) in shapes:
                shape_nodes.add(shape)
    for shape in sorted(shape_nodes, key=str):
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        patterns = _targets(shapes, shape)
        if not patterns:
            continue
        focus = _focus(patterns)
        anchor = _focus_anchor(patterns)
        checks.extend(_compile_shape(shapes, shape, focus, anchor))
        for prop in shapes.objects(shape, SH.property):
            if shapes.value(prop, SH.deactivated) == Literal(True):
                continue
            checks.extend(_compile_shape(shapes, prop, focus, anchor))
    # Shapes that are only referenced by other means (sh:node, sh:qualifiedValueShape ...)
    for used in shapes.predicates(None, None):
        if str(used).startswith(_SHACL) and used not in _NON_VALIDATING | {
            SH.declare,
            SH.prefix,
            SH.namespace,
            SH.prefixes,
            SH.select,
            SH.alternativePath,
            SH.inversePath,
            SH.zeroOrMorePath,
            SH.oneOrMorePath,
            SH.zeroOrOnePath,
            SH.conforms,
            SH.result,
            SH.focusNode,
            SH.resultPath,
            SH.resultSeverity,
            SH.sourceShape,
            SH.sourceConstraintComponent,
            SH.sourceConstraint,
            SH.resultMessage,
            SH.value,
        }:
            raise UnsupportedShapes(f"the compiled engine does not evaluate {used}")
    return checks


def _compile_shape(
    shapes: Graph, shape: Node, focus: str, anchor: str = ""
) -> Iterator[CompiledCheck]:
    if not isinstance(shape, Identifier):
        return
    path_node = shapes.value(shape, SH.path)
    path = _path_sparql(shapes, path_node) if path_node is not None else None
    node_shape = path_node is None
    severity = _severity(shapes, shape)
    messages = _messages(shapes, shape)
    for prop in shapes.objects(shape, SH.property):
        if shape is not None and (prop, SH.path, None) in shapes and not node_shape:
            raise UnsupportedShapes("nested property shapes are not compiled")
    path_triples = _blank_structure(shapes, path_node)
    # Which value nodes: the focus node itself, or those along the path.
    values = "BIND (?this AS ?value)" if path is None else f"?this {path} ?value ."

    def check(component: str, query: str, **extra: object) -> CompiledCheck:
        return CompiledCheck(
            shape=shape,
            component=SH[component],
            query=query,
            severity=severity,
            messages=messages,
            path=path_node,
            node_shape=node_shape,
            focus=focus,
            path_triples=path_triples,
            **extra,  # type: ignore[arg-type]
        )

    for minimum in shapes.objects(shape, SH.minCount):
        number = _integer(minimum, "sh:minCount")
        if path is None:
            raise UnsupportedShapes("sh:minCount on a node shape")
        if number == 1:
            # A left join: Oxigraph evaluates it faster than the NOT EXISTS filter.
            query = (
                f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?value }} "
                f"FILTER (!BOUND(?value)) }}"
            )
        else:
            query = (
                f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?value }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {number})"
            )
        if number > 0:
            yield check("MinCountConstraintComponent", query)
    for maximum in shapes.objects(shape, SH.maxCount):
        number = _integer(maximum, "sh:maxCount")
        if path is None:
            raise UnsupportedShapes("sh:maxCount on a node shape")
        query = (
            f"SELECT ?this WHERE {{ {focus} ?this {path} ?value }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {number})"
        )
        yield check("MaxCountConstraintComponent", query)
    for cls in shapes.objects(shape, SH["class"]):
        query = (
            f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} "
            f"FILTER NOT EXISTS {{ ?value {_CLASS_OF} {_sparql_term(cls)} }} }}"
        )
        yield check("ClassConstraintComponent", query)
    for wanted in shapes.objects(shape, SH.hasValue):
        term = _sparql_term(wanted)
        if path is None:
            query = f"SELECT ?this WHERE {{ {focus} FILTER (!sameTerm(?this, {term})) }}"
        else:
            query = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} {term} }} }}"
        yield check("HasValueConstraintComponent", query)
    for constraint in shapes.objects(shape, SH.sparql):
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise UnsupportedShapes("a SPARQL constraint without sh:select")
        prefixes = _prefix_block(shapes, constraint) + "\n"
        text = prefixes + _rewrite_select(str(select), focus, path, anchor)
        own = str(select) if path is None else str(select).replace("$PATH", path)
        yield check(
            "SPARQLConstraintComponent",
            text,
            constraint=constraint,
            per_focus=prefixes + own,
            extra_messages=_messages(shapes, constraint),
        )


def _blank_structure(graph: Graph, node: Node | None) -> tuple[tuple[Node, Node, Node], ...]:
    """The triples about ``node`` and the blank nodes it reaches, when it is blank."""
    found: list[tuple[Node, Node, Node]] = []
    todo = [node] if isinstance(node, BNode) else []
    seen: set[Node] = set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for predicate, obj in graph.predicate_objects(subject):
            found.append((subject, predicate, obj))
            if isinstance(obj, BNode):
                todo.append(obj)
    return tuple(found)


def _copy_path(report: Graph, compiled: CompiledCheck) -> Node | None:
    """The shape's path for one result; a blank-node path is copied with its triples
    under fresh blank nodes, as pySHACL copies it into each result."""
    if not compiled.path_triples:
        return compiled.path
    fresh: dict[Node, BNode] = {}

    def copy(node: Node) -> Node:
        return fresh.setdefault(node, BNode()) if isinstance(node, BNode) else node

    for s, p, o in compiled.path_triples:
        report.add((copy(s), p, copy(o)))
    return copy(compiled.path) if compiled.path is not None else None


def _integer(node: Node, what: str) -> int:
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    raise UnsupportedShapes(f"{what} is not an integer: {node!r}")


# -------------------------------------------------------------------------------------
# Running the checks
# -------------------------------------------------------------------------------------


def _fill(message: Literal, bindings: dict[str, Identifier]) -> Literal:
    """A SPARQL constraint's message with ``{?var}`` / ``{$var}`` filled in (untagged)."""
    text = str(message)
    for name, value in bindings.items():
        text = re.sub(f"{{[?$]{name}}}", str(value).replace("\\", "\\\\"), text)
    return Literal(text)


def run_compiled(
    store: ox.Store,
    shapes: Graph,
    *,
    union: bool = False,
    checks: list[CompiledCheck] | None = None,
) -> EngineOutcome:
    """Validate the data in ``store`` against ``shapes``; the same report graph as pySHACL.

    ``union`` queries the union of the store's named graphs (else its default graph).
    ``checks`` are ``compile_shapes(shapes)`` when the caller has them already.
    """
    if checks is None:
        checks = compile_shapes(shapes)
    report = Graph()
    report.bind("sh", SH)
    report_node = BNode()
    report.add((report_node, RDF.type, SH.ValidationReport))
    count = 0
    for compiled in checks:
        try:
            solutions = store.query(compiled.query, use_default_graph_as_union=union)
        except SyntaxError as error:
            raise constraint_error(error, compiled.shape) from error
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            bound = {
                name: cast(Identifier, from_ox(solution[name]))
                for name in names
                if solution[name] is not None
            }
            _add_result(report, report_node, compiled, bound)
            count += 1
    report.add((report_node, SH.conforms, Literal(count == 0)))
    return EngineOutcome(conforms=count == 0, report=report)


def _add_result(
    report: Graph, report_node: Node, compiled: CompiledCheck, bound: dict[str, Identifier]
) -> None:
    result = BNode()
    report.add((report_node, SH.result, result))
    report.add((result, RDF.type, SH.ValidationResult))
    report.add((result, SH.sourceConstraintComponent, compiled.component))
    report.add((result, SH.sourceShape, compiled.shape))
    report.add((result, SH.resultSeverity, compiled.severity))
    focus = bound["this"]
    report.add((result, SH.focusNode, focus))
    sparql = compiled.constraint is not None
    value: Identifier | None
    if sparql:
        value = bound.get("value")
        if value is None and compiled.node_shape:
            value = focus
    elif compiled.component == SH.ClassConstraintComponent:
        value = bound.get("value")
    else:
        value = None
    if value is not None:
        report.add((result, SH.value, value))
    path: Node | None = bound.get("path") if sparql else None
    if path is None:
        path = _copy_path(report, compiled)
    if path is not None:
        report.add((result, SH.resultPath, path))
    if compiled.constraint is not None:
        report.add((result, SH.sourceConstraint, compiled.constraint))
    fill: dict[str, Identifier] = {}
    if sparql:
        fill = dict(bound)
        fill["this"] = focus
        if value is not None:
            fill["value"] = value
    messages = compiled.messages
    for message in compiled.extra_messages:
        if message in messages:
            continue
        report.add((result, SH.resultMessage, _fill(message, fill)))
    for message in messages:
        report.add((result, SH.resultMessage, _fill(message, fill) if sparql else message))
