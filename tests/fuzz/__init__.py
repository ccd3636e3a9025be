"""Differential fuzzing of the transpiler: random sequential programs, run both ways.

* ``fuzz.strategies`` (``tests/fuzz/strategies.py``) draws whole programs (source
  text) from hypothesis strategies over the subset epic promises to handle:
  assignments, external calls with results and failures, string and arithmetic work,
  prints, ``if``, ``for`` with accumulators, ``while`` with ``break``, comprehensions,
  helper functions, bounded recursion, ``try``/``except``, memo caches, aliasing and
  globals.
* ``fuzz.harness`` runs a program sequentially and transpiled, in process, with an
  injected ``_world`` that plays the external services (latency schedule, call log,
  results, failures), and reports every way the two runs differ.

Imported as ``fuzz`` (pytest puts ``tests/`` on the path; the scripts add it). Used by
``tests/test_fuzz.py`` (a fixed, derandomised CI budget) and ``scripts/fuzz_long.py``
(soak runs: ``EPIC_FUZZ_EXAMPLES=10000``).
"""
