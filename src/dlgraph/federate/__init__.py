"""dlgraph.federate."""
