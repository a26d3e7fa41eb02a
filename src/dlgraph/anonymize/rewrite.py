"""Rewrite any string of a graph (a literal's text, an IRI) so that no person in it is named.

Known identifiers (person IRIs and their aliases, e-mail addresses, telephone numbers) are
replaced first, then every name the :class:`~dlgraph.anonymize.matching.NameIndex` finds.
A string is NFC-normalised before it is searched; a string that changes is written NFC,
one that does not is kept byte for byte.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable

from dlgraph.anonymize.identifiers import DecodedView, Identifiers, Span, fixed_parts
from dlgraph.anonymize.matching import Hit, NameIndex

__all__ = ["Labeller", "Rewriter"]


_MASK = "\x00"
"""Stands in for what is no name; no name runs across it (it is no separator)."""

Labeller = Callable[[Hit, bool], str]
"""The pseudonym for a name found (``True``: for inside an IRI)."""


class Rewriter:
    """Rewrites strings, remembering each answer, and counts what it had to leave."""

    def __init__(self, index: NameIndex, label: Labeller) -> None:
        self.index = index
        self.identifiers = Identifiers({}, {}, {})
        self._label = label
        self._texts: dict[tuple[str, str | None], tuple[str | None, int]] = {}
        self._iris: dict[str, str | None] = {}
        self.short_left: Counter[str] = Counter()
        """Lower-case words equal to a short name (``bo``), per where they were."""

    def text(self, raw: str, lang: str | None, where: str) -> str | None:
        """``raw`` rewritten, or None when it names no one (``where`` counts what was left)."""
        cached = self._texts.get((raw, lang))
        if cached is None:
            cached = self._rewrite(raw, lang)
            self._texts[(raw, lang)] = cached
        if cached[1]:
            self.short_left[where] += cached[1]
        return cached[0]

    def iri(self, raw: str) -> str | None:
        """``raw`` (an IRI) rewritten, or None when it names no one."""
        if raw not in self._iris:
            self._iris[raw] = self._rewrite(raw, None, iri=True)[0]
        return self._iris[raw]

    def _rewrite(self, raw: str, lang: str | None, *, iri: bool = False) -> tuple[str | None, int]:
        view = DecodedView(unicodedata.normalize("NFC", raw))
        text = view.text
        spans = self.identifiers.spans(text)
        masked = list(text)
        for start, end in fixed_parts(text) if iri else ():
            masked[start:end] = _MASK * (end - start)
        for span in spans:
            masked[span.start : span.end] = _MASK * (span.end - span.start)
        hits, short = self.index.find("".join(masked), caseless=iri)
        joiner = "'" if (lang or "").lower()[:2] in ("en", "da") else ":"
        for hit in hits:
            label = self._label(hit, iri)
            if hit.end < hit.word_end and not iri:
                label += joiner
            spans.append(Span(hit.start, hit.end, label))
        if not spans:
            return None, short
        return unicodedata.normalize("NFC", view.apply(spans)), short
