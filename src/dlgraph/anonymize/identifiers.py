"""Personal identifiers inside any text: IRIs of persons, e-mail addresses, telephone numbers.

Percent-encoding is looked through (``Anna%20Svensson``, ``anna%40skola.se``) by reading
a decoded view of a string whose every character knows where it came from, so that a
replacement changes only the bytes of what it replaces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["DecodedView", "Identifiers", "Span", "fixed_parts", "phone_keys"]

_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_EMAIL = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+")
_PHONE = re.compile(r"\+?\d[\d\s().\-/]{4,}\d")
_IRI_BOUNDARY = frozenset("/#?&;,.)]'\"")
_MIN_PHONE_DIGITS = 6
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?://(?:[^/?#@]*@)?([^/?#:]*))?")


def fixed_parts(iri: str) -> list[tuple[int, int]]:
    """Where an IRI holds no name: its scheme and the top-level domain of its host.

    ``http`` stays ``http`` and ``.org`` stays ``.org`` beside a person called Http or Org.
    """
    match = _SCHEME.match(iri)
    if match is None:
        return []
    parts = [(0, match.start(1) if match.group(1) is not None else match.end())]
    if match.group(1):
        dot = iri.rfind(".", match.start(1), match.end(1))
        parts.append((dot + 1 if dot >= 0 else match.start(1), match.end(1)))
    return parts


@dataclass(frozen=True)
class Span:
    """A part of a decoded view to replace, and what to put there."""

    start: int
    end: int
    replacement: str


class DecodedView:
    """``raw`` with its percent-escapes decoded, each character mapped back to ``raw``."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._identity = "%" not in raw
        self.text = raw
        if self._identity:
            return
        chars: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        position = 0
        for match in _ESCAPES.finditer(raw):
            self._keep(raw, position, match.start(), chars)
            self._decode(raw, match.start(), match.end(), chars)
            position = match.end()
        self._keep(raw, position, len(raw), chars)
        self.text = "".join(chars)

    def _keep(self, raw: str, start: int, end: int, chars: list[str]) -> None:
        chars.extend(raw[start:end])
        self._starts.extend(range(start, end))
        self._ends.extend(range(start + 1, end + 1))

    def _decode(self, raw: str, start: int, end: int, chars: list[str]) -> None:
        data = bytes.fromhex(raw[start:end].replace("%", ""))
        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError:
            self._keep(raw, start, end, chars)
            return
        position = start
        for char in decoded:
            width = 3 * len(char.encode("utf-8"))
            chars.append(char)
            self._starts.append(position)
            self._ends.append(position + width)
            position += width

    def apply(self, spans: list[Span]) -> str:
        """``raw`` with the given spans of the view replaced (spans must not overlap)."""
        out, position = [], 0
        for span in sorted(spans, key=lambda s: s.start):
            start = span.start if self._identity else self._starts[span.start]
            out.append(self.raw[position:start])
            out.append(span.replacement)
            position = span.end if self._identity else self._ends[span.end - 1]
        out.append(self.raw[position:])
        return "".join(out)


def phone_keys(number: str) -> set[str]:
    """The digit strings a telephone number is written as: in full, and nationally."""
    digits = "".join(c for c in number if c.isdigit())
    keys = {digits}
    if number.strip().startswith("+"):
        for cut in (1, 2, 3):
            keys.update({digits[cut:], "0" + digits[cut:]})
    return {k for k in keys if len(k) >= _MIN_PHONE_DIGITS}


@dataclass
class Identifiers:
    """Known personal identifiers and their pseudonyms, found anywhere in a text."""

    iris: Mapping[str, str]
    """Person IRIs (and their aliases, homepages) to their new IRIs."""
    emails: Mapping[str, str]
    """E-mail addresses, case-folded, to pseudonymous addresses."""
    phones: Mapping[str, str]
    """Telephone numbers as digits (see :func:`phone_keys`) to pseudonymous numbers."""

    def spans(self, text: str) -> list[Span]:
        """Where ``text`` holds a known identifier, and its pseudonym; no spans overlap."""
        found: list[Span] = []
        for match in _IRI.finditer(text):
            found.extend(self._iri_spans(match.group(), match.start()))
        for match in _EMAIL.finditer(text):
            new = self.emails.get(match.group().casefold())
            if new is not None:
                found.append(Span(match.start(), match.end(), new))
        for match in _PHONE.finditer(text):
            digits = "".join(c for c in match.group() if c.isdigit())
            new = self.phones.get(digits)
            if new is not None:
                found.append(Span(match.start(), match.end(), new))
        return _without_overlaps(found)

    def _iri_spans(self, candidate: str, offset: int) -> list[Span]:
        for end in range(len(candidate), 0, -1):
            inside = end < len(candidate) and candidate[end] not in _IRI_BOUNDARY
            if inside and candidate[end - 1] not in "/#":
                continue
            new = self.iris.get(candidate[:end])
            if new is not None:
                return [Span(offset, offset + end, new)]
        return []


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
