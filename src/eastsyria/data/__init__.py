"""The data file: its vocabularies, its pydantic schema, the plain records it becomes, and
how it is found, read, validated and cached. Imports only `eastsyria.errors`."""
