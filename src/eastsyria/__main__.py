"""`python -m eastsyria`: the same entry point as the `eastsyria` command."""

from eastsyria.cli.entry import main

if __name__ == "__main__":
    main()
