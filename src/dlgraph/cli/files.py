"""Commands that read data files and write others: convert, stats, anonymize, new, synth."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

import dlgraph
from dlgraph import OrgGraph
from dlgraph.anonymize.pseudonyms import read_key
from dlgraph.authoring.words import message_language
from dlgraph.cli.options import (
    AllowOutside,
    CommandTimeout,
    Errors,
    Lang,
    Paths,
    Quiet,
    ShowValues,
    SourceFormat,
    TableFormat,
    TargetFormat,
    one_of,
    output,
    run_language,
)
from dlgraph.cli.output import print_result, say, shown
from dlgraph.cli.sources import load_paths
from dlgraph.privacy import showing_values
from dlgraph.report.ui_text import text

__all__ = [
    "anonymize_command",
    "convert_command",
    "new_command",
    "stats_command",
    "synth_command",
]


CountsFormat = Annotated[
    TableFormat,
    typer.Option(
        "--format", "-f", parser=one_of(TableFormat, "format"), help="How to print the counts."
    ),
]


def stats_command(
    paths: Paths,
    fmt: CountsFormat = TableFormat["table"],
    timeout: CommandTimeout = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Count units, people, roles, acts, tasks, mandates and rooms per named graph.

    Each loaded file is its own named graph (N-Quads, TriG and JSON-LD keep theirs).

    Example: dlgraph stats examples/
    """
    graph = load_paths(paths, quiet)
    print_result(graph.run("summary-by-graph"), graph, fmt)


ConvertedFile = Annotated[Path, output("The file to write (atomically).")]


def convert_command(
    paths: Paths,
    target: ConvertedFile,
    to: TargetFormat = None,
    source_format: SourceFormat = None,
    timeout: CommandTimeout = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Convert between RDF formats; the output replaces its file only once complete.

    Quad formats (TriG, N-Quads, JSON-LD) keep one named graph per input file; triple
    formats get the union.

    Example: dlgraph convert case.ttl -o case.jsonld
    """
    lang = run_language(message_language(), paths)
    graph = load_paths(paths, quiet, format=source_format)
    graph.write(target, to)
    say(quiet, text("cli_wrote_triples", lang, count=len(graph), target=target))


AnonymizedFile = Annotated[Path, output("The file to write (atomically); format from its name.")]
KeyFile = Annotated[
    Path | None,
    typer.Option(
        "--key-file",
        help="A file holding the secret key; else $DLGRAPH_ANON_KEY; else a random key "
        "(pseudonyms then differ on every run).",
        metavar="FILE",
        show_default=False,
    ),
]
ShowMapping = Annotated[
    bool,
    typer.Option(
        "--show-mapping",
        help="Also print each original value and its pseudonym on stderr (personal "
        "data: only where you may see it).",
    ),
]


def anonymize_command(
    paths: Paths,
    target: AnonymizedFile,
    key_file: KeyFile = None,
    to: TargetFormat = None,
    show_mapping: ShowMapping = False,
    timeout: CommandTimeout = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Replace the names, contact details and IRIs of persons with keyed pseudonyms.

    Persons are nodes typed dl:Person, foaf:Person, prov:Person or schema:Person (or with
    a given name, family name, e-mail or telephone). Each gets one pseudonym, made with
    HMAC-SHA-256 from the key and its IRI: the same key gives the same pseudonym in every
    file, and without the key there is no way back. Its IRI becomes .../person-TOKEN and
    each of its names "Person TOKEN"; e-mail addresses and telephone numbers get keyed
    pseudonyms of their own. Then every literal and every IRI (named graphs, owl:sameAs
    targets and prefixes included) is searched for the persons' names, in any case, NFC
    or NFD, with Swedish and Danish inflections (Annas, Annes, Anna's), in slugs
    (anna-svensson, anna_svensson, Anna%20Svensson), and for their IRIs, e-mail addresses
    and telephone numbers, and each is replaced by the pseudonym. Prints on stderr how many
    values of each property changed and what was left that may still name someone, as
    counts; --show-values also lists the words left.

    Example: DLGRAPH_ANON_KEY=... dlgraph anonymize case.ttl -o case-anon.ttl
    """
    graph = load_paths(paths, quiet)
    result = dlgraph.anonymize(graph.dataset, read_key(key_file))
    OrgGraph(result.graph).write(target, to)  # type: ignore[arg-type]
    say(quiet, result.summary())
    if showing_values() and result.left_words:
        say(quiet, "words left: " + ", ".join(result.left_words))
    if show_mapping:
        for original, pseudonym in sorted(result.mapping.items()):
            typer.echo(shown(f"{original}\t{pseudonym}"), err=True)
    say(quiet, f"wrote {target}")


CaseName = Annotated[
    str, typer.Argument(help="The case's name: letters, digits, - and _.", metavar="NAME")
]
CaseFolder = Annotated[Path, output("The folder to create the case folder in.", metavar="FOLDER")]


AsWorkbook = Annotated[
    bool,
    typer.Option(
        "--xlsx",
        help="Write the starter as one Excel workbook: a sheet 'case' for the case's own "
        "keys and a sheet per list (people, units, acts ...).",
    ),
]


def new_command(
    name: CaseName,
    lang: Lang,
    folder: CaseFolder = Path("."),
    xlsx: AsWorkbook = False,
    quiet: Quiet = False,
    show_values: ShowValues = False,
) -> None:
    """Write a commented starter case (YAML, CSV files, JSON Schema) to fill in.

    The case goes to OUTPUT/NAME/NAME.yaml (OUTPUT is created when missing) with
    people.csv, memberships.csv and acts.csv beside it, its comments, examples and
    language in the chosen language; it validates as it is. With --xlsx the same case
    goes to OUTPUT/NAME/NAME.xlsx, one Excel workbook with a sheet per list. The files
    written are listed on stdout.

    Examples:

      dlgraph new covid-sweden -o cases --lang sv

      dlgraph new covid-sweden -o cases --lang sv --xlsx
    """
    files = dlgraph.new_case(name, folder, lang=str(lang), xlsx=xlsx)
    for path in files:
        typer.echo(str(path))
    check = f"dlgraph validate {files[0]}" + (f" --lang {lang}" if lang != "en" else "")
    message = text("cli_wrote_starter", str(lang), name=name, file=files[0], check=check)
    say(quiet, message)


Municipalities = Annotated[
    int,
    typer.Option(
        "--municipalities",
        help="How many municipalities: 1 is a small town (about 10 000 triples), 290 "
        "a national school system (about 5 million).",
        metavar="COUNT",
    ),
]
SynthFile = Annotated[
    Path,
    output(
        "The file to write: .nq gives N-Quads with one named graph per municipality, "
        "anything else N-Triples. Written atomically. (--out is its older name.)"
    ),
]
Seed = Annotated[int, typer.Option("--seed", help="The random seed.", metavar="NUMBER")]


def synth_command(
    municipalities: Municipalities,
    target: SynthFile,
    seed: Seed = 0,
    timeout: CommandTimeout = None,
    show_values: ShowValues = False,
) -> None:
    """Write a synthetic school system with a known share of incoherent delegations.

    Prints, as JSON on stdout, what was written and the exact number of findings each
    coherence shape must report (``expected_findings_by_shape`` and ``..._by_rule``).

    Example:

      dlgraph synth --municipalities 20 --seed 1 -o national.nq
    """
    summary = dlgraph.synthesize(municipalities, target, seed=seed)
    sys.stdout.write(json.dumps(summary.to_dict(), indent=2) + "\n")
