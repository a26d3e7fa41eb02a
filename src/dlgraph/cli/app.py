"""The ``dlgraph`` Typer app: its root options, its commands, its one error handler, main.

Machine output goes to stdout, messages for people to stderr. Every DlgraphError, raised
while the options are read or while a command runs, becomes one or two lines on stderr
and the exit code the error names; no traceback.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from dlgraph import DlgraphError, __version__
from dlgraph.authoring.files import set_allow_outside
from dlgraph.authoring.words import set_message_language
from dlgraph.cli import files, network, ontology, qda, query, reason, stores, validate
from dlgraph.cli.options import locale_language, normalize_option
from dlgraph.cli.output import err_console, fail, set_error_format
from dlgraph.deadline import DeadlinePassed
from dlgraph.privacy import set_show_values

__all__ = ["app", "main"]


class _Group(TyperGroup):
    """The root group: turns a DlgraphError from any command into its message and code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DeadlinePassed as passed:  # the alarm of --timeout, wherever it rang
            fail(passed.error)
        except DlgraphError as error:
            fail(error)


class _Command(TyperCommand):
    """A command whose help names its arguments in words (PATH...), without a Python type."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((record[0].partition(" ")[0], record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


app = typer.Typer(
    name="dlgraph",
    cls=_Group,
    help=(
        "Load, validate, reason over, query and publish knowledge graphs of distributed "
        "leadership in organisations.\n\n"
        "Exit codes: 0 success (validate: no violation), 1 validate found a violation, "
        "2 unusable input or usage, 3 missing environment (Java, optional package), "
        "4 network refused or remote endpoint failed, 5 time, size or memory limit exceeded."
    ),
    context_settings={"token_normalize_func": normalize_option},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dlgraph {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    show_values: Annotated[
        bool,
        typer.Option(
            "--show-values",
            help="Let error messages and reports show values from the data (names, "
            "quotes, ...); by default they leave personal data out.",
        ),
    ] = False,
    allow_outside: Annotated[
        bool,
        typer.Option(
            "--allow-outside",
            help="Let case files read CSV files and workbooks outside their own folder; "
            "by default those are refused.",
        ),
    ] = False,
) -> None:
    """dlgraph: knowledge graphs of distributed leadership."""
    set_show_values(show_values)
    set_allow_outside(allow_outside)
    context.call_on_close(lambda: set_allow_outside(False))
    set_message_language(locale_language())  # a fallback: --lang or a case's language wins
    context.call_on_close(lambda: set_show_values(False))
    context.call_on_close(lambda: set_message_language(None))
    context.call_on_close(lambda: set_error_format("text"))


for _name, _function in (
    ("ontology", ontology.ontology_command),
    ("validate", validate.validate_command),
    ("report", validate.report_command),
    ("docs", ontology.docs_command),
    ("query", query.query_command),
    ("queries", query.queries_command),
    ("reason", reason.reason_command),
    ("synth", files.synth_command),
    ("stats", files.stats_command),
    ("convert", files.convert_command),
    ("anonymize", files.anonymize_command),
    ("new", files.new_command),
    ("load", stores.load_command),
    ("push", stores.push_command),
    ("compare", stores.compare_command),
    ("codebook", qda.codebook_command),
    ("network", network.network_command),
):
    app.command(_name, cls=_Command)(_function)
qda.qda_app.command("import", cls=_Command)(qda.import_command)
qda.qda_app.command("export", cls=_Command)(qda.export_command)
app.add_typer(qda.qda_app)


def main() -> None:
    """Entry point of the ``dlgraph`` script and of ``python -m dlgraph``."""
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        sys.exit(130)
