"""The words of the case reader's messages in English, Swedish and Danish, and the
language a run speaks.

Every problem of a case, its hint and the lists and nouns inside them are worded from
:data:`WORDS` in the language of the run: the one asked for (``dlgraph --lang sv``,
``load_case(..., lang="sv")``), else the case's own ``language:`` when dlgraph speaks it,
else the language the command line's locale gives, else English. The keys, ids and
built-in names of the format stay as they are written (English) in every language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "MESSAGE_LANGUAGES",
    "WORDS",
    "explicit_language",
    "message_language",
    "one_of",
    "say",
    "set_message_language",
    "yaml_language",
]

MESSAGE_LANGUAGES = ("en", "sv", "da")
"""The languages the case reader's messages are written in."""

_state: dict[str, str | bool | None] = {"lang": None, "explicit": False}


def set_message_language(lang: str | None, *, explicit: bool = False) -> None:
    """The language of messages from now on: ``explicit`` when the user asked for it (it
    then wins over a case's ``language:``), else a fallback (the locale's)."""
    _state["lang"] = lang if lang in MESSAGE_LANGUAGES else None
    _state["explicit"] = explicit and _state["lang"] is not None


def explicit_language() -> str | None:
    """The language the user asked for, or None."""
    lang = _state["lang"]
    return lang if _state["explicit"] and isinstance(lang, str) else None


def message_language(case_language: str | None = None, asked: str | None = None) -> str:
    """The language to word messages in: ``asked``, the explicitly set one, the case's
    own (``sv-SE`` counts as ``sv``), the fallback, else English."""
    if asked in MESSAGE_LANGUAGES:
        return asked
    explicit = explicit_language()
    if explicit is not None:
        return explicit
    primary = (case_language or "").split("-")[0].lower()
    if primary in MESSAGE_LANGUAGES:
        return primary
    fallback = _state["lang"]
    return fallback if isinstance(fallback, str) else "en"


_YAML_LANGUAGE = re.compile(
    r"^language:[ \t]*[\"']?([A-Za-z]{2,3})(?:-[A-Za-z0-9-]+)?[\"']?[ \t]*(#.*)?$", re.M
)


def yaml_language(text: str) -> str | None:
    """The ``language:`` a case file's text gives at top level, read without parsing (so
    that even a YAML syntax error is worded in the case's language)."""
    match = _YAML_LANGUAGE.search(text)
    return match.group(1).lower() if match else None


def say(message: str, lang: str, /, **values: object) -> str:
    """The message ``message`` (a key of :data:`WORDS`) in ``lang``, filled in with ``values``."""
    english, swedish, danish = WORDS[message]
    template = {"sv": swedish, "da": danish}.get(lang, english)
    return template.format(**values) if values else template


def one_of(words: Iterable[str], lang: str) -> str:
    """``a, b or c`` in ``lang``."""
    items = list(words)
    if len(items) < 2:
        return "".join(items)
    conjunction = {"sv": "eller", "da": "eller"}.get(lang, "or")
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


WORDS: dict[str, tuple[str, str, str]] = {
    # the case as a whole
    "more_problems": (
        "({count} more problem(s) in this case after this one)",
        "({count} problem till i fallet efter det här)",
        "({count} problem(er) mere i casen efter dette)",
    ),
    "problems_in_all": (
        "{count} problems in all",
        "{count} problem sammanlagt",
        "{count} problemer i alt",
    ),
    "not_shown": (
        " (and {count} more not shown)",
        " (och {count} till som inte visas)",
        " (og {count} mere, som ikke vises)",
    ),
    "csv_not_case": (
        "a CSV file is one list of a case, not a case",
        "en CSV-fil är en lista i ett fall, inte ett fall",
        "en CSV-fil er én liste i en case, ikke en case",
    ),
    "csv_not_case_hint": (
        "load the case's YAML file, which names this CSV file",
        "läs in fallets YAML-fil, som namnger den här CSV-filen",
        "indlæs casens YAML-fil, som navngiver denne CSV-fil",
    ),
    "no_case_file": ("no such case file", "fallfilen finns inte", "case-filen findes ikke"),
    "cannot_read_case": (
        "cannot read the case file: {error}",
        "kan inte läsa fallfilen: {error}",
        "kan ikke læse case-filen: {error}",
    ),
    "not_yaml": (
        "not valid YAML: {reason}",
        "inte giltig YAML: {reason}",
        "ikke gyldig YAML: {reason}",
    ),
    "not_yaml_at": (
        "not valid YAML: {reason}",
        "inte giltig YAML på rad {line}",
        "ikke gyldig YAML i linje {line}",
    ),
    "empty_case": ("the case file is empty", "fallfilen är tom", "case-filen er tom"),
    "empty_case_hint": (
        "start from `dlgraph new CASE-NAME`",
        "börja med `dlgraph new FALLNAMN --lang sv`",
        "begynd med `dlgraph new CASENAVN --lang da`",
    ),
    "not_mapping": (
        "a case file is a mapping of keys (case:, base:, ...)",
        "en fallfil består av nycklar med värden (case:, base:, ...)",
        "en case-fil består af nøgler med værdier (case:, base:, ...)",
    ),
    "plain_key": (
        "a key must be a plain word",
        "en nyckel måste vara ett vanligt ord",
        "en nøgle skal være et almindeligt ord",
    ),
    "duplicate_key": (
        "duplicate key {key}",
        "nyckeln {key} finns två gånger",
        "nøglen {key} findes to gange",
    ),
    "first_given": (
        "first given on line {line}",
        "först angiven på rad {line}",
        "først angivet i linje {line}",
    ),
    "first_given_row": (
        "first given on row {row}",
        "först angiven på rad {row}",
        "først angivet i række {row}",
    ),
    "unknown_key": ("unknown key {key}", "okänd nyckel {key}", "ukendt nøgle {key}"),
    "no_value": ("'{key}' has no value", "'{key}' har inget värde", "'{key}' har ingen værdi"),
    "missing_key": ("missing key '{key}'", "nyckeln '{key}' saknas", "nøglen '{key}' mangler"),
    "bad_base": (
        "'{base}' is not a usable base IRI",
        "'{base}' är ingen användbar bas-IRI",
        "'{base}' er ikke en brugbar basis-IRI",
    ),
    "bad_base_hint": (
        "give an http(s) IRI that ends with '/', e.g. https://example.org/my-case/",
        "ange en http(s)-IRI som slutar med '/', t.ex. https://example.org/mitt-fall/",
        "angiv en http(s)-IRI, der slutter med '/', f.eks. https://example.org/min-case/",
    ),
    "section_not_list": (
        "'{key}' must be a list of items (lines starting with '- ') or the path of a CSV file",
        "'{key}' måste vara en lista av poster (rader som börjar med '- ') eller sökvägen "
        "till en CSV-fil",
        "'{key}' skal være en liste af poster (linjer, der begynder med '- ') eller stien "
        "til en CSV-fil",
    ),
    "entry_not_mapping": (
        "{label} must be a mapping of keys or the path of a CSV file",
        "{label} måste bestå av nycklar med värden eller vara sökvägen till en CSV-fil",
        "{label} skal bestå af nøgler med værdier eller være stien til en CSV-fil",
    ),
    "keys_are": (
        "the keys of {section} are: {keys}",
        "nycklarna i {section} är: {keys}",
        "nøglerne i {section} er: {keys}",
    ),
    "unknown_key_in": (
        "unknown key {key} in {label}",
        "okänd nyckel {key} i {label}",
        "ukendt nøgle {key} i {label}",
    ),
    "no_id": ("{label} has no id", "{label} har inget id", "{label} har intet id"),
    "give_id": (
        "give it one, e.g. id: {example}",
        "ge den ett, t.ex. id: {example}",
        "giv den et, f.eks. id: {example}",
    ),
    "builtin_id": (
        "the id {value} of {section} is a built-in name of the format",
        "id:t {value} i {section} är ett inbyggt namn i formatet",
        "id'et {value} i {section} er et indbygget navn i formatet",
    ),
    "builtin_id_hint": (
        "choose another id, e.g. with a prefix: my-{value}",
        "välj ett annat id, t.ex. med ett prefix: min-{value}",
        "vælg et andet id, f.eks. med et præfiks: min-{value}",
    ),
    "used_id": (
        "the id {value} is already used by {label}",
        "id:t {value} används redan av {label}",
        "id'et {value} bruges allerede af {label}",
    ),
    "used_id_hint": (
        "ids are unique in a case; {label} is at {place}",
        "ett id är unikt i ett fall; {label} står i {place}",
        "et id er entydigt i en case; {label} står i {place}",
    ),
    "lacks": ("{label} lacks '{key}'", "{label} saknar '{key}'", "{label} mangler '{key}'"),
    "no_value_of": (
        "'{key}' of {label} has no value",
        "'{key}' i {label} har inget värde",
        "'{key}' i {label} har ingen værdi",
    ),
    "list_of_texts": (
        "'{key}' must be a list of texts",
        "'{key}' måste vara en lista av texter",
        "'{key}' skal være en liste af tekster",
    ),
    "must_be_mapping": (
        "'{key}' must be a mapping: {doc}",
        "'{key}' måste bestå av nycklar: {doc}",
        "'{key}' skal bestå af nøgler: {doc}",
    ),
    "must_be_not": (
        "'{key}' must be {expected}, not {found}",
        "'{key}' måste vara {expected}, inte {found}",
        "'{key}' skal være {expected}, ikke {found}",
    ),
    "a_list": ("a list", "en lista", "en liste"),
    "a_mapping": ("a mapping", "nycklar med värden", "nøgler med værdier"),
    "a_number": ("a number", "ett tal", "et tal"),
    "true_false": ("true/false", "true/false", "true/false"),
    "a_date_found": ("a date", "ett datum", "en dato"),
    "nothing": ("nothing", "ingenting", "ingenting"),
    "text_found": ("text", "text", "tekst"),
    "tagged": ("a value tagged {tag}", "ett värde märkt {tag}", "en værdi mærket {tag}"),
    "must_be_bool": (
        "'{key}' must be true or false, not {value}",
        "'{key}' måste vara true eller false, inte {value}",
        "'{key}' skal være true eller false, ikke {value}",
    ),
    "quote_it": (
        "put the value in quotes",
        "sätt värdet inom citattecken",
        "sæt værdien i anførselstegn",
    ),
    "not_bool": (
        "{cell} is not true or false",
        "{cell} är varken sant eller falskt",
        "{cell} er hverken sand eller falsk",
    ),
    "bad_id": (
        "{text} is not a usable id",
        "{text} är inget användbart id",
        "{text} er ikke et brugbart id",
    ),
    "not_kind": (
        "{text} is not a kind of {noun}",
        "{text} är inget slags {noun}",
        "{text} er ikke en slags {noun}",
    ),
    "kinds_are": ("the kinds are: {kinds}", "slagen är: {kinds}", "slagsene er: {kinds}"),
    "not_language": (
        "{text} is not a language tag such as en, sv, da",
        "{text} är ingen språkkod som en, sv, da",
        "{text} er ikke en sprogkode som en, sv, da",
    ),
    "not_date": (
        "{text} is not a date YYYY-MM-DD",
        "{text} är inget datum ÅÅÅÅ-MM-DD",
        "{text} er ikke en dato ÅÅÅÅ-MM-DD",
    ),
    "not_datetime": (
        "{text} is not a date or date and time",
        "{text} är varken ett datum eller datum och klockslag",
        "{text} er hverken en dato eller dato og klokkeslæt",
    ),
    "datetime_hint": (
        "write YYYY-MM-DD or YYYY-MM-DDThh:mm:ss",
        "skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDThh:mm:ss",
        "skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDThh:mm:ss",
    ),
    "backwards": (
        "the interval {text} ends before it starts",
        "tidsspannet {text} slutar innan det börjar",
        "tidsrummet {text} slutter, før det begynder",
    ),
    "wrong_target": (
        "{text} is {article}, but '{key}' takes {wanted}",
        "{text} är {article}, men '{key}' tar {wanted}",
        "{text} er {article}, men '{key}' tager {wanted}",
    ),
    "builtin_wrong": (
        "{text} is a built-in {category}, but '{key}' takes {wanted}",
        "{text} är ett inbyggt namn ({category}), men '{key}' tar {wanted}",
        "{text} er et indbygget navn ({category}), men '{key}' tager {wanted}",
    ),
    "not_an_id": ("{text} is not an id", "{text} är inget id", "{text} er ikke et id"),
    "undefined": (
        "{text} is not defined: '{key}' takes {wanted}",
        "{text} är inte definierat: '{key}' tar {wanted}",
        "{text} er ikke defineret: '{key}' tager {wanted}",
    ),
    "language_map_hint": (
        "write '{key}' as words, or as {{en: ..., sv: ...}}",
        "skriv '{key}' som ord, eller som {{sv: ..., en: ...}}",
        "skriv '{key}' som ord, eller som {{da: ..., en: ...}}",
    ),
    "language_text": (
        "'{key}' in {language} must be text",
        "'{key}' på {language} måste vara text",
        "'{key}' på {language} skal være tekst",
    ),
    "unknown_key_obj": (
        "unknown key {key} in '{field}'",
        "okänd nyckel {key} i '{field}'",
        "ukendt nøgle {key} i '{field}'",
    ),
    "object_lacks": (
        "'{field}' lacks '{key}'",
        "'{field}' saknar '{key}'",
        "'{field}' mangler '{key}'",
    ),
    "defect": (
        "the case could not be turned into RDF: {error}",
        "fallet kunde inte göras om till RDF: {error}",
        "casen kunne ikke omdannes til RDF: {error}",
    ),
    "defect_hint": (
        "this is a defect of dlgraph; please report it with the case file",
        "det här är ett fel i dlgraph; rapportera det gärna med fallfilen",
        "dette er en fejl i dlgraph; rapportér den gerne med case-filen",
    ),
    "did_you_mean": ("did you mean '{word}'?", "menade du '{word}'?", "mente du '{word}'?"),
    # places
    "row_at": (
        "row {row}{column}{cell}: {message}",
        "rad {row}{column}{cell}: {message}",
        "række {row}{column}{cell}: {message}",
    ),
    "column_at": (", column '{key}'", ", kolumn '{key}'", ", kolonne '{key}'"),
    "cell_at": (" (cell {cell})", " (cell {cell})", " (celle {cell})"),
    "row_label": ("{section} row {row}", "{section} rad {row}", "{section} række {row}"),
    # CSV files and workbooks
    "cannot_read_csv": (
        "cannot read the CSV file {file}: {reason}",
        "kan inte läsa CSV-filen {file}: {reason}",
        "kan ikke læse CSV-filen {file}: {reason}",
    ),
    "not_csv": ("not valid CSV: {error}", "inte giltig CSV: {error}", "ikke gyldig CSV: {error}"),
    "damaged": (
        "it is damaged ({kind})",
        "den är skadad ({kind})",
        "den er beskadiget ({kind})",
    ),
    "cannot_read_book": (
        "cannot read the workbook {file}: {reason}",
        "kan inte läsa arbetsboken {file}: {reason}",
        "kan ikke læse projektmappen {file}: {reason}",
    ),
    "no_workbook": (
        "cannot read the workbook {file}: no such file",
        "kan inte läsa arbetsboken {file}: filen finns inte",
        "kan ikke læse projektmappen {file}: filen findes ikke",
    ),
    "unreadable_book": (
        "cannot read the workbook: {error}",
        "kan inte läsa arbetsboken: {error}",
        "kan ikke læse projektmappen: {error}",
    ),
    "unreadable_book_hint": (
        "save it from Excel as an Excel workbook (.xlsx), or as CSV UTF-8",
        "spara den från Excel som Excel-arbetsbok (.xlsx), eller som CSV UTF-8",
        "gem den fra Excel som Excel-projektmappe (.xlsx), eller som CSV UTF-8",
    ),
    "no_sheet": (
        "no sheet '{sheet}' in the workbook",
        "arbetsboken har inget blad '{sheet}'",
        "projektmappen har intet ark '{sheet}'",
    ),
    "sheets_are": ("the sheets are: {sheets}", "bladen är: {sheets}", "arkene er: {sheets}"),
    "in_file": ("{message} ({file})", "{message} ({file})", "{message} ({file})"),
    "empty_csv": (
        "the CSV file is empty; it needs a header row",
        "CSV-filen är tom; den behöver en rubrikrad",
        "CSV-filen er tom; den skal have en overskriftsrække",
    ),
    "empty_sheet": (
        "the sheet is empty; it needs a header row",
        "bladet är tomt; det behöver en rubrikrad",
        "arket er tomt; det skal have en overskriftsrække",
    ),
    "cell_count": (
        "{cells} cells but the header has {columns} columns",
        "{cells} celler men rubrikraden har {columns} kolumner",
        "{cells} celler, men overskriftsrækken har {columns} kolonner",
    ),
    "unnamed_column": (
        "header column {number} has no name",
        "rubrikkolumn {number} har inget namn",
        "overskriftskolonne {number} har intet navn",
    ),
    "unknown_column": (
        "unknown column {column} in the header of {section}",
        "okänd kolumn {column} i rubrikraden för {section}",
        "ukendt kolonne {column} i overskriftsrækken for {section}",
    ),
    "columns_are": (
        "the columns of {section} are: {keys}",
        "kolumnerna i {section} är: {keys}",
        "kolonnerne i {section} er: {keys}",
    ),
    "duplicate_column": (
        "duplicate column {column}",
        "kolumnen {column} finns två gånger",
        "kolonnen {column} findes to gange",
    ),
    "object_column": (
        "{column} cannot be given in a CSV file",
        "{column} kan inte anges i en CSV-fil",
        "{column} kan ikke angives i en CSV-fil",
    ),
    "object_column_hint": (
        "write the {section} that need it in the YAML file",
        "skriv de {section} som behöver den i YAML-filen",
        "skriv de {section}, der har brug for den, i YAML-filen",
    ),
    "not_utf8": (
        "the file is not UTF-8 text (byte 0x{byte:02X} on line {line}; perhaps saved as "
        "Windows-1252 or another 8-bit encoding)",
        "filen är inte UTF-8-text (byte 0x{byte:02X} på rad {line}; kanske sparad som "
        "Windows-1252 eller en annan 8-bitarskodning)",
        "filen er ikke UTF-8-tekst (byte 0x{byte:02X} i linje {line}; måske gemt som "
        "Windows-1252 eller en anden 8-bit-kodning)",
    ),
    "not_utf16": (
        "the file is not valid UTF-16 text",
        "filen är inte giltig UTF-16-text",
        "filen er ikke gyldig UTF-16-tekst",
    ),
    "csv_utf8_hint": (
        "save the file as UTF-8: in Excel choose File > Save As and the file type "
        "'CSV UTF-8 (Comma delimited) (*.csv)' (Swedish Excel: 'CSV UTF-8 (kommaavgränsad)', "
        "Danish: 'CSV UTF-8 (kommasepareret)'); in another editor choose the encoding UTF-8",
        "spara filen som UTF-8: välj Arkiv > Spara som i Excel och filformatet "
        "'CSV UTF-8 (kommaavgränsad) (*.csv)'; välj kodningen UTF-8 i en annan editor",
        "gem filen som UTF-8: vælg Filer > Gem som i Excel og filtypen "
        "'CSV UTF-8 (kommasepareret) (*.csv)'; vælg kodningen UTF-8 i en anden editor",
    ),
    # a workbook as a case
    "stray_sheet": (
        "the workbook has a sheet '{title}' that is not a list of a case",
        "arbetsboken har ett blad '{title}' som inte är en lista i ett fall",
        "projektmappen har et ark '{title}', som ikke er en liste i en case",
    ),
    "stray_sheet_hint": (
        "Name each sheet after a list ({sheets}), or start its name with '{mark}' to keep "
        "notes on it.",
        "Döp varje blad efter en lista ({sheets}), eller låt namnet börja med '{mark}' för "
        "anteckningar.",
        "Navngiv hvert ark efter en liste ({sheets}), eller lad navnet begynde med '{mark}' "
        "til noter.",
    ),
    "no_case_sheet": (
        "the workbook has no sheet '{sheet}'",
        "arbetsboken har inget blad '{sheet}'",
        "projektmappen har intet ark '{sheet}'",
    ),
    "no_case_sheet_hint": (
        "a workbook is a case when a sheet '{sheet}' gives case, base and language (a key in "
        "column A, its value in column B) and a sheet per list; a workbook of one list is "
        "named in the case's YAML file (people: people.xlsx)",
        "en arbetsbok är ett fall när ett blad '{sheet}' anger case, base och language "
        "(nyckeln i kolumn A, värdet i kolumn B) och varje lista har ett eget blad; en "
        "arbetsbok med en enda lista namnges i fallets YAML-fil (people: people.xlsx)",
        "en projektmappe er en case, når et ark '{sheet}' angiver case, base og language "
        "(nøglen i kolonne A, værdien i kolonne B), og hver liste har sit eget ark; en "
        "projektmappe med én liste navngives i casens YAML-fil (people: people.xlsx)",
    ),
    "unknown_case_key": (
        "unknown key {key} on the sheet {sheet}",
        "okänd nyckel {key} på bladet {sheet}",
        "ukendt nøgle {key} på arket {sheet}",
    ),
    "case_keys_are": (
        "the keys of the case are: {keys}; each list goes on a sheet of its own",
        "fallets nycklar är: {keys}; varje lista står på ett eget blad",
        "casens nøgler er: {keys}; hver liste står på sit eget ark",
    ),
    # values of a case hidden in messages, and the files a case may not read
    "hidden_value": (
        "'…' ({count} characters, hidden: --show-values shows it)",
        "'…' ({count} tecken, dolt: --show-values visar det)",
        "'…' ({count} tegn, skjult: --show-values viser det)",
    ),
    "hidden_value_one": (
        "'…' ({count} character, hidden: --show-values shows it)",
        "'…' ({count} tecken, dolt: --show-values visar det)",
        "'…' ({count} tegn, skjult: --show-values viser det)",
    ),
    "id_hint_hidden": (
        " (--show-values suggests one made from the value)",
        " (--show-values föreslår ett som görs av värdet)",
        " (--show-values foreslår et, der laves af værdien)",
    ),
    "sheet_hidden": (
        " (… a name hidden: --show-values shows it)",
        " (… ett namn dolt: --show-values visar det)",
        " (… et navn skjult: --show-values viser det)",
    ),
    "not_utf8_text": ("not UTF-8 text", "inte UTF-8-text", "ikke UTF-8-tekst"),
    "file_csv": ("CSV file", "CSV-filen", "CSV-filen"),
    "file_workbook": ("workbook", "arbetsboken", "projektmappen"),
    "file_case": ("case file", "fallfilen", "case-filen"),
    "file_case_workbook": ("case workbook", "fallets arbetsbok", "casens projektmappe"),
    "outside_folder": (
        "the {what} {file} is outside the case's folder (refused without --allow-outside)",
        "{what} {file} ligger utanför fallets mapp (läses inte utan --allow-outside)",
        "{what} {file} ligger uden for casens mappe (læses ikke uden --allow-outside)",
    ),
    "outside_folder_hint": (
        "move the file into the case's folder, or let the case read files outside it with "
        "--allow-outside (in Python: dlgraph.load(..., allow_outside=True)) if you trust "
        "the case",
        "flytta filen till fallets mapp, eller låt fallet läsa filer utanför den med "
        "--allow-outside (i Python: dlgraph.load(..., allow_outside=True)) om du litar på "
        "fallet",
        "flyt filen ind i casens mappe, eller lad casen læse filer uden for den med "
        "--allow-outside (i Python: dlgraph.load(..., allow_outside=True)), hvis du stoler "
        "på casen",
    ),
    "not_regular": (
        "the {what} {file} is not a regular file (a folder, device, FIFO or socket) and is "
        "not read",
        "{what} {file} är ingen vanlig fil (en mapp, enhet, FIFO eller socket) och läses inte",
        "{what} {file} er ikke en almindelig fil (en mappe, enhed, FIFO eller socket) og "
        "læses ikke",
    ),
    "not_regular_hint": (
        "name a {what} saved on disk",
        "ange en fil som är sparad på disken",
        "angiv en fil, der er gemt på disken",
    ),
    "over_limit": (
        "{file}: the case and the files it reads have more than {limit} bytes together, the "
        "limit (max_bytes)",
        "{file}: fallet och filerna det läser har tillsammans mer än {limit} byte, gränsen "
        "(max_bytes)",
        "{file}: casen og filerne, den læser, har tilsammen mere end {limit} byte, grænsen "
        "(max_bytes)",
    ),
    "over_limit_hint": (
        "split the case into smaller cases, or raise the limit "
        "(dlgraph.load(..., max_bytes=...)) if you trust it",
        "dela fallet i mindre fall, eller höj gränsen (dlgraph.load(..., max_bytes=...)) om "
        "du litar på det",
        "del casen i mindre cases, eller hæv grænsen (dlgraph.load(..., max_bytes=...)), "
        "hvis du stoler på den",
    ),
}
"""Every message of the case reader: its English, Swedish and Danish wording."""
