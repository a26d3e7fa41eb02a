"""A report view without persons' names or the data's own words: what ``--redact`` gives.

The report for people shows what the graph says, quotes word for word included; a report
to be passed on may need less. :func:`redacted` takes a view built with values hidden
(persons named by pseudonym or IRI, see :class:`dlgraph.ontology.labels.Labels`) and
leaves out the text of every quote and claim, and any person's name (or part of one,
Swedish and English genitives included) that another text still holds: a unit called
"Anna Svensson's group", a source "Interview with Anna".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields, is_dataclass, replace
from typing import Any

from rdflib import Graph, Literal
from rdflib.term import Node

from dlgraph.anonymize.pseudonyms import PERSON_CLASSES, PERSON_ONLY_PROPERTIES
from dlgraph.ontology.labels import LABEL_PREDICATES, is_pseudonym
from dlgraph.ontology.namespaces import RDF
from dlgraph.report.ui_text import text
from dlgraph.report.view.records import ReportView

__all__ = ["person_names", "redacted"]

_STRUCTURE = frozenset({"id", "iri", "kind", "parent", "target", "edge", "node"})
"""Fields that hold ids and IRIs (persons are shown by them), not text for people. (An
edge's ``source`` is a picture id, a quote's is text: both are scrubbed, which cannot
change an id ``n12``.)"""


def person_names(graph: Graph) -> tuple[set[str], set[str]]:
    """The names the graph gives persons who are not pseudonyms (matched in any case),
    and the words of those names that look like a name: capitalised, two letters or more
    (matched as written, so that a role called "principal" survives a "Principal 01")."""
    persons: set[Node] = set()
    for cls in PERSON_CLASSES:
        persons.update(graph.subjects(RDF.type, cls))
    for prop in PERSON_ONLY_PROPERTIES:
        persons.update(graph.subjects(prop, None))
    names: set[str] = set()
    words: set[str] = set()
    for person in persons:
        if is_pseudonym([graph], person):
            continue
        for predicate in (*LABEL_PREDICATES, *PERSON_ONLY_PROPERTIES):
            for value in graph.objects(person, predicate):
                if isinstance(value, Literal) and str(value).strip():
                    name = unicodedata.normalize("NFC", " ".join(str(value).split()))
                    names.add(name)
                    words.update(
                        word
                        for word in re.split(r"[\s,.]+", name)
                        if len(word) > 1 and word[0].isupper()
                    )
    return names, words - names


def _pattern(names: set[str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:'s|’s|s)?(?!\w)", flags)


def redacted(view: ReportView, graph: Graph) -> ReportView:
    """``view`` without quote and claim texts and without the persons' names of ``graph``."""
    left_out = text("redacted_quote", view.lang)
    quotes = tuple(
        replace(quote, text=left_out, lang="", claim=left_out if quote.claim else "", locator="")
        for quote in view.quotes
    )
    view = replace(view, quotes=quotes)
    names, words = person_names(graph)
    for pattern in (_pattern(names, re.IGNORECASE), _pattern(words, 0)):
        if pattern is not None:
            view = _scrub(view, pattern)
    return view


def _scrub(value: Any, pattern: re.Pattern[str], name: str = "") -> Any:
    """``value`` with every name ``pattern`` finds in its texts replaced by …."""
    if isinstance(value, Node) or name in _STRUCTURE:
        return value
    if isinstance(value, str):
        return pattern.sub("…", unicodedata.normalize("NFC", value))
    if isinstance(value, tuple):
        return tuple(_scrub(item, pattern) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _scrub(getattr(value, f.name), pattern, f.name)
            for f in fields(value)
            if f.name not in _STRUCTURE
        }
        return replace(value, **changes)
    return value
