"""Whether messages and reports may show the values in the data (names, quotes, ...).

Organisation graphs hold personal data. By default an error message does not quote the
text of a string literal where a parse failed, and a validation report does not print
literal values; :func:`show_values` (the CLI's ``--show-values``) lets them through.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["redact_literal", "redact_token", "set_show_values", "show_values", "showing_values"]

_state = {"show": False}


def showing_values() -> bool:
    """Whether values from the data may appear in messages and reports."""
    return _state["show"]


def set_show_values(enabled: bool) -> None:
    """Let values from the data appear in messages and reports (or stop them)."""
    _state["show"] = enabled


@contextmanager
def show_values(enabled: bool = True) -> Iterator[None]:
    """Within the block, values from the data may appear in messages and reports."""
    before = _state["show"]
    _state["show"] = enabled
    try:
        yield
    finally:
        _state["show"] = before


_STRING = re.compile(r"""("{3}|'{3}|"|')""")


def redact_token(token: str | None) -> str | None:
    """A token from a document, with the content of a string literal in it hidden."""
    if token is None or showing_values():
        return token
    match = _STRING.search(token)
    if match is None:
        return token
    return f"{token[: match.end()]}…"


_HIDDEN = {
    "en": "(a literal of {count} characters; --show-values shows it)",
    "sv": "(en litteral med {count} tecken; --show-values visar den)",
    "da": "(en litteral på {count} tegn; --show-values viser den)",
}
"""The stand-in for a hidden value, by language."""


def redact_literal(text: str, lang: str = "en") -> str:
    """The text of a literal value, or a stand-in in ``lang`` saying how long it is."""
    if showing_values():
        return text
    return _HIDDEN.get(lang, _HIDDEN["en"]).format(count=len(text))
