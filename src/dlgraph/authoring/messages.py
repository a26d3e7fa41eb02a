"""How the case reader names the format's parts in its messages, in English, Swedish or
Danish: singular nouns with their articles, what a field expects, the closest known word
for a misspelt one, and the plain-words hints (ids, YAML syntax, required keys).

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
from dlgraph.authoring.words import one_of, say
from dlgraph.privacy import showing_values

__all__ = [
    "SINGULAR",
    "article",
    "category_noun",
    "every",
    "expected",
    "format_word",
    "id_hint",
    "noun",
    "quoted",
    "required_hint",
    "suggest",
    "usable_id",
    "valid_names",
    "visible",
    "wanted_target",
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


def quoted(text: str, *, token: bool, known: Any = (), lang: str = "en") -> str:
    """``'text'`` when :func:`visible`, else a stand-in in ``lang`` that says only how
    long it is."""
    if visible(text, token=token, known=known):
        return f"'{text}'"
    count = len(text)
    return say("hidden_value" if count != 1 else "hidden_value_one", lang, count=count)


def suggest(word: str, candidates: Any, lang: str = "en") -> str | None:
    """'did you mean ...?' for the candidate closest to ``word``, if one is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return say("did_you_mean", lang, word=close[0]) if close else None


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
"""The English singular of each section, also the stem of the ids hints suggest."""

# (article, noun) in Swedish and in Danish; the article gives the gender
_NOUNS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "people": (("en", "person"), ("en", "person")),
    "units": (("en", "enhet"), ("en", "enhed")),
    "rooms": (("ett", "rum"), ("et", "rum")),
    "sources": (("en", "källa"), ("en", "kilde")),
    "quotes": (("ett", "citat"), ("et", "citat")),
    "claims": (("ett", "påstående"), ("et", "udsagn")),
    "periods": (("en", "period"), ("en", "periode")),
    "memberships": (("ett", "medlemskap"), ("et", "medlemskab")),
    "posts": (("en", "tjänst"), ("en", "stilling")),
    "communication_paths": (("en", "kommunikationsväg"), ("en", "kommunikationsvej")),
    "values": (("ett", "värde"), ("en", "værdi")),
    "goals": (("ett", "mål"), ("et", "mål")),
    "challenges": (("en", "utmaning"), ("en", "udfordring")),
    "risks": (("en", "risk"), ("en", "risiko")),
    "situations": (("en", "situation"), ("en", "situation")),
    "tasks": (("en", "uppgift"), ("en", "opgave")),
    "resources": (("en", "resurs"), ("en", "ressource")),
    "mandates": (("ett", "mandat"), ("et", "mandat")),
    "delegations": (("en", "delegering"), ("en", "delegering")),
    "acts": (("en", "handling"), ("en", "handling")),
    "trust_relations": (("en", "förtroenderelation"), ("en", "tillidsrelation")),
    "resilience": (("en", "motståndskraft"), ("en", "modstandskraft")),
}
# a category of built-in names: (article, singular, definite plural) in sv and da
_CATEGORIES: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "role": (("en", "roll", "rollerna"), ("en", "rolle", "rollerne")),
    "act-kind": (
        ("en", "handlingstyp", "handlingstyperna"),
        ("en", "handlingstype", "handlingstyperne"),
    ),
    "challenge": (("en", "utmaning", "utmaningarna"), ("en", "udfordring", "udfordringerne")),
    "risk": (("en", "risk", "riskerna"), ("en", "risiko", "risiciene")),
    "value": (("ett", "värde", "värdena"), ("en", "værdi", "værdierne")),
    "resource-kind": (
        ("en", "resurstyp", "resurstyperna"),
        ("en", "ressourcetype", "ressourcetyperne"),
    ),
    "unit-kind": (("en", "enhetstyp", "enhetstyperna"), ("en", "enhedstype", "enhedstyperne")),
    "room-kind": (("en", "rumstyp", "rumstyperna"), ("en", "rumtype", "rumtyperne")),
    "source-kind": (("en", "källtyp", "källtyperna"), ("en", "kildetype", "kildetyperne")),
    "value-kind": (("en", "värdetyp", "värdetyperna"), ("en", "værditype", "værdityperne")),
    "goal-kind": (("en", "måltyp", "måltyperna"), ("en", "måltype", "måltyperne")),
    "situation-kind": (
        ("en", "situationstyp", "situationstyperna"),
        ("en", "situationstype", "situationstyperne"),
    ),
    "period-kind": (("en", "periodtyp", "periodtyperna"), ("en", "periodetype", "periodetyperne")),
}


def _index(lang: str) -> int | None:
    return {"sv": 0, "da": 1}.get(lang)


def noun(section: str, lang: str = "en") -> str:
    """The singular noun of a section's item in ``lang``: 'unit', 'enhet', 'enhed'."""
    return _noun(section, lang)[1]


def _noun(section: str, lang: str) -> tuple[str, str]:
    """(article, noun) of a section's item in ``lang``."""
    index = _index(lang)
    if index is None:
        noun = SINGULAR[section]
        return ("an" if noun[0] in "aeio" else "a"), noun
    return _NOUNS[section][index]


def category_noun(category: str, lang: str) -> tuple[str, str, str]:
    """(article, singular, definite plural) of a category of built-in names."""
    index = _index(lang)
    if index is None or category not in _CATEGORIES:
        noun = category.replace("-", " ")
        return ("an" if noun[0] in "aeio" else "a"), noun, f"the {noun}s"
    return _CATEGORIES[category][index]


def article(part: Section, lang: str = "en") -> str:
    """The singular noun of a section with its article: 'a unit', 'an act', 'en enhet'."""
    return " ".join(_noun(part.key, lang))


def every(part: Section, lang: str = "en") -> str:
    """'every quote', 'varje citat', 'hvert citat'."""
    gender, noun = _noun(part.key, lang)
    word = {"en": "every", "sv": "varje"}.get(lang, "hvert" if gender == "et" else "hver")
    return f"{word} {noun}"


def wanted_target(spec: Field, lang: str = "en") -> str:
    """What a reference or vocabulary field takes: 'a unit or person', 'an id'."""
    nouns = [category_noun(category, lang)[:2] for category in spec.vocab]
    nouns += [_noun(target, lang) for target in spec.targets]
    words = list(dict.fromkeys(noun for _, noun in nouns))
    if not words:
        return {"sv": "ett id", "da": "et id"}.get(lang, "an id")
    return f"{nouns[0][0]} {one_of(words, lang)}"


_EXPECTED: dict[str, tuple[str, str, str]] = {
    "text": ("text", "text", "tekst"),
    "texts": ("text or a list of texts", "text eller en lista av texter",
              "tekst eller en liste af tekster"),
    "string": ("text", "text", "tekst"),
    "date": ("a date YYYY-MM-DD", "ett datum ÅÅÅÅ-MM-DD", "en dato ÅÅÅÅ-MM-DD"),
    "datetime": ("a date or date and time", "ett datum eller datum och klockslag",
                 "en dato eller dato og klokkeslæt"),
    "when": ("a year or date (ISO 8601)", "ett år eller datum (ISO 8601)",
             "et år eller en dato (ISO 8601)"),
    "interval": ("a period id or START/END", "ett periods id eller START/SLUT",
                 "en periodes id eller START/SLUT"),
    "ref": ("the id of {wanted}", "id:t för {wanted}", "id'et på {wanted}"),
    "refs": ("the id(s) of {wanted}", "id:t för {wanted} (ett eller flera)",
             "id'et på {wanted} (et eller flere)"),
    "vocab": ("{wanted}", "{wanted}", "{wanted}"),
    "vocabs": ("{wanted} (or a list)", "{wanted} (eller en lista)", "{wanted} (eller en liste)"),
    "id": ("an id", "ett id", "et id"),
    "kind": ("a kind", "ett slag", "en slags"),
    "language": ("a language tag", "en språkkod", "en sprogkode"),
    "bool": ("true or false", "true eller false", "true eller false"),
    "object": ("a mapping", "nycklar med värden", "nøgler med værdier"),
}  # fmt: skip


def expected(spec: Field, lang: str = "en") -> str:
    """What a field's value must be, in the words of an error message."""
    english, swedish, danish = _EXPECTED[spec.type]
    template = {"sv": swedish, "da": danish}.get(lang, english)
    return template.format(wanted=wanted_target(spec, lang)) if "{" in template else template


def valid_names(spec: Field, lang: str = "en") -> str | None:
    """The built-in names a vocabulary field takes, for a hint when none is close."""
    if not spec.vocab:
        return None
    are = {"sv": "är", "da": "er"}.get(lang, "are")
    listed = "; ".join(
        f"{category_noun(category, lang)[2]} {are}: {', '.join(VOCABULARY[category])}"
        for category in spec.vocab
    )
    if spec.targets:
        target = wanted_target(Field(spec.key, "ref", "", spec.targets), lang)
        tail = {"sv": "; eller id:t för {t}", "da": "; eller id'et på {t}"}.get(
            lang, "; or the id of {t}"
        )
        return listed + tail.format(t=target)
    return listed


_ASCII = {"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "ł": "l", "þ": "th"}


def usable_id(text: str, prefix: str) -> str:
    """``text`` made into an id: letters without their marks (å to a, ø to o), other
    characters to '-', and ``prefix-`` before it when it does not start with a letter."""
    plain = "".join(_ASCII.get(char, char) for char in unicodedata.normalize("NFKD", text))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    plain = re.sub(r"[^A-Za-z0-9_.-]+", "-", plain).strip("-")
    return plain if re.match(r"^[A-Za-z]", plain) else f"{prefix}-{plain}".rstrip("-")


_ID_HINT = (
    "an id starts with a letter a-z or A-Z and has only those letters{marked}, digits, "
    "'_', '.' and '-': write e.g. {id}{made}",
    "ett id börjar med en bokstav a-z eller A-Z och har bara sådana bokstäver{marked}, "
    "siffror, '_', '.' och '-': skriv t.ex. {id}{made}",
    "et id begynder med et bogstav a-z eller A-Z og har kun sådanne bogstaver{marked}, "
    "cifre, '_', '.' og '-': skriv f.eks. {id}{made}",
)
_MARKED = (" (not å, ä, ö, æ or ø)", " (inte å, ä, ö, æ eller ø)", " (ikke å, ä, ö, æ eller ø)")


def id_hint(text: str, prefix: str, lang: str = "en", *, shown: bool = True) -> str:
    """What a usable id looks like, with ``text`` made into one (when ``shown``; else
    an example that does not echo it)."""
    index = {"sv": 1, "da": 2}.get(lang, 0)
    marked = _MARKED[index] if not text.isascii() else ""
    example = usable_id(text, prefix) if shown else f"{prefix}-1"
    made = "" if shown else say("id_hint_hidden", lang)
    return _ID_HINT[index].format(marked=marked, id=example, made=made)


_YAML_HINTS: dict[str, tuple[str, str, str]] = {
    "tab": (
        "YAML indents with spaces, never tabs: replace the tab(s) at the start of line "
        "{line} with spaces",
        "YAML drar in med mellanslag, aldrig med tabb: byt tabbarna i början av rad {line} "
        "mot mellanslag",
        "YAML indrykker med mellemrum, aldrig med tabulator: erstat tabulatorerne i "
        "begyndelsen af linje {line} med mellemrum",
    ),
    "colon": (
        "a value that holds ': ' must be in quotes: write {key}: \"{value}\" on line {line}",
        "ett värde som innehåller ': ' måste stå inom citattecken: skriv {key}: \"{value}\" "
        "på rad {line}",
        "en værdi, der indeholder ': ', skal stå i anførselstegn: skriv {key}: \"{value}\" "
        "i linje {line}",
    ),
    "indent": (
        "line {line} is indented differently from the key above it: the keys of one item "
        "start in the same column, under the first key after '- '",
        "rad {line} är indragen på ett annat sätt än nyckeln ovanför: nycklarna i en post "
        "börjar i samma kolumn, under den första nyckeln efter '- '",
        "linje {line} er indrykket anderledes end nøglen ovenover: nøglerne i en post "
        "begynder i samme kolonne, under den første nøgle efter '- '",
    ),
    "block": (
        "check the indentation of line {line}: the keys of one item start in the same "
        "column, under the first key after '- ', and a list's '- ' lines line up",
        "kontrollera indragningen på rad {line}: nycklarna i en post börjar i samma "
        "kolumn, under den första nyckeln efter '- ', och en listas '- '-rader står i linje",
        "kontrollér indrykningen i linje {line}: nøglerne i en post begynder i samme "
        "kolonne, under den første nøgle efter '- ', og en listes '- '-linjer står på linje",
    ),
    "no_colon": (
        "a key is followed by ':' and a space (name: Anna); check line {line}",
        "en nyckel följs av ':' och ett mellanslag (name: Anna); kontrollera rad {line}",
        "en nøgle efterfølges af ':' og et mellemrum (name: Anna); kontrollér linje {line}",
    ),
}


def _yaml_words(which: str, lang: str, **values: object) -> str:
    english, swedish, danish = _YAML_HINTS[which]
    return {"sv": swedish, "da": danish}.get(lang, english).format(**values)


def yaml_hint(problem: str, line_text: str, line: int, lang: str = "en") -> str | None:
    """A YAML syntax error in plain words, with the fix, from the line it stands on (its
    value quoted only when values may be shown)."""
    content = line_text.strip()
    if "'\\t'" in problem or "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return _yaml_words("tab", lang, line=line)
    if "mapping values are not allowed" in problem:
        key, _, value = content.removeprefix("- ").partition(": ")
        if ": " in value or value.endswith(":"):
            escaped = value.replace('"', '\\"') if showing_values() else "..."
            name = key if visible(key, token=True) else "KEY"
            return _yaml_words("colon", lang, key=name, value=escaped, line=line)
        return _yaml_words("indent", lang, line=line)
    if "expected <block end>" in problem or "expected key" in problem:
        return _yaml_words("block", lang, line=line)
    if "could not find expected ':'" in problem:
        return _yaml_words("no_colon", lang, line=line)
    return None


_REQUIRED: dict[str, tuple[str, str, str]] = {
    "source": (
        "{every} needs '{key}': the id of the publication, document, interview or "
        "observation its words come from, listed under sources: (- id: interview-1, kind: "
        "interview, title: ...); then write {key}: interview-1",
        "{every} behöver '{key}': id:t för publikationen, dokumentet, intervjun eller "
        "observationen som orden kommer från, listad under sources: (- id: intervju-1, kind: "
        "interview, title: ...); skriv sedan {key}: intervju-1",
        "{every} skal have '{key}': id'et på publikationen, dokumentet, interviewet eller "
        "observationen, som ordene kommer fra, opført under sources: (- id: interview-1, "
        "kind: interview, title: ...); skriv så {key}: interview-1",
    ),
    "ref": (
        "{every} needs '{key}': write the id of {wanted} after it, e.g. {key}: {example}",
        "{every} behöver '{key}': skriv id:t för {wanted} efter den, t.ex. {key}: {example}",
        "{every} skal have '{key}': skriv id'et på {wanted} efter den, f.eks. {key}: {example}",
    ),
    "vocab": (
        "{every} needs '{key}': write {wanted}, e.g. {key}: {example}",
        "{every} behöver '{key}': skriv {wanted}, t.ex. {key}: {example}",
        "{every} skal have '{key}': skriv {wanted}, f.eks. {key}: {example}",
    ),
    "doc": (
        "{every} needs '{key}': {doc}",
        "{every} behöver '{key}': {doc}",
        "{every} skal have '{key}': {doc}",
    ),
}


def required_hint(spec: Field, part: Section, lang: str = "en", doc: str | None = None) -> str:
    """A plain sentence on what a required key needs, with an example; ``doc`` is the
    key's description in ``lang``."""
    values: dict[str, object] = {"every": every(part, lang), "key": spec.key}
    if spec.targets == ("sources",):
        which = "source"
    elif spec.type in ("ref", "refs") and spec.targets:
        which = "ref"
        values["wanted"] = wanted_target(spec, lang)
        values["example"] = SINGULAR[spec.targets[0]].replace(" ", "-") + "-1"
    elif spec.vocab:
        which = "vocab"
        values["wanted"] = wanted_target(spec, lang)
        values["example"] = VOCABULARY[spec.vocab[0]][0]
    else:
        which = "doc"
        text = doc or spec.doc
        values["doc"] = text[0].lower() + text[1:]
    english, swedish, danish = _REQUIRED[which]
    return {"sv": swedish, "da": danish}.get(lang, english).format(**values)
