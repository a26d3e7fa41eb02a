"""Pseudonyms for persons, and what the privacy switch lets errors and reports show.

Exports :func:`anonymize` and :class:`Anonymization` (keyed pseudonyms for the names,
contact details and IRIs of persons). The switch itself (:mod:`dlgraph.privacy`) sits on
the bottom floor, because every reader's error messages consult it.
"""

from __future__ import annotations

from dlgraph.anonymize.pseudonyms import Anonymization, anonymize, read_key

__all__ = ["Anonymization", "anonymize", "read_key"]
