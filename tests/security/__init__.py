"""Hostile input, shared directories and failing streams: each finding of the security probe.

A data file is something people share, a cache directory may be writable by others, and
stdout may be full or closed. Each test here reproduces one finding as it was found.
"""
