"""dlgraph.anonymize.pseudonyms."""
