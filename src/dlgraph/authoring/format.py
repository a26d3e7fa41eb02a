"""The researcher case format: its sections, keys, value types and built-in names.

This is the one description of the format. :mod:`dlgraph.authoring` reads and checks
case files against it, :func:`case_schema` derives the JSON Schema editors use from it,
:mod:`dlgraph.authoring.reference` the case-format reference of ``dlgraph docs`` (with the
Swedish and Danish descriptions of :mod:`dlgraph.authoring.descriptions`), and the
JSON-LD context ``data/context/dlgraph-case.jsonld`` maps every key and name to
the ontology (the tests keep the three in step).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from dlgraph.resources import data_file

__all__ = [
    "CONTEXT_FILE",
    "ID_PATTERN",
    "LANGUAGE_PATTERN",
    "METADATA",
    "SCHEMA_FILE",
    "SECTIONS",
    "TABLE_FILE",
    "VOCABULARY",
    "Field",
    "FieldType",
    "Section",
    "case_context",
    "case_schema",
    "context_terms",
    "section",
    "vocabulary_targets",
]

CONTEXT_FILE = ("context", "dlgraph-case.jsonld")
"""Where the JSON-LD context of the format ships inside the package."""
SCHEMA_FILE = ("schema", "case.schema.json")
"""Where the JSON Schema of the format ships inside the package."""

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"
"""Local ids: a letter, then letters, digits, ``_``, ``.`` or ``-`` (no ``:``, ``/``, ``#``)."""
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
TABLE_FILE = r"(\.csv|\.xlsx(#.+)?)$"
"""How the name of a list's file ends: ``.csv``, ``.xlsx`` (its first sheet) or
``.xlsx#Sheet``."""
"""A BCP 47 language tag such as ``en``, ``sv``, ``da`` or ``en-GB``."""

FieldType = Literal[
    "id",
    "kind",
    "text",
    "texts",
    "string",
    "bool",
    "date",
    "datetime",
    "when",
    "interval",
    "ref",
    "refs",
    "vocab",
    "vocabs",
    "language",
    "object",
]
"""How a key's value is written:

* ``text``: words in the case's language, or a map of language tag to words
  (``{en: ..., sv: ...}``); ``texts``: the same, or a list of them.
* ``string``: words without a language (a locator, a name of a person).
* ``bool``: ``true`` or ``false``. ``date``: ``YYYY-MM-DD``. ``datetime``: a date or
  ``YYYY-MM-DDThh:mm[:ss]`` with an optional zone. ``when``: a year, a date or any
  ISO 8601 text, as written (quoted or not).
* ``interval``: the id of a period, or ``START/END`` (ISO 8601, ``..`` for an open end).
* ``ref`` / ``refs``: the id (or ids) of items of the named sections.
* ``vocab`` / ``vocabs``: a built-in name (a role, a kind of act, a value ...) or the id
  of an item of the named sections.
* ``language``: a language tag. ``object``: a nested mapping with its own keys.
"""


@dataclass(frozen=True)
class Field:
    """One key of an item: its value type, what it may refer to, and what it says."""

    key: str
    type: FieldType
    doc: str
    targets: tuple[str, ...] = ()
    vocab: tuple[str, ...] = ()
    required: bool = False
    fields: tuple[Field, ...] = ()
    type_term: str | None = None

    @property
    def many(self) -> bool:
        """True when the key takes a list as well as one value."""
        return self.type in ("refs", "vocabs", "texts")


@dataclass(frozen=True)
class Section:
    """A top-level list of the case (people, units, acts ...), one item per entry."""

    key: str
    doc: str
    fields: tuple[Field, ...]
    type_term: str | None = None
    kinds: tuple[str, ...] = ()
    id_required: bool = True

    @property
    def all_fields(self) -> tuple[Field, ...]:
        """The section's keys including ``id`` and, for kinded sections, ``kind``."""
        head = [Field("id", "id", "The item's local id, unique in the case.")]
        if self.kinds:
            head.append(
                Field(
                    "kind",
                    "kind",
                    f"What kind of {self.key[:-1] if self.key.endswith('s') else self.key} "
                    f"this is; default {self.kinds[0]}.",
                    vocab=self.kinds,
                )
            )
        return (*head, *self.fields, _EVIDENCE)

    def field(self, key: str) -> Field | None:
        """The field called ``key``, or None."""
        for candidate in self.all_fields:
            if candidate.key == key:
                return candidate
        return None


# ------------------------------------------------------------------------------------
# Built-in names: each is a term of the JSON-LD context mapped to an ontology IRI.
# ------------------------------------------------------------------------------------

VOCABULARY: dict[str, tuple[str, ...]] = {
    "role": (
        "formal-leader",
        "principal",
        "deputy-principal",
        "head-of-administration",
        "head-of-institution",
        "staff-member",
        "teacher",
        "pedagogue",
        "health-staff",
        "leadership-team-member",
        "inbetweener",
        "team-coordinator",
        "supervisor",
        "icdp-supervisor",
        "resource-person",
        "implementation-coordinator",
        "first-teacher",
        "process-leader",
        "process-learning-leader",
        "room-member",
        "co-leadership-role",
        "coherence-co-leadership",
        "participation-co-leadership",
        "boundary-spanning-co-leadership",
        "relational-co-leadership",
        "affected-party",
        "parent",
        "pupil",
    ),
    "act-kind": (
        "giving-direction",
        "coordinating",
        "deciding",
        "informing",
        "structuring",
        "translating",
        "creating-security",
        "taking-initiative",
        "taking-responsibility",
        "supporting-colleagues",
        "seeking-knowledge",
        "sharing-knowledge",
        "managing-crisis",
        "arranging-resources",
        "removing-obstacles",
    ),
    "challenge": (
        "anxiety-and-lack-of-information",
        "sick-leave",
        "illness-and-deaths",
        "move-to-distance-teaching",
        "pupil-health",
    ),
    "risk": (
        "organisational-fragmentation",
        "goal-displacement",
        "uncoordinated-leadership",
        "inefficiency",
        "detailed-steering",
        "individual-heroics",
        "burnout",
    ),
    "value": (
        "trust",
        "shared-responsibility",
        "psychological-safety",
        "professional-judgement",
        "boundary-crossing",
    ),
    "resource-kind": ("time", "budget", "staff", "competence", "materials", "information"),
    "unit-kind": (
        "organisational-unit",
        "organisation",
        "formal-organisation",
        "municipality",
        "school-organiser",
        "administration",
        "school-unit",
        "preschool",
        "compulsory-school",
        "upper-secondary-school",
        "adult-education",
        "pedagogical-institution",
        "team",
        "leadership-team",
    ),
    "room-kind": (
        "organisational-room",
        "learning-group",
        "development-organisation",
        "network",
        "forum",
    ),
    "source-kind": ("source", "publication", "document", "interview", "observation"),
    "value-kind": ("value", "pedagogical-line"),
    "goal-kind": ("goal", "mission", "political-goal"),
    "situation-kind": ("situation", "complex-situation", "crisis"),
    "period-kind": ("period", "interval"),
}
"""Built-in names by category, each the name of a term in the JSON-LD context."""

AGENTS = ("people", "units", "rooms")
ORGANISATIONS = ("units", "rooms")
AIMS = ("values", "goals")

_EVIDENCE = Field(
    "evidence",
    "refs",
    "Quotes (ids from quotes) the description of this item rests on.",
    targets=("quotes",),
)
_NAME = Field("name", "text", "A label in the case's language, or {en: ..., sv: ...}.")
_NOTE = Field("note", "text", "A comment of the encoder (rdfs:comment).")
_DEFINITION = Field("definition", "text", "What the term means in this case.")


def _interval(key: str, doc: str) -> Field:
    return Field(key, "interval", doc, targets=("periods",))


SECTIONS: tuple[Section, ...] = (
    Section(
        "sources",
        "Where statements come from: a publication, document, interview or observation.",
        (
            Field("title", "text", "The title, e.g. {sv: ...} for a Swedish title."),
            Field(
                "language",
                "language",
                "The language of the source; its quotes are tagged with it.",
            ),
            Field("creator", "string", "Author(s) as one text."),
            Field("date", "when", "When it was published or held (ISO 8601, e.g. 2020)."),
            Field("citation", "string", "A bibliographic citation."),
            Field("identifier", "string", "A DOI, URL, file name or archive number."),
            _NOTE,
        ),
        kinds=VOCABULARY["source-kind"],
    ),
    Section(
        "quotes",
        "Passages quoted word for word, in the source's language, with where they stand.",
        (
            Field("source", "ref", "The source quoted.", targets=("sources",), required=True),
            Field("text", "string", "The words, copied exactly.", required=True),
            Field("locator", "string", "Where: page, section, lines.", required=True),
            Field("language", "language", "Language of the quote if not the source's."),
            _NOTE,
        ),
        type_term="Quote",
    ),
    Section(
        "claims",
        "Statements of the encoder about an item, resting on quotes.",
        (
            Field("about", "ref", "The item the claim is about (any id).", required=True),
            Field("statement", "text", "The claim in words."),
            Field(
                "rests_on",
                "refs",
                "The quotes it rests on.",
                targets=("quotes",),
                required=True,
            ),
        ),
        type_term="Claim",
        id_required=False,
    ),
    Section(
        "periods",
        "Named periods (spring 2020) and intervals that other items refer to.",
        (
            _NAME,
            Field("start", "date", "First day, YYYY-MM-DD."),
            Field("end", "date", "Last day, YYYY-MM-DD."),
            _NOTE,
        ),
        kinds=VOCABULARY["period-kind"],
    ),
    Section(
        "units",
        "Organisations and units of the line organisation.",
        (
            _NAME,
            Field(
                "in_line_under",
                "ref",
                "The unit this one reports to in the line organisation.",
                targets=("units",),
            ),
            Field("formal_leader", "refs", "Its formal leader(s).", targets=("people",)),
            Field(
                "values",
                "vocabs",
                "Values it has adopted.",
                targets=("values",),
                vocab=("value",),
            ),
            Field("goals", "vocabs", "Goals it pursues.", targets=("goals",)),
            Field(
                "risks",
                "vocabs",
                "Risks it runs, as a source states.",
                targets=("risks",),
                vocab=("risk",),
            ),
            _NOTE,
        ),
        kinds=VOCABULARY["unit-kind"],
    ),
    Section(
        "rooms",
        "Organisational rooms beside the line: learning groups, networks, forums.",
        (
            _NAME,
            Field("led_by", "refs", "Who leads it.", targets=("people",)),
            Field(
                "values",
                "vocabs",
                "Values it works by.",
                targets=("values",),
                vocab=("value",),
            ),
            Field("goals", "vocabs", "Goals it pursues.", targets=("goals",)),
            _NOTE,
        ),
        kinds=VOCABULARY["room-kind"],
    ),
    Section(
        "people",
        "Persons: staff, leaders, affected parties.",
        (
            Field("name", "string", "The name, or a pseudonym."),
            Field("pseudonym", "bool", "true when the name is a pseudonym."),
            Field(
                "formal_leader_of",
                "refs",
                "Units the person is the formal leader of.",
                targets=("units",),
            ),
            _NOTE,
        ),
        type_term="Person",
    ),
    Section(
        "memberships",
        "Who holds which role in which unit or room, when.",
        (
            Field("person", "ref", "The member.", targets=("people",), required=True),
            Field("unit", "ref", "The unit or room.", targets=ORGANISATIONS, required=True),
            Field("role", "vocab", "The role held.", vocab=("role",), required=True),
            _interval("during", "When (a period id or START/END)."),
            Field(
                "mandate",
                "ref",
                "The mandate that comes with the role.",
                targets=("mandates",),
            ),
            _NOTE,
        ),
        type_term="Membership",
        id_required=False,
    ),
    Section(
        "posts",
        "Positions in a unit, held by someone, with the mandate of the role.",
        (
            _NAME,
            Field("unit", "ref", "The unit.", targets=ORGANISATIONS, required=True),
            Field("role", "vocab", "The role of the post.", vocab=("role",)),
            Field("held_by", "refs", "Who holds it.", targets=("people",)),
            Field("mandate", "ref", "The mandate of the post.", targets=("mandates",)),
            _NOTE,
        ),
        type_term="Post",
    ),
    Section(
        "communication_paths",
        "Channels of information between people or units, often across unit boundaries.",
        (
            _NAME,
            Field(
                "connects",
                "refs",
                "The people, units or rooms it connects.",
                targets=AGENTS,
                required=True,
            ),
            Field("medium", "string", "Meetings, a platform, a mailing list ..."),
            _NOTE,
        ),
        type_term="CommunicationPath",
        id_required=False,
    ),
    Section(
        "values",
        "Values of the organisation, among them its pedagogical line.",
        (_NAME, _DEFINITION, _NOTE),
        kinds=VOCABULARY["value-kind"],
    ),
    Section(
        "goals",
        "Goals, missions and political goals.",
        (_NAME, _DEFINITION, _NOTE),
        kinds=VOCABULARY["goal-kind"],
    ),
    Section(
        "challenges",
        "Challenges beyond the built-in ones.",
        (_NAME, _DEFINITION, _NOTE),
        type_term="Challenge",
    ),
    Section(
        "risks",
        "Risks beyond the built-in ones.",
        (_NAME, _DEFINITION, _NOTE),
        type_term="Risk",
    ),
    Section(
        "situations",
        "Situations and crises the organisation acted in.",
        (
            _NAME,
            _interval("during", "When (a period id or START/END)."),
            Field(
                "challenges",
                "vocabs",
                "Challenges it raised.",
                targets=("challenges",),
                vocab=("challenge",),
            ),
            Field("affects", "refs", "Units or rooms it affected.", targets=ORGANISATIONS),
            Field(
                "risks",
                "vocabs",
                "Risks it brought, as a source states.",
                targets=("risks",),
                vocab=("risk",),
            ),
            _NOTE,
        ),
        kinds=VOCABULARY["situation-kind"],
    ),
    Section(
        "tasks",
        "Leadership tasks, kept or delegated.",
        (
            _NAME,
            Field("concerns", "refs", "The unit(s) the task is about.", targets=ORGANISATIONS),
            Field(
                "aligned_with",
                "vocabs",
                "Values or goals the task serves.",
                targets=AIMS,
                vocab=("value",),
            ),
            Field("part_of", "ref", "A larger task this is part of.", targets=("tasks",)),
            _NOTE,
        ),
        type_term="Task",
    ),
    Section(
        "resources",
        "What a mandate puts at the holder's disposal.",
        (
            _NAME,
            Field("kind", "vocab", "time, budget, staff, ...", vocab=("resource-kind",)),
            _NOTE,
        ),
        type_term="Resource",
    ),
    Section(
        "mandates",
        "Authority to act on a task: who gave it to whom, with what, within what.",
        (
            _NAME,
            Field("task", "ref", "The task (Hvad er opgaven?).", targets=("tasks",)),
            Field("granted_by", "ref", "The grantor.", targets=AGENTS),
            Field("granted_to", "ref", "The holder.", targets=AGENTS),
            Field(
                "resources",
                "refs",
                "Resources (Hvad er ressourcerne?).",
                targets=("resources",),
            ),
            Field("direction", "text", "Where the work should lead (retning)."),
            Field("frames", "text", "The limits it works within (rammer)."),
            Field("room_for_action", "text", "What the holder decides alone (handlerum)."),
            Field("external_constraints", "texts", "Constraints from outside."),
            Field("key_responsibilities", "texts", "Responsibilities the holder takes on."),
            Field(
                "delegator_responsibilities",
                "texts",
                "What the grantor keeps and owes the holder.",
            ),
            Field("evaluation", "text", "How and when the work is followed up."),
            _interval("valid_during", "When it is valid (a period id or START/END)."),
            Field(
                "aligned_with",
                "vocabs",
                "Values or goals the mandate serves.",
                targets=AIMS,
                vocab=("value",),
            ),
            _NOTE,
        ),
        type_term="Mandate",
    ),
    Section(
        "delegations",
        "Handing a task from a delegator to a delegatee with a mandate.",
        (
            Field("delegator", "ref", "Who hands on the task.", targets=AGENTS, required=True),
            Field("delegatee", "ref", "Who receives it.", targets=AGENTS, required=True),
            Field("task", "ref", "The task.", targets=("tasks",), required=True),
            Field("mandate", "ref", "The mandate given with it.", targets=("mandates",)),
            _NOTE,
        ),
        type_term="Delegation",
        id_required=False,
    ),
    Section(
        "acts",
        "Leadership acts: who did what, in which role, on whose initiative, when.",
        (
            _NAME,
            Field("actor", "ref", "Who acted.", targets=AGENTS, required=True),
            Field("kind", "vocabs", "What kind of act.", vocab=("act-kind",)),
            Field("role", "vocab", "The role the actor acted in.", vocab=("role",)),
            Field("own_initiative", "bool", "true: stepped forward unasked."),
            Field("directed_by", "ref", "Who directed the act.", targets=AGENTS),
            Field("situation", "ref", "The situation.", targets=("situations",)),
            _interval("during", "The period (a period id or START/END)."),
            Field("time", "datetime", "When it started (YYYY-MM-DD or with a time)."),
            Field("mandate", "ref", "The mandate it was taken under.", targets=("mandates",)),
            Field(
                "association",
                "object",
                "PROV's qualified form of the mandate: {agent: ..., plan: ...}.",
                fields=(
                    Field("agent", "ref", "The agent.", targets=AGENTS, required=True),
                    Field("plan", "ref", "The mandate.", targets=("mandates",), required=True),
                ),
                type_term="Association",
            ),
            Field("task", "ref", "The task it carries out.", targets=("tasks",)),
            Field("concerns", "refs", "The unit(s) it is about.", targets=ORGANISATIONS),
            Field(
                "aligned_with",
                "vocabs",
                "Values or goals it serves.",
                targets=AIMS,
                vocab=("value",),
            ),
            _NOTE,
        ),
        type_term="Act",
        id_required=False,
    ),
    Section(
        "trust_relations",
        "One agent trusts another.",
        (
            Field("truster", "ref", "Who trusts.", targets=AGENTS, required=True),
            Field("trustee", "ref", "Who is trusted.", targets=AGENTS, required=True),
            _NOTE,
        ),
        type_term="TrustRelation",
        id_required=False,
    ),
    Section(
        "advice",
        "Advice and information ties, as a sociometric survey records them: who seeks "
        "advice from whom, about what, when.",
        (
            Field("who", "ref", "Who seeks advice.", targets=("people",), required=True),
            Field("whom", "ref", "Whose advice is sought.", targets=("people",), required=True),
            Field(
                "about",
                "vocabs",
                "What the advice is about (a task, a situation, a value or goal).",
                targets=("tasks", "situations", *AIMS),
                vocab=("value",),
            ),
            _interval("when", "The period (a period id or START/END)."),
            _NOTE,
        ),
        type_term="AdviceTie",
        id_required=False,
    ),
    Section(
        "resilience",
        "Observed organisational resilience.",
        (
            _NAME,
            Field("of", "ref", "The organisation.", targets=ORGANISATIONS, required=True),
            Field("shown_in", "ref", "The situation it showed in.", targets=("situations",)),
            _NOTE,
        ),
        type_term="Resilience",
        id_required=False,
    ),
)
"""Every section of a case file, in the order a case is best read."""

METADATA: tuple[Field, ...] = (
    Field("case", "string", "A short name of the case.", required=True),
    Field(
        "base",
        "string",
        "The IRI every local id is appended to; ends with '/'.",
        required=True,
    ),
    Field("language", "language", "The language of the words in this file; default en."),
    Field("prefix", "string", "The prefix for the base IRI in Turtle output; default case."),
    Field("title", "text", "The title of the case (dcterms:title of the base IRI)."),
    Field("description", "text", "What the case is (dcterms:description of the base IRI)."),
)
"""The keys of a case file besides its sections."""


def vocabulary_targets() -> frozenset[str]:
    """Sections whose ids ``vocab`` keys can name; their ids must not be built-in names.

    A ``vocab`` key is expanded by JSON-LD as a term first, so an id that is also a term
    of the context would turn into that term's IRI.
    """
    return frozenset(
        target
        for part in SECTIONS
        for spec in part.all_fields
        if spec.type in ("vocab", "vocabs")
        for target in spec.targets
    )


def section(key: str) -> Section:
    """The section called ``key``; KeyError when there is none."""
    for candidate in SECTIONS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


@cache
def case_context() -> dict[str, Any]:
    """The JSON-LD context of the format, read from the package (never fetched)."""
    text = data_file(*CONTEXT_FILE).read_text(encoding="utf-8")
    context: dict[str, Any] = json.loads(text)["@context"]
    return context


@cache
def context_terms() -> frozenset[str]:
    """Every term the context defines, at top level or in a scoped context."""
    terms: set[str] = set()

    def walk(context: dict[str, Any]) -> None:
        for key, value in context.items():
            if key.startswith("@"):
                continue
            terms.add(key)
            if isinstance(value, dict) and isinstance(value.get("@context"), dict):
                walk(value["@context"])

    walk(case_context())
    return frozenset(terms)


# ------------------------------------------------------------------------------------
# JSON Schema, derived from the description above
# ------------------------------------------------------------------------------------

_DATE = r"^\d{4}-\d{2}-\d{2}$"
_DATETIME = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$"
_INTERVAL_OR_ID = r"^(\d{4}-\d{2}-\d{2}|\.\.)/(\d{4}-\d{2}-\d{2}|\.\.)$|^[A-Za-z][A-Za-z0-9_.-]*$"


def _names(field_: Field) -> list[str]:
    return [name for category in field_.vocab for name in VOCABULARY[category]]


def _value_schema(field_: Field) -> dict[str, Any]:
    ref_id = {"$ref": "#/$defs/id"}
    text = {"$ref": "#/$defs/text"}
    match field_.type:
        case "id":
            return ref_id
        case "kind":
            return {"enum": list(field_.vocab)}
        case "text":
            return text
        case "texts":
            return {"anyOf": [text, {"type": "array", "items": {"type": "string"}}]}
        case "string":
            return {"type": "string"}
        case "bool":
            return {"type": "boolean"}
        case "date":
            return {"type": "string", "pattern": _DATE}
        case "datetime":
            return {"type": "string", "pattern": _DATETIME}
        case "when":
            return {"type": ["string", "integer"]}
        case "interval":
            return {"type": "string", "pattern": _INTERVAL_OR_ID}
        case "language":
            return {"type": "string", "pattern": LANGUAGE_PATTERN}
        case "ref" | "vocab":
            names = _names(field_)
            if names and not field_.targets:
                return {"enum": names}
            return {"anyOf": [{"enum": names}, ref_id]} if names else ref_id
        case "refs" | "vocabs":
            one = _value_schema(Field(field_.key, "ref", field_.doc, field_.targets, field_.vocab))
            return {"anyOf": [one, {"type": "array", "items": one}]}
        case "object":
            return _object_schema(field_.fields, field_.doc)
    raise AssertionError(field_.type)  # pragma: no cover


def _object_schema(fields: tuple[Field, ...], doc: str) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for field_ in fields:
        value = dict(_value_schema(field_))
        properties[field_.key] = {
            "description": field_.doc,
            "anyOf": [value, {"type": "null"}],
        }
        if field_.required:
            properties[field_.key] = {"description": field_.doc, **value}
    schema: dict[str, Any] = {
        "type": "object",
        "description": doc,
        "properties": properties,
        "additionalProperties": False,
    }
    required = [f.key for f in fields if f.required]
    if required:
        schema["required"] = required
    return schema


def case_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a case file, as shipped in ``data/schema``."""
    defs: dict[str, Any] = {
        "id": {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "A local id: a letter, then letters, digits, _ . or -.",
        },
        "vocabulary-id": {
            "$ref": "#/$defs/id",
            "not": {"enum": sorted(context_terms())},
            "description": "The id of an item that vocabulary keys can name: not one of "
            "the format's built-in names.",
        },
        "text": {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANGUAGE_PATTERN},
                    "additionalProperties": {
                        "anyOf": [
                            {"type": "string"},
                            {"type": "array", "items": {"type": "string"}},
                        ]
                    },
                },
            ],
            "description": "Words in the case's language, or {language tag: words}.",
        },
    }
    properties: dict[str, Any] = {}
    csv_file = {"type": "string", "pattern": TABLE_FILE}
    for meta in METADATA:
        value = _value_schema(meta)
        properties[meta.key] = {"description": meta.doc, **value}
    for part in SECTIONS:
        fields = tuple(
            Field(f.key, f.type, f.doc, f.targets, f.vocab, True, f.fields, f.type_term)
            if f.key == "id" and part.id_required
            else f
            for f in part.all_fields
        )
        item = _object_schema(fields, part.doc)
        if part.key in vocabulary_targets():
            id_schema = item["properties"]["id"]
            id_schema.pop("$ref", None)
            for option in id_schema.get("anyOf", []):
                option.pop("$ref", None)
            if "anyOf" in id_schema:
                id_schema["anyOf"][0]["$ref"] = "#/$defs/vocabulary-id"
            else:
                id_schema["$ref"] = "#/$defs/vocabulary-id"
        defs[part.key] = item
        properties[part.key] = {
            "description": part.doc
            + " A list of items and CSV files or workbook sheets (one row per item), or "
            "one CSV file or sheet.",
            "anyOf": [
                {
                    "type": "array",
                    "items": {"anyOf": [{"$ref": f"#/$defs/{part.key}"}, csv_file]},
                },
                csv_file,
                {"type": "null"},
            ],
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://w3id.org/dlgraph/schema/case.schema.json",
        "title": "dlgraph case file",
        "description": "A case study of distributed leadership in the dlgraph researcher "
        "format (YAML). Every key maps to the dlgraph ontology through the JSON-LD "
        "context dlgraph-case.jsonld.",
        "type": "object",
        "properties": properties,
        "required": [m.key for m in METADATA if m.required],
        "additionalProperties": False,
        "$defs": defs,
    }
