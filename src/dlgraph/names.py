"""Suggest the known name a mistyped one was probably meant to be."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["close_matches", "close_matches_hint"]


def close_matches(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` names from ``known`` that look like ``name``, best first."""
    return difflib.get_close_matches(name, list(known), n=n, cutoff=0.5)


def close_matches_hint(
    name: str,
    known: Iterable[str],
    what: str = "known names",
    shown: Iterable[str] | None = None,
) -> str:
    """A hint naming the close matches of ``name`` (if any) and the known names.

    ``shown`` lists the names to print when it differs from the names matched against
    (e.g. formats matched by alias too but listed by their own name).
    """
    candidates = sorted(set(known))
    close = close_matches(name, candidates)
    options = sorted(set(shown)) if shown is not None else candidates
    listed = ", ".join(options) if len(options) <= 20 else ", ".join(options[:20]) + ", ..."
    prefix = f"did you mean {' or '.join(close)}? " if close else ""
    return f"{prefix}{what}: {listed}" if options else f"there are no {what}"
