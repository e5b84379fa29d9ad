"""Tools for developers: the benchmark, the rebuild measurement, synthetic corpora."""
