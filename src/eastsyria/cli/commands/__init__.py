"""One module per command or family; `eastsyria.cli.app` registers them."""
