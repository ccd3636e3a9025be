"""mypy on the generated code: it reports nothing on an output that it does not also
report on the input (the user's own typing problems carry over; epic adds none)."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path

from mypy import api

from golden_format import golden_paths, load_case

ROOT = Path(__file__).resolve().parent.parent
ERROR = re.compile(r"^(?P<file>[^:]+\.py):\d+: error: .*\[(?P<code>[a-z-]+)\]$")


def _codes(directory: Path) -> dict[str, set[str]]:
    stdout, _, _ = api.run(
        [
            "--ignore-missing-imports",
            "--no-error-summary",
            "--cache-dir",
            str(directory / ".mypy_cache"),
            str(directory),
        ]
    )
    found: dict[str, set[str]] = defaultdict(set)
    for line in stdout.splitlines():
        match = ERROR.match(line)
        if match:
            found[Path(match["file"]).name].add(match["code"])
    return found


def test_generated_code_adds_no_type_errors(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    for folder in (inputs, outputs):
        folder.mkdir()
        shutil.copy(ROOT / "golden" / "_support" / "tools.py", folder / "tools.py")
    for path in golden_paths():
        case = load_case(path)
        if case.output is None:
            continue
        (inputs / path.name).write_text(case.source)
        (outputs / path.name).write_text(case.output)
    before, after = _codes(inputs), _codes(outputs)
    added = {
        name: sorted(codes - before.get(name, set()))
        for name, codes in after.items()
        if codes - before.get(name, set())
    }
    assert added == {}, f"mypy errors only in the generated code: {added}"
