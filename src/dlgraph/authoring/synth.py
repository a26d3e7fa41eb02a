"""Synthetic school systems at national scale, with a known set of coherence findings.

:func:`synthesize` writes a deterministic (for a seed) school system in dlgraph's terms:
municipalities, each with a school organiser, an education administration, school units of
every type in the line organisation, principals, leadership and pupil-health teams,
teachers who seek advice from the inbetweener, the principal or a colleague (both forms
of the advice tie), health staff, inbetweeners with role mandates, learning groups of principals
led by process learning leaders in a development organisation, communication paths
between schools, a value base and a goal, leadership acts in two periods of the 2020
pandemic, delegated tasks with mandates, and the evidence (interview quotes) for claims.

A controlled share of the material breaks each of the twelve coherence rules. Every
defect is planted so that it produces exactly the findings listed in :data:`DEFECTS`
and nothing else, so the generator knows the exact number of findings each shape of
dlgraph must report (:class:`SynthSummary.expected`). The rates are in :data:`RATES`.

Output is N-Triples or N-Quads (one named graph per municipality), streamed one
municipality at a time to a temporary file that replaces the target only when complete:
memory does not grow with the number of municipalities. Each municipality draws from its
own random generator (seeded from the seed and its number), so a municipality is the same
whatever the total.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Final

from dlgraph.errors import InputError
from dlgraph.write import atomic_writer

__all__ = [
    "BASE",
    "DEFECTS",
    "RATES",
    "SynthSummary",
    "expected_findings",
    "municipality_lines",
    "synthesize",
]

BASE: Final = "https://example.org/dlgraph-synth/"
"""The namespace of the synthetic data; municipality ``k`` lives under ``BASE + "m{k}/"``."""

_DL = "https://w3id.org/dlgraph/ontology#"
_ORG = "http://www.w3.org/ns/org#"
_PROV = "http://www.w3.org/ns/prov#"
_TIME = "http://www.w3.org/2006/time#"
_FOAF = "http://xmlns.com/foaf/0.1/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"

RATES: Final[Mapping[str, float]] = {
    "rule1": 0.02,  # per delegation (not the inbetweener's): no mandate at all
    "rule2": 0.02,  # per delegation: the mandate gives no direction
    "rule3": 0.02,  # per delegation: the mandate is granted by a teacher without authority
    "rule4": 0.03,  # per delegation: the task is aligned with no value or goal
    "rule5": 0.02,  # per delegation: handed to a teacher outside every shared team
    "rule6": 0.01,  # per delegation: the delegatee hands the task back (a 2-cycle)
    "rule7": 0.02,  # per delegation: an act under the mandate after it expired
    "rule8": 0.05,  # per own-initiative crisis act: tied to no value and no mandate
    "rule9_led": 0.05,  # per learning group: no process learning leader
    "rule9_cross": 0.01,  # per unit: an extra learning group inside that one school
    "rule10_leader": 0.02,  # per unit: the principal also holds an inbetweener role there
    "rule10_mandate": 0.02,  # per unit: the inbetweener role has no described mandate
    "rule11": 0.01,  # per unit: an extra unit outside the line organisation
    "rule12": 0.03,  # per claim: its quote cites a source that is not in the graph
}
"""The share of the material that breaks each rule (exclusive per delegation)."""

DEFECTS: Final[Mapping[str, tuple[tuple[str, int], ...]]] = {
    "rule1": (("DelegatedTaskHasMandate", 1),),
    "rule2": (("MandateGivesDirection", 1),),
    "rule3": (("GrantorHoldsAuthority", 1),),
    "rule4": (("DelegatedTaskAligned", 1),),
    "rule5": (("DelegationShareChannel", 1),),
    "rule6": (("NoDelegationCycle", 2),),
    "rule7": (("ActNotAfterMandate", 1),),
    "rule8": (("CrisisActLinked", 1),),
    "rule9_led": (("LearningGroupLed", 1),),
    "rule9_cross": (("LearningGroupCrossesUnits", 1),),
    "rule10_leader": (("InbetweenerNotFormalLeader", 1),),
    "rule10_mandate": (("InbetweenerHasMandate", 1),),
    "rule11": (("UnitInLine", 1),),
    "rule12": (("QuoteHasSource", 1),),
}
"""Each planted defect and the findings (dlsh: shape, how many) it produces."""

SHAPE_RULES: Final[Mapping[str, int]] = {
    "DelegatedTaskHasMandate": 1,
    "MandateGivesDirection": 2,
    "GrantorHoldsAuthority": 3,
    "DelegatedTaskAligned": 4,
    "DelegationShareChannel": 5,
    "NoDelegationCycle": 6,
    "ActNotAfterMandate": 7,
    "CrisisActLinked": 8,
    "LearningGroupLed": 9,
    "LearningGroupCrossesUnits": 9,
    "InbetweenerNotFormalLeader": 10,
    "InbetweenerHasMandate": 10,
    "UnitInLine": 11,
    "QuoteHasSource": 12,
}

_DELEGATION_DEFECTS: Final = ("rule1", "rule2", "rule3", "rule4", "rule5", "rule6", "rule7")
_UNIT_TYPES: Final = (
    ("Preschool", "preschool"),
    ("CompulsorySchool", "compulsory school"),
    ("CompulsorySchool", "compulsory school"),
    ("UpperSecondarySchool", "upper secondary school"),
    ("AdultEducation", "adult education"),
    ("PedagogicalInstitution", "pedagogical institution"),
)
_ACT_KINDS: Final = (
    "GivingDirection",
    "Coordinating",
    "Deciding",
    "Informing",
    "Structuring",
    "Translating",
    "CreatingSecurity",
    "SupportingColleagues",
    "ArrangingResources",
    "ManagingCrisis",
)
_TASKS: Final = (
    "organising distance teaching",
    "coordinating substitute teachers",
    "informing parents",
    "planning pupil health follow-up",
    "adapting the timetable",
    "sharing teaching material",
    "supporting new colleagues",
    "following up absence",
)
_GROUP_SIZE: Final = 4
_DELEGATIONS_PER_UNIT: Final = 6


@dataclass
class SynthSummary:
    """What :func:`synthesize` wrote and which findings validation must report."""

    municipalities: int
    seed: int
    triples: int = 0
    units: int = 0
    people: int = 0
    delegations: int = 0
    acts: int = 0
    advice_ties: int = 0
    defects: Counter[str] = field(default_factory=Counter)
    """How many of each planted defect (keys of :data:`DEFECTS`)."""
    path: Path | None = None

    @property
    def expected(self) -> dict[str, int]:
        """The exact number of findings per dlsh: shape (local name) validation reports."""
        counts: Counter[str] = Counter()
        for defect, number in self.defects.items():
            for shape, per_defect in DEFECTS[defect]:
                counts[shape] += per_defect * number
        return {shape: counts[shape] for shape in SHAPE_RULES if counts[shape]}

    @property
    def expected_by_rule(self) -> dict[int, int]:
        """The exact number of findings per coherence rule (1 to 12)."""
        counts: Counter[int] = Counter()
        for shape, number in self.expected.items():
            counts[SHAPE_RULES[shape]] += number
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, object]:
        return {
            "municipalities": self.municipalities,
            "seed": self.seed,
            "triples": self.triples,
            "units": self.units,
            "people": self.people,
            "delegations": self.delegations,
            "acts": self.acts,
            "advice_ties": self.advice_ties,
            "defects": dict(sorted(self.defects.items())),
            "expected_findings_by_shape": self.expected,
            "expected_findings_by_rule": {str(k): v for k, v in self.expected_by_rule.items()},
            "path": str(self.path) if self.path is not None else None,
        }


# -------------------------------------------------------------------------------------
# Terms in N-Triples syntax
# -------------------------------------------------------------------------------------


def _iri(text: str) -> str:
    return f"<{text}>"


def _lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def _typed(text: str, datatype: str) -> str:
    return f'"{text}"^^<{_XSD}{datatype}>'


def _dl(name: str) -> str:
    return f"<{_DL}{name}>"


def _org(name: str) -> str:
    return f"<{_ORG}{name}>"


A = f"<{_RDF}type>"
LABEL = f"<{_RDFS}label>"
NAME = f"<{_FOAF}name>"
_TRUE = _typed("true", "boolean")
_FALSE = _typed("false", "boolean")


class _Municipality:
    """Writes one municipality's triples through ``emit`` and counts what it planted."""

    def __init__(self, number: int, seed: int, emit: Callable[[str, str, str], None]) -> None:
        self.k = number
        self.rng_name = f"dlgraph-synth/{seed}/{number}"
        self.rng = random.Random(self.rng_name)
        self.emit = emit
        self.base = f"{BASE}m{number:04d}/"
        self.defects: Counter[str] = Counter()
        self.units = 0
        self.people = 0
        self.delegations = 0
        self.acts = 0
        self.advice_ties = 0

    def n(self, local: str) -> str:
        return f"<{self.base}{local}>"

    def hit(self, rule: str) -> bool:
        if self.rng.random() < RATES[rule]:
            self.defects[rule] += 1
            return True
        return False

    def person(self, local: str, name: str) -> str:
        node = self.n(local)
        self.emit(node, A, _dl("Person"))
        self.emit(node, NAME, _lit(name))
        self.emit(node, _dl("isPseudonym"), _TRUE)
        self.people += 1
        return node

    def membership(self, local: str, member: str, organization: str, role: str) -> str:
        node = self.n(local)
        self.emit(node, A, _org("Membership"))
        self.emit(node, _org("member"), member)
        self.emit(node, _org("organization"), organization)
        self.emit(node, _org("role"), _dl(role))
        return node

    def mandate(
        self,
        local: str,
        task: str,
        grantor: str,
        holder: str,
        resource: str,
        *,
        direction: bool = True,
    ) -> str:
        e, node = self.emit, self.n(local)
        e(node, A, _dl("Mandate"))
        e(node, _dl("forTask"), task)
        e(node, _dl("grantedBy"), grantor)
        e(node, _dl("grantedTo"), holder)
        e(node, _dl("hasResource"), resource)
        if direction:
            e(node, _dl("direction"), _lit("follow the municipality's plan for 2020", "en"))
        e(node, _dl("frames"), _lit("within the unit's budget and the Education Act", "en"))
        e(node, _dl("roomForAction"), _lit("decides the form of the work", "en"))
        e(node, _dl("validDuring"), self.n("year2020"))
        return node

    def act(
        self,
        local: str,
        actor: str,
        *,
        when: str,
        period: str | None,
        own_initiative: bool,
        task: str | None = None,
        mandate: str | None = None,
        aligned: str | None = None,
    ) -> str:
        e, node = self.emit, self.n(local)
        e(node, A, _dl("LeadershipAct"))
        e(node, _dl("actor"), actor)
        e(node, _dl("actKind"), _dl(self.rng.choice(_ACT_KINDS)))
        e(node, _dl("onOwnInitiative"), _TRUE if own_initiative else _FALSE)
        e(node, _dl("inSituation"), self.n("pandemic"))
        if period is not None:
            e(node, _dl("inPeriod"), self.n(period))
        if task is not None:
            e(node, _dl("performsTask"), task)
        if mandate is not None:
            e(node, _dl("underMandate"), mandate)
        if aligned is not None:
            e(node, _dl("alignedWith"), aligned)
        e(node, f"<{_PROV}startedAtTime>", _typed(when, "dateTime"))
        self.acts += 1
        return node

    def interval(self, local: str, begin: str, end: str, kind: str) -> None:
        e, node = self.emit, self.n(local)
        e(node, A, kind)
        for side, day in (("hasBeginning", begin), ("hasEnd", end)):
            instant = self.n(f"{local}-{side}")
            e(node, f"<{_TIME}{side}>", instant)
            e(instant, A, f"<{_TIME}Instant>")
            e(instant, f"<{_TIME}inXSDDate>", _typed(day, "date"))

    def write(self) -> None:
        e, n, rng = self.emit, self.n, self.rng
        k = self.k
        mun, organiser, admin, devorg = n("municipality"), n("organiser"), n("admin"), n("devorg")
        value, goal, source = n("valueBase"), n("goal"), n("interviews")
        e(mun, A, _dl("Municipality"))
        e(mun, LABEL, _lit(f"Municipality {k} (synthetic)", "en"))
        e(mun, _dl("hasValue"), value)
        e(mun, _dl("hasGoal"), goal)
        e(value, A, _dl("Value"))
        e(value, LABEL, _lit(f"the value base of municipality {k}", "en"))
        e(value, "<http://www.w3.org/2004/02/skos/core#broader>", _dl("Trust"))
        e(goal, A, _dl("Goal"))
        e(goal, LABEL, _lit("every pupil reaches the knowledge requirements", "en"))
        e(organiser, A, _dl("SchoolOrganiser"))
        e(organiser, LABEL, _lit(f"the school organiser of municipality {k}", "en"))
        e(organiser, _dl("inLineUnder"), mun)
        e(admin, A, _dl("Administration"))
        e(admin, LABEL, _lit(f"the education administration of municipality {k}", "en"))
        e(admin, _dl("inLineUnder"), organiser)
        head = self.person("head", f"Head of administration {k}")
        e(head, _dl("formalLeaderOf"), admin)
        e(devorg, A, _dl("DevelopmentOrganisation"))
        e(devorg, LABEL, _lit(f"the development organisation of municipality {k}", "en"))
        e(n("pandemic"), A, _dl("Crisis"))
        e(n("pandemic"), LABEL, _lit("the covid-19 pandemic, 2020", "en"))
        self.interval("spring", "2020-03-01", "2020-06-30", _dl("Period"))
        self.interval("autumn", "2020-08-01", "2020-12-31", _dl("Period"))
        self.interval("year2020", "2020-01-01", "2020-12-31", f"<{_TIME}Interval>")
        e(source, A, _dl("Interview"))
        e(source, LABEL, _lit(f"interviews in municipality {k}, 2020", "en"))

        count = 26 if k == 1 else rng.randint(25, 65)
        principals: list[tuple[str, str]] = []
        for u in range(count):
            principals.append(self.unit(u, organiser, value, goal, source))
        for u in range(count - 1):
            path = n(f"path{u}")
            e(path, A, _dl("CommunicationPath"))
            e(path, _dl("connects"), n(f"unit{u}"))
            e(path, _dl("connects"), n(f"unit{u + 1}"))
            e(path, _dl("medium"), _lit("the weekly principals' meeting", "en"))
        self.learning_groups(principals, devorg)

    def unit(self, u: int, organiser: str, value: str, goal: str, source: str) -> tuple[str, str]:
        e, n, rng = self.emit, self.n, self.rng
        kind, words = _UNIT_TYPES[rng.randrange(len(_UNIT_TYPES))]
        unit, team, health = n(f"unit{u}"), n(f"unit{u}-lt"), n(f"unit{u}-ht")
        self.units += 1
        e(unit, A, _dl(kind))
        e(unit, LABEL, _lit(f"{words.capitalize()} {u} of municipality {self.k}", "en"))
        e(unit, _dl("inLineUnder"), organiser)
        principal = self.person(f"unit{u}-principal", f"Principal {self.k}.{u}")
        e(principal, _dl("formalLeaderOf"), unit)
        self.membership(f"unit{u}-principal-m", principal, unit, "Principal")
        for group, cls, label in (
            (team, "LeadershipTeam", "leadership team"),
            (health, "Team", "pupil health team"),
        ):
            e(group, A, _dl(cls))
            e(group, LABEL, _lit(f"the {label} of unit {u}", "en"))
            e(group, _dl("inLineUnder"), unit)
            e(principal, _org("memberOf"), group)
        teachers = [
            self.person(f"unit{u}-t{i}", f"Teacher {self.k}.{u}.{i}")
            for i in range(rng.randint(8, 14))
        ]
        for i, teacher in enumerate(teachers):
            self.membership(f"unit{u}-t{i}-m", teacher, unit, "Teacher")
        nurses = [self.person(f"unit{u}-h{i}", f"Health staff {self.k}.{u}.{i}") for i in range(2)]
        for i, nurse in enumerate(nurses):
            self.membership(f"unit{u}-h{i}-m", nurse, unit, "HealthStaff")
            e(nurse, _org("memberOf"), health)
        inbetweener = teachers[1]
        self.advice(u, principal, inbetweener, teachers)
        e(teachers[0], _org("memberOf"), team)
        e(inbetweener, _org("memberOf"), team)
        resource = n(f"unit{u}-hours")
        e(resource, A, _dl("Resource"))
        e(resource, _dl("resourceKind"), _dl("TimeResource"))
        e(resource, LABEL, _lit("two hours a week", "en"))

        # The inbetweener's task, delegation and role mandate (never a planted defect).
        role = self.membership(f"unit{u}-ib", inbetweener, unit, "FirstTeacher")
        if not self.hit("rule10_mandate"):
            e(role, _dl("roleMandate"), n(f"unit{u}-d0-mandate"))
        if self.hit("rule10_leader"):
            extra = self.membership(f"unit{u}-principal-ib", principal, unit, "ProcessLeader")
            e(extra, _dl("roleMandate"), n(f"unit{u}-d0-mandate"))
        delegatees = (inbetweener, teachers[0], nurses[0])
        for d in range(_DELEGATIONS_PER_UNIT):
            self.delegation(u, d, unit, principal, delegatees[d % 3], teachers, value, goal)

        for i in range(2):
            actor = teachers[2 + i]
            unaligned = self.hit("rule8")
            act = self.act(
                f"unit{u}-own{i}",
                actor,
                when=f"2020-{3 + 6 * i:02d}-{10 + u % 15:02d}T08:30:00",
                period="spring" if i == 0 else "autumn",
                own_initiative=True,
                aligned=None if unaligned else _dl("SharedResponsibility"),
            )
            if i == 0:
                self.claim(u, act, source)
        if self.hit("rule9_cross"):
            group = n(f"unit{u}-lg")
            leader, other = teachers[2], teachers[3]
            e(group, A, _dl("LearningGroup"))
            e(group, LABEL, _lit(f"a learning group inside unit {u}", "en"))
            e(group, _dl("ledBy"), leader)
            self.membership(f"unit{u}-lg-pll", leader, n("devorg"), "ProcessLearningLeader")
            e(leader, _org("memberOf"), group)
            e(other, _org("memberOf"), group)
        if self.hit("rule11"):
            orphan = n(f"unit{u}-orphan")
            self.units += 1
            e(orphan, A, _dl("Preschool"))
            e(orphan, LABEL, _lit(f"a preschool outside the line, near unit {u}", "en"))
        return unit, principal

    def advice(self, u: int, principal: str, inbetweener: str, teachers: list[str]) -> None:
        """Whom the teachers of unit ``u`` seek advice from: the inbetweener, the principal,
        a colleague; from a generator of its own, so the planted defects stay the same."""
        rng = random.Random(f"{self.rng_name}/advice/{u}")
        for i, teacher in enumerate(teachers):
            chosen = [inbetweener] if rng.random() < 0.6 else []
            chosen += [principal] if rng.random() < 0.3 else []
            if rng.random() < 0.5:
                chosen.append(teachers[rng.randrange(len(teachers))])
            givers = [g for g in dict.fromkeys(chosen) if g != teacher]
            for j, giver in enumerate(givers):
                if j == 0:
                    self.emit(teacher, _dl("seeksAdviceFrom"), giver)
                    continue
                tie = self.n(f"unit{u}-t{i}-advice{j}")  # the qualified form too
                self.emit(tie, A, _dl("AdviceTie"))
                self.emit(tie, _dl("adviceSeeker"), teacher)
                self.emit(tie, _dl("adviceGiver"), giver)
            self.advice_ties += len(givers)

    def delegation(
        self,
        u: int,
        d: int,
        unit: str,
        principal: str,
        delegatee: str,
        teachers: list[str],
        value: str,
        goal: str,
    ) -> None:
        e, n = self.emit, self.n
        defect: str | None = None
        if d > 0:
            draw, edge = self.rng.random(), 0.0
            for rule in _DELEGATION_DEFECTS:
                edge += RATES[rule]
                if draw < edge:
                    defect = rule
                    self.defects[rule] += 1
                    break
        stem = f"unit{u}-d{d}"
        task, delegation = n(f"{stem}-task"), n(stem)
        if defect == "rule5":
            delegatee = teachers[-1]
        e(task, A, _dl("DelegatedTask"))
        e(task, LABEL, _lit(_TASKS[(u + d) % len(_TASKS)], "en"))
        e(task, _dl("concernsUnit"), unit)
        if defect != "rule4":
            e(task, _dl("alignedWith"), value if d % 2 else goal)
        e(delegation, A, _dl("TaskDelegation"))
        e(delegation, _dl("delegator"), principal)
        e(delegation, _dl("delegatee"), delegatee)
        e(delegation, _dl("delegatedTask"), task)
        self.delegations += 1
        mandate: str | None = None
        if defect != "rule1":
            grantor = teachers[-1] if defect == "rule3" else principal
            mandate = self.mandate(
                f"{stem}-mandate",
                task,
                grantor,
                delegatee,
                n(f"unit{u}-hours"),
                direction=defect != "rule2",
            )
            e(delegation, _dl("withMandate"), mandate)
        if defect == "rule6":
            back = n(f"{stem}-back")
            e(back, A, _dl("TaskDelegation"))
            e(back, _dl("delegator"), delegatee)
            e(back, _dl("delegatee"), principal)
            e(back, _dl("delegatedTask"), task)
            back_mandate = self.mandate(
                f"{stem}-back-mandate", task, delegatee, principal, n(f"unit{u}-hours")
            )
            e(back, _dl("withMandate"), back_mandate)
            self.delegations += 1
        day = 2 + (u + d) % 25
        self.act(
            f"{stem}-a1",
            delegatee,
            when=f"2020-04-{day:02d}T10:00:00",
            period="spring",
            own_initiative=False,
            task=task,
            mandate=mandate,
        )
        late = defect == "rule7"
        self.act(
            f"{stem}-a2",
            delegatee,
            when=f"2021-02-{day:02d}T10:00:00" if late else f"2020-10-{day:02d}T10:00:00",
            period=None if late else "autumn",
            own_initiative=False,
            task=task,
            mandate=mandate,
        )

    def claim(self, u: int, act: str, source: str) -> None:
        e, n = self.emit, self.n
        claim, quote = n(f"unit{u}-claim"), n(f"unit{u}-quote")
        e(claim, A, _dl("Claim"))
        e(claim, _dl("about"), act)
        e(claim, _dl("restsOn"), quote)
        e(quote, A, _dl("Quote"))
        e(quote, _dl("quoteText"), _lit("we just had to step forward and do it", "en"))
        e(quote, _dl("locator"), _lit(f"interview {u}, 00:{10 + u % 50:02d}"))
        missing = self.hit("rule12")
        e(quote, _dl("quotedFrom"), n(f"unit{u}-lost-recording") if missing else source)

    def learning_groups(self, principals: list[tuple[str, str]], devorg: str) -> None:
        e, n = self.emit, self.n
        starts = list(range(0, len(principals), _GROUP_SIZE))
        if len(starts) > 1 and len(principals) - starts[-1] < 2:
            starts.pop()  # a last group of one school joins the one before
        for g, start in enumerate(starts):
            end = starts[g + 1] if g + 1 < len(starts) else len(principals)
            group = n(f"lg{g}")
            e(group, A, _dl("LearningGroup"))
            e(group, LABEL, _lit(f"learning group {g + 1} of municipality {self.k}", "en"))
            members = [principal for _unit, principal in principals[start:end]]
            if not self.hit("rule9_led"):
                leader = members[0]
                e(group, _dl("ledBy"), leader)
                self.membership(f"lg{g}-pll", leader, devorg, "ProcessLearningLeader")
            for member in members:
                e(member, _org("memberOf"), group)
                e(member, _org("memberOf"), devorg)


def municipality_lines(number: int, seed: int = 0, *, quads: bool = False) -> Iterator[str]:
    """The lines (N-Triples, or N-Quads in the municipality's graph) of municipality ``number``."""
    lines: list[str] = []
    graph = f" <{BASE}graph/m{number:04d}>" if quads else ""

    def emit(s: str, p: str, o: str) -> None:
        lines.append(f"{s} {p} {o}{graph} .\n")

    _Municipality(number, seed, emit).write()
    return iter(lines)


def _generate(municipalities: int, seed: int, quads: bool, out: IO[bytes] | None) -> SynthSummary:
    if municipalities < 1:
        raise InputError(
            f"--municipalities must be at least 1, not {municipalities}",
            hint="290 gives a national-scale graph of about 5 million triples",
        )
    summary = SynthSummary(municipalities=municipalities, seed=seed)
    for k in range(1, municipalities + 1):
        lines: list[str] = []
        graph = f" <{BASE}graph/m{k:04d}>" if quads else ""

        def emit(s: str, p: str, o: str, lines: list[str] = lines, graph: str = graph) -> None:
            lines.append(f"{s} {p} {o}{graph} .\n")

        municipality = _Municipality(k, seed, emit)
        municipality.write()
        summary.triples += len(lines)
        summary.units += municipality.units
        summary.people += municipality.people
        summary.delegations += municipality.delegations
        summary.acts += municipality.acts
        summary.advice_ties += municipality.advice_ties
        summary.defects.update(municipality.defects)
        if out is not None:
            out.write("".join(lines).encode("utf-8"))
    return summary


def synthesize(
    municipalities: int,
    out: str | os.PathLike[str],
    *,
    seed: int = 0,
    quads: bool | None = None,
) -> SynthSummary:
    """Write a synthetic school system of ``municipalities`` municipalities to ``out``.

    ``quads`` chooses N-Quads with one named graph per municipality; by default it
    follows the file name (``.nq`` gives quads, anything else N-Triples). The file is
    written atomically. Returns what was written and the exact expected findings.
    """
    target = Path(out)
    as_quads = target.suffix.lower() in (".nq", ".nquads") if quads is None else quads
    with atomic_writer(target) as handle:
        summary = _generate(municipalities, seed, as_quads, handle)
    summary.path = target
    return summary


def expected_findings(municipalities: int, seed: int = 0) -> SynthSummary:
    """What :func:`synthesize` would write (counts and expected findings), without writing."""
    return _generate(municipalities, seed, False, None)
