"""dlgraph.authoring.case."""
