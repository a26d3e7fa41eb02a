"""The options and arguments the commands share, each declared once.

A choice is a str Enum, so that ``--help`` lists its values and the shell completes them.
Where the library checks a value (a report format, a language, a profile, an engine), the
text given goes on unchanged and the library's error names it: one check, one message.
Only a choice the command line alone has (the ``table`` format, say) is checked here.
Help names values in words (FILE, FOLDER, URL, SECONDS), never by their Python type.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

import dlgraph
from dlgraph.authoring import case_language
from dlgraph.authoring.files import set_allow_outside
from dlgraph.authoring.words import MESSAGE_LANGUAGES, explicit_language, set_message_language
from dlgraph.cli.budget import memory_size, start_memory_cap, start_time_budget
from dlgraph.cli.output import set_error_format
from dlgraph.deadline import DEFAULT_CLI_TIMEOUT, default_max_memory, remaining
from dlgraph.errors import UnknownNameError
from dlgraph.network import DEFAULT_TIMEOUT
from dlgraph.privacy import set_show_values

__all__ = [
    "ALIASES",
    "AllowOutside",
    "CodebookFormat",
    "CommandTimeout",
    "ComparisonFormat",
    "EndpointOption",
    "ErrorFormat",
    "Errors",
    "ExportOption",
    "GraphBackend",
    "Graphs",
    "GroupingOption",
    "IntoGraph",
    "Lang",
    "Language",
    "ListingFormat",
    "MaxMemory",
    "Named",
    "NetworkFormat",
    "NetworkFormatOption",
    "NetworkKindOption",
    "OntologyFormat",
    "OntologyPart",
    "OptionalPaths",
    "Paths",
    "QueryFormat",
    "Quiet",
    "RdfFormatName",
    "ReasoningProfile",
    "ReportFormat",
    "ShapeSet",
    "ShowValues",
    "SourceFormat",
    "SourceLanguage",
    "StoreOption",
    "TableFormat",
    "TargetFormat",
    "Timeout",
    "ValidationEngine",
    "ValidationProfile",
    "WithSubunits",
    "as_given",
    "deadline",
    "locale_language",
    "normalize_option",
    "one_of",
    "output",
    "per_request",
    "run_language",
]

# --- the declared choices -----------------------------------------------------------------
# Each is a str Enum whose values are its members' names, in the order --help lists them.

Language = StrEnum("Language", "en sv da")
"""The languages of messages, labels and titles."""
ReportFormat = StrEnum("ReportFormat", "text json turtle")
"""``validate --format``."""
RdfFormatName = StrEnum("RdfFormatName", "turtle trig nt nquads json-ld xml")
"""The RDF formats dlgraph reads and writes (:data:`dlgraph.FORMATS`)."""
OntologyFormat = StrEnum("OntologyFormat", "turtle json-ld rdf/xml n-triples")
"""``ontology --format``."""
OntologyPart = StrEnum("OntologyPart", "merged base alignment")
"""``ontology --part``: dlgraph with its alignment, its own axioms, or the alignment."""
ValidationProfile = StrEnum("ValidationProfile", "none rdfs rl")
"""What ``validate --profile`` infers first (``owlrl`` is accepted for ``rl``)."""
ReasoningProfile = StrEnum("ReasoningProfile", "rl rdfs dl")
"""``reason --profile``: OWL 2 RL, RDFS, or OWL DL with HermiT."""
ValidationEngine = StrEnum("ValidationEngine", "auto pyshacl oxigraph")
"""``validate --engine``: the SHACL engine."""
GraphBackend = StrEnum("GraphBackend", "auto rdflib oxigraph")
"""``query --backend`` (also ``--engine``): where loaded files live, and so which SPARQL
engine runs."""
ShapeSet = StrEnum(
    "ShapeSet",
    "alignment coordination datatypes delegation evidence line-organisation mandates"
    " references roles rooms time",
)
"""``validate --set``: dlgraph's shape sets (:func:`dlgraph.shape_sets`)."""
TableFormat = StrEnum("TableFormat", "table csv tsv json")
"""``stats --format``: a table for people, or the W3C result formats."""
QueryFormat = StrEnum("QueryFormat", "table csv tsv json turtle trig nt nquads json-ld xml")
"""``query --format``: the result formats, and the RDF formats for a graph result."""
ComparisonFormat = StrEnum("ComparisonFormat", "table csv json")
"""``compare --format``."""
NetworkFormat = StrEnum("NetworkFormat", "table csv json")
"""``network --format``: a table of the groups' measures for people, or data."""
ListingFormat = StrEnum("ListingFormat", "table json")
"""``queries --format``: a table, or JSON with every language."""
CodebookFormat = StrEnum("CodebookFormat", "qdc csv")
"""``codebook --format``: REFI-QDA XML, or CSV for Taguette."""
ErrorFormat = StrEnum("ErrorFormat", "text json")
"""``--errors``: problems as lines for people on stderr, or as JSON on stdout."""


def as_given(value: str) -> str:
    """The text given, unchanged: the library checks it and names the error."""
    return str(value)


def one_of(choices: type[Enum], noun: str) -> Callable[[str], str]:
    """A parser for a choice only the command line has: UnknownNameError for another."""
    names = [str(choice.value) for choice in choices]

    def parse(value: str) -> str:
        if value not in names:
            listed = f"{', '.join(names[:-1])} or {names[-1]}"
            raise UnknownNameError(f"unknown {noun} {value!r}", hint=f"use {listed}")
        return str(value)

    return parse


def locale_language() -> str:
    """The language of the locale: the first of $LC_ALL and $LANG that is set decides."""
    for variable in ("LC_ALL", "LANG"):
        setting = os.environ.get(variable, "")
        if setting:
            code = setting.split(".")[0].split("_")[0].lower()
            return code if code in set(Language) else "en"
    return "en"


# --- old option names ---------------------------------------------------------------------

ALIASES = {"out": "output", "reason": "profile"}
"""Option names from earlier releases, still read (``--out`` and ``--reason``), not shown."""


def normalize_option(name: str) -> str:
    """The option's name now: click's token normaliser maps the old names onto the new."""
    return ALIASES.get(name, name)


# --- time-outs -----------------------------------------------------------------------------


def deadline(seconds: float | None) -> float | None:
    """The time-out of work done here: 300 s unless given, none for 0."""
    if seconds is None:
        return DEFAULT_CLI_TIMEOUT
    return None if seconds == 0 else seconds


def per_request(seconds: float | None) -> float:
    """The time-out of each request to an endpoint: 30 s unless given, and a moment less
    than what is left of the command's own, so that a request that hangs is named."""
    wanted = seconds or DEFAULT_TIMEOUT
    left = remaining()
    if left is None:
        return wanted
    return round(max(min(wanted, left - _REQUEST_MARGIN), _REQUEST_MARGIN), 2)


_REQUEST_MARGIN = 0.1


# --- the options and arguments ---------------------------------------------------------------


def _show_values(value: bool) -> None:
    if value:
        set_show_values(True)  # the root callback resets it when the command is done


def _allow_outside(value: bool) -> None:
    if value:
        set_allow_outside(True)  # the root callback resets it when the command is done


def _lang(context: typer.Context, parameter: typer.CallbackParam, value: str) -> str:
    """--lang: the language of the run's messages; given, it wins over a case's own."""
    source = context.get_parameter_source(parameter.name or "lang")
    explicit = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
    set_message_language(str(value), explicit=explicit)  # the root callback resets it
    return value


def run_language(lang: str, paths: Sequence[str] | None) -> str:
    """The language of a run over ``paths``: --lang when given, else the one language the
    case files among them declare (``language: sv``), else ``lang`` (the locale's)."""
    if explicit_language() is not None:
        return lang
    declared = {
        case_language(path)
        for path in paths or ()
        if Path(path).suffix.lower() in (".yaml", ".yml", ".xlsx") and Path(path).is_file()
    }
    spoken = {(code or "").split("-")[0].lower() for code in declared} & set(MESSAGE_LANGUAGES)
    if len(spoken) == 1:
        chosen = spoken.pop()
        set_message_language(chosen)
        return chosen
    return lang


def _errors(value: str) -> None:
    set_error_format(value)  # the root callback resets it when the command is done


def _complete_named(incomplete: str) -> list[str]:
    return [query.name for query in dlgraph.queries() if query.name.startswith(incomplete)]


def output(help: str, *, metavar: str = "FILE") -> Any:
    """``-o/--output``, where every command writes its file or folder."""
    return typer.Option("--output", "-o", help=help, metavar=metavar, show_default=False)


_PATHS_HELP = (
    "Files or folders to read together (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML, "
    "researcher case files: YAML, or a whole case as one Excel workbook .xlsx); folders are "
    "read recursively; - reads standard input."
)

Paths = Annotated[
    list[str], typer.Argument(help=_PATHS_HELP, metavar="PATH...", show_default=False)
]
OptionalPaths = Annotated[
    list[str] | None, typer.Argument(help=_PATHS_HELP, metavar="PATH...", show_default=False)
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress or messages on stderr; errors only.")
]
ShowValues = Annotated[
    bool,
    typer.Option(
        "--show-values",
        callback=_show_values,
        expose_value=False,
        help="Let error messages and reports show values from the data (names, quotes, ...); "
        "by default they leave personal data out. Also accepted before the command.",
    ),
]
AllowOutside = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        callback=_allow_outside,
        expose_value=False,
        help="Let case files read CSV files and workbooks outside their own folder "
        "(../, absolute paths, symbolic links out of it); by default those are refused. "
        "Also accepted before the command.",
    ),
]
Errors = Annotated[
    str,
    typer.Option(
        "--errors",
        parser=one_of(ErrorFormat, "error format"),
        callback=_errors,
        expose_value=False,
        metavar="text|json",
        help="How to report problems of the input (every problem of a case file, each "
        "with file, line, key and hint): text on stderr, or json on stdout.",
    ),
]
SourceLanguage = Annotated[
    str | None,
    typer.Option(
        "--source-language",
        metavar="TAG",
        help="The language of the sources' words (sv, da, en, ...), which their quotes "
        "are tagged with; by default the case's language.",
        show_default=False,
    ),
]
Lang = Annotated[
    Language,
    typer.Option(
        "--lang",
        "-l",
        parser=as_given,
        default_factory=locale_language,
        callback=_lang,
        show_default="a case file's language:, else from $LC_ALL or $LANG, else en",
        help="Language of the messages, labels and titles.",
    ),
]
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="An embedded Oxigraph store (a folder) made with dlgraph load --store.",
        metavar="FOLDER",
        show_default=False,
    ),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        help="A SPARQL 1.1 endpoint's query URL (e.g. http://127.0.0.1:7878/query).",
        metavar="URL",
        show_default=False,
    ),
]
Graphs = Annotated[
    list[str] | None,
    typer.Option(
        "--graph",
        help="Only this named graph of the store or endpoint; repeat for several.",
        metavar="IRI",
        show_default=False,
    ),
]
IntoGraph = Annotated[
    str | None,
    typer.Option(
        "--graph",
        help="Put everything into this one named graph (default: one graph per file, named "
        "by its file URI).",
        metavar="IRI",
        show_default=False,
    ),
]


def _whole_command(limited: bool) -> Callable[[typer.Context, float | None], Any]:
    """A ``--timeout`` callback: the command's time budget starts as its options are read;
    unless given, it is DEFAULT_CLI_TIMEOUT where ``limited``, else none."""

    def start(context: typer.Context, value: float | None) -> float | None:
        if value is None:
            seconds = DEFAULT_CLI_TIMEOUT if limited else None
        else:
            seconds = None if value == 0 else value
        start_time_budget(context, seconds)
        return value

    return start


def _memory(context: typer.Context, value: str | None) -> None:
    start_memory_cap(context, default_max_memory() if value is None else memory_size(value))


Timeout = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        callback=_whole_command(limited=True),
        help="Seconds the whole command may run, reading the data included (default 300; "
        "0 for no limit), and each request to an endpoint may take (default 30). Past it: "
        "exit code 5, and no file half-written.",
        metavar="SECONDS",
        show_default=False,
    ),
]
CommandTimeout = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        callback=_whole_command(limited=False),
        help="Seconds the whole command may run, reading the data included (default: no "
        "limit; a request to an endpoint: 30). Past it: exit code 5, and no file "
        "half-written (the old one is kept).",
        metavar="SECONDS",
        show_default=False,
    ),
]
MaxMemory = Annotated[
    str | None,
    typer.Option(
        "--max-memory",
        callback=_memory,
        expose_value=False,
        help="Memory a query's or a validation's worker process may take beyond what the "
        "command already holds (512M, 2G, ...; default: half of the machine's memory). "
        "Past it: exit code 5.",
        metavar="SIZE",
        show_default=False,
    ),
]
SourceFormat = Annotated[
    RdfFormatName | None,
    typer.Option(
        "--from",
        parser=as_given,
        help="Read every input as this format instead of guessing.",
        show_default=False,
    ),
]
TargetFormat = Annotated[
    RdfFormatName | None,
    typer.Option(
        "--to",
        "-t",
        parser=as_given,
        help="The output's format when its file name does not say it.",
        show_default=False,
    ),
]
Named = Annotated[
    str | None,
    typer.Option(
        "--named",
        "-n",
        help="Run a named query (see dlgraph queries).",
        autocompletion=_complete_named,
        metavar="NAME",
        show_default=False,
    ),
]

# --- dlgraph network: the choices are the library's (dlgraph.sna), checked there --------
NetworkKindOption = Annotated[
    str,
    typer.Option(
        "--network",
        parser=as_given,
        metavar="advice|trust|delegation|direction",
        help="Which ties: advice (seeker → giver), trust (truster → trustee), delegation "
        "(delegator → delegatee) or direction (who directed an act → its actor).",
    ),
]
GroupingOption = Annotated[
    str,
    typer.Option(
        "--by",
        parser=as_given,
        metavar="unit|room|municipality",
        help="Measure each unit, organisational room or municipality (its line's units).",
    ),
]
WithSubunits = Annotated[
    bool,
    typer.Option(
        "--with-subunits",
        help="Count the members of the units in a unit's line below it as its members.",
    ),
]
NetworkFormatOption = Annotated[
    NetworkFormat,
    typer.Option(
        "--format",
        "-f",
        parser=one_of(NetworkFormat, "format"),
        help="The groups' measures as a table for people, or as CSV or JSON.",
    ),
]
ExportOption = Annotated[
    str | None,
    typer.Option(
        "--export",
        parser=as_given,
        metavar="graphml|gexf|edges|matrix",
        help="Write the whole network instead (GraphML or GEXF for Gephi, a CSV edge list "
        "or adjacency matrix) to -o FILE, or to stdout without -o.",
        show_default=False,
    ),
]
