"""eastsyria: a source-cited timeline of the 2017 Eastern Syria campaign, and a CLI to query it."""

__version__ = "0.1.0"
PROG = "eastsyria"
