"""Property-based tests of finding names: generated Swedish and Danish names, inflected,
in capitals, NFD or in English genitive, inside generated sentences, never survive
anonymisation; sentences that name no one come back byte for byte."""

from __future__ import annotations

import os
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS

from dlgraph import anonymize
from dlgraph.anonymize.matching import MIN_CASELESS, NOT_ALONE, SUFFIXES, fold_variants, key_of

SETTINGS = settings(  # 40 examples keep each test under a second; CI may ask for more
    max_examples=int(os.environ.get("DLGRAPH_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
KEY = b"a key for the property tests"
LETTERS = "abdefghijklmnoprstuvyåäöæø"
_WORDS = (
    "och att det som en på är för med till den har de inte om ett men var jag sig från vi",
    "så kan man när år säger hon under också efter eller nu där vid mot ska kommer ut får",
    "finns vara hade alla andra mycket än här då sedan över bara vill bo ni ansvar tog sa",
    "ville stan bil grupp skolan rektor arbetslag lärare og ikke er af hold skole ledelse",
    "lærer tillid gruppen mødet efter tiden",
)
VOCABULARY = [word for line in _WORDS for word in line.split()]
"""Swedish and Danish words (the verb ``bo`` among them) to write sentences with."""
PLACES = ("Malmö", "Nordskolen", "Aarhus")
INFLECTIONS = ("", "s", "'s", "’s", *SUFFIXES)


def _collides(name: str) -> bool:
    """Whether ``name`` is a part of names only, or a word here starts like it.

    A name of two letters matches in running text only as spelled, so it may be a word.
    """
    key = key_of(name)
    if key in NOT_ALONE or len(key) < MIN_CASELESS:
        return key in NOT_ALONE
    words = [key_of(w) for w in (*VOCABULARY, *PLACES, "person")]
    return any(word.startswith(variant) for variant in fold_variants(key) for word in words)


long_names = (
    st.text(alphabet=LETTERS, min_size=MIN_CASELESS, max_size=9)
    .map(str.capitalize)
    .filter(lambda n: not _collides(n))
)
short_names = st.text(alphabet=LETTERS, min_size=2, max_size=2).map(str.capitalize)


@st.composite
def persons(draw: st.DrawFn) -> list[tuple[str, str]]:
    """One to three persons: a given name (sometimes of two letters) and a family name."""
    count = draw(st.integers(1, 3))
    first = st.one_of(long_names, short_names.filter(lambda n: not _collides(n)))
    return [(draw(first), draw(long_names)) for _ in range(count)]


@st.composite
def mentions(draw: st.DrawFn, people: list[tuple[str, str]]) -> str:
    """A person named in some way: whole or in part, in some case, inflected, maybe NFD."""
    first, family = draw(st.sampled_from(people))
    form = draw(st.sampled_from([f"{first} {family}", first, family, f"{first}-{family}"]))
    cases = [str, str.upper] + ([str.lower] if len(first) >= MIN_CASELESS else [])
    written = draw(st.sampled_from(cases))(form) + draw(st.sampled_from(INFLECTIONS))
    if draw(st.booleans()):
        written = unicodedata.normalize("NFD", written)
    return written


@st.composite
def sentences(draw: st.DrawFn, people: list[tuple[str, str]] | None) -> str:
    """Ordinary words and places, with mentions of ``people`` among them when given."""
    plain = st.sampled_from(VOCABULARY + list(PLACES))
    word = plain if people is None else st.one_of(plain, mentions(people))
    words = draw(st.lists(word, min_size=1 if people else 2, max_size=14))
    punctuation = draw(st.lists(st.sampled_from([" ", " ", ", ", ". ", ": ", " – "]), min_size=14))
    return "".join(w + p for w, p in zip(words, punctuation, strict=False)).strip()


def _graph(people: list[tuple[str, str]], text: str) -> Graph:
    graph = Graph()
    for number, (first, family) in enumerate(people):
        person = URIRef(f"https://example.org/person/{number}")
        graph.add((person, RDF.type, FOAF.Person))
        graph.add((person, FOAF.givenName, Literal(first)))
        graph.add((person, FOAF.familyName, Literal(family)))
        graph.add((person, FOAF.name, Literal(f"{first} {family}")))
    graph.add((URIRef("https://example.org/text"), RDFS.comment, Literal(text, lang="sv")))
    return graph


def _written(graph: Graph) -> str:
    (value,) = graph.objects(None, RDFS.comment)  # its subject may be rewritten too
    return str(value)


@SETTINGS
@given(st.data())
def test_no_generated_name_survives_in_generated_sentences(data: st.DataObject) -> None:
    people = data.draw(persons())
    text = data.draw(sentences(people))
    out = _written(anonymize(_graph(people, text), KEY).graph)
    assert out == unicodedata.normalize("NFC", out)
    inflected = "|".join(SUFFIXES)
    rest = re.sub(rf"Person [0-9a-f]{{12}}(?::(?:{inflected})\b)?", " ", out)
    words = re.findall(r"[^\W\d_]+", rest)
    for person in people:
        for name in person:
            key = key_of(name)
            if len(key) >= MIN_CASELESS:
                assert not [w for w in words if key_of(w).startswith(key)], (text, out)
            else:
                assert name not in words and name.upper() not in words, (text, out)


@SETTINGS
@given(st.data())
def test_sentences_that_name_no_one_are_unchanged(data: st.DataObject) -> None:
    people = data.draw(persons())
    text = data.draw(sentences(None))
    result = anonymize(_graph(people, text), KEY)
    assert _written(result.graph) == text
    assert not any(kind.startswith("names of persons") for kind in result.left)
