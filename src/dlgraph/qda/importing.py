"""A coded REFI-QDA project as a dlgraph case: sources, quotes, acts and claims.

A selection's code is matched to dlgraph's codebook by GUID, else by its name in English,
Swedish or Danish, else through the researcher's map; a kind of leadership act coded on a
selection linked to a REFI case becomes an act of that person with the quote as its
evidence, and every other code a claim with the code's name resting on the quote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from dlgraph.authoring.format import VOCABULARY, case_context
from dlgraph.errors import InputError
from dlgraph.ontology import DL
from dlgraph.positions import position_of
from dlgraph.qda.archive import DEFAULT_MAX_MEMBER_BYTES, open_archive
from dlgraph.qda.project import Project, QdaCase, Selection, TextSource, read_project
from dlgraph.qda.taguette import read_highlights
from dlgraph.qda.terms import terms_by_guid
from dlgraph.write import cannot_write, refused_write, write_atomic

__all__ = ["ImportResult", "import_project", "project_case"]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: the case file and how many of each thing it holds."""

    case_file: Path
    sources: int
    quotes: int
    acts: int
    mandates: int
    claims: int


@cache
def _builtin_names() -> dict[str, tuple[str, str]]:
    """Each built-in name's IRI → (category, name), from the case format's context."""
    context = case_context()
    names: dict[str, tuple[str, str]] = {}
    for category, members in VOCABULARY.items():
        for name in members:
            target = context.get(name)
            if isinstance(target, str) and target.startswith("dl:"):
                names.setdefault(str(DL) + target[3:], (category, name))
    return names


@cache
def _terms_by_name() -> dict[str, str]:
    """Every codebook label (en, sv, da; lower case) → the term's IRI."""
    return {
        label.casefold(): str(term.iri)
        for term in terms_by_guid().values()
        for label in term.labels.values()
    }


def _map_target(value: str) -> str:
    """A --map value (a built-in name, ``dl:Term`` or a full IRI) as an IRI."""
    target = case_context().get(value, value)
    if isinstance(target, str) and target.startswith("dl:"):
        return str(DL) + target[3:]
    if isinstance(target, str) and target.startswith(str(DL)):
        return target
    raise InputError(
        f"the map names {value!r}, which is no dlgraph term",
        hint="map a code to a built-in name such as taking-initiative, or to dl:TakingInitiative",
    )


def _resolve(code_guid: str, name: str, mapping: Mapping[str, str]) -> str | None:
    """The IRI of the dlgraph term a code stands for, or None."""
    for key in (code_guid, name):
        if key in mapping:
            return _map_target(mapping[key])
    term = terms_by_guid().get(code_guid)
    if term is not None:
        return str(term.iri)
    return _terms_by_name().get(name.casefold())


def _locator(source: TextSource, selection: Selection) -> str:
    if selection.locator is not None:
        return selection.locator
    line, column = position_of(source.text, selection.start)
    end_line, _ = position_of(source.text, selection.end)
    lines = f"line {line}" if line == end_line else f"lines {line}-{end_line}"
    return (
        f"{source.name}, {lines}, characters {selection.start}-{selection.end} "
        f"(from line {line}, column {column})"
    )


def _person(cases: tuple[QdaCase, ...], selection: Selection) -> QdaCase | None:
    for case in cases:
        if selection.guid in case.selections:
            return case
    for case in cases:
        if selection.source in case.sources:
            return case
    return None


_MANDATE_TEXTS: dict[str, str] = {
    str(DL.direction): "direction",
    str(DL.frames): "frames",
    str(DL.roomForAction): "room_for_action",
}
"""The parts of a mandate a coded passage words, and the case format's key for each."""
_MANDATE_LISTS = {str(DL.externalConstraint): "external_constraints"}
_TASKS = frozenset({str(DL.LeadershipTask), str(DL.DelegatedTask)})
_MANDATE = frozenset({str(DL.Mandate), *_MANDATE_TEXTS, *_MANDATE_LISTS, *_TASKS})
_ACT_PARTS = frozenset({"act-kind", "role", "value"})


@dataclass(frozen=True)
class _Coded:
    """One code of a selection: its name, the dlgraph term's IRI and built-in name."""

    name: str
    iri: str | None
    builtin: tuple[str, str] | None

    def category(self) -> str | None:
        return self.builtin[0] if self.builtin else None


class _Builder:
    """The case's sections, filled selection by selection."""

    def __init__(self, project: Project, mapping: Mapping[str, str]) -> None:
        self.project = project
        self.mapping = mapping
        self.sections: dict[str, list[dict[str, Any]]] = {
            key: []
            for key in ("sources", "people", "quotes", "tasks", "mandates", "acts", "claims")
        }
        self.people: dict[str, str] = {}
        self.mandates: dict[str | None, dict[str, Any]] = {}

    def person_id(self, case: QdaCase) -> str:
        if case.guid not in self.people:
            self.people[case.guid] = f"p-{len(self.people) + 1}"
            self.sections["people"].append({"id": self.people[case.guid], "name": case.name})
        return self.people[case.guid]

    def coded(self, guid: str) -> _Coded:
        code = self.project.codes.get(guid)
        name = code.name if code is not None else guid
        iri = _resolve(guid, name, self.mapping)
        return _Coded(name, iri, _builtin_names().get(iri or ""))

    def selection(self, source: TextSource, source_id: str, selection: Selection) -> None:
        quote_id = f"q-{len(self.sections['quotes']) + 1}"
        text = source.text[selection.start : selection.end]
        self.sections["quotes"].append(
            {
                "id": quote_id,
                "source": source_id,
                "text": text,
                "locator": _locator(source, selection),
            }
        )
        case = _person(self.project.cases, selection)
        actor = self.person_id(case) if case is not None else None
        codes = [self.coded(guid) for guid in selection.codes]
        if actor is not None and any(c.category() == "act-kind" for c in codes):
            self.act(actor, codes, quote_id)
            codes = [c for c in codes if c.category() not in _ACT_PARTS]
        for code in codes:
            if code.iri in _MANDATE:
                self.mandate_part(actor, code.iri, text, quote_id)
            else:
                statement = (
                    code.name if code.builtin is None else f"{code.name} ({code.builtin[1]})"
                )
                self.sections["claims"].append(
                    {"about": actor or source_id, "statement": statement, "rests_on": [quote_id]}
                )

    def act(self, actor: str, codes: list[_Coded], quote_id: str) -> None:
        """An act of ``actor``: its kinds, the role it was taken in, the values it served."""
        names = {
            part: [c.builtin[1] for c in codes if c.builtin and c.builtin[0] == part]
            for part in _ACT_PARTS
        }
        act: dict[str, Any] = {"id": f"a-{len(self.sections['acts']) + 1}", "actor": actor}
        act["kind"] = names["act-kind"]
        if names["role"]:
            act["role"] = names["role"][0]
        if names["value"]:
            act["aligned_with"] = names["value"]
        act["evidence"] = [quote_id]
        self.sections["acts"].append(act)

    def mandate_part(self, holder: str | None, iri: str, text: str, quote_id: str) -> None:
        """Add a coded part (task, direction, frames, ...) to the mandate ``holder`` holds."""
        mandate = self.mandates.get(holder)
        if mandate is None:
            mandate = {"id": f"m-{len(self.mandates) + 1}"}
            if holder is not None:
                mandate["granted_to"] = holder
            mandate["evidence"] = []
            self.mandates[holder] = mandate
            self.sections["mandates"].append(mandate)
        if iri in _TASKS:
            task_id = f"t-{len(self.sections['tasks']) + 1}"
            self.sections["tasks"].append({"id": task_id, "name": text, "evidence": [quote_id]})
            mandate.setdefault("task", task_id)
        elif iri in _MANDATE_TEXTS:
            key = _MANDATE_TEXTS[iri]
            mandate[key] = f"{mandate[key]} […] {text}" if key in mandate else text
        elif iri in _MANDATE_LISTS:
            mandate.setdefault(_MANDATE_LISTS[iri], []).append(text)
        if quote_id not in mandate["evidence"]:
            mandate["evidence"].append(quote_id)


_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class _Dumper(yaml.SafeDumper):
    """YAML that reads back as the very text: a quote with a line break or control
    character (NEL, LINE SEPARATOR, CR ...) is written double-quoted with escapes, since
    YAML folds or normalises such breaks in the other styles."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _BREAKS.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def _slug(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()
    return slug if slug[:1].isalpha() else f"case-{slug}".rstrip("-")


def project_case(
    project: Project,
    mapping: Mapping[str, str] | None = None,
    copied: Mapping[str, str] = {},
    language: str | None = None,
) -> dict[str, Any]:
    """The case (as the mapping a case file holds) of a read project.

    ``copied`` gives, by source GUID, the file a source was copied to (``--copy-sources``);
    ``language`` is the sources' language, which tags their quotes (a REFI-QDA project
    does not state it; without it the quotes take the case's language, English).
    """
    builder = _Builder(project, mapping or {})
    for index, source in enumerate(project.sources, start=1):
        source_id = f"s-{index}"
        record: dict[str, Any] = {
            "id": source_id,
            "kind": "document",
            "title": source.name,
            "identifier": copied.get(source.guid, source.path or source.name),
        }
        if source.date:
            record["date"] = source.date
        if language:
            record["language"] = language
        builder.sections["sources"].append(record)
        for selection in source.selections:
            builder.selection(source, source_id, selection)
    slug = _slug(project.name)
    case: dict[str, Any] = {
        "case": slug,
        "base": f"https://example.org/dlgraph/{slug}/",
        "title": project.name,
    }
    case.update({key: items for key, items in builder.sections.items() if items})
    return case


def _read_map(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(f"{path}: cannot read the map ({error})") from error
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise InputError(
            f"{path}: the map must pair code names or GUIDs with dlgraph terms",
            hint="write one 'code name: taking-initiative' per line",
        )
    return {key.strip("{}").lower() if _is_guid(key) else key: v for key, v in data.items()}


_GUID = re.compile(r"\{?[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}?")


def _is_guid(text: str) -> bool:
    return _GUID.fullmatch(text) is not None


def import_project(
    archive_path: str | Path,
    folder: str | Path,
    *,
    map_file: str | Path | None = None,
    copy_sources: bool = False,
    language: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_MEMBER_BYTES,
) -> ImportResult:
    """Read the project archive ``archive_path`` (or Taguette's highlights export, a
    ``.csv`` file) and write its case into ``folder``."""
    path = Path(archive_path)
    if path.suffix.lower() == ".csv":
        project = read_highlights(path, max_bytes)
    else:
        project = read_project(open_archive(path, max_bytes))
    mapping = _read_map(Path(map_file) if map_file is not None else None)
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if refused_write(error):
            raise cannot_write(target, error) from error
        raise InputError(f"{target}: cannot create the case folder ({error.strerror})") from error
    copied: dict[str, str] = {}
    if copy_sources:
        for index, source in enumerate(project.sources, start=1):
            name = f"sources/s-{index}.txt"
            (target / "sources").mkdir(exist_ok=True)
            write_atomic(target / name, source.text)
            copied[source.guid] = name
    case = project_case(project, mapping, copied, language)
    case_file = target / f"{case['case']}.yaml"
    text = yaml.dump(case, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    write_atomic(case_file, text)
    return ImportResult(
        case_file,
        *(len(case.get(key, [])) for key in ("sources", "quotes", "acts", "mandates", "claims")),
    )
