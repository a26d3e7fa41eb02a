"""The descriptions of the case format in Swedish and Danish, beside the English of
:mod:`dlgraph.authoring.format`: each English description (a section's, a key's) with its
translations. The case-format reference of ``dlgraph docs`` takes them from here; a test
keeps every description of the format translated."""

from __future__ import annotations

__all__ = ["DESCRIPTIONS", "KIND_DESCRIPTION", "describe"]

KIND_DESCRIPTION = {
    "en": "What kind of {noun} this is; default {default}.",
    "sv": "Vilket slags {noun} det är; standard {default}.",
    "da": "Hvilken slags {noun} det er; standard {default}.",
}
"""The description of a section's ``kind`` key, by language."""

DESCRIPTIONS: dict[str, tuple[str, str]] = {
    # the case's own keys
    "A short name of the case.": ("Ett kort namn på fallet.", "Et kort navn på casen."),
    "The IRI every local id is appended to; ends with '/'.": (
        "IRI:n som varje lokalt id läggs till; slutar med '/'.",
        "IRI'en, som hvert lokalt id føjes til; slutter med '/'.",
    ),
    "The language of the words in this file; default en.": (
        "Språket för orden i filen; standard en.",
        "Sproget for ordene i filen; standard en.",
    ),
    "The prefix for the base IRI in Turtle output; default case.": (
        "Prefixet för bas-IRI:n i Turtle-utdata; standard case.",
        "Præfikset for basis-IRI'en i Turtle-output; standard case.",
    ),
    "The title of the case (dcterms:title of the base IRI).": (
        "Fallets titel (dcterms:title för bas-IRI:n).",
        "Casens titel (dcterms:title for basis-IRI'en).",
    ),
    "What the case is (dcterms:description of the base IRI).": (
        "Vad fallet är (dcterms:description för bas-IRI:n).",
        "Hvad casen er (dcterms:description for basis-IRI'en).",
    ),
    # keys many sections share
    "The item's local id, unique in the case.": (
        "Postens lokala id, unikt i fallet.",
        "Postens lokale id, entydigt i casen.",
    ),
    "A comment of the encoder (rdfs:comment).": (
        "En kommentar av den som kodar (rdfs:comment).",
        "En kommentar fra den, der koder (rdfs:comment).",
    ),
    "Quotes (ids from quotes) the description of this item rests on.": (
        "Citat (id:n ur quotes) som beskrivningen av posten vilar på.",
        "Citater (id'er fra quotes), som beskrivelsen af posten hviler på.",
    ),
    "A label in the case's language, or {en: ..., sv: ...}.": (
        "En benämning på fallets språk, eller {en: ..., sv: ...}.",
        "En betegnelse på casens sprog, eller {en: ..., da: ...}.",
    ),
    "What the term means in this case.": (
        "Vad termen betyder i det här fallet.",
        "Hvad termen betyder i denne case.",
    ),
    # sources
    "Where statements come from: a publication, document, interview or observation.": (
        "Varifrån påståenden kommer: en publikation, ett dokument, en intervju eller en "
        "observation.",
        "Hvor udsagn kommer fra: en publikation, et dokument, et interview eller en observation.",
    ),
    "The title, e.g. {sv: ...} for a Swedish title.": (
        "Titeln, t.ex. {sv: ...} för en svensk titel.",
        "Titlen, f.eks. {da: ...} for en dansk titel.",
    ),
    "The language of the source; its quotes are tagged with it.": (
        "Källans språk; dess citat märks med det.",
        "Kildens sprog; dens citater mærkes med det.",
    ),
    "Author(s) as one text.": ("Författare som en text.", "Forfatter(e) som én tekst."),
    "When it was published or held (ISO 8601, e.g. 2020).": (
        "När den publicerades eller hölls (ISO 8601, t.ex. 2020).",
        "Hvornår den blev udgivet eller holdt (ISO 8601, f.eks. 2020).",
    ),
    "A bibliographic citation.": ("En bibliografisk referens.", "En bibliografisk henvisning."),
    "A DOI, URL, file name or archive number.": (
        "En DOI, URL, ett filnamn eller ett arkivnummer.",
        "En DOI, URL, et filnavn eller et arkivnummer.",
    ),
    # quotes
    "Passages quoted word for word, in the source's language, with where they stand.": (
        "Ordagranna citat, på källans språk, med var de står.",
        "Ordrette citater, på kildens sprog, med hvor de står.",
    ),
    "The source quoted.": ("Källan som citeras.", "Kilden, der citeres."),
    "The words, copied exactly.": ("Orden, exakt avskrivna.", "Ordene, skrevet nøjagtigt af."),
    "Where: page, section, lines.": ("Var: sida, avsnitt, rader.", "Hvor: side, afsnit, linjer."),
    "Language of the quote if not the source's.": (
        "Citatets språk om det inte är källans.",
        "Citatets sprog, hvis det ikke er kildens.",
    ),
    # claims
    "Statements of the encoder about an item, resting on quotes.": (
        "Påståenden av den som kodar om en post, som vilar på citat.",
        "Udsagn fra den, der koder, om en post, som hviler på citater.",
    ),
    "The item the claim is about (any id).": (
        "Posten som påståendet gäller (vilket id som helst).",
        "Posten, som udsagnet handler om (et vilkårligt id).",
    ),
    "The claim in words.": ("Påståendet i ord.", "Udsagnet i ord."),
    "The quotes it rests on.": ("Citaten det vilar på.", "Citaterne, det hviler på."),
    # periods
    "Named periods (spring 2020) and intervals that other items refer to.": (
        "Namngivna perioder (våren 2020) och tidsintervall som andra poster hänvisar till.",
        "Navngivne perioder (foråret 2020) og tidsintervaller, som andre poster henviser til.",
    ),
    "First day, YYYY-MM-DD.": ("Första dagen, ÅÅÅÅ-MM-DD.", "Første dag, ÅÅÅÅ-MM-DD."),
    "Last day, YYYY-MM-DD.": ("Sista dagen, ÅÅÅÅ-MM-DD.", "Sidste dag, ÅÅÅÅ-MM-DD."),
    # units
    "Organisations and units of the line organisation.": (
        "Organisationer och enheter i linjeorganisationen.",
        "Organisationer og enheder i linjeorganisationen.",
    ),
    "The unit this one reports to in the line organisation.": (
        "Enheten som den här rapporterar till i linjeorganisationen.",
        "Enheden, som denne refererer til i linjeorganisationen.",
    ),
    "Its formal leader(s).": ("Dess formella ledare.", "Dens formelle leder(e)."),
    "Values it has adopted.": ("Värden den har antagit.", "Værdier, den har vedtaget."),
    "Goals it pursues.": ("Mål den arbetar mot.", "Mål, den arbejder hen imod."),
    "Risks it runs, as a source states.": (
        "Risker den löper, enligt en källa.",
        "Risici, den løber, ifølge en kilde.",
    ),
    # rooms
    "Organisational rooms beside the line: learning groups, networks, forums.": (
        "Organisatoriska rum vid sidan av linjen: lärgrupper, nätverk, forum.",
        "Organisatoriske rum ved siden af linjen: læringsgrupper, netværk, fora.",
    ),
    "Who leads it.": ("Vem som leder det.", "Hvem der leder det."),
    "Values it works by.": ("Värden det arbetar efter.", "Værdier, det arbejder efter."),
    # people
    "Persons: staff, leaders, affected parties.": (
        "Personer: personal, ledare, berörda parter.",
        "Personer: medarbejdere, ledere, berørte parter.",
    ),
    "The name, or a pseudonym.": ("Namnet, eller en pseudonym.", "Navnet, eller et pseudonym."),
    "true when the name is a pseudonym.": (
        "true när namnet är en pseudonym.",
        "true, når navnet er et pseudonym.",
    ),
    "Units the person is the formal leader of.": (
        "Enheter som personen är formell ledare för.",
        "Enheder, som personen er formel leder af.",
    ),
    # memberships
    "Who holds which role in which unit or room, when.": (
        "Vem som har vilken roll i vilken enhet eller vilket rum, och när.",
        "Hvem der har hvilken rolle i hvilken enhed eller hvilket rum, og hvornår.",
    ),
    "The member.": ("Medlemmen.", "Medlemmet."),
    "The unit or room.": ("Enheten eller rummet.", "Enheden eller rummet."),
    "The role held.": ("Rollen personen har.", "Rollen, personen har."),
    "When (a period id or START/END).": (
        "När (ett periods id eller START/SLUT).",
        "Hvornår (en periodes id eller START/SLUT).",
    ),
    "The mandate that comes with the role.": (
        "Mandatet som följer med rollen.",
        "Mandatet, der følger med rollen.",
    ),
    # posts
    "Positions in a unit, held by someone, with the mandate of the role.": (
        "Tjänster i en enhet, som någon innehar, med rollens mandat.",
        "Stillinger i en enhed, som nogen besidder, med rollens mandat.",
    ),
    "The unit.": ("Enheten.", "Enheden."),
    "The role of the post.": ("Tjänstens roll.", "Stillingens rolle."),
    "Who holds it.": ("Vem som innehar den.", "Hvem der besidder den."),
    "The mandate of the post.": ("Tjänstens mandat.", "Stillingens mandat."),
    # communication paths
    "Channels of information between people or units, often across unit boundaries.": (
        "Informationsvägar mellan personer eller enheter, ofta över enhetsgränser.",
        "Informationskanaler mellem personer eller enheder, ofte på tværs af enhedsgrænser.",
    ),
    "The people, units or rooms it connects.": (
        "Personerna, enheterna eller rummen den förbinder.",
        "Personerne, enhederne eller rummene, den forbinder.",
    ),
    "Meetings, a platform, a mailing list ...": (
        "Möten, en plattform, en e-postlista ...",
        "Møder, en platform, en mailliste ...",
    ),
    # values, goals, challenges, risks
    "Values of the organisation, among them its pedagogical line.": (
        "Organisationens värden, bland dem dess pedagogiska linje.",
        "Organisationens værdier, blandt dem dens pædagogiske linje.",
    ),
    "Goals, missions and political goals.": (
        "Mål, uppdrag och politiska mål.",
        "Mål, opgaver og politiske mål.",
    ),
    "Challenges beyond the built-in ones.": (
        "Utmaningar utöver de inbyggda.",
        "Udfordringer ud over de indbyggede.",
    ),
    "Risks beyond the built-in ones.": (
        "Risker utöver de inbyggda.",
        "Risici ud over de indbyggede.",
    ),
    # situations
    "Situations and crises the organisation acted in.": (
        "Situationer och kriser som organisationen agerade i.",
        "Situationer og kriser, som organisationen handlede i.",
    ),
    "Challenges it raised.": ("Utmaningar den medförde.", "Udfordringer, den medførte."),
    "Units or rooms it affected.": (
        "Enheter eller rum den påverkade.",
        "Enheder eller rum, den berørte.",
    ),
    "Risks it brought, as a source states.": (
        "Risker den medförde, enligt en källa.",
        "Risici, den medførte, ifølge en kilde.",
    ),
    # tasks and resources
    "Leadership tasks, kept or delegated.": (
        "Ledarskapsuppgifter, behållna eller delegerade.",
        "Ledelsesopgaver, beholdt eller delegeret.",
    ),
    "The unit(s) the task is about.": (
        "Enheten eller enheterna uppgiften gäller.",
        "Enheden eller enhederne, opgaven handler om.",
    ),
    "Values or goals the task serves.": (
        "Värden eller mål som uppgiften tjänar.",
        "Værdier eller mål, som opgaven tjener.",
    ),
    "A larger task this is part of.": (
        "En större uppgift som den här ingår i.",
        "En større opgave, som denne er en del af.",
    ),
    "What a mandate puts at the holder's disposal.": (
        "Vad ett mandat ställer till innehavarens förfogande.",
        "Hvad et mandat stiller til rådighed for indehaveren.",
    ),
    "time, budget, staff, ...": ("tid, budget, personal, ...", "tid, budget, personale, ..."),
    # mandates
    "Authority to act on a task: who gave it to whom, with what, within what.": (
        "Befogenhet att handla i en uppgift: vem som gav den till vem, med vad, inom vad.",
        "Beføjelse til at handle på en opgave: hvem gav den til hvem, med hvad, inden for hvad.",
    ),
    "The task (Hvad er opgaven?).": (
        "Uppgiften (Vad är uppgiften?).",
        "Opgaven (Hvad er opgaven?).",
    ),
    "The grantor.": ("Den som ger mandatet.", "Den, der giver mandatet."),
    "The holder.": ("Innehavaren.", "Indehaveren."),
    "Resources (Hvad er ressourcerne?).": (
        "Resurser (Vilka är resurserna?).",
        "Ressourcer (Hvad er ressourcerne?).",
    ),
    "Where the work should lead (retning).": (
        "Vart arbetet ska leda (riktning).",
        "Hvor arbejdet skal føre hen (retning).",
    ),
    "The limits it works within (rammer).": (
        "De gränser det sker inom (ramar).",
        "De grænser, det foregår inden for (rammer).",
    ),
    "What the holder decides alone (handlerum).": (
        "Vad innehavaren beslutar själv (handlingsutrymme).",
        "Hvad indehaveren selv bestemmer (handlerum).",
    ),
    "Constraints from outside.": ("Begränsningar utifrån.", "Begrænsninger udefra."),
    "Responsibilities the holder takes on.": (
        "Ansvar som innehavaren tar på sig.",
        "Ansvar, som indehaveren påtager sig.",
    ),
    "What the grantor keeps and owes the holder.": (
        "Vad den som ger mandatet behåller och är skyldig innehavaren.",
        "Hvad den, der giver mandatet, beholder og skylder indehaveren.",
    ),
    "How and when the work is followed up.": (
        "Hur och när arbetet följs upp.",
        "Hvordan og hvornår arbejdet følges op.",
    ),
    "When it is valid (a period id or START/END).": (
        "När det gäller (ett periods id eller START/SLUT).",
        "Hvornår det gælder (en periodes id eller START/SLUT).",
    ),
    "Values or goals the mandate serves.": (
        "Värden eller mål som mandatet tjänar.",
        "Værdier eller mål, som mandatet tjener.",
    ),
    # delegations
    "Handing a task from a delegator to a delegatee with a mandate.": (
        "Att lämna över en uppgift från den som delegerar till den som tar emot, med ett mandat.",
        "At overdrage en opgave fra den, der delegerer, til den, der modtager, med et mandat.",
    ),
    "Who hands on the task.": ("Vem som lämnar över uppgiften.", "Hvem der overdrager opgaven."),
    "Who receives it.": ("Vem som tar emot den.", "Hvem der modtager den."),
    "The task.": ("Uppgiften.", "Opgaven."),
    "The mandate given with it.": ("Mandatet som ges med den.", "Mandatet, der gives med den."),
    # acts
    "Leadership acts: who did what, in which role, on whose initiative, when.": (
        "Ledarhandlingar: vem gjorde vad, i vilken roll, på vems initiativ, när.",
        "Ledelseshandlinger: hvem gjorde hvad, i hvilken rolle, på hvis initiativ, hvornår.",
    ),
    "Who acted.": ("Vem som handlade.", "Hvem der handlede."),
    "What kind of act.": ("Vilket slags handling.", "Hvilken slags handling."),
    "The role the actor acted in.": ("Rollen personen handlade i.", "Rollen, aktøren handlede i."),
    "true: stepped forward unasked.": (
        "true: klev fram utan att bli ombedd.",
        "true: trådte frem uopfordret.",
    ),
    "Who directed the act.": (
        "Vem som gav anvisning om handlingen.",
        "Hvem der anviste handlingen.",
    ),
    "The situation.": ("Situationen.", "Situationen."),
    "The period (a period id or START/END).": (
        "Perioden (ett periods id eller START/SLUT).",
        "Perioden (en periodes id eller START/SLUT).",
    ),
    "When it started (YYYY-MM-DD or with a time).": (
        "När den började (ÅÅÅÅ-MM-DD, eller med klockslag).",
        "Hvornår den begyndte (ÅÅÅÅ-MM-DD, eller med klokkeslæt).",
    ),
    "The mandate it was taken under.": (
        "Mandatet den togs under.",
        "Mandatet, den blev foretaget under.",
    ),
    "PROV's qualified form of the mandate: {agent: ..., plan: ...}.": (
        "PROV:s kvalificerade form av mandatet: {agent: ..., plan: ...}.",
        "PROV's kvalificerede form af mandatet: {agent: ..., plan: ...}.",
    ),
    "The agent.": ("Aktören.", "Aktøren."),
    "The mandate.": ("Mandatet.", "Mandatet."),
    "The task it carries out.": ("Uppgiften den utför.", "Opgaven, den udfører."),
    "The unit(s) it is about.": (
        "Enheten eller enheterna den gäller.",
        "Enheden eller enhederne, den handler om.",
    ),
    "Values or goals it serves.": (
        "Värden eller mål den tjänar.",
        "Værdier eller mål, den tjener.",
    ),
    # trust and resilience
    "One agent trusts another.": (
        "En aktör litar på en annan.",
        "En aktør har tillid til en anden.",
    ),
    "Who trusts.": ("Vem som litar.", "Hvem der har tillid."),
    "Who is trusted.": ("Vem som får förtroendet.", "Hvem der nyder tilliden."),
    # advice and information ties
    "Advice and information ties, as a sociometric survey records them: who seeks "
    "advice from whom, about what, when.": (
        "Råd- och informationsband, som en sociometrisk enkät registrerar dem: vem som "
        "söker råd hos vem, om vad och när.",
        "Råds- og informationsbånd, som en sociometrisk undersøgelse registrerer dem: hvem "
        "der søger råd hos hvem, om hvad og hvornår.",
    ),
    "Who seeks advice.": ("Vem som söker råd.", "Hvem der søger råd."),
    "Whose advice is sought.": ("Vems råd som söks.", "Hvis råd der søges."),
    "What the advice is about (a task, a situation, a value or goal).": (
        "Vad rådet gäller (ett uppdrag, en situation, ett värde eller mål).",
        "Hvad rådet drejer sig om (en opgave, en situation, en værdi eller et mål).",
    ),
    "Observed organisational resilience.": (
        "Observerad organisatorisk motståndskraft.",
        "Observeret organisatorisk modstandskraft.",
    ),
    "The organisation.": ("Organisationen.", "Organisationen."),
    "The situation it showed in.": (
        "Situationen den visade sig i.",
        "Situationen, den viste sig i.",
    ),
}
"""Each English description of the format with its Swedish and Danish translation."""


def describe(english: str, lang: str) -> str:
    """The description ``english`` in ``lang`` (en, sv or da); KeyError when untranslated."""
    if lang == "en":
        return english
    swedish, danish = DESCRIPTIONS[english]
    return swedish if lang == "sv" else danish
