"""dlgraph.validate.api."""
