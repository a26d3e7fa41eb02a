"""Pseudonymise the people in an organisation graph, keeping its structure.

Names, e-mail addresses, telephone numbers and the IRIs of persons are replaced with
pseudonyms derived with HMAC-SHA-256 from a secret key: the same key gives the same
pseudonym for the same value in every file (so graphs anonymised apart still join), and
without the key there is no way back. Persons are marked ``dl:isPseudonym true``.

Quotes (``dl:quoteText``) are text from the sources and are kept word for word, except
that every name of a person the graph names is replaced inside them (and inside any
other text, such as comments) by that person's pseudonym; names the graph does not give
as a person's name are not recognised. Named graphs are kept. What changed is reported
as counts per property, never as values.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from dlgraph.errors import InputError
from dlgraph.ontology.namespaces import DL, PREFIXES, SCHEMA

__all__ = [
    "KEY_ENVIRONMENT",
    "NAME_PROPERTIES",
    "PERSON_CLASSES",
    "PERSON_ONLY_PROPERTIES",
    "Anonymization",
    "anonymize",
    "is_person",
    "read_key",
]

KEY_ENVIRONMENT = "DLGRAPH_ANON_KEY"
"""The environment variable that may hold the key, when no key file is given."""

VCARD = "http://www.w3.org/2006/vcard/ns#"
PROV_PERSON = URIRef("http://www.w3.org/ns/prov#Person")

PERSON_CLASSES: tuple[URIRef, ...] = (DL.Person, FOAF.Person, PROV_PERSON, SCHEMA.Person)
"""A node typed with one of these is a person."""

NAME_PROPERTIES: tuple[URIRef, ...] = (
    FOAF.name,
    FOAF.givenName,
    FOAF.familyName,
    FOAF.firstName,
    FOAF.lastName,
    FOAF.surname,
    FOAF.nick,
    RDFS.label,
    SKOS.prefLabel,
    SKOS.altLabel,
    SCHEMA.name,
    SCHEMA.givenName,
    SCHEMA.familyName,
    SCHEMA.alternateName,
    URIRef(VCARD + "fn"),
    URIRef(VCARD + "given-name"),
    URIRef(VCARD + "family-name"),
)
"""Properties of a person whose values are names."""

CONTACT_PROPERTIES: tuple[URIRef, ...] = (
    FOAF.mbox,
    FOAF.mbox_sha1sum,
    FOAF.phone,
    FOAF.homepage,
    SCHEMA.email,
    SCHEMA.telephone,
    SCHEMA.address,
    URIRef(VCARD + "hasEmail"),
    URIRef(VCARD + "hasTelephone"),
    URIRef(VCARD + "email"),
    URIRef(VCARD + "tel"),
)
"""Properties of a person whose values are contact details."""

PERSONAL_PROPERTIES = NAME_PROPERTIES + CONTACT_PROPERTIES
PERSON_ONLY_PROPERTIES: tuple[URIRef, ...] = (
    FOAF.givenName,
    FOAF.familyName,
    FOAF.mbox,
    SCHEMA.email,
    SCHEMA.telephone,
)
"""Properties only a person has: a node with one of them is a person, typed or not."""
_MIN_NAME_IN_TEXT = 3


@dataclass(frozen=True)
class Anonymization:
    """The pseudonymised graph and what was replaced, as counts only."""

    graph: Graph
    persons: int
    """How many persons were found (and got new IRIs where they had IRIs)."""
    replaced: Mapping[str, int]
    """Replaced values per property (prefixed name), never the values themselves."""
    keyed: bool = True
    """False when no key was given and a random one was used (not repeatable)."""
    mapping: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Original value to pseudonym; personal data, shown only when asked for."""

    def summary(self) -> str:
        """A few lines for people: how many values per property were replaced."""
        lines = [f"persons pseudonymised: {self.persons}"]
        lines.extend(f"  {name}: {count}" for name, count in sorted(self.replaced.items()))
        if not self.keyed:
            lines.append("no key given: a random key was used, pseudonyms are not repeatable")
        return "\n".join(lines)


def read_key(key_file: str | os.PathLike[str] | None = None) -> bytes | None:
    """The key from ``key_file``, else from ``$DLGRAPH_ANON_KEY``, else None."""
    if key_file is not None:
        path = Path(key_file)
        try:
            key = path.read_bytes().strip()
        except OSError as error:
            raise InputError(f"{path}: cannot read the key file: {error.strerror}") from error
        if not key:
            raise InputError(
                f"{path}: the key file is empty", hint="put a long random secret in it"
            )
        return key
    value = os.environ.get(KEY_ENVIRONMENT, "").strip()
    return value.encode("utf-8") if value else None


class _Pseudonyms:
    def __init__(self, key: bytes) -> None:
        self._key = key
        self.mapping: dict[str, str] = {}

    def token(self, kind: str, value: str) -> str:
        digest = hmac.new(self._key, f"{kind}\x00{value}".encode(), hashlib.sha256)
        return digest.hexdigest()[:12]

    def remember(self, original: str, pseudonym: str) -> str:
        self.mapping[original] = pseudonym
        return pseudonym


def _compact(iri: URIRef) -> str:
    text = str(iri)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)) :]}"
    return text


def is_person(graph: Graph, node: Node) -> bool:
    """Whether ``graph`` says ``node`` is a person (by type or by a person-only property)."""
    return any((node, RDF.type, cls) in graph for cls in PERSON_CLASSES) or any(
        (node, prop, None) in graph for prop in PERSON_ONLY_PROPERTIES
    )


def _persons(graph: Graph) -> set[Node]:
    found: set[Node] = set()
    for cls in PERSON_CLASSES:
        found.update(graph.subjects(RDF.type, cls))
    for prop in PERSON_ONLY_PROPERTIES:
        found.update(graph.subjects(prop, None))
    return {node for node in found if isinstance(node, URIRef | BNode)}


def _new_iri(iri: URIRef, names: _Pseudonyms) -> URIRef:
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/"), text.rfind(":"))
    namespace = text[: cut + 1] if cut >= 0 else "urn:dlgraph:person:"
    return URIRef(names.remember(text, f"{namespace}person-{names.token('iri', text)}"))


def _pseudonym_value(prop: URIRef, value: Node, names: _Pseudonyms) -> Node:
    text = str(value)
    token = names.token(str(prop) if prop in CONTACT_PROPERTIES else "name", text)
    if prop in (FOAF.mbox, SCHEMA.email, URIRef(VCARD + "hasEmail"), URIRef(VCARD + "email")):
        address = f"person-{token}@example.invalid"
        new: Node = URIRef(f"mailto:{address}") if isinstance(value, URIRef) else Literal(address)
    elif prop in (
        FOAF.phone,
        SCHEMA.telephone,
        URIRef(VCARD + "hasTelephone"),
        URIRef(VCARD + "tel"),
    ):
        digits = "".join(str(int(c, 16) % 10) for c in token[:9])
        number = f"+000 {digits}"
        new = (
            URIRef(f"tel:{number.replace(' ', '-')}")
            if isinstance(value, URIRef)
            else Literal(number)
        )
    elif prop == FOAF.mbox_sha1sum:
        new = Literal(hashlib.sha1(f"mailto:person-{token}@example.invalid".encode()).hexdigest())
    elif prop == FOAF.homepage or isinstance(value, URIRef):
        new = URIRef(f"https://example.invalid/person-{token}")
    elif isinstance(value, Literal):
        lang = value.language
        datatype = None if lang or value.datatype in (None, XSD.string) else value.datatype
        new = Literal(f"Person {token[:6]}", lang=lang, datatype=datatype)
    else:
        new = value
    names.remember(text, str(new))
    return new


def anonymize(graph: Graph, key: bytes | None = None) -> Anonymization:
    """A copy of ``graph`` with the people pseudonymised (see the module's description).

    ``graph`` may be a Dataset (its named graphs are kept). ``key`` is the secret for
    the keyed pseudonyms; None uses a random key, so the pseudonyms differ on every run.
    ``graph`` itself is not changed.
    """
    keyed = key is not None
    names = _Pseudonyms(key if key is not None else secrets.token_bytes(32))
    persons = _persons(graph)
    renamed: dict[Node, Node] = {
        person: _new_iri(person, names) for person in persons if isinstance(person, URIRef)
    }
    counts: Counter[str] = Counter()
    if renamed:
        counts["person IRIs"] = len(renamed)
    in_texts: dict[str, str] = {}
    is_dataset = isinstance(graph, Dataset)
    result: Graph = Dataset() if is_dataset else Graph()
    for prefix, namespace in graph.namespaces():
        result.bind(prefix, namespace, override=True, replace=True)
    quads = (
        graph.quads((None, None, None, None))
        if isinstance(graph, Dataset)
        else ((s, p, o, None) for s, p, o in graph)
    )
    statements: list[tuple[Node, Node, Node, Node | None]] = []
    for s, p, o, context in quads:
        if s in persons and p in PERSONAL_PROPERTIES and not isinstance(o, BNode):
            new = _pseudonym_value(p, o, names)  # type: ignore[arg-type]
            counts[_compact(p)] += 1  # type: ignore[arg-type]
            if p in NAME_PROPERTIES and isinstance(o, Literal):
                in_texts[str(o)] = str(new)
            o = new
        statements.append((renamed.get(s, s), p, renamed.get(o, o), context))
    pattern = _name_pattern(in_texts)
    for subject, predicate, value, context_name in statements:
        if (
            pattern is not None
            and isinstance(value, Literal)
            and predicate not in PERSONAL_PROPERTIES
        ):
            text = pattern.sub(lambda match: in_texts[match.group(1)], str(value))
            if text != str(value):
                counts[f"names inside {_compact(URIRef(str(predicate)))}"] += 1
                value = Literal(text, lang=value.language, datatype=value.datatype)
        target = (
            result.graph(context_name)  # type: ignore[arg-type]
            if isinstance(result, Dataset) and context_name is not None
            else result
        )
        target.add((subject, predicate, value))
    marks = result.default_graph if isinstance(result, Dataset) else result
    for person in persons:
        marks.add((renamed.get(person, person), DL.isPseudonym, Literal(True)))
    return Anonymization(
        graph=result,
        persons=len(persons),
        replaced=dict(counts),
        keyed=keyed,
        mapping=dict(names.mapping),
    )


def _name_pattern(names: Mapping[str, str]) -> re.Pattern[str] | None:
    usable = sorted((n for n in names if len(n) >= _MIN_NAME_IN_TEXT), key=len, reverse=True)
    if not usable:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in usable) + r")\b")
