"""Rewrite the expected sections of golden cases from the current transpiler.

    .venv/bin/python scripts/update_goldens.py                   # every case
    .venv/bin/python scripts/update_goldens.py golden/chain.py   # some cases
    .venv/bin/python scripts/update_goldens.py --programs        # golden/programs/

The ``# output`` and ``# diagnostics`` sections are replaced by what the transpiler
produces now (a noop loses its ``# output`` section); the flags line and the input are
kept. Review the diff (``git diff golden/``) as you would review the generated code: the
goldens are only as good as that review. Runs nothing: ``pytest tests/test_golden.py``
then checks that the new outputs compile, are stable, and behave like their inputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent / "tests")]
sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]

from program_golden import load_program, program_paths, write_expected  # noqa: E402

from golden_format import (  # noqa: E402
    GOLDEN_DIR,
    CaseFormatError,
    current_case,
    golden_paths,
    load_case,
    render_case,
)


def main(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(__doc__)
        return 0
    if argv[:1] == ["--programs"]:
        names = set(argv[1:])
        cases = [load_program(p) for p in program_paths() if not names or p.name in names]
        updated = [case.name for case in cases if write_expected(case)]
        for name in updated:
            print(f"updated golden/programs/{name}")
        print(f"{len(updated)} of {len(cases)} program case(s) updated")
        return 0
    paths = [Path(arg).resolve() for arg in argv] or golden_paths()
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"no such golden file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    changed = 0
    for path in paths:
        try:
            case = load_case(path)
        except CaseFormatError as error:
            print(f"{path}: {error}", file=sys.stderr)
            return 1
        text = render_case(current_case(case))
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            changed += 1
            print(f"updated {path.relative_to(GOLDEN_DIR.parent)}")
    print(f"{changed} of {len(paths)} golden file(s) updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
