"""Read case studies written in the researcher format (YAML with CSV lists, or one Excel
workbook with a sheet per list, read by :mod:`dlgraph.authoring.book`) into RDF.

A case file is checked against :mod:`dlgraph.authoring.format` (keys, value types,
references between items), with errors that name the file, line and key. The checked case
becomes a JSON-LD document under the context shipped in ``data/context/dlgraph-case.jsonld``,
which rdflib parses offline: the context, not this module, maps keys to the ontology.
What this module adds is only what a context cannot say: the item's ``kind`` becomes its
``@type`` (with the section's default), dates become OWL-Time instants, ``START/END``
becomes an interval, a quote's text is tagged with its language, and CSV rows become
items.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from rdflib import Graph, Namespace

from dlgraph.authoring import files, labels, tables
from dlgraph.authoring.book import BookReader, book_language
from dlgraph.authoring.descriptions import describe
from dlgraph.authoring.format import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    METADATA,
    SECTIONS,
    VOCABULARY,
    Field,
    Section,
    context_terms,
    vocabulary_targets,
)
from dlgraph.authoring.items import Item, Raw, Where
from dlgraph.authoring.messages import (
    SINGULAR,
    article,
    category_noun,
    expected,
    id_hint,
    noun,
    required_hint,
    suggest,
    valid_names,
    wanted_target,
    yaml_hint,
)
from dlgraph.authoring.placed import Written, case_document, case_places, instant
from dlgraph.authoring.rows import is_table_file
from dlgraph.authoring.words import message_language, say, yaml_language
from dlgraph.errors import AuthoringError, LimitExceeded
from dlgraph.limits import DEFAULT_MAX_BYTES, check_yaml_depth
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.places import SourcePlaces

__all__ = [
    "PROBLEM_LIMIT",
    "case_language",
    "case_problems",
    "case_to_graph",
    "case_to_jsonld",
    "load_case",
    "load_case_text",
    "load_placed_case",
]

_ID = re.compile(ID_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_TAG_NAMES = {
    _INT: "a_number",
    "tag:yaml.org,2002:float": "a_number",
    "tag:yaml.org,2002:bool": "true_false",
    _TIMESTAMP: "a_date_found",
    _NULL: "nothing",
    _STR: "text_found",
}

PROBLEM_LIMIT = 100
"""How many problems of one case are reported; those beyond are counted."""

_SECTIONS = {s.key: s for s in SECTIONS}
_METADATA = {m.key: m for m in METADATA}
_TOP_KEYS = tuple(_METADATA) + tuple(_SECTIONS)
_BUILTIN = {name: category for category, names in VOCABULARY.items() for name in names}


# ------------------------------------------------------------------------------------
# Public API
# ------------------------------------------------------------------------------------


def load_case(
    path: str | Path,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    allow_outside: bool | None = None,
    lang: str | None = None,
) -> Graph:
    """Read a case file (``.yaml``/``.yml``, with the CSV files and sheets it names) or a
    whole case as one workbook (``.xlsx``: a sheet ``case`` and a sheet per list) into a
    Graph.

    Raises :class:`~dlgraph.AuthoringError` naming the file, line and key of the first
    problem (an unknown key, a wrong type, a reference to an undefined item), worded in
    ``lang`` (en, sv or da; default: the case's own ``language:`` when it is one of them,
    see :mod:`dlgraph.authoring.words`). The case file and the files it names count
    together against ``max_bytes`` (:class:`~dlgraph.LimitExceeded` past it); those files
    must lie in the case's folder unless ``allow_outside`` is True (None: as
    :func:`~dlgraph.authoring.files.allow_outside` or ``--allow-outside`` says, else not).
    """
    reader = _Reader.from_path(Path(path), max_bytes, allow_outside, lang)
    return _raise_first(reader).graph()


def load_case_text(
    text: str,
    *,
    source_name: str = "<string>",
    base_dir: str | Path | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    allow_outside: bool | None = None,
    lang: str | None = None,
) -> Graph:
    """Read a case given as YAML text; CSV files it names are read from ``base_dir``.

    ``source_name`` is the name errors give for the text; ``base_dir`` defaults to the
    current folder; ``max_bytes``, ``allow_outside`` and ``lang`` as for :func:`load_case`.
    """
    folder = Path(base_dir) if base_dir is not None else Path.cwd()
    budget = files.Budget(max_bytes)
    budget.take(len(text.encode("utf-8")), source_name)
    reader = _Reader(text, source_name, folder, budget, allow_outside, lang=lang)
    return _raise_first(reader).graph()


def load_placed_case(
    path: str | Path,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    allow_outside: bool | None = None,
    lang: str | None = None,
) -> tuple[Graph, SourcePlaces]:
    """Read a case file like :func:`load_case`, with where each of its items and values
    was written (for findings that name the file, line and key; a workbook's sheet, row
    and cell)."""
    reader = _Reader.from_path(Path(path), max_bytes, allow_outside, lang)
    return _raise_first(reader).placed_graph()


def case_to_graph(path: str | Path, *, allow_outside: bool | None = None) -> Graph:
    """The RDF graph of a case file: what ``dlgraph convert case.yaml -o case.ttl`` writes."""
    return load_case(path, allow_outside=allow_outside)


def case_to_jsonld(path: str | Path, *, allow_outside: bool | None = None) -> dict[str, Any]:
    """The JSON-LD document a case file becomes, with the shipped context inlined."""
    return _raise_first(_Reader.from_path(Path(path), allow_outside=allow_outside)).document()


def case_problems(
    path: str | Path, *, allow_outside: bool | None = None, lang: str | None = None
) -> list[AuthoringError]:
    """Every problem of a case file (an empty list when it is fine), in file order,
    worded in ``lang`` as in :func:`load_case`."""
    return _Reader.from_path(Path(path), allow_outside=allow_outside, lang=lang).check()


def case_language(path: str | Path) -> str | None:
    """The ``language:`` a case file (YAML) or case workbook declares, read without
    checking the case; None when it declares none or cannot be read."""
    file = Path(path)
    try:
        if file.suffix.lower() == ".xlsx":
            budget = files.Budget(DEFAULT_MAX_BYTES)
            files.check_workbook(file, "case workbook", str(file), str(file), budget)
            return book_language(file, tables.sheet_titles(file))
        with files.open_regular(file, "case file", str(file)) as stream:
            data = b"".join(files.Budget(DEFAULT_MAX_BYTES).reader(stream, str(file)))
        return yaml_language(data.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tables.SheetProblem, files.FileRefused, LimitExceeded):
        return None


def _raise_first(reader: _Reader) -> _Reader:
    """The reader of a case without problems; else the first problem, holding them all."""
    problems = reader.check()
    if problems:
        first = problems[0]
        hint = first.hint
        count = len(problems) - 1 + reader.omitted
        if count:
            more = say("more_problems", reader.lang, count=count)
            hint = f"{hint}\n{more}" if hint else more
        raise AuthoringError(
            first.problem,
            source=first.source,
            line=first.line,
            column=first.column,
            key=first.key,
            hint=hint,
            row=first.row,
            cell=first.cell,
            lang=reader.lang,
            problems=problems,
            omitted=reader.omitted,
        )
    return reader


# ------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------


_Where = Where
_Raw = Raw
_Item = Item


class _Reader(BookReader):
    """Reads one case: structure, ids, values and references, collecting problems."""

    def __init__(
        self,
        text: str,
        name: str,
        folder: Path,
        budget: files.Budget | None = None,
        allow_outside: bool | None = None,
        book: Path | None = None,
        lang: str | None = None,
    ) -> None:
        self.text = text
        self.asked = lang
        self.lang = message_language(yaml_language(text), lang)
        self.book = book
        self._top_where = _Where(name, 1, 1)
        self.name = name
        self.folder = folder
        self.budget = budget if budget is not None else files.Budget(DEFAULT_MAX_BYTES)
        self.budget.lang = self.lang
        self.allow_outside = allow_outside
        self.problems: list[AuthoringError] = []
        self.omitted = 0
        self.meta: dict[str, Any] = {}
        self.items: list[_Item] = []
        self.ids: dict[str, _Item] = {}
        self._checked = False

    @classmethod
    def from_path(
        cls,
        path: Path,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        allow_outside: bool | None = None,
        lang: str | None = None,
    ) -> _Reader:
        words = message_language(None, lang)
        if path.suffix.lower() == ".csv":
            raise AuthoringError(
                say("csv_not_case", words),
                source=path,
                hint=say("csv_not_case_hint", words),
            )
        budget = files.Budget(max_bytes, lang=words)
        if path.suffix.lower() == ".xlsx":
            return cls("", str(path), path.parent, budget, allow_outside, book=path, lang=lang)
        try:
            with files.open_regular(path, "case file", str(path), words) as stream:
                data = b"".join(budget.reader(stream, str(path)))
            text = data.decode("utf-8-sig")
        except FileNotFoundError as error:
            raise AuthoringError(say("no_case_file", words), source=path) from error
        except files.FileRefused as refused:
            raise AuthoringError(refused.message, source=path, hint=refused.hint) from None
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else say("not_utf8_text", words)
            message = say("cannot_read_case", words, error=reason)
            raise AuthoringError(message, source=path) from error
        return cls(text, str(path), path.parent, budget, allow_outside, lang=lang)

    # --- problems ---------------------------------------------------------------------

    def fail(self, where: _Where, key: str | None, message: str, hint: str | None = None) -> None:
        if len(self.problems) >= PROBLEM_LIMIT:
            self.omitted += 1
            return
        if key is not None and not self._shows(key, where):
            key = "…"  # an unknown key or column: the file's text, not the format's
        self.problems.append(
            AuthoringError(
                message,
                source=where.file,
                line=where.line,
                column=where.column,
                key=key,
                hint=hint,
                row=where.row,
                cell=where.cell,
                lang=self.lang,
            )
        )

    def say(self, message: str, /, **values: object) -> str:
        """The message ``message`` in the language of this case."""
        return say(message, self.lang, **values)

    def _where(self, node: yaml.Node) -> _Where:
        mark = node.start_mark
        return _Where(self.name, mark.line + 1, mark.column + 1)

    # --- the passes ---------------------------------------------------------------------

    def check(self) -> list[AuthoringError]:
        if not self._checked:
            self._checked = True
            if self.book is not None:
                self._read_book(self.book)
            else:
                root = self._compose()
                if root is None:
                    return self.problems
                self._read_top(root)
            self._register_ids()
            for item in self.items:
                self._read_values(item)
        return self.problems

    def _compose(self) -> yaml.MappingNode | None:
        check_yaml_depth(self.text, self.name)
        try:
            root = yaml.compose(io.StringIO(self.text), Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = (
                _Where(self.name, mark.line + 1, mark.column + 1)
                if mark
                else _Where(self.name, None)
            )
            reason = error.problem or error.context or "not valid YAML"
            lines = self.text.splitlines()
            text = lines[mark.line] if mark and mark.line < len(lines) else ""
            hint = yaml_hint(reason, text, mark.line + 1, self.lang) if mark else None
            message = "not_yaml_at" if hint and mark else "not_yaml"
            line = mark.line + 1 if mark else None
            self.fail(where, None, self.say(message, reason=reason, line=line), hint)
            return None
        except yaml.YAMLError as error:
            self.fail(_Where(self.name, None), None, self.say("not_yaml", reason=error))
            return None
        if root is None:
            self.fail(
                _Where(self.name, 1, 1),
                None,
                self.say("empty_case"),
                hint=self.say("empty_case_hint"),
            )
            return None
        if not isinstance(root, yaml.MappingNode):
            self.fail(self._where(root), None, self.say("not_mapping"))
            return None
        return root

    def _pairs(self, node: yaml.MappingNode) -> Iterator[tuple[str, yaml.Node, _Where]]:
        """The (key, value) pairs of a mapping; reports non-text and duplicate keys."""
        seen: dict[str, _Where] = {}
        for key_node, value_node in node.value:
            where = self._where(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.fail(where, None, self.say("plain_key"))
                continue
            key = key_node.value
            if key in seen:
                self.fail(
                    where,
                    key,
                    self.say("duplicate_key", key=self._q(key, where)),
                    hint=self.say("first_given", line=seen[key].line),
                )
                continue
            seen[key] = where
            yield key, value_node, where

    def _read_top(self, root: yaml.MappingNode) -> None:
        present: dict[str, _Where] = {}
        for key, value, where in self._pairs(root):
            if key in _METADATA:
                present[key] = self._where(value)
                self._read_meta(_METADATA[key], _Raw(value, self._where(value)))
            elif key in _SECTIONS:
                self._read_section(_SECTIONS[key], value)
            else:
                hint = suggest(key, _TOP_KEYS, self.lang)
                self.fail(where, key, self.say("unknown_key", key=self._q(key, where)), hint=hint)
        self._check_meta(present)

    def _read_meta(self, spec: Field, raw: _Raw) -> None:
        """One key of the case's own (``case``, ``base``, ``language`` ...)."""
        if _is_null(raw) or (isinstance(raw.node, str) and not raw.node.strip()):
            if spec.required:
                doc = describe(spec.doc, self.lang)
                self.fail(raw.where, spec.key, self.say("no_value", key=spec.key), doc)
            return
        converted = self._convert(spec, raw, None)
        if converted is not None:
            self.meta[spec.key] = converted

    def _check_meta(self, present: dict[str, _Where]) -> None:
        """The case's own keys once all are read: none missing, a usable base."""
        for meta in METADATA:
            if meta.required and meta.key not in present:
                message = self.say("missing_key", key=meta.key)
                self.fail(self._top_where, meta.key, message, describe(meta.doc, self.lang))
        base = self.meta.get("base")
        if isinstance(base, str) and not _is_base(base):
            self.fail(
                present["base"],
                "base",
                self.say("bad_base", base=base),
                hint=self.say("bad_base_hint"),
            )
            del self.meta["base"]

    def _read_section(self, part: Section, node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return
        is_text = isinstance(node, yaml.ScalarNode) and node.tag == _STR
        if is_text and is_table_file(str(node.value)):
            self._read_table_file(part, str(node.value), self._where(node))
            return
        if not isinstance(node, yaml.SequenceNode):
            self.fail(
                self._where(node),
                part.key,
                self.say("section_not_list", key=part.key),
            )
            return
        for index, item_node in enumerate(node.value, start=1):
            label = f"{part.key}[{index}]"
            is_text = isinstance(item_node, yaml.ScalarNode) and item_node.tag == _STR
            if is_text and is_table_file(str(item_node.value)):
                self._read_table_file(part, str(item_node.value), self._where(item_node))
                continue
            if not isinstance(item_node, yaml.MappingNode):
                self.fail(
                    self._where(item_node),
                    part.key,
                    self.say("entry_not_mapping", label=label),
                )
                continue
            item = _Item(part, label, self._where(item_node))
            for key, value, where in self._pairs(item_node):
                if part.field(key) is None:
                    self._unknown(part, key, where, label)
                    continue
                item.raw[key] = _Raw(value, self._where(value))
            self.items.append(item)

    def _unknown(self, part: Section, key: str, where: _Where, label: str) -> None:
        keys = [f.key for f in part.all_fields]
        hint = suggest(key, keys, self.lang) or self.say(
            "keys_are", section=part.key, keys=", ".join(keys)
        )
        self.fail(
            where, key, self.say("unknown_key_in", key=self._q(key, where), label=label), hint=hint
        )

    def _register_ids(self) -> None:
        reserved = context_terms()
        vocabulary_ids = vocabulary_targets()
        for item in self.items:
            raw = item.raw.get("id")
            if raw is None:
                if item.section.id_required:
                    self.fail(
                        item.where,
                        "id",
                        self.say("no_id", label=item.label),
                        hint=self.say(
                            "give_id",
                            example=SINGULAR[item.section.key].replace(" ", "-") + "-1",
                        ),
                    )
                continue
            value = self._convert(item.section.all_fields[0], raw, item)
            if not isinstance(value, str):
                continue
            if value in reserved and item.section.key in vocabulary_ids:
                self.fail(
                    raw.where,
                    "id",
                    self.say(
                        "builtin_id", value=self._q(value, raw.where), section=item.section.key
                    ),
                    hint=self.say("builtin_id_hint", value=value),
                )
                continue
            if value in self.ids:
                first = self.ids[value]
                self.fail(
                    raw.where,
                    "id",
                    self.say("used_id", value=self._q(value, raw.where), label=first.label),
                    hint=self.say(
                        "used_id_hint",
                        label=first.label,
                        place=f"{first.where.file}:{first.where.line}",
                    ),
                )
                continue
            item.values["id"] = value
            self.ids[value] = item

    def _read_values(self, item: _Item) -> None:
        for key, raw in item.raw.items():
            if key == "id":
                continue
            spec = item.section.field(key)
            assert spec is not None
            value = self._convert(spec, raw, item)
            if value is not None:
                item.values[key] = value
        for spec in item.section.all_fields:
            if spec.required and spec.key not in item.raw:
                self.fail(
                    item.where,
                    spec.key,
                    self.say("lacks", label=item.label, key=spec.key),
                    hint=self._required_hint(spec, item.section),
                )
            elif spec.required and _is_null(item.raw[spec.key]):
                self.fail(
                    item.raw[spec.key].where,
                    spec.key,
                    self.say("no_value_of", key=spec.key, label=item.label),
                    hint=self._required_hint(spec, item.section),
                )

    def _noun(self, item: _Item | None) -> str:
        if item is None:
            return {"sv": "post", "da": "post"}.get(self.lang, "item")
        return noun(item.section.key, self.lang)

    def _required_hint(self, spec: Field, part: Section) -> str:
        return required_hint(spec, part, self.lang, describe(spec.doc, self.lang))

    # --- values ---------------------------------------------------------------------

    def _convert(self, spec: Field, raw: _Raw, item: _Item | None) -> Any:
        """The checked value of one key, or None after reporting a problem."""
        node = raw.node
        if isinstance(node, str):
            return self._convert_cell(spec, node, raw.where, item)
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return None
        where = self._where(node)
        if spec.type in ("refs", "vocabs", "texts") and isinstance(node, yaml.SequenceNode):
            values = []
            for element in node.value:
                if spec.type == "texts" and not isinstance(element, yaml.ScalarNode):
                    self.fail(
                        self._where(element), spec.key, self.say("list_of_texts", key=spec.key)
                    )
                    return None
                one = self._convert_one(spec, element, self._where(element), item)
                if one is None:
                    return None
                values.append(one)
            return values
        return self._convert_one(spec, node, where, item)

    def _convert_one(self, spec: Field, node: yaml.Node, where: _Where, item: _Item | None) -> Any:
        key = spec.key
        if spec.type in ("text", "texts") and isinstance(node, yaml.MappingNode):
            return self._language_map(spec, node)
        if spec.type == "object":
            if not isinstance(node, yaml.MappingNode):
                doc = describe(spec.doc, self.lang)
                self.fail(where, key, self.say("must_be_mapping", key=key, doc=doc))
                return None
            return self._object(spec, node, item)
        if not isinstance(node, yaml.ScalarNode):
            shape = self.say("a_list" if isinstance(node, yaml.SequenceNode) else "a_mapping")
            wanted = expected(spec, self.lang)
            self.fail(where, key, self.say("must_be_not", key=key, expected=wanted, found=shape))
            return None
        if spec.type == "bool":
            if node.tag != "tag:yaml.org,2002:bool":
                self.fail(
                    where, key, self.say("must_be_bool", key=key, value=self._q(node.value, where))
                )
                return None
            return node.value.lower() in ("true", "yes", "on", "y")
        if spec.type in ("date", "datetime") and node.tag == _TIMESTAMP:
            return self._scalar(spec, node.value.replace(" ", "T", 1), where, item)
        if spec.type == "when" and node.tag in (_TIMESTAMP, _INT):
            return node.value
        if node.tag != _STR:
            found = (
                self.say(_TAG_NAMES[node.tag])
                if node.tag in _TAG_NAMES
                else self.say("tagged", tag=node.tag)
            )
            hint = self.say("quote_it") if node.tag in _TAG_NAMES else None
            if spec.type == "id":
                hint = id_hint(
                    node.value, _prefix(item), self.lang, shown=self._shows(node.value, where)
                )
            elif spec.type not in ("text", "texts", "string"):
                hint = None
            wanted = expected(spec, self.lang)
            message = self.say("must_be_not", key=key, expected=wanted, found=found)
            self.fail(where, key, message, hint=hint)
            return None
        return self._scalar(spec, node.value, where, item)

    def _convert_cell(self, spec: Field, cell: str, where: _Where, item: _Item | None) -> Any:
        if spec.type == "bool":
            truth = tables.parse_bool(cell)
            if truth is None:
                self.fail(where, spec.key, self.say("not_bool", cell=self._q(cell, where)))
            return truth
        if spec.type in ("refs", "vocabs"):
            values = []
            for part in tables.split_list(cell):
                one = self._scalar(spec, part, where, item)
                if one is None:
                    return None
                values.append(one)
            return values
        return self._scalar(spec, cell, where, item)

    def _scalar(self, spec: Field, text: str, where: _Where, item: _Item | None) -> Any:
        key = spec.key
        match spec.type:
            case "text" | "texts" | "string" | "when":
                return text
            case "id":
                if not _ID.match(text):
                    self.fail(
                        where,
                        key,
                        self.say("bad_id", text=self._q(text, where)),
                        id_hint(text, _prefix(item), self.lang, shown=self._shows(text, where)),
                    )
                    return None
                return text
            case "kind":
                if text not in spec.vocab:
                    self.fail(
                        where,
                        key,
                        self.say("not_kind", text=self._q(text, where), noun=self._noun(item)),
                        hint=suggest(text, spec.vocab, self.lang)
                        or self.say("kinds_are", kinds=", ".join(spec.vocab)),
                    )
                    return None
                return text
            case "language":
                if not _LANGUAGE.match(text):
                    self.fail(where, key, self.say("not_language", text=self._q(text, where)))
                    return None
                return text
            case "date":
                return self._date(key, text, where)
            case "datetime":
                return self._datetime(key, text, where)
            case "interval":
                if "/" in text:
                    return self._interval(key, text, where)
                return self._reference(spec, text, where)
            case "ref" | "refs" | "vocab" | "vocabs":
                return self._reference(spec, text, where)
        raise AssertionError(spec.type)  # pragma: no cover

    def _date(self, key: str, text: str, where: _Where) -> str | None:
        try:
            if not _DATE.match(text):
                raise ValueError(text)
            return date.fromisoformat(text).isoformat()
        except ValueError:
            self.fail(where, key, self.say("not_date", text=self._q(text, where)))
            return None

    def _datetime(self, key: str, text: str, where: _Where) -> str | None:
        try:
            if _DATE.match(text):
                return datetime.fromisoformat(text + "T00:00:00").isoformat()
            if not _DATETIME.match(text):
                raise ValueError(text)
            return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
        except ValueError:
            self.fail(
                where,
                key,
                self.say("not_datetime", text=self._q(text, where)),
                hint=self.say("datetime_hint"),
            )
            return None

    def _interval(self, key: str, text: str, where: _Where) -> dict[str, Any] | None:
        start, _, end = text.partition("/")
        bounds: dict[str, Any] = {"@type": "interval"}
        for name, value in (("start", start.strip()), ("end", end.strip())):
            if value == "..":
                continue
            checked = self._date(key, value, where)
            if checked is None:
                return None
            bounds[name] = instant(checked)
        if (
            "start" in bounds
            and "end" in bounds
            and bounds["start"]["date"] > bounds["end"]["date"]
        ):
            self.fail(where, key, self.say("backwards", text=self._q(text, where)))
            return None
        return bounds

    def _reference(self, spec: Field, text: str, where: _Where) -> str | None:
        key = spec.key
        names = [name for category in spec.vocab for name in VOCABULARY[category]]
        if text in names:
            return text
        any_id = not spec.targets and not spec.vocab
        target = self.ids.get(text)
        if target is not None and (any_id or target.section.key in spec.targets):
            return text
        named = labels.resolve(text, spec.vocab) if spec.vocab else None
        if named is not None:
            return named
        wanted = wanted_target(spec, self.lang)
        if target is not None:
            self.fail(
                where,
                key,
                self.say(
                    "wrong_target",
                    text=self._q(text, where),
                    article=article(target.section, self.lang),
                    key=key,
                    wanted=wanted,
                ),
            )
            return None
        candidates = [
            *names,
            *(label for category in spec.vocab for label in labels.labels_of(category)),
            *(
                ident
                for ident, item in self.ids.items()
                if any_id or item.section.key in spec.targets
            ),
        ]
        hint = suggest(text.casefold(), candidates, self.lang)
        if text in _BUILTIN:
            category = category_noun(_BUILTIN[text], self.lang)[1]
            message = self.say(
                "builtin_wrong",
                text=self._q(text, where),
                category=category,
                key=key,
                wanted=wanted,
            )
        elif not names and not _ID.match(text):
            message = self.say("not_an_id", text=self._q(text, where))
        else:
            message = self.say("undefined", text=self._q(text, where), key=key, wanted=wanted)
            hint = hint or valid_names(spec, self.lang)
        self.fail(where, key, message, hint=hint)
        return None

    def _language_map(self, spec: Field, node: yaml.MappingNode) -> dict[str, Any] | None:
        result: dict[str, Any] = {}
        for language, value, where in self._pairs(node):
            if not _LANGUAGE.match(language):
                self.fail(
                    where,
                    spec.key,
                    self.say("not_language", text=self._q(language, where)),
                    hint=self.say("language_map_hint", key=spec.key),
                )
                return None
            if isinstance(value, yaml.ScalarNode) and value.tag == _STR:
                result[language] = value.value
            elif isinstance(value, yaml.SequenceNode) and all(
                isinstance(v, yaml.ScalarNode) and v.tag == _STR for v in value.value
            ):
                result[language] = [v.value for v in value.value]
            else:
                message = self.say("language_text", key=spec.key, language=language)
                self.fail(self._where(value), spec.key, message)
                return None
        return result

    def _object(self, spec: Field, node: yaml.MappingNode, item: _Item | None) -> Any:
        result: dict[str, Any] = {"@type": spec.type_term}
        given: set[str] = set()
        for key, value, where in self._pairs(node):
            sub = next((f for f in spec.fields if f.key == key), None)
            if sub is None:
                hint = suggest(key, [f.key for f in spec.fields], self.lang)
                message = self.say("unknown_key_obj", key=self._q(key, where), field=spec.key)
                self.fail(where, key, message, hint=hint)
                return None
            given.add(key)
            converted = self._convert(sub, _Raw(value, self._where(value)), item)
            if converted is None:
                return None
            result[key] = converted
        for sub in spec.fields:
            if sub.required and sub.key not in given:
                message = self.say("object_lacks", field=spec.key, key=sub.key)
                doc = describe(sub.doc, self.lang)
                self.fail(self._where(node), sub.key, message, doc)
                return None
        return result

    # --- output ---------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The JSON-LD document of the checked case."""
        return self._document()[0]

    def _document(self, *, name_blank: bool = False) -> tuple[dict[str, Any], list[Written]]:
        """The JSON-LD document and the nodes each item becomes (see
        :func:`~dlgraph.authoring.placed.case_document`)."""
        return case_document(self.meta, self.items, name_blank=name_blank)

    def graph(self) -> Graph:
        """The RDF graph of the checked case, with dlgraph's prefixes bound."""
        return self.placed_graph()[0]

    def placed_graph(self) -> tuple[Graph, SourcePlaces]:
        """The RDF graph of the checked case and where its items were written."""
        document, written = self._document(name_blank=True)
        parsed = Graph()
        try:
            parsed.parse(data=json.dumps(document), format="json-ld")
        except (ValueError, TypeError, KeyError) as error:  # pragma: no cover - a defect
            raise AuthoringError(
                self.say("defect", error=error),
                source=self.name,
                hint=self.say("defect_hint"),
            ) from error
        result = Graph()
        for prefix, namespace in PREFIXES.items():
            result.bind(prefix, namespace)
        result.bind(self.meta.get("prefix", "case"), Namespace(self.meta["base"]))
        for triple in parsed:
            result.add(triple)
        return result, case_places(written)


# ------------------------------------------------------------------------------------
# Checks and wording
# ------------------------------------------------------------------------------------


def _is_base(base: str) -> bool:
    try:
        parts = urlsplit(base)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and base.endswith("/")
        and not re.search(r"[\s<>\"{}|\\^`#?\[\]]", base)
    )


def _singular(item: _Item | None) -> str:
    return SINGULAR[item.section.key] if item else "item"


def _prefix(item: _Item | None) -> str:
    return _singular(item).replace(" ", "-")


def _is_null(raw: _Raw) -> bool:
    return isinstance(raw.node, yaml.ScalarNode) and raw.node.tag == _NULL
