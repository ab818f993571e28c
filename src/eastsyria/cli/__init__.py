"""The command line: the console entry, the Typer app, option declarations, completion, and
one module per command (or family) in `commands/`."""
