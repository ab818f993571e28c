"""The pure core: the catalog of a loaded dataset, name matching, dates, queries, control
periods and counts. Never imports Typer or Rich; imports only `data` and `errors`."""
