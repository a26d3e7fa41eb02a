"""Finding persons' names in running text and in IRIs, as Swedish, Danish and English write them.

Text is cut into pieces (runs of letters and digits, also cut where camelCase turns to a
capital), and each piece is compared NFC-normalised and case-folded, so that ``ANNA
SVENSSON``, ``annaSvensson``, ``anna_svensson``, ``Anna%20Svensson`` and an NFD ``Åsa``
are one name. A name may end in an inflection that Swedish and Danish put on names (the
genitive ``-s`` of ``Annas``/``Annes``, the plural and definite ``-arna``, ``-erna``,
``-erne``); English ``Anna's`` is a piece ``Anna`` followed by ``'s``. Diacritics may be
written out or dropped (``Öberg``, ``Oberg``, ``Oeberg``), as in addresses and slugs.

Matched are a person's whole names (any length, case-insensitively) and each given or
family name of three letters or more on its own (case-insensitively). A name of one or
two letters (``Bo``, ``Li``) matches on its own in running text only as the graph spells
it or in capitals, so the Swedish verb ``bo`` survives; it matches in any case when it is
the whole literal and inside IRIs (where slugs are lower case). Initials, particles and
suffixes (``J.``, ``von``, ``Jr.``) match only as part of a whole name. The parts of a name
match on their own only when the name is written as personal names are (every word
capitalised but particles, or all in lower case; no digits): ``Teacher 1.0.2`` and
``School nurse N (pseudonym)`` (roles the graph gives as names) match only whole, so
``teacher`` and ``school`` stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

__all__ = [
    "MIN_CASELESS",
    "Hit",
    "NameIndex",
    "Piece",
    "fold_variants",
    "key_of",
    "pieces",
]

MIN_CASELESS = 3
"""A name of fewer letters matches in running text only as the graph spells it (or in capitals)."""

SUFFIXES = ("arnas", "ernas", "ernes", "arna", "erna", "erne", "s")
"""Inflections of names in Swedish and Danish (genitive, plural, definite), longest first."""

NOT_ALONE = frozenset(
    {"af", "av", "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos"}
    | {"la", "le", "zu", "ter", "ten", "jr", "sr", "ii", "iii", "iv", "mr", "mrs", "ms"}
    | {"dr", "prof", "fru", "herr"}
)
"""Parts of names that are not names on their own; they match only inside a whole name."""

_SEPARATOR = re.compile(r"[\s.\-_+~(),'’]{0,4}")
_FOLDS = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "ð": "d", "đ": "d", "þ": "th", "ł": "l"})
_DOUBLES = str.maketrans({"å": "aa", "ä": "ae", "ö": "oe", "ø": "oe", "æ": "ae", "ü": "ue"})


@dataclass(frozen=True)
class Piece:
    """A run of letters and digits in a text: where it is, and its comparable key."""

    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True)
class Hit:
    """A name found in a text: the span of the name (without its inflection) and whose it is."""

    start: int
    end: int
    """End of the name itself; an inflection (``s`` of ``Annas``) follows up to ``word_end``."""
    word_end: int
    owners: frozenset[int]
    key: str
    """The matched name, normalised (to key a pseudonym for a name several persons share)."""


def key_of(text: str) -> str:
    """The form two spellings of a name share: NFC-normalised and case-folded."""
    return unicodedata.normalize("NFC", text).casefold()


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def pieces(text: str) -> Iterator[Piece]:
    """The runs of letters and digits of ``text``, cut also where camelCase turns capital."""
    start = None
    for index, char in enumerate(text + " "):
        inside = index < len(text) and _in_word(char)
        if inside and start is not None and char.isupper() and text[index - 1].islower():
            yield Piece(start, index, text[start:index], key_of(text[start:index]))
            start = index
        elif inside and start is None:
            start = index
        elif not inside and start is not None:
            yield Piece(start, index, text[start:index], key_of(text[start:index]))
            start = None


def _letters(key: str) -> int:
    return sum(1 for char in key if char.isalpha())


def fold_variants(key: str) -> tuple[str, str, str]:
    """``key`` as written, without diacritics and with them written out (``öberg``, ``oberg``,
    ``oeberg``)."""

    def plain(text: str) -> str:
        decomposed = unicodedata.normalize("NFD", text.translate(_FOLDS))
        return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))

    return key, plain(key), plain(key.translate(_DOUBLES))


def _personal(parts: list[Piece]) -> bool:
    """Whether a name is written as personal names are: letters only, each word capitalised
    (particles aside) or all of them in lower case."""
    if not all(p.key.isalpha() for p in parts):
        return False
    return all(p.text[0].isupper() or p.key in NOT_ALONE for p in parts) or all(
        p.text.islower() for p in parts
    )


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    owners: set[int] = field(default_factory=set)
    spellings: set[str] | None = None
    """For a short name on its own: the spellings that match in running text."""


class NameIndex:
    """The names of the persons of a graph, to find in texts and IRIs (see the module)."""

    def __init__(self) -> None:
        self._root = _Node()

    def add(self, owner: int, name: str) -> None:
        """Let ``name`` (a whole name of person ``owner``) and its parts be found."""
        parts = [p for p in pieces(unicodedata.normalize("NFC", name)) if p.key]
        if not parts:
            return
        keys = [p.key for p in parts]
        if len(keys) > 1 or _letters(keys[0]) > 1:
            for variants in set(zip(*(fold_variants(k) for k in keys), strict=True)):
                self._insert(owner, list(variants), None if len(keys) > 1 else parts[0].text)
        for joined in set(fold_variants(key_of("".join(keys)))) if len(keys) > 1 else ():
            self._insert(owner, [joined], None)
        personal = _personal(parts)
        for part in parts if len(parts) > 1 and personal else ():
            if part.key in NOT_ALONE or _letters(part.key) < 2:
                continue
            for variant in set(fold_variants(part.key)):
                self._insert(owner, [variant], part.text)

    def _insert(self, owner: int, keys: list[str], spelling: str | None) -> None:
        node = self._root
        for key in keys:
            node = node.children.setdefault(key, _Node())
        node.owners.add(owner)
        if len(keys) == 1 and _letters(keys[0]) < MIN_CASELESS and spelling is not None:
            node.spellings = (node.spellings or set()) | {spelling, spelling.upper()}

    def find(self, text: str, *, caseless: bool = False) -> tuple[list[Hit], int]:
        """The names in ``text``, and how many short names were left for their case.

        ``caseless`` lets short names match in any case (for IRIs); a text that is one
        word is always matched so.
        """
        found = list(pieces(text))
        caseless = caseless or len(found) == 1
        hits: list[Hit] = []
        skipped = 0
        index = 0
        while index < len(found):
            hit, short = self._longest(text, found, index, caseless)
            skipped += short
            if hit is None:
                index += 1
                continue
            hits.append(hit[0])
            index = hit[1]
        return hits, skipped

    def _longest(
        self, text: str, found: list[Piece], first: int, caseless: bool
    ) -> tuple[tuple[Hit, int] | None, int]:
        node, best, short = self._root, None, 0
        for index in range(first, len(found)):
            piece = found[index]
            if index > first and not _SEPARATOR.fullmatch(text[found[index - 1].end : piece.start]):
                break
            for stem_end, stem_key, target in self._stems(node, piece):
                if not target.owners:
                    continue
                written = unicodedata.normalize("NFC", text[piece.start : stem_end])
                spelled = target.spellings is None or written in target.spellings
                if not spelled and index == first and not caseless:
                    short = 1
                    continue
                keys = [p.key for p in found[first:index]] + [stem_key]
                hit = Hit(
                    found[first].start,
                    stem_end,
                    piece.end,
                    frozenset(target.owners),
                    " ".join(keys),
                )
                best = (hit, index + 1)
                short = 0
                break
            following = node.children.get(piece.key)
            if following is None:
                break
            node = following
        return best, short

    @staticmethod
    def _stems(node: _Node, piece: Piece) -> Iterable[tuple[int, str, _Node]]:
        """Where ``piece`` could end as a name under ``node``: whole, or without an inflection."""
        whole = node.children.get(piece.key)
        if whole is not None:
            yield piece.end, piece.key, whole
        for suffix in SUFFIXES:
            if len(piece.key) <= len(suffix) + 1 or not piece.key.endswith(suffix):
                continue
            target = node.children.get(piece.key[: -len(suffix)])
            if target is None:
                continue
            written = piece.text[-len(suffix) :]
            cut = piece.end - len(suffix) if key_of(written) == suffix else piece.end
            yield cut, piece.key[: -len(suffix)], target
