"""How the case reader names the format's parts in its messages: singular nouns with
their articles, what a field expects, and the closest known word for a misspelt one."""

from __future__ import annotations

import difflib
from typing import Any

from dlgraph.authoring.format import Field, Section

__all__ = ["SINGULAR", "article", "expected", "suggest", "wanted_target", "with_article"]


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
