"""Writing results: the terminal environment, the format registry behind `emit`, the machine
formats and the Rich screens. Takes contract objects; computes nothing about the events."""
