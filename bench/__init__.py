"""Benchmarks (quality.md PERF-1..6), run by `make bench`; each prints a ratio to a same-run baseline."""
