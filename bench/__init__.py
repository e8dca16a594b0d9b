"""Benchmarks: a synthetic library generator and scenarios that report measured figures."""
