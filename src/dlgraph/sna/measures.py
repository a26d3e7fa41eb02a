"""The measures of a group's network and of the spread of its leadership acts.

Each measure is a plain function of counts, written out here rather than taken from
networkx so that the formula is the one the README documents (Freeman's indegree
centralization normalised by (n−1)², as UCINET does). A measure that is undefined for
the group (fewer than two members, no ties, no acts) is ``None`` with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "Measure",
    "density",
    "gini",
    "indegree_centralization",
    "reciprocity",
    "share",
]


@dataclass(frozen=True)
class Measure:
    """A value, or ``None`` and the reason it is undefined."""

    value: float | None
    reason: str | None = None


_FEW = "fewer than two members"


def density(members: int, ties: int) -> Measure:
    """m / (n(n−1)): the share of the possible directed ties that exist."""
    if members < 2:
        return Measure(None, _FEW)
    return Measure(ties / (members * (members - 1)))


def reciprocity(ties: Sequence[tuple[object, object]]) -> Measure:
    """The share of ties whose reverse tie exists too."""
    present = set(ties)
    if not present:
        return Measure(None, "no ties")
    mutual = sum(1 for a, b in present if (b, a) in present)
    return Measure(mutual / len(present))


def indegree_centralization(indegrees: Mapping[object, int]) -> Measure:
    """Σ(max in-degree − in-degree) / (n−1)² (Freeman 1978/79, UCINET's normalisation).

    1 for a star whose centre everyone seeks out, 0 when all are sought alike.
    """
    n = len(indegrees)
    if n < 2:
        return Measure(None, _FEW)
    top = max(indegrees.values())
    return Measure(sum(top - d for d in indegrees.values()) / (n - 1) ** 2)


def gini(counts: Sequence[int]) -> Measure:
    """The Gini coefficient of ``counts``: 0 when all have as many, near 1 when one has all.

    Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄), computed over sorted counts in linear time.
    """
    n = len(counts)
    if n == 0:
        return Measure(None, "no members")
    total = sum(counts)
    if total == 0:
        return Measure(None, "no acts")
    ordered = sorted(counts)
    weighted = sum((2 * (i + 1) - n - 1) * x for i, x in enumerate(ordered))
    return Measure(weighted / (n * total))


def share(part: int, whole: int, reason: str) -> Measure:
    """part / whole, or undefined with ``reason`` when ``whole`` is 0."""
    if whole == 0:
        return Measure(None, reason)
    return Measure(part / whole)
