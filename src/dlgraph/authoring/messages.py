"""How the case reader names the format's parts in its messages: singular nouns with
their articles, what a field expects, and the closest known word for a misspelt one.

A message quotes a value of the case (:func:`quoted`) only when values may be shown
(``--show-values``), when it is a word of the format or an id the case defines, or, in
the case file itself, when it has the shape of an id, key, number, date or interval (``anna``,
``nme``, ``2020-02-30``, ``2020-06/2020-01``: ASCII letters, digits, ``_ . - /``, at most
40 characters). Free text there (a name, a quote, a line), and anything from
the CSV files and workbooks a case names, is replaced by its length: a case may name a
file it should not, and a name in a message ends up in logs.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from dlgraph.authoring.format import METADATA, SECTIONS, VOCABULARY, Field, Section
from dlgraph.authoring.tables import normal_key
from dlgraph.privacy import showing_values

__all__ = [
    "SINGULAR",
    "article",
    "expected",
    "format_word",
    "id_hint",
    "quoted",
    "required_hint",
    "suggest",
    "usable_id",
    "valid_names",
    "visible",
    "wanted_target",
    "with_article",
    "yaml_hint",
]


_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$")

_FORMAT_WORDS = frozenset(
    [
        *(meta.key for meta in METADATA),
        *(part.key for part in SECTIONS),
        *(spec.key for part in SECTIONS for spec in part.all_fields),
        *(sub.key for part in SECTIONS for spec in part.all_fields for sub in spec.fields),
        *(name for names in VOCABULARY.values() for name in names),
    ]
)


def format_word(text: str) -> bool:
    """Whether ``text`` is a word of the format (a key, a section, a built-in name), in
    any case and spacing (``Own initiative``)."""
    return text in _FORMAT_WORDS or normal_key(text) in _FORMAT_WORDS


def visible(text: str, *, token: bool, known: Any = ()) -> bool:
    """Whether a message may quote ``text``, a value of a case: with values shown, a word
    of the format or one of ``known`` (the case's ids), or, where ``token`` (the case
    file itself), text shaped like an id, key, number or date."""
    return (
        showing_values()
        or format_word(text)
        or text in known
        or (token and _TOKEN.match(text) is not None)
    )


def quoted(text: str, *, token: bool, known: Any = ()) -> str:
    """``'text'`` when :func:`visible`, else a stand-in that says only how long it is."""
    if visible(text, token=token, known=known):
        return f"'{text}'"
    count = len(text)
    return f"'…' ({count} character{'' if count == 1 else 's'}, hidden: --show-values shows it)"


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
    "advice": "advice tie",
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


def id_hint(text: str, prefix: str, shown: bool = True) -> str:
    """What a usable id looks like, with ``text`` made into one (when ``shown``; else
    an example that does not echo it)."""
    marked = " (not å, ä, ö, æ or ø)" if not text.isascii() else ""
    example = usable_id(text, prefix) if shown else f"{prefix}-1"
    made = "" if shown else " (--show-values suggests one made from the value)"
    return (
        f"an id starts with a letter a-z or A-Z and has only those letters{marked}, "
        f"digits, '_', '.' and '-': write e.g. {example}{made}"
    )


def yaml_hint(problem: str, line_text: str, line: int) -> str | None:
    """A YAML syntax error in plain words, with the fix, from the line it stands on (its
    value quoted only when values may be shown)."""
    content = line_text.strip()
    if "'\\t'" in problem or "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return (
            f"YAML indents with spaces, never tabs: replace the tab(s) at the start of "
            f"line {line} with spaces"
        )
    if "mapping values are not allowed" in problem:
        key, _, value = content.removeprefix("- ").partition(": ")
        if ": " in value or value.endswith(":"):
            escaped = value.replace('"', '\\"') if showing_values() else "..."
            name = key if visible(key, token=True) else "KEY"
            return (
                f"a value that holds ': ' must be in quotes: write {name}: \"{escaped}\" "
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
