"""The library of named SPARQL queries shipped in ``dlgraph/data/queries/*.rq``.

Each ``.rq`` file starts with a header of comment lines beginning ``#+`` that together
form a YAML mapping: ``title`` and ``description`` in ``en``, ``sv`` and ``da``, and
``parameters``, each with ``name`` (the SPARQL variable it binds), ``type`` (one of
:data:`PARAMETER_TYPES`), ``default`` (null leaves the variable free, so the query
covers everything), ``required`` and ``description``. Parameters reach the query as
bindings only.
"""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import yaml
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from dlgraph.errors import InputError, QueryError, UnknownNameError
from dlgraph.names import close_matches_hint
from dlgraph.ontology.labels import LANGUAGES
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.query.bindings import bind
from dlgraph.resources import iter_data_files

__all__ = [
    "PARAMETER_TYPES",
    "NamedQuery",
    "Parameter",
    "named_query",
    "parse_named_query",
    "queries",
]

PARAMETER_TYPES = ("iri", "string", "integer", "decimal", "boolean", "date", "datetime")
"""The types a named query's parameter can have."""

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_CURIE = re.compile(r"^([A-Za-z][\w.-]*)?:([\w.-]*)$")
_KINDS = re.compile(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query: the variable it binds and the type of its value."""

    name: str
    type: str
    default: Any = None
    required: bool = False
    description: str = ""

    def term(self, value: Any, namespaces: Mapping[str, str] | None = None) -> Identifier:
        """The RDF term for ``value`` (a Python value or its text, as the CLI gives it).

        An ``iri`` may be written in full or as a prefixed name (``dl:Principal``) with
        dlgraph's prefixes or ``namespaces``.
        """
        if isinstance(value, Identifier) and not isinstance(value, BNode):
            return value
        try:
            return _CONVERTERS[self.type](value, namespaces or {})
        except (ValueError, TypeError, decimal.InvalidOperation) as error:
            raise QueryError(
                f"parameter {self.name!r} needs a value of type {self.type}, not {value!r}",
                hint=_TYPE_HINTS[self.type],
            ) from error


def _iri(value: Any, namespaces: Mapping[str, str]) -> URIRef:
    text = str(value).strip()
    match = _CURIE.match(text)
    if match:
        prefix = match.group(1) or ""
        known = {**namespaces, **{k: str(v) for k, v in PREFIXES.items()}}
        if prefix in known:
            return URIRef(known[prefix] + match.group(2))
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if not _IRI.match(text):
        raise ValueError(text)
    return URIRef(text)


def _boolean(value: Any, namespaces: Mapping[str, str]) -> Literal:
    if isinstance(value, bool):
        return Literal(value)
    text = str(value).strip().lower()
    if text not in ("true", "false", "1", "0"):
        raise ValueError(text)
    return Literal(text in ("true", "1"))


def _integer(value: Any, namespaces: Mapping[str, str]) -> Literal:
    if isinstance(value, bool):
        raise TypeError(value)
    return Literal(int(str(value).strip()) if isinstance(value, str) else int(value))


def _date(value: Any, namespaces: Mapping[str, str]) -> Literal:
    if isinstance(value, datetime.datetime):
        raise TypeError(value)
    if isinstance(value, datetime.date):
        return Literal(value)
    return Literal(datetime.date.fromisoformat(str(value).strip()))


def _datetime(value: Any, namespaces: Mapping[str, str]) -> Literal:
    if isinstance(value, datetime.datetime):
        return Literal(value)
    return Literal(datetime.datetime.fromisoformat(str(value).strip()))


_CONVERTERS = {
    "iri": _iri,
    "string": lambda value, _: Literal(str(value)),
    "integer": _integer,
    "decimal": lambda value, _: Literal(decimal.Decimal(str(value)), datatype=XSD.decimal),
    "boolean": _boolean,
    "date": _date,
    "datetime": _datetime,
}

_TYPE_HINTS = {
    "iri": "give a full IRI (https://...) or a prefixed name such as dl:Principal",
    "string": "give any text",
    "integer": "give a whole number such as 3",
    "decimal": "give a number such as 2.5",
    "boolean": "give true or false",
    "date": "give a date as YYYY-MM-DD",
    "datetime": "give a date and time as YYYY-MM-DDTHH:MM:SS",
}


@dataclass(frozen=True)
class NamedQuery:
    """A named SPARQL query with its titles, descriptions and parameters."""

    name: str
    titles: Mapping[str, str] = field(hash=False, compare=False)
    descriptions: Mapping[str, str] = field(hash=False, compare=False)
    parameters: tuple[Parameter, ...]
    sparql: str
    kind: str
    """SELECT, ASK, CONSTRUCT or DESCRIBE."""

    @property
    def title(self) -> str:
        """The English title."""
        return self.titles["en"]

    @property
    def description(self) -> str:
        """The English description."""
        return self.descriptions["en"]

    def title_in(self, language: str) -> str:
        """The title in ``language`` (en, sv or da), falling back to English."""
        return self.titles.get(language, self.titles["en"])

    def description_in(self, language: str) -> str:
        """The description in ``language`` (en, sv or da), falling back to English."""
        return self.descriptions.get(language, self.descriptions["en"])

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``; UnknownNameError naming the close matches."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = [p.name for p in self.parameters]
        raise UnknownNameError(
            f"the query {self.name!r} has no parameter {name!r}",
            hint=close_matches_hint(name, known, f"parameters of {self.name}"),
        )

    def bindings(
        self, values: Mapping[str, Any], namespaces: Mapping[str, str] | None = None
    ) -> dict[str, Identifier]:
        """Bindings for the query from parameter values, with defaults filled in.

        Unknown names raise UnknownNameError, a missing required parameter QueryError.
        """
        for name in values:
            self.parameter(name)
        bound: dict[str, Identifier] = {}
        for parameter in self.parameters:
            value = values.get(parameter.name, parameter.default)
            if value is None:
                if parameter.required:
                    raise QueryError(
                        f"the query {self.name!r} needs the parameter {parameter.name!r}",
                        hint=f"{parameter.name} ({parameter.type}): {parameter.description}",
                    )
                continue
            bound[parameter.name] = parameter.term(value, namespaces)
        return bound

    def bind(self, values: Mapping[str, Any], namespaces: Mapping[str, str] | None = None) -> str:
        """The query text with ``values`` (and defaults) bound as a VALUES block of checked
        terms (:func:`dlgraph.query.bindings.bind`): the one text every path sends."""
        return bind(
            self.sparql, self.bindings(values, namespaces), source=f"named query {self.name}"
        )


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read one ``.rq`` file's header and query; InputError says what is wrong with it."""
    header_lines = [
        line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+")
    ]
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as error:
        raise InputError(f"named query {name}: its #+ header is not valid YAML: {error}") from error
    if not isinstance(header, dict):
        raise InputError(f"named query {name}: its #+ header must be a mapping")
    titles = _languages(name, header, "title")
    descriptions = _languages(name, header, "description")
    parameters = tuple(_parameter(name, item) for item in header.get("parameters") or [])
    kinds = _KINDS.search(re.sub(r"(?m)^\s*#.*$", "", text))
    if kinds is None:
        raise InputError(f"named query {name}: no SELECT, ASK, CONSTRUCT or DESCRIBE found")
    for parameter in parameters:
        if not re.search(rf"[?$]{re.escape(parameter.name)}\b", text):
            raise InputError(
                f"named query {name}: parameter {parameter.name!r} is not a variable of the query"
            )
    return NamedQuery(
        name=name,
        titles=MappingProxyType(titles),
        descriptions=MappingProxyType(descriptions),
        parameters=parameters,
        sparql=text,
        kind=kinds.group(1).upper(),
    )


def _languages(name: str, header: Mapping[str, Any], key: str) -> dict[str, str]:
    value = header.get(key)
    if not isinstance(value, dict) or any(
        not isinstance(value.get(lang), str) or not value[lang].strip() for lang in LANGUAGES
    ):
        raise InputError(f"named query {name}: {key} must be given in {', '.join(LANGUAGES)}")
    return {lang: " ".join(str(value[lang]).split()) for lang in value}


def _parameter(name: str, item: Any) -> Parameter:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise InputError(f"named query {name}: each parameter needs a name")
    kind = item.get("type", "string")
    if kind not in PARAMETER_TYPES:
        raise InputError(
            f"named query {name}: parameter {item['name']!r} has unknown type {kind!r}",
            hint=f"use one of: {', '.join(PARAMETER_TYPES)}",
        )
    return Parameter(
        name=item["name"],
        type=kind,
        default=item.get("default"),
        required=bool(item.get("required", False)),
        description=" ".join(str(item.get("description", "")).split()),
    )


@lru_cache(maxsize=1)
def queries() -> tuple[NamedQuery, ...]:
    """Every named query shipped with dlgraph, sorted by name."""
    found = (
        parse_named_query(node.name.removesuffix(".rq"), node.read_text(encoding="utf-8"))
        for node in iter_data_files("queries", ".rq")
    )
    return tuple(sorted(found, key=lambda query: query.name))


def named_query(name: str) -> NamedQuery:
    """The named query called ``name``; UnknownNameError naming the close matches."""
    for query in queries():
        if query.name == name:
            return query
    raise UnknownNameError(
        f"there is no named query {name!r}",
        hint=close_matches_hint(name, [q.name for q in queries()], "named queries"),
    )
