"""epic's benchmark suite: ``python -m bench`` (see "Benchmarks" in the README).

Six LLM workloads, each as the plain sequential script, epic's output (transpiled at
bench time), a hand-written expert asyncio version and its dependency structure (for
the critical-path lower bound), run side by side against the offline endpoint; plus
the transpiler's throughput and the runtime shim's per-call overhead and memory.
"""
