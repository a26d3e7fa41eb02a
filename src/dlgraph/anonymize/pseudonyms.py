"""Pseudonymise the people in an organisation graph, keeping its structure.

Each person gets one pseudonym, derived with HMAC-SHA-256 from a secret key and the
person's IRI (a blank-node person: from its name): ``person-<token>`` in its new IRI and
``Person <token>`` for each of its names, wherever they occur. The same key gives the same
pseudonyms in every file (so graphs anonymised apart still join); without the key there
is no way back. E-mail addresses, telephone numbers and homepages get pseudonyms keyed on
the value. Persons are marked ``dl:isPseudonym true``.

Every literal and every IRI of the graph (subjects, predicates, objects, datatypes, the
names of named graphs, the namespaces bound to prefixes) is then searched for the
persons' names (see :mod:`dlgraph.anonymize.matching`), their IRIs, e-mail addresses and
telephone numbers (:mod:`dlgraph.anonymize.identifiers`), and each is replaced by the
pseudonym; quotes are kept word for word otherwise. What changed is reported as counts
per property, and what may still name someone (:mod:`dlgraph.anonymize.leftovers`) as
counts too, never as values.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from dlgraph.anonymize.identifiers import Identifiers, phone_keys
from dlgraph.anonymize.leftovers import SHORT_NAMES_LEFT, Leftovers, label_words
from dlgraph.anonymize.matching import Hit, NameIndex, key_of
from dlgraph.anonymize.rewrite import Rewriter
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

EMAIL_PROPERTIES = (FOAF.mbox, SCHEMA.email, URIRef(VCARD + "hasEmail"), URIRef(VCARD + "email"))
PHONE_PROPERTIES = (
    FOAF.phone,
    SCHEMA.telephone,
    URIRef(VCARD + "hasTelephone"),
    URIRef(VCARD + "tel"),
)
VALUE_TYPES = frozenset(
    {XSD.boolean, XSD.decimal, XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte}
    | {XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger, XSD.unsignedInt}
    | {XSD.nonPositiveInteger, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}
    | {XSD.double, XSD.float, XSD.date, XSD.dateTime, XSD.dateTimeStamp, XSD.time}
    | {XSD.gYear, XSD.gYearMonth, XSD.gMonth, XSD.gMonthDay, XSD.gDay, XSD.duration}
    | {XSD.dayTimeDuration, XSD.yearMonthDuration, XSD.hexBinary, XSD.base64Binary}
)
"""Datatypes whose well-typed values are numbers, dates, truth values or bytes: not rewritten
(``true`` stays a truth value even beside a person called True); binary values are checked."""
VOCABULARIES: tuple[str, ...] = (
    *PREFIXES.values(),
    VCARD,
    "http://www.w3.org/",
    "https://www.w3.org/",
    "http://purl.org/dc/",
    "http://xmlns.com/foaf/",
    "https://w3id.org/dlgraph/",
)
"""IRIs starting so are terms of vocabularies, never rewritten (a person may be called Org)."""
SAME_AS: tuple[URIRef, ...] = (OWL.sameAs, SCHEMA.sameAs, SKOS.exactMatch)
"""Links from a person to other IRIs of the same person: these are pseudonymised too."""


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
    left: Mapping[str, int] = field(default_factory=dict)
    """What was not rewritten and may still name someone, as counts per kind and property."""
    left_words: tuple[str, ...] = field(default=(), repr=False, compare=False)
    """The words counted in :attr:`left`; personal data, shown only when asked for."""

    def summary(self) -> str:
        """A few lines for people: how many values per property were replaced, and what was left."""
        lines = [f"persons pseudonymised: {self.persons}"]
        lines.extend(f"  {name}: {count}" for name, count in sorted(self.replaced.items()))
        if self.left:
            lines.append("left as written, review before publishing:")
            lines.extend(f"  {name}: {count}" for name, count in sorted(self.left.items()))
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


class _Keys:
    """Keyed tokens, and the original-to-pseudonym mapping shown on request."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self.mapping: dict[str, str] = {}

    def token(self, kind: str, value: str) -> str:
        digest = hmac.new(self._key, f"{kind}\x00{value}".encode(), hashlib.sha256)
        return digest.hexdigest()[:12]

    def remember(self, original: str, pseudonym: str) -> str:
        self.mapping[original] = pseudonym
        return pseudonym


@dataclass
class _Person:
    node: Node
    names: list[Literal]
    token: str


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


def _people(graph: Graph, keys: _Keys) -> list[_Person]:
    """The persons of ``graph`` with their names and tokens, in a stable order."""
    people = []
    for node in sorted(_persons(graph), key=lambda n: (isinstance(n, BNode), str(n))):
        names = [
            o for p in NAME_PROPERTIES for o in graph.objects(node, p) if isinstance(o, Literal)
        ]
        identity = (
            f"iri\x00{node}"
            if isinstance(node, URIRef)
            else "name\x00" + min((key_of(str(n)) for n in names), default="")
        )
        people.append(_Person(node, names, keys.token("person", identity)))
    return people


def _index(people: list[_Person]) -> NameIndex:
    index = NameIndex()
    for owner, person in enumerate(people):
        for name in person.names:
            index.add(owner, str(name))
    return index


def _labeller(people: list[_Person], keys: _Keys) -> Callable[[Hit, bool], str]:
    """A person's pseudonym for a name of theirs; one of its own for a name persons share."""

    def label(hit: Hit, iri: bool) -> str:
        tokens = {people[owner].token for owner in hit.owners}
        token = tokens.pop() if len(tokens) == 1 else keys.token("name", hit.key)
        return f"person-{token}" if iri else f"Person {token}"

    return label


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"), iri.rfind(":"))
    return iri[: cut + 1] if cut >= 0 else "urn:dlgraph:person:"


def _contact(prop: Node, value: Node, keys: _Keys) -> Node:
    """The pseudonym of a contact detail, keyed on the value (the same value, the same one)."""
    text = str(value)
    if prop in EMAIL_PROPERTIES:
        address = f"person-{keys.token('email', _address(text))}@example.invalid"
        new: Node = URIRef(f"mailto:{address}") if isinstance(value, URIRef) else Literal(address)
    elif prop in PHONE_PROPERTIES:
        digits = "".join(str(int(c, 16) % 10) for c in keys.token("phone", _digits(text))[:9])
        number = f"+000 {digits}"
        new = URIRef(f"tel:+000-{digits}") if isinstance(value, URIRef) else Literal(number)
    elif prop == FOAF.mbox_sha1sum:
        token = keys.token("email", text)
        new = Literal(hashlib.sha1(f"mailto:person-{token}@example.invalid".encode()).hexdigest())
    elif prop == FOAF.homepage or isinstance(value, URIRef):
        new = URIRef(f"https://example.invalid/person-{keys.token('homepage', text)}")
    else:
        new = Literal(f"Address {keys.token(str(prop), text)}")
    keys.remember(text, str(new))
    return new


def _address(text: str) -> str:
    return text.removeprefix("mailto:").split("?")[0].casefold()


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


class _Terms:
    """Rewrites the terms of a graph (IRIs, literals, blank nodes), counting what changed."""

    def __init__(self, people: list[_Person], rewriter: Rewriter, keys: _Keys) -> None:
        self.rewriter = rewriter
        self.keys = keys
        self.counts: Counter[str] = Counter()
        self.iris: dict[str, str] = {}
        self._taken: dict[str, str] = {}
        self._blanks: dict[BNode, BNode] = {}
        for person in people:
            if isinstance(person.node, URIRef):
                self._person_iri(str(person.node), person.token)

    def _person_iri(self, iri: str, token: str) -> None:
        end = iri[-1] if iri.endswith(("/", "#")) else ""  # .../p7/ stays a folder
        namespace = _namespace(iri[: len(iri) - len(end)])
        new = f"{self.rewriter.iri(namespace) or namespace}person-{token}{end}"
        self.iris[iri] = self._unique(iri, new)
        self.keys.remember(iri, self.iris[iri])

    def alias(self, iri: str, token: str) -> None:
        """Another IRI of a person (``owl:sameAs``): it gets the person's token too."""
        if iri not in self.iris:
            self._person_iri(iri, token)

    def _unique(self, original: str, new: str) -> str:
        if self._taken.setdefault(new, original) != original:
            new = f"{new}-{self.keys.token('iri', original)[:6]}"
            self._taken[new] = original
        return new

    def node(self, term: Node) -> Node:
        """An IRI or blank node of the graph, rewritten."""
        if isinstance(term, BNode):
            return self._blanks.setdefault(term, BNode())
        if not isinstance(term, URIRef):
            return term
        text = str(term)
        if text in self.iris:
            return URIRef(self.iris[text])
        if text.startswith(VOCABULARIES):
            return term
        new = self.rewriter.iri(text)
        if new is None:
            return term
        self.iris[text] = self._unique(text, new)
        self.counts["IRIs naming persons"] += 1
        return URIRef(self.iris[text])

    def value(self, term: Node, where: Node) -> Node:
        """An object of the graph, rewritten; ``where`` (its property) names the count."""
        if not isinstance(term, Literal):
            return self.node(term)
        if term.datatype in VALUE_TYPES and not term.ill_typed:
            return term
        prop = _compact(URIRef(str(self.node(where))))  # a property may name someone too
        text = self.rewriter.text(str(term), term.language, prop)
        datatype = self.node(term.datatype) if term.datatype is not None else None
        assert datatype is None or isinstance(datatype, URIRef)
        if text is None and datatype == term.datatype:
            return term
        self.counts[f"names inside {prop}"] += 1
        return Literal(str(term) if text is None else text, lang=term.language, datatype=datatype)


def _union(graph: Graph) -> Graph:
    """``graph`` itself, or for a Dataset a graph of all its triples (to find persons in)."""
    if not isinstance(graph, Dataset) or graph.default_union:
        return graph
    union = Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _quads(graph: Graph) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    """Every statement of ``graph`` with the name of its graph (None: the default graph)."""
    if not isinstance(graph, Dataset):
        yield from ((s, p, o, None) for s, p, o in graph)
        return
    for s, p, o, context in graph.quads((None, None, None, None)):
        name = context.identifier if isinstance(context, Graph) else context
        yield s, p, o, None if name in (None, DATASET_DEFAULT_GRAPH_ID) else name


def _identifiers(graph: Graph, people: list[_Person], terms: _Terms) -> dict[Node, Node]:
    """Pseudonyms for the persons' aliases and contact details; known to the rewriter too."""
    contacts: dict[Node, Node] = {}
    emails: dict[str, str] = {}
    phones: dict[str, str] = {}
    for person in people:
        for link in SAME_AS:
            others = [*graph.objects(person.node, link), *graph.subjects(link, person.node)]
            for other in others:
                if isinstance(other, URIRef) and other != person.node:
                    terms.alias(str(other), person.token)
        for prop in CONTACT_PROPERTIES:
            for value in graph.objects(person.node, prop):
                if isinstance(value, BNode):
                    continue
                new = contacts.setdefault(value, _contact(prop, value, terms.keys))
                if prop in EMAIL_PROPERTIES:
                    emails[_address(str(value))] = _address(str(new))
                elif prop in PHONE_PROPERTIES:
                    phones.update(dict.fromkeys(phone_keys(str(value)), str(new)))
    iris = dict(terms.iris)
    iris.update({str(k): str(v) for k, v in contacts.items() if isinstance(k, URIRef)})
    iris.update({f"mailto:{k}": f"mailto:{v}" for k, v in emails.items()})
    terms.rewriter.identifiers = Identifiers(iris, emails, phones)
    return contacts


def _name_value(person: _Person, value: Literal, keys: _Keys) -> Literal:
    plain = value.language is not None or value.datatype in (None, XSD.string)
    new = Literal(
        f"Person {person.token}",
        lang=value.language,
        datatype=None if plain else value.datatype,
    )
    keys.remember(str(value), str(new))
    return new


def anonymize(graph: Graph, key: bytes | None = None) -> Anonymization:
    """A copy of ``graph`` with the people pseudonymised (see the module's description).

    ``graph`` may be a Dataset (its named graphs are kept). ``key`` is the secret for
    the keyed pseudonyms; None uses a random key, so the pseudonyms differ on every run.
    ``graph`` itself is not changed.
    """
    keys = _Keys(key if key is not None else secrets.token_bytes(32))
    lookup = _union(graph)
    people = _people(lookup, keys)
    by_node = {person.node: person for person in people}
    index = _index(people)
    terms = _Terms(people, Rewriter(index, _labeller(people, keys)), keys)
    contacts = _identifiers(lookup, people, terms)
    result: Graph = (
        Dataset(default_union=graph.default_union) if isinstance(graph, Dataset) else Graph()
    )
    _bind(graph, result, terms)
    counts: Counter[str] = Counter()
    for s, p, o, context in _quads(graph):
        person = by_node.get(s)
        personal: Node | None = None
        if person is not None and p in NAME_PROPERTIES and isinstance(o, Literal):
            personal = _name_value(person, o, keys)
        elif person is not None and p in CONTACT_PROPERTIES:
            personal = contacts.get(o)
        if personal is not None:
            counts[_compact(URIRef(str(p)))] += 1
        o = personal if personal is not None else terms.value(o, p)
        target = result
        if isinstance(result, Dataset) and context is not None:
            target = result.graph(terms.node(context))  # type: ignore[arg-type]
        target.add((terms.node(s), terms.node(p), o))
    marks = result.default_graph if isinstance(result, Dataset) else result
    for person in people:
        marks.add((terms.node(person.node), DL.isPseudonym, Literal(True)))
    persons_iris = sum(isinstance(person.node, URIRef) for person in people)
    counts.update(terms.counts)
    if persons_iris:
        counts["person IRIs"] = persons_iris
    left = _leftovers(graph, result, index, terms.rewriter, by_node)
    return Anonymization(
        graph=result,
        persons=len(people),
        replaced=dict(counts),
        keyed=key is not None,
        mapping=dict(keys.mapping),
        left=dict(left.counts),
        left_words=tuple(sorted(left.words)),
    )


def _bind(source: Graph, result: Graph, terms: _Terms) -> None:
    """The prefixes of ``source`` on ``result``, leaving out prefixes that name someone."""
    for prefix, namespace in source.namespaces():
        if prefix and terms.rewriter.index.find(prefix, caseless=True)[0]:
            continue
        new = terms.node(URIRef(str(namespace)))
        result.bind(prefix, new, override=True, replace=True)


def _leftovers(
    source: Graph,
    result: Graph,
    index: NameIndex,
    rewriter: Rewriter,
    persons: Mapping[Node, _Person],
) -> Leftovers:
    """Count what in ``result`` may still name someone (see :mod:`dlgraph.anonymize.leftovers`)."""
    labels = (
        str(o)
        for s, p, o, _ in _quads(source)
        if p in NAME_PROPERTIES and isinstance(o, Literal) and s not in persons
    )
    left = Leftovers(index, label_words(labels))
    for where, count in rewriter.short_left.items():
        left.add(SHORT_NAMES_LEFT, where, count)
    seen: set[tuple[Node, Node]] = set()
    for s, p, o, context in _quads(result):
        for term in (s, p, o, context) if not isinstance(o, Literal) else (s, p, context):
            if isinstance(term, URIRef) and (term, term) not in seen:
                if str(term).startswith(VOCABULARIES):
                    continue
                seen.add((term, term))
                left.check(str(term), "IRIs", iri=True)
        if isinstance(o, Literal) and (o, p) not in seen:
            seen.add((o, p))
            if o.language:
                left.check_tag(o.language, _compact(URIRef(str(p))))
            if o.datatype in VALUE_TYPES and not o.ill_typed:
                left.check_bytes(o.value, _compact(URIRef(str(p))))
                continue
            running = p not in NAME_PROPERTIES and (
                o.language is not None or o.datatype in (None, XSD.string)
            )
            left.check(str(o), _compact(URIRef(str(p))), running=running)
    return left
