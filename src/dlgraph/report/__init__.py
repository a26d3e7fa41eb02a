"""The reports for people: the HTML report of an organisation graph (:mod:`.html`, with
what it shows read out by :mod:`.view`), the documentation pages (:mod:`.docs`), and the
one translation table every report takes its words from (:mod:`.ui_text`).

How a node is named (languages, label predicates, the IRI shortener) lives in
:mod:`dlgraph.ontology.labels`, shared with the validation report.
"""
