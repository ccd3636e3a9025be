# From AntonOsika/gpt-engineer (commit bdd2cb040f9e8d4b5acd29b047c11ca3cefea974), MIT.
# Original path: scripts/benchmark.py. Each benchmark folder ran "python -m gpt_engineer.main
# FOLDER --steps benchmark" as a subprocess (all started at once), then an interactive
# evaluation and a tabulate report; here gpt_engineer.main.main is called for each folder in
# turn and the report lists the files each run wrote. typer's run() is replaced by a plain
# call; three small benchmark prompts are embedded under benchmark/.
import os

from itertools import islice
from pathlib import Path
from typing import Iterable, Union

from gpt_engineer.main import main as gpt_engineer_main
from gpt_engineer.steps import Config


def main(
    n_benchmarks: Union[int, None] = None,
):
    path = Path("benchmark")

    folders: Iterable[Path] = sorted(path.iterdir())

    if n_benchmarks:
        folders = islice(folders, n_benchmarks)

    benchmarks = []
    for bench_folder in folders:
        if os.path.isdir(bench_folder):
            print(f"Running benchmark for {bench_folder}")
            gpt_engineer_main(str(bench_folder), steps_config=Config.BENCHMARK)
            benchmarks.append(bench_folder)
            print()

    generate_report(benchmarks, path)


def generate_report(benchmarks, benchmark_path):
    rows = []
    for bench_folder in benchmarks:
        workspace = bench_folder / "workspace"
        files = sorted(str(p.relative_to(workspace)) for p in workspace.rglob("*") if p.is_file())
        run_sh = (workspace / "run.sh").read_text()
        rows.append([bench_folder.name, ", ".join(files), "yes" if run_sh.strip() else "no"])
    print("\nBenchmark report:\n")
    print("| Benchmark | Files | run.sh |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


if __name__ == "__main__":
    main()
