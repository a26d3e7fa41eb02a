"""The case-format reference: every section and key of the format with its type, whether
it is required, what it says and an example, in English, Swedish or Danish.

It is made from :mod:`dlgraph.authoring.format`, the source the JSON Schema is derived
from, with the translated descriptions of :mod:`dlgraph.authoring.descriptions`; the
documentation pages of ``dlgraph docs`` render it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dlgraph.authoring.descriptions import KIND_DESCRIPTION, describe
from dlgraph.authoring.format import METADATA, SECTIONS, VOCABULARY, Field, FieldType, Section
from dlgraph.authoring.messages import SINGULAR, noun

__all__ = ["CASE_KEYS", "KeyDoc", "SectionDoc", "case_reference"]

CASE_KEYS = "case"
"""The name the reference gives the case's own keys (``case``, ``base`` ...)."""

_TYPES: dict[FieldType, tuple[str, str, str]] = {
    "id": ("id", "id", "id"),
    "kind": ("a built-in kind", "ett inbyggt slag", "en indbygget slags"),
    "text": (
        "text, or {{language: text}}",
        "text, eller {{språk: text}}",
        "tekst, eller {{sprog: tekst}}",
    ),
    "texts": (
        "text or a list of texts, or {{language: ...}}",
        "text eller en lista av texter, eller {{språk: ...}}",
        "tekst eller en liste af tekster, eller {{sprog: ...}}",
    ),
    "string": ("text", "text", "tekst"),
    "bool": ("true or false", "true eller false", "true eller false"),
    "date": ("a date YYYY-MM-DD", "ett datum ÅÅÅÅ-MM-DD", "en dato ÅÅÅÅ-MM-DD"),
    "datetime": (
        "a date, or a date and time",
        "ett datum, eller datum och klockslag",
        "en dato, eller dato og klokkeslæt",
    ),
    "when": (
        "a year or a date (ISO 8601)",
        "ett år eller ett datum (ISO 8601)",
        "et år eller en dato (ISO 8601)",
    ),
    "interval": (
        "the id of a period, or START/END",
        "ett periods id, eller START/SLUT",
        "en periodes id, eller START/SLUT",
    ),
    "ref": (
        "the id of an item of {targets}",
        "id för en post i {targets}",
        "id på en post i {targets}",
    ),
    "refs": (
        "the id(s) of items of {targets}",
        "ett eller flera id för poster i {targets}",
        "et eller flere id'er på poster i {targets}",
    ),
    "vocab": (
        "a built-in name{targets}",
        "ett inbyggt namn{targets}",
        "et indbygget navn{targets}",
    ),
    "vocabs": (
        "one or more built-in names{targets}",
        "ett eller flera inbyggda namn{targets}",
        "et eller flere indbyggede navne{targets}",
    ),
    "language": (
        "a language tag (en, sv, da ...)",
        "en språkkod (en, sv, da ...)",
        "en sprogkode (en, sv, da ...)",
    ),
    "object": ("a mapping of {keys}", "en mappning av {keys}", "en afbildning af {keys}"),
}
_OR_ID = (
    ", or the id of an item of {targets}",
    ", eller id för en post i {targets}",
    ", eller id på en post i {targets}",
)
_LANGS = ("en", "sv", "da")
_EXAMPLES: dict[str, tuple[str, str, str]] = {
    "case": ("covid-sweden", "covid-sverige", "icdp-danmark"),
    "base": ("https://example.org/my-case/",) * 3,
    "prefix": ("case",) * 3,
    "title": ("Leadership during covid-19", "Ledarskap under covid-19", "Ledelse under covid-19"),
    "description": (
        "Two schools of one municipality, spring 2020.",
        "Två skolor i en kommun, våren 2020.",
        "To institutioner i én kommune, foråret 2020.",
    ),
    "name": ("School A (pseudonym)", "Skola A (pseudonym)", "Skole A (pseudonym)"),
    "creator": ("Andersson, A.; Berg, B.",) * 3,
    "citation": ("Andersson (2020), p. 12", "Andersson (2020), s. 12", "Andersson (2020), s. 12"),
    "identifier": ("https://doi.org/10.1000/xyz", "intervju-03.docx", "interview-03.docx"),
    "note": ("pseudonymised", "pseudonymiserad", "pseudonymiseret"),
    "text": ("The staff stepped forward", "Medarbetarna klev fram", "Medarbejderne trådte frem"),
    "locator": ("p. 12", "s. 12", "s. 12"),
    "statement": (
        "The staff stepped forward unasked.",
        "Personalen klev fram utan att bli ombedd.",
        "Personalet trådte frem uopfordret.",
    ),
    "definition": (
        "what we mean by trust here",
        "vad vi menar med tillit här",
        "hvad vi forstår ved tillid her",
    ),
    "medium": ("weekly meetings", "möten varje vecka", "ugentlige møder"),
    "direction": (
        "one plan for distance teaching",
        "en plan för distansundervisning",
        "én plan for fjernundervisning",
    ),
    "frames": ("within the school's budget", "inom skolans budget", "inden for skolens budget"),
    "room_for_action": ("chooses the platform", "väljer plattformen", "vælger platformen"),
    "external_constraints": ("the Education Act", "skollagen", "folkeskoleloven"),
    "key_responsibilities": (
        "informs the parents",
        "informerar vårdnadshavarna",
        "informerer forældrene",
    ),
    "delegator_responsibilities": (
        "gives two hours a week",
        "ger två timmar i veckan",
        "giver to timer om ugen",
    ),
    "evaluation": ("followed up in June", "följs upp i juni", "følges op i juni"),
}


@dataclass(frozen=True)
class KeyDoc:
    """One key of a section: its name, type, whether required, description, example."""

    key: str
    type: str
    required: bool
    description: str
    example: str
    names: tuple[str, ...] = ()
    keys: tuple[KeyDoc, ...] = ()


@dataclass(frozen=True)
class SectionDoc:
    """A section of the case (or the case's own keys) with its keys."""

    key: str
    description: str
    keys: tuple[KeyDoc, ...]


def case_reference(lang: str = "en") -> tuple[SectionDoc, ...]:
    """The case format in ``lang`` (en, sv or da): the case's own keys, then each list."""
    case = SectionDoc(
        CASE_KEYS,
        {"en": "The case's own keys.", "sv": "Fallets egna nycklar.", "da": "Casens egne nøgler."}[
            lang
        ],
        tuple(_key(field, lang, None) for field in METADATA),
    )
    return (case, *(_section(part, lang) for part in SECTIONS))


def _section(part: Section, lang: str) -> SectionDoc:
    keys = []
    for field in part.all_fields:
        required = field.required or (field.key == "id" and part.id_required)
        keys.append(_key(field, lang, part, required))
    return SectionDoc(part.key, describe(part.doc, lang), tuple(keys))


def _key(field: Field, lang: str, part: Section | None, required: bool | None = None) -> KeyDoc:
    index = _LANGS.index(lang)
    if field.type == "kind" and part is not None:
        named = noun(part.key, lang)
        description = KIND_DESCRIPTION[lang].format(noun=named, default=part.kinds[0])
    else:
        description = describe(field.doc, lang)
    names = field.vocab if field.type == "kind" else _names(field)
    return KeyDoc(
        field.key,
        _type(field, index),
        field.required if required is None else required,
        description,
        _example(field, index, part),
        tuple(names),
        tuple(_key(sub, lang, None) for sub in field.fields),
    )


def _names(field: Field) -> list[str]:
    return [name for category in field.vocab for name in VOCABULARY[category]]


def _type(field: Field, index: int) -> str:
    targets = ", ".join(field.targets)
    template = _TYPES[field.type][index]
    if field.type in ("vocab", "vocabs"):
        return template.format(targets=_OR_ID[index].format(targets=targets) if targets else "")
    if field.type in ("ref", "refs") and not field.targets:
        return _TYPES["id"][index]
    return template.format(targets=targets, keys=", ".join(f.key for f in field.fields))


def _id_of(section: str) -> str:
    return SINGULAR[section].replace(" ", "-") + "-1"


def _example(field: Field, index: int, part: Section | None) -> str:
    match field.type:
        case "id":
            return _id_of(part.key) if part is not None else "item-1"
        case "kind":
            return field.vocab[1] if len(field.vocab) > 1 else field.vocab[0]
        case "ref":
            return _id_of(field.targets[0]) if field.targets else "unit-1"
        case "refs":
            first = _id_of(field.targets[0])
            return f"[{first}, {first[:-1]}2]"
        case "vocab":
            return _names(field)[0]
        case "vocabs":
            return "[" + ", ".join(_names(field)[:2] or [_id_of(field.targets[0])]) + "]"
        case "bool":
            return "true"
        case "date":
            return "2020-06-30" if field.key == "end" else "2020-03-01"
        case "datetime":
            return "2020-03-18T08:30"
        case "when":
            return "2020"
        case "interval":
            return "2020-03-01/2020-06-30"
        case "language":
            return _LANGS[index]
        case "object":
            inner = ", ".join(f"{sub.key}: {_example(sub, index, None)}" for sub in field.fields)
            return "{" + inner + "}"
    return _EXAMPLES[field.key][index]
