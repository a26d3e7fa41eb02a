"""How the case reader names the format's parts in its messages: singular nouns with
their articles, what a field expects, and the closest known word for a misspelt one."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from dlgraph.authoring.format import VOCABULARY, Field, Section

__all__ = [
    "SINGULAR",
    "article",
    "expected",
    "id_hint",
    "required_hint",
    "suggest",
    "usable_id",
    "valid_names",
    "wanted_target",
    "with_article",
    "yaml_hint",
]


def suggest(word: str, candidates: Any) -> str | None:
    """'did you mean ...?' for the candidate closest to ``word``, if one is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


SINGULAR = {
    "people": "person",
    "units": "unit",
    "rooms": "room",
    "sources": "source",
    "quotes": "quote",
    "claims": "claim",
    "periods": "period",
    "memberships": "membership",
    "posts": "post",
    "communication_paths": "communication path",
    "values": "value",
    "goals": "goal",
    "challenges": "challenge",
    "risks": "risk",
    "situations": "situation",
    "tasks": "task",
    "resources": "resource",
    "mandates": "mandate",
    "delegations": "delegation",
    "acts": "act",
    "trust_relations": "trust relation",
    "resilience": "resilience",
}


def article(part: Section) -> str:
    """The singular noun of a section with its article: 'a unit', 'an act'."""
    return with_article(SINGULAR[part.key])


def with_article(words: str) -> str:
    """``words`` with its indefinite article (the nouns of the format: 'a unit', 'an act')."""
    return ("an " if words[0] in "aeio" else "a ") + words


def wanted_target(spec: Field) -> str:
    """What a reference or vocabulary field takes: 'a unit or person', 'an id'."""
    parts = [category.replace("-", " ") for category in spec.vocab]
    parts += [SINGULAR[t] for t in spec.targets]
    parts = list(dict.fromkeys(parts))
    if not parts:
        return "an id"
    words = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
    return with_article(words)


def expected(spec: Field) -> str:
    """What a field's value must be, in the words of an error message."""
    return {
        "text": "text",
        "texts": "text or a list of texts",
        "string": "text",
        "date": "a date YYYY-MM-DD",
        "datetime": "a date or date and time",
        "when": "a year or date (ISO 8601)",
        "interval": "a period id or START/END",
        "ref": f"the id of {wanted_target(spec)}",
        "refs": f"the id(s) of {wanted_target(spec)}",
        "vocab": f"{wanted_target(spec)}",
        "vocabs": f"{wanted_target(spec)} (or a list)",
        "id": "an id",
        "kind": "a kind",
        "language": "a language tag",
        "bool": "true or false",
        "object": "a mapping",
    }[spec.type]


def valid_names(spec: Field) -> str | None:
    """The built-in names a vocabulary field takes, for a hint when none is close."""
    if not spec.vocab:
        return None
    listed = "; ".join(
        f"the {category.replace('-', ' ')}s are: {', '.join(VOCABULARY[category])}"
        for category in spec.vocab
    )
    if spec.targets:
        return f"{listed}; or the id of {wanted_target(Field(spec.key, 'ref', '', spec.targets))}"
    return listed


_ASCII = {"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "ł": "l", "þ": "th"}


def usable_id(text: str, prefix: str) -> str:
    """``text`` made into an id: letters without their marks (å to a, ø to o), other
    characters to '-', and ``prefix-`` before it when it does not start with a letter."""
    plain = "".join(_ASCII.get(char, char) for char in unicodedata.normalize("NFKD", text))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    plain = re.sub(r"[^A-Za-z0-9_.-]+", "-", plain).strip("-")
    return plain if re.match(r"^[A-Za-z]", plain) else f"{prefix}-{plain}".rstrip("-")


def id_hint(text: str, prefix: str) -> str:
    """What a usable id looks like, with ``text`` made into one."""
    marked = " (not å, ä, ö, æ or ø)" if not text.isascii() else ""
    return (
        f"an id starts with a letter a-z or A-Z and has only those letters{marked}, "
        f"digits, '_', '.' and '-': write e.g. {usable_id(text, prefix)}"
    )


def yaml_hint(problem: str, line_text: str, line: int) -> str | None:
    """A YAML syntax error in plain words, with the fix, from the line it stands on."""
    content = line_text.strip()
    if "'\\t'" in problem or "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return (
            f"YAML indents with spaces, never tabs: replace the tab(s) at the start of "
            f"line {line} with spaces"
        )
    if "mapping values are not allowed" in problem:
        key, _, value = content.removeprefix("- ").partition(": ")
        if ": " in value or value.endswith(":"):
            quoted = value.replace('"', '\\"')
            return (
                f"a value that holds ': ' must be in quotes: write {key}: \"{quoted}\" "
                f"on line {line}"
            )
        return (
            f"line {line} is indented differently from the key above it: the keys of one "
            "item start in the same column, under the first key after '- '"
        )
    if "expected <block end>" in problem or "expected key" in problem:
        return (
            f"check the indentation of line {line}: the keys of one item start in the same "
            "column, under the first key after '- ', and a list's '- ' lines line up"
        )
    if "could not find expected ':'" in problem:
        return f"a key is followed by ':' and a space (name: Anna); check line {line}"
    return None


def required_hint(spec: Field, noun: str) -> str:
    """A plain sentence on what a required key needs, with an example."""
    if spec.targets == ("sources",):
        return (
            f"every {noun} needs '{spec.key}': the id of the publication, document, "
            "interview or observation its words come from, listed under sources: "
            f"(- id: interview-1, kind: interview, title: ...); then write {spec.key}: "
            "interview-1"
        )
    if spec.type in ("ref", "refs") and spec.targets:
        example = SINGULAR[spec.targets[0]].replace(" ", "-") + "-1"
        return (
            f"every {noun} needs '{spec.key}': write the id of {wanted_target(spec)} "
            f"after it, e.g. {spec.key}: {example}"
        )
    if spec.vocab:
        example = VOCABULARY[spec.vocab[0]][0]
        wanted = wanted_target(spec)
        return f"every {noun} needs '{spec.key}': write {wanted}, e.g. {spec.key}: {example}"
    return f"every {noun} needs '{spec.key}': {spec.doc[0].lower()}{spec.doc[1:]}"
