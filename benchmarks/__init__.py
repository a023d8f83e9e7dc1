"""Benchmarks at scale (issue 8): synthetic scale data, ratio benchmarks, BENCHMARKS.md.

`python -m benchmarks.run` measures every figure side by side in one run; `--smoke` is the tiny
version CI runs through tests/test_bench_smoke.py so the benchmarks cannot rot.
"""
