"""Importers of the field's two standard event datasets, ACLED and UCDP GED, into a data file
of this project's schema.

Pure: no Typer, no Rich, no pydantic. `rows` reads a CSV file with physical line numbers and
checks its layout; `precision` turns the datasets' date and location precision codes into
date spans and radii; `acled` and `ucdp` convert one row each; `places` and `sides` gather the
place hierarchy and the actors; `writer` streams the result to a file; `run` ties them
together and counts every row: imported or reported, never silently dropped.
"""
