"""A synthetic municipal school system of a few thousand nodes, for the report's scale tests.

Deterministic: the same arguments give the same Turtle. Names are made up, and every
person is marked ``dl:isPseudonym true`` (as ``dlgraph synth`` marks its people), so the
report shows their names.
"""

from __future__ import annotations


def synthetic_municipality(
    districts: int = 8,
    schools_per_district: int = 20,
    teachers_per_school: int = 16,
    learning_groups: int = 16,
) -> str:
    """Turtle for a municipality with districts, schools, principals, teachers, learning
    groups, communication paths, delegations with mandates and leadership acts."""
    lines = [
        "@prefix dl: <https://w3id.org/dlgraph/ontology#> .",
        "@prefix org: <http://www.w3.org/ns/org#> .",
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix s: <https://example.org/synthetic/> .",
        's:m a dl:Municipality ; rdfs:label "Synthetic municipality"@en .',
        's:adm a dl:Administration ; rdfs:label "Education administration"@en ;'
        " dl:inLineUnder s:m .",
        's:head a dl:Person ; foaf:name "Head of administration" ; dl:isPseudonym true ;'
        " dl:formalLeaderOf s:adm .",
    ]
    schools: list[str] = []
    principals: list[str] = []
    for d in range(districts):
        lines.append(
            f's:d{d} a org:OrganizationalUnit ; rdfs:label "District {d}"@en ;'
            " dl:inLineUnder s:adm ."
        )
        for k in range(schools_per_district):
            school = f"s:sch{d}_{k}"
            principal = f"s:p{d}_{k}"
            schools.append(school)
            principals.append(principal)
            lines.append(
                f'{school} a dl:CompulsorySchool ; rdfs:label "School {d}-{k}"@en ; '
                f"dl:inLineUnder s:d{d} ."
            )
            lines.append(
                f'{principal} a dl:Person ; foaf:name "Principal {d}-{k}" ; dl:isPseudonym true ; '
                f"dl:formalLeaderOf {school} ."
            )
            for t in range(teachers_per_school):
                lines.append(
                    f's:t{d}_{k}_{t} a dl:Person ; foaf:name "Teacher {d}-{k}-{t}" ; '
                    f"dl:isPseudonym true ; org:memberOf {school} ."
                )
            task = f"s:task{d}_{k}"
            lines.append(
                f'{task} a dl:LeadershipTask ; rdfs:label "coordinate distance teaching'
                f' {d}-{k}"@en .'
            )
            lines.append(
                f"s:del{d}_{k} a dl:TaskDelegation ; dl:delegator {principal} ; "
                f"dl:delegatee s:t{d}_{k}_0 ; dl:delegatedTask {task} ;"
                f" dl:withMandate s:man{d}_{k} ."
            )
            lines.append(
                f"s:man{d}_{k} a dl:Mandate ; dl:forTask {task} ; dl:grantedBy {principal} ; "
                f"dl:grantedTo s:t{d}_{k}_0 ; "
                'dl:direction "Keep teaching going."@en .'
            )
            for a in range(2):
                month = 3 + (k + a * 5) % 9
                own = "true" if (d + k + a) % 3 else "false"
                lines.append(
                    f"s:act{d}_{k}_{a} a dl:LeadershipAct ; dl:actor s:t{d}_{k}_{a + 1} ; "
                    f"dl:actKind dl:TakingInitiative ; dl:onOwnInitiative {own} ; "
                    f'prov:startedAtTime "2020-{month:02d}-15T09:00:00"^^xsd:dateTime .'
                )
    for g in range(learning_groups):
        members = principals[g::learning_groups]
        lines.append(
            f's:lg{g} a dl:LearningGroup ; rdfs:label "Learning group {g}"@en ; '
            f"dl:ledBy {members[0]} ; org:hasMember {', '.join(members)} ."
        )
    for c in range(len(schools) // 4):
        d1, k1 = divmod(c, schools_per_district)
        d2 = (d1 + 1) % districts
        lines.append(
            f's:path{c} a dl:CommunicationPath ; rdfs:label "network {c}"@en ; '
            f"dl:connects s:t{d1}_{k1}_3 , s:t{d2}_{k1}_3 ."
        )
    return "\n".join(lines) + "\n"
