"""The one translation table: every word dlgraph writes for people, by language.

The HTML report, the documentation pages and the validation report's text take their
words from :data:`STRINGS`, in each of :data:`dlgraph.ontology.labels.LANGUAGES`. A
word with a singular and a plural has two keys, ``..._one`` and ``..._other``
(:func:`count_text`).
"""

from __future__ import annotations

from dlgraph.errors import UnknownNameError
from dlgraph.ontology.labels import LANGUAGE_NAMES, LANGUAGES
from dlgraph.places import SourcePlace

__all__ = [
    "STRINGS",
    "count_text",
    "half_year_label",
    "place_heading",
    "place_text",
    "strings",
    "text",
]

STRINGS: dict[str, dict[str, str]] = {
    # the report's sections
    "report": {
        "en": "Distributed leadership report",
        "sv": "Rapport om distribuerat ledarskap",
        "da": "Rapport om distribueret ledelse",
    },
    "redacted_quote": {
        "en": "(left out of this report: --redact)",
        "sv": "(utelämnat i denna rapport: --redact)",
        "da": "(udeladt i denne rapport: --redact)",
    },
    "generated": {
        "en": "Made by dlgraph {version} from",
        "sv": "Skapad av dlgraph {version} från",
        "da": "Lavet af dlgraph {version} ud fra",
    },
    "summary": {"en": "Summary", "sv": "Sammanfattning", "da": "Sammenfatning"},
    "picture": {"en": "The organisation", "sv": "Organisationen", "da": "Organisationen"},
    "picture_intro": {
        "en": (
            "The line organisation (grey lines join each unit to the one it reports to and "
            "each person to their unit), with the organisational rooms, the communication "
            "paths and the delegations drawn across it. Red and amber mark what validation "
            "found. Click a node or an edge for its details and evidence; scroll to zoom."
        ),
        "sv": (
            "Linjeorganisationen (grå linjer förbinder varje enhet med den den rapporterar "
            "till och varje person med sin enhet), med de organisatoriska rummen, "
            "kommunikationsvägarna och delegeringarna dragna tvärs över. Rött och gult "
            "markerar vad valideringen hittade. Klicka på en nod eller kant för detaljer och "
            "belägg; scrolla för att zooma."
        ),
        "da": (
            "Linjeorganisationen (grå linjer forbinder hver enhed med den, den refererer til, "
            "og hver person med sin enhed) med de organisatoriske rum, kommunikationsvejene "
            "og delegeringerne tegnet på tværs. Rødt og gult markerer, hvad valideringen "
            "fandt. Klik på en knude eller kant for detaljer og belæg; rul for at zoome."
        ),
    },
    "delegations": {"en": "Delegation chains", "sv": "Delegeringskedjor", "da": "Delegeringskæder"},
    "timeline": {
        "en": "Leadership acts by period",
        "sv": "Ledarskapshandlingar per period",
        "da": "Ledelseshandlinger pr. periode",
    },
    "findings": {
        "en": "Validation findings by rule",
        "sv": "Valideringsresultat per regel",
        "da": "Valideringsfund pr. regel",
    },
    "not_validated": {
        "en": "The graph was not validated for this report.",
        "sv": "Grafen validerades inte för den här rapporten.",
        "da": "Grafen blev ikke valideret til denne rapport.",
    },
    "no_findings": {
        "en": "Validation found no problem.",
        "sv": "Valideringen hittade inga problem.",
        "da": "Valideringen fandt ingen problemer.",
    },
    "no_delegations": {
        "en": "The graph records no delegation.",
        "sv": "Grafen innehåller ingen delegering.",
        "da": "Grafen indeholder ingen delegering.",
    },
    "no_acts": {
        "en": "The graph records no leadership act.",
        "sv": "Grafen innehåller ingen ledarskapshandling.",
        "da": "Grafen indeholder ingen ledelseshandling.",
    },
    # summary counts
    "count_units": {"en": "units in the line", "sv": "enheter i linjen", "da": "enheder i linjen"},
    "count_people": {"en": "people", "sv": "personer", "da": "personer"},
    "count_rooms": {
        "en": "organisational rooms",
        "sv": "organisatoriska rum",
        "da": "organisatoriske rum",
    },
    "count_rooms_crossing": {
        "en": "of them across units",
        "sv": "varav över enhetsgränser",
        "da": "heraf på tværs af enheder",
    },
    "count_paths": {
        "en": "communication paths",
        "sv": "kommunikationsvägar",
        "da": "kommunikationsveje",
    },
    "count_paths_crossing": {
        "en": "of them across units",
        "sv": "varav över enhetsgränser",
        "da": "heraf på tværs af enheder",
    },
    "count_delegations": {"en": "delegations", "sv": "delegeringar", "da": "delegeringer"},
    "count_mandates": {"en": "mandates", "sv": "mandat", "da": "mandater"},
    "count_acts": {
        "en": "leadership acts",
        "sv": "ledarskapshandlingar",
        "da": "ledelseshandlinger",
    },
    "count_acts_own": {
        "en": "on own initiative",
        "sv": "på eget initiativ",
        "da": "på eget initiativ",
    },
    "count_claims": {"en": "claims", "sv": "påståenden", "da": "påstande"},
    "count_quotes": {"en": "quotes", "sv": "citat", "da": "citater"},
    "count_sources": {"en": "sources", "sv": "källor", "da": "kilder"},
    "count_violations": {"en": "violations", "sv": "överträdelser", "da": "overtrædelser"},
    "count_warnings": {"en": "warnings", "sv": "varningar", "da": "advarsler"},
    "count_infos": {"en": "notes", "sv": "noteringar", "da": "noter"},
    # picture controls and legend
    "show_people": {"en": "people", "sv": "personer", "da": "personer"},
    "show_rooms": {"en": "rooms", "sv": "rum", "da": "rum"},
    "show_paths": {
        "en": "communication paths",
        "sv": "kommunikationsvägar",
        "da": "kommunikationsveje",
    },
    "show_delegations": {"en": "delegations", "sv": "delegeringar", "da": "delegeringer"},
    "focus_unit": {"en": "Unit", "sv": "Enhet", "da": "Enhed"},
    "whole_organisation": {
        "en": "the whole organisation",
        "sv": "hela organisationen",
        "da": "hele organisationen",
    },
    "find": {"en": "Find", "sv": "Sök", "da": "Søg"},
    "fit": {"en": "Fit to view", "sv": "Anpassa", "da": "Tilpas"},
    "people_collapsed": {
        "en": "{count} people are folded into their units; tick “people” to draw them.",
        "sv": "{count} personer är inpackade i sina enheter; kryssa i ”personer” för att rita dem.",
        "da": (
            "{count} personer er foldet ind i deres enheder; sæt kryds ved “personer” for at "
            "tegne dem."
        ),
    },
    "legend_unit": {"en": "unit in the line", "sv": "enhet i linjen", "da": "enhed i linjen"},
    "legend_person": {"en": "person", "sv": "person", "da": "person"},
    "legend_room": {
        "en": "organisational room",
        "sv": "organisatoriskt rum",
        "da": "organisatorisk rum",
    },
    "legend_path": {
        "en": "communication path across units",
        "sv": "kommunikationsväg över enhetsgränser",
        "da": "kommunikationsvej på tværs af enheder",
    },
    "legend_delegation": {
        "en": "delegation (task)",
        "sv": "delegering (uppgift)",
        "da": "delegering (opgave)",
    },
    "legend_problem": {"en": "problem found", "sv": "problem funnet", "da": "problem fundet"},
    "edge_line": {"en": "reporting line", "sv": "rapporteringslinje", "da": "rapporteringslinje"},
    "edge_member": {
        "en": "member of the unit",
        "sv": "medlem av enheten",
        "da": "medlem af enheden",
    },
    "edge_room": {"en": "member of the room", "sv": "medlem av rummet", "da": "medlem af rummet"},
    "edge_leads": {"en": "leads the room", "sv": "leder rummet", "da": "leder rummet"},
    "edge_roomunit": {
        "en": "the unit takes part in the room",
        "sv": "enheten deltar i rummet",
        "da": "enheden deltager i rummet",
    },
    "edge_path": {"en": "communication path", "sv": "kommunikationsväg", "da": "kommunikationsvej"},
    "edge_pathunit": {
        "en": "communication path between the units",
        "sv": "kommunikationsväg mellan enheterna",
        "da": "kommunikationsvej mellem enhederne",
    },
    "details_hint": {
        "en": "Click a node or an edge to see its details and evidence.",
        "sv": "Klicka på en nod eller kant för detaljer och belägg.",
        "da": "Klik på en knude eller kant for detaljer og belæg.",
    },
    "show_in_picture": {"en": "show in the picture", "sv": "visa i bilden", "da": "vis i billedet"},
    "not_in_picture": {
        "en": "not drawn in the picture",
        "sv": "inte med i bilden",
        "da": "ikke med i billedet",
    },
    "loading": {"en": "Drawing…", "sv": "Ritar…", "da": "Tegner…"},
    "no_script": {
        "en": "The picture needs JavaScript; the sections below do not.",
        "sv": "Bilden kräver JavaScript; avsnitten nedan gör det inte.",
        "da": "Billedet kræver JavaScript; afsnittene nedenfor gør ikke.",
    },
    # details of nodes
    "formal_leader_of": {
        "en": "formal leader of",
        "sv": "formell chef för",
        "da": "formel leder af",
    },
    "formal_leader": {"en": "formal leader", "sv": "formell chef", "da": "formel leder"},
    "in_line_under": {"en": "in the line under", "sv": "i linjen under", "da": "i linjen under"},
    "unit": {"en": "unit", "sv": "enhet", "da": "enhed"},
    "units": {"en": "units", "sv": "enheter", "da": "enheder"},
    "roles": {"en": "roles", "sv": "roller", "da": "roller"},
    "name": {"en": "name", "sv": "namn", "da": "navn"},
    "pseudonym": {"en": "a pseudonym", "sv": "en pseudonym", "da": "et pseudonym"},
    "person": {"en": "person", "sv": "person", "da": "person"},
    "room": {"en": "organisational room", "sv": "organisatoriskt rum", "da": "organisatorisk rum"},
    "path": {"en": "communication path", "sv": "kommunikationsväg", "da": "kommunikationsvej"},
    "group": {"en": "grouping", "sv": "gruppering", "da": "gruppering"},
    "led_by": {"en": "led by", "sv": "leds av", "da": "ledes af"},
    "members": {"en": "members", "sv": "medlemmar", "da": "medlemmer"},
    "units_gathered": {"en": "units gathered", "sv": "enheter som möts", "da": "enheder samlet"},
    "connects": {"en": "connects", "sv": "förbinder", "da": "forbinder"},
    "medium": {"en": "medium", "sv": "medium", "da": "medie"},
    "crosses": {
        "en": "crosses unit boundaries",
        "sv": "går över enhetsgränser",
        "da": "går på tværs af enheder",
    },
    "nobody": {"en": "nobody", "sv": "ingen", "da": "ingen"},
    "not_in_a_unit": {
        "en": "not placed in a unit",
        "sv": "inte placerade i en enhet",
        "da": "ikke placeret i en enhed",
    },
    "organisation": {"en": "organisation", "sv": "organisation", "da": "organisation"},
    "evidence": {"en": "evidence", "sv": "belägg", "da": "belæg"},
    "no_evidence": {
        "en": "no evidence recorded",
        "sv": "inga belägg angivna",
        "da": "intet belæg angivet",
    },
    "claim": {"en": "claim", "sv": "påstående", "da": "påstand"},
    "source": {"en": "source", "sv": "källa", "da": "kilde"},
    "problems": {"en": "problems", "sv": "problem", "da": "problemer"},
    # delegations
    "task": {"en": "task", "sv": "uppgift", "da": "opgave"},
    "task_not_named": {
        "en": "(task not named)",
        "sv": "(uppgiften inte angiven)",
        "da": "(opgaven ikke angivet)",
    },
    "delegated_by": {"en": "delegated by", "sv": "delegerad av", "da": "delegeret af"},
    "delegated_to": {"en": "to", "sv": "till", "da": "til"},
    "mandate": {"en": "mandate", "sv": "mandat", "da": "mandat"},
    "no_mandate": {
        "en": "no mandate recorded",
        "sv": "inget mandat angivet",
        "da": "intet mandat angivet",
    },
    "implicit": {
        "en": "read from the mandate alone",
        "sv": "enbart utläst ur mandatet",
        "da": "kun læst ud af mandatet",
    },
    "granted_by": {"en": "granted by", "sv": "givet av", "da": "givet af"},
    "granted_to": {"en": "granted to", "sv": "givet till", "da": "givet til"},
    "direction": {"en": "direction", "sv": "riktning", "da": "retning"},
    "frames": {"en": "frames", "sv": "ramar", "da": "rammer"},
    "room_for_action": {"en": "room for action", "sv": "handlingsutrymme", "da": "handlerum"},
    "resources": {"en": "resources", "sv": "resurser", "da": "ressourcer"},
    "valid": {"en": "valid", "sv": "giltigt", "da": "gyldigt"},
    "not_stated": {"en": "not stated", "sv": "inte angivet", "da": "ikke angivet"},
    # timeline
    "period": {"en": "period", "sv": "period", "da": "periode"},
    "own": {"en": "on own initiative", "sv": "på eget initiativ", "da": "på eget initiativ"},
    "directed": {"en": "on direction", "sv": "på uppdrag", "da": "på foranledning"},
    "unknown": {"en": "not stated", "sv": "inte angivet", "da": "ikke angivet"},
    "unknown_actor": {
        "en": "(actor not named)",
        "sv": "(aktören inte angiven)",
        "da": "(aktøren ikke angivet)",
    },
    "directed_by": {"en": "directed by", "sv": "på uppdrag av", "da": "på foranledning af"},
    "in_situation": {"en": "in", "sv": "i", "da": "i"},
    "no_date": {"en": "no date", "sv": "utan datum", "da": "uden dato"},
    "first_half": {
        "en": "first half of {year}",
        "sv": "första halvåret {year}",
        "da": "første halvår {year}",
    },
    "second_half": {
        "en": "second half of {year}",
        "sv": "andra halvåret {year}",
        "da": "andet halvår {year}",
    },
    "show_all": {"en": "show all {count}", "sv": "visa alla {count}", "da": "vis alle {count}"},
    # findings
    "rule": {"en": "Rule {number}", "sv": "Regel {number}", "da": "Regel {number}"},
    "other_findings": {"en": "Other findings", "sv": "Övriga resultat", "da": "Øvrige fund"},
    "violation": {"en": "violation", "sv": "överträdelse", "da": "overtrædelse"},
    "warning": {"en": "warning", "sv": "varning", "da": "advarsel"},
    "info": {"en": "note", "sv": "notering", "da": "note"},
    "focus": {"en": "about", "sv": "gäller", "da": "vedrører"},
    "value": {"en": "value", "sv": "värde", "da": "værdi"},
    "risk": {"en": "risk", "sv": "risk", "da": "risiko"},
    "severity": {"en": "severity", "sv": "allvarlighetsgrad", "da": "alvorlighed"},
    "message": {"en": "message", "sv": "meddelande", "da": "meddelelse"},
    # documentation pages
    "docs_title": {
        "en": "dlgraph documentation",
        "sv": "dlgraph: dokumentation",
        "da": "dlgraph: dokumentation",
    },
    "docs_ontology": {"en": "The ontology", "sv": "Ontologin", "da": "Ontologien"},
    "docs_shapes": {
        "en": "The coherence rules (SHACL shapes)",
        "sv": "Koherensreglerna (SHACL-former)",
        "da": "Kohærensreglerne (SHACL-former)",
    },
    "docs_queries": {
        "en": "The named queries",
        "sv": "De namngivna frågorna",
        "da": "De navngivne forespørgsler",
    },
    "docs_labels": {
        "en": "Labels of the ontology's terms",
        "sv": "Etiketter för ontologins termer",
        "da": "Etiketter for ontologiens termer",
    },
    "docs_no_shapes": {
        "en": "No shapes are bundled with this version of dlgraph.",
        "sv": "Inga former följer med den här versionen av dlgraph.",
        "da": "Ingen former følger med denne version af dlgraph.",
    },
    "docs_no_queries": {
        "en": "No named queries are bundled with this version of dlgraph.",
        "sv": "Inga namngivna frågor följer med den här versionen av dlgraph.",
        "da": "Ingen navngivne forespørgsler følger med denne version af dlgraph.",
    },
    "docs_case_format": {
        "en": "The case format",
        "sv": "Fallformatet",
        "da": "Caseformatet",
    },
    "docs_case_intro": {
        "en": "Every key of a case, with its type and an example, as the JSON Schema "
        "case.schema.json checks it. A case is a YAML file (its lists in the file, or in CSV "
        "files or workbook sheets it names) or one Excel workbook with a sheet 'case' and a "
        "sheet per list. Keys are written in English in every language.",
        "sv": "Varje nyckel i ett fall, med sin typ och ett exempel, så som JSON-schemat "
        "case.schema.json kontrollerar den. Ett fall är en YAML-fil (listorna i filen, eller i "
        "CSV-filer eller arbetsboksblad som den namnger) eller en Excel-arbetsbok med ett blad "
        "'case' och ett blad per lista. Nycklarna skrivs på engelska i alla språk.",
        "da": "Hver nøgle i en case, med sin type og et eksempel, sådan som JSON-skemaet "
        "case.schema.json kontrollerer den. En case er en YAML-fil (listerne i filen, eller i "
        "CSV-filer eller regnearksark, som den navngiver) eller en Excel-projektmappe med et "
        "ark 'case' og et ark pr. liste. Nøglerne skrives på engelsk på alle sprog.",
    },
    "case_key": {"en": "key", "sv": "nyckel", "da": "nøgle"},
    # what the commands say on stderr
    "cli_wrote_report": {
        "en": "wrote {target} ({summary})",
        "sv": "skrev {target} ({summary})",
        "da": "skrev {target} ({summary})",
    },
    "cli_report_counts": {
        "en": "{violations} violation(s), {warnings} warning(s), {infos} info",
        "sv": "{violations} överträdelse(r), {warnings} varning(ar), {infos} info",
        "da": "{violations} overtrædelse(r), {warnings} advarsel(er), {infos} info",
    },
    "cli_not_validated": {"en": "not validated", "sv": "inte validerad", "da": "ikke valideret"},
    "cli_wrote_triples": {
        "en": "wrote {count} triple(s) to {target}",
        "sv": "skrev {count} tripler till {target}",
        "da": "skrev {count} tripler til {target}",
    },
    "cli_wrote_starter": {
        "en": "wrote the starter case {name}: edit {file} and check it with {check}",
        "sv": "skrev startfallet {name}: redigera {file} och kontrollera det med {check}",
        "da": "skrev startcasen {name}: redigér {file} og tjek den med {check}",
    },
    "case_required": {"en": "required", "sv": "obligatorisk", "da": "påkrævet"},
    "case_example": {"en": "example", "sv": "exempel", "da": "eksempel"},
    "case_names": {"en": "built-in names", "sv": "inbyggda namn", "da": "indbyggede navne"},
    "yes": {"en": "yes", "sv": "ja", "da": "ja"},
    "parameters": {"en": "parameters", "sv": "parametrar", "da": "parametre"},
    "shape": {"en": "shape", "sv": "form", "da": "form"},
    "term": {"en": "term", "sv": "term", "da": "term"},
    "label": {"en": "label", "sv": "etikett", "da": "etiket"},
    "definition": {"en": "definition", "sv": "definition", "da": "definition"},
    "kind": {"en": "kind", "sv": "slag", "da": "slags"},
    "default": {"en": "default", "sv": "standardvärde", "da": "standardværdi"},
    "type": {"en": "type", "sv": "typ", "da": "type"},
    "description": {"en": "description", "sv": "beskrivning", "da": "beskrivelse"},
    "title": {"en": "title", "sv": "titel", "da": "titel"},
    "query": {"en": "query", "sv": "fråga", "da": "forespørgsel"},
    # the validation report as text
    "validation_rule": {"en": "Rule {rule}", "sv": "Regel {rule}", "da": "Regel {rule}"},
    "validation_other": {"en": "Other shapes", "sv": "Övriga former", "da": "Øvrige former"},
    "validation_property": {"en": "property", "sv": "egenskap", "da": "egenskab"},
    "validation_place": {"en": "written at", "sv": "skrivet i", "da": "skrevet i"},
    "validation_place_add": {
        "en": "add '{key}'",
        "sv": "lägg till '{key}'",
        "da": "tilføj '{key}'",
    },
    "validation_place_row": {
        "en": "{section} row {row}",
        "sv": "{section} rad {row}",
        "da": "{section} række {row}",
    },
    "validation_place_column": {
        "en": "column '{key}'",
        "sv": "kolumn '{key}'",
        "da": "kolonne '{key}'",
    },
    "validation_place_cell": {"en": "cell {cell}", "sv": "cell {cell}", "da": "celle {cell}"},
    "validation_check": {"en": "check", "sv": "kontroll", "da": "kontrol"},
    "validation_violation": {"en": "Violation", "sv": "Överträdelse", "da": "Overtrædelse"},
    "validation_warning": {"en": "Warning", "sv": "Varning", "da": "Advarsel"},
    "validation_info": {"en": "Info", "sv": "Info", "da": "Info"},
    "validation_violations_one": {"en": "violation", "sv": "överträdelse", "da": "overtrædelse"},
    "validation_violations_other": {
        "en": "violations",
        "sv": "överträdelser",
        "da": "overtrædelser",
    },
    "validation_warnings_one": {"en": "warning", "sv": "varning", "da": "advarsel"},
    "validation_warnings_other": {"en": "warnings", "sv": "varningar", "da": "advarsler"},
    "validation_infos_one": {"en": "info", "sv": "info", "da": "info"},
    "validation_infos_other": {"en": "info", "sv": "info", "da": "info"},
    "validation_nodes_one": {"en": "node", "sv": "nod", "da": "knude"},
    "validation_nodes_other": {"en": "nodes", "sv": "noder", "da": "knuder"},
    "validation_summary": {
        "en": "Summary: {violations}, {warnings} and {infos} in {nodes}.",
        "sv": "Sammanfattning: {violations}, {warnings} och {infos} i {nodes}.",
        "da": "Opsummering: {violations}, {warnings} og {infos} i {nodes}.",
    },
    "validation_conforms": {
        "en": "Conforms: no violation.",
        "sv": "Uppfyller reglerna: ingen överträdelse.",
        "da": "Overholder reglerne: ingen overtrædelse.",
    },
    "validation_fails": {
        "en": "Does not conform: at least one violation.",
        "sv": "Uppfyller inte reglerna: minst en överträdelse.",
        "da": "Overholder ikke reglerne: mindst én overtrædelse.",
    },
    # the report's "How distributed?" section
    "distributed": {
        "en": "How distributed?",
        "sv": "Hur distribuerat?",
        "da": "Hvor distribueret?",
    },
    "distributed_intro": {
        "en": "Per unit: the {network} network among its members (density, reciprocity, "
        "indegree centralization, the most sought-out members) and the spread of their "
        "leadership acts. A description of what the graph records, not a verdict on the unit.",
        "sv": "Per enhet: {network}nätverket bland medlemmarna (täthet, ömsesidighet, "
        "centralisering, de mest uppsökta) och hur deras ledarskapshandlingar fördelar sig. "
        "En beskrivning av vad grafen innehåller, inte ett omdöme om enheten.",
        "da": "Per enhed: {network}netværket blandt medlemmerne (tæthed, gensidighed, "
        "centralisering, de mest opsøgte) og hvordan deres ledelseshandlinger fordeler sig. "
        "En beskrivelse af hvad grafen indeholder, ikke en dom over enheden.",
    },
    "distributed_none": {
        "en": "The graph records no advice or trust ties among the members of a unit.",
        "sv": "Grafen innehåller inga råd- eller tillitsrelationer mellan medlemmar i en enhet.",
        "da": "Grafen indeholder ingen råd- eller tillidsrelationer mellem medlemmer af en enhed.",
    },
    "net_advice": {"en": "advice", "sv": "råd", "da": "råd"},
    "net_trust": {"en": "trust", "sv": "tillits", "da": "tillids"},
    # dlgraph network: the measures' column names
    "net_group": {"en": "group", "sv": "grupp", "da": "gruppe"},
    "net_members": {"en": "members", "sv": "medlemmar", "da": "medlemmer"},
    "net_ties": {"en": "ties", "sv": "relationer", "da": "relationer"},
    "net_density": {"en": "density", "sv": "täthet", "da": "tæthed"},
    "net_reciprocity": {"en": "reciprocity", "sv": "ömsesidighet", "da": "gensidighed"},
    "net_indegree_centralization": {
        "en": "indegree centralization",
        "sv": "centralisering (indegree)",
        "da": "centralisering (indegree)",
    },
    "net_central_members": {
        "en": "central members",
        "sv": "centrala medlemmar",
        "da": "centrale medlemmer",
    },
    "net_acts": {"en": "acts", "sv": "handlingar", "da": "handlinger"},
    "net_share_acts_non_formal": {
        "en": "share of acts by non-formal leaders",
        "sv": "andel handlingar av icke-formella ledare",
        "da": "andel handlinger af ikke-formelle ledere",
    },
    "net_share_own_initiative": {
        "en": "share on own initiative",
        "sv": "andel på eget initiativ",
        "da": "andel på eget initiativ",
    },
    "net_acts_gini": {
        "en": "Gini of acts",
        "sv": "Gini för handlingar",
        "da": "Gini for handlinger",
    },
    "net_leadership_density": {
        "en": "leadership density",
        "sv": "ledarskapstäthet",
        "da": "ledelsestæthed",
    },
}
"""Every text of the reports and documentation pages, by key and language."""


def text(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang`` (English when that language lacks it), filled in."""
    entry = STRINGS[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template


def strings(lang: str) -> dict[str, str]:
    """All texts in ``lang``; UnknownNameError for a language dlgraph has no texts in."""
    if lang not in LANGUAGES:
        *first, last = (f"{code} ({LANGUAGE_NAMES[code]})" for code in LANGUAGES)
        raise UnknownNameError(
            f"no report language {lang!r}", hint=f"choose {', '.join(first)} or {last}"
        )
    return {key: entry.get(lang) or entry["en"] for key, entry in STRINGS.items()}


def _place_words(lang: str) -> dict[str, str]:
    """How a place in a case file is worded in ``lang`` (see
    :data:`dlgraph.places.PLACE_WORDS`)."""
    return {
        word: text(f"validation_place_{word}", lang) for word in ("row", "column", "cell", "add")
    }


def place_text(place: SourcePlace, lang: str) -> str:
    """Where a finding was written, in ``lang``: ``acts.csv:5 (acts rad 4, kolumn 'time')``."""
    return place.text(_place_words(lang))


def place_heading(place: SourcePlace, lang: str) -> str:
    """An unnamed item by where it was written: ``memberships rad 5 (memberships.csv:6)``."""
    return f"{place.item_text(_place_words(lang))} ({place.at()})"


def count_text(number: int, key: str, lang: str) -> str:
    """``1 violation``, ``2 violations``: the number and the word of ``key`` for it."""
    return f"{number} {text(key + ('_one' if number == 1 else '_other'), lang)}"


def half_year_label(year: int, half: int, lang: str) -> str:
    """``first half of 2020`` and the like, for acts dated outside any named period."""
    return text("first_half" if half == 1 else "second_half", lang, year=year)
