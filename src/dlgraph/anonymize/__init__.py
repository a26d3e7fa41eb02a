"""Pseudonyms for persons, and what the privacy switch lets errors and reports show.

Exports :func:`anonymize` and :class:`Anonymization` (one keyed pseudonym per person,
put in place of its names, contact details and IRIs in every literal and IRI of a graph;
:mod:`~dlgraph.anonymize.matching` finds the names, :mod:`~dlgraph.anonymize.identifiers`
the IRIs, addresses and numbers, :mod:`~dlgraph.anonymize.leftovers` counts what is left).
The switch itself (:mod:`dlgraph.privacy`) sits on
the bottom floor, because every reader's error messages consult it.
"""

from __future__ import annotations

from dlgraph.anonymize.pseudonyms import Anonymization, anonymize, read_key

__all__ = ["Anonymization", "anonymize", "read_key"]
