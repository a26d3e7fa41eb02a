"""What an anonymised graph may still name: counted for the summary, words kept apart.

Five kinds are counted, per property: lower-case words equal to a short name that were
left as ordinary words (``bo``); capitalised words inside running text that are not at the
start of a sentence and that the graph does not give as a name or label (possible names
of people the graph does not describe); and, as a check of the rewriting itself, names of
persons found again in the output (this should stay at zero); and names inside binary
values (``xsd:base64Binary``, ``xsd:hexBinary``) and language tags (``sv-x-anna``),
which are not rewritten.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from dlgraph.anonymize.identifiers import fixed_parts
from dlgraph.anonymize.matching import NameIndex, pieces

__all__ = [
    "BINARY_NAMES",
    "KNOWN_NAMES_LEFT",
    "POSSIBLE_NAMES",
    "SHORT_NAMES_LEFT",
    "TAG_NAMES",
    "Leftovers",
    "label_words",
]

SHORT_NAMES_LEFT = "lower-case words equal to a short name, kept as words"
POSSIBLE_NAMES = "capitalised words the graph does not give as a name"
KNOWN_NAMES_LEFT = "names of persons still found (please report)"
BINARY_NAMES = "names inside binary values, not rewritten"
TAG_NAMES = "names inside language tags, not rewritten"
_SENTENCE_END = frozenset(".!?:;\"'«»“”„–—()[]•*-\n")


def label_words(texts: Iterable[str]) -> set[str]:
    """The words (normalised) of the given labels: words that name things, not people."""
    return {piece.key for text in texts for piece in pieces(text)}


def _capitalised(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and word[0].isupper() and word[1:].islower()


class Leftovers:
    """Counts what may still name someone in the output, and keeps the words apart."""

    def __init__(self, index: NameIndex, known_words: set[str]) -> None:
        self._index = index
        self._known = known_words | {"person"}
        self.counts: Counter[str] = Counter()
        self.words: set[str] = set()

    def add(self, kind: str, where: str, count: int) -> None:
        """Count ``count`` of ``kind`` in ``where`` (a property or "IRIs")."""
        if count:
            self.counts[f"{kind} ({where})"] += count

    def check(self, text: str, where: str, *, iri: bool = False, running: bool = False) -> None:
        """Count the persons' names still in ``text``, and possible names in running text."""
        masked = list(text)
        for start, end in fixed_parts(text) if iri else ():
            masked[start:end] = "\x00" * (end - start)
        hits, _ = self._index.find("".join(masked), caseless=iri)
        self.add(KNOWN_NAMES_LEFT, where, len(hits))
        self.words.update(text[hit.start : hit.end] for hit in hits)
        if running:
            self._possible_names(text, where)

    def check_tag(self, tag: str, where: str) -> None:
        """Count the persons' names inside a language tag (``sv-x-anna``): tags are kept."""
        hits, _ = self._index.find(tag, caseless=True)
        self.add(TAG_NAMES, where, len(hits))
        self.words.update(tag[hit.start : hit.end] for hit in hits)

    def check_bytes(self, value: object, where: str) -> None:
        """Count the persons' names inside a binary value (``xsd:base64Binary``, ``hexBinary``)."""
        if isinstance(value, bytes):
            text = value.decode("utf-8", errors="replace")
            hits, _ = self._index.find(text, caseless=True)
            self.add(BINARY_NAMES, where, len(hits))
            self.words.update(text[hit.start : hit.end] for hit in hits)

    def _possible_names(self, text: str, where: str) -> None:
        found = 0
        previous_end = None
        for piece in pieces(text):
            gap = text[previous_end : piece.start] if previous_end is not None else None
            previous_end = piece.end
            if gap is None or _SENTENCE_END & set(gap):
                continue
            if _capitalised(piece.text) and piece.key not in self._known:
                found += 1
                self.words.add(piece.text)
        self.add(POSSIBLE_NAMES, where, found)
