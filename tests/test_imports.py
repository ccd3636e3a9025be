"""The imports of the output: ``asyncio`` and the runtime are added, and only the
``time`` imports the rewrite left unused are dropped (partially, for a multi-name
import), wherever they are."""

from __future__ import annotations

import pytest

from transpiler import transpile


def imports_of(code: str) -> list[str]:
    return [
        line.strip() for line in code.splitlines() if line.strip().startswith(("import ", "from "))
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "import os, time\nfrom time import sleep as nap, monotonic\nt0 = monotonic()\n"
            "nap(1)\ntime.sleep(2)\nprint(os.sep)\n",
            [
                "import os",
                "from time import monotonic",
                "import asyncio",
                "import runtime_shim as epic",
            ],
        ),
        (
            "import time\n\ndef f():\n    import time\n    time.sleep(1)\n    return 1\n\nprint(f(), f())\n",
            ["import asyncio", "import runtime_shim as epic"],
        ),
        (  # still used for time.time()
            "import time as t\nt.sleep(1)\nt.sleep(2)\nprint(t.time() > 0)\n",
            ["import time as t", "import asyncio", "import runtime_shim as epic"],
        ),
        (  # `import time` was unused before the rewrite: not epic's to remove
            "import time\nfrom time import sleep\nsleep(1)\nsleep(2)\nprint('x')\n",
            ["import time", "import asyncio", "import runtime_shim as epic"],
        ),
        (  # a name `time` that is an attribute elsewhere does not keep the import
            "import time\nclass C:\n    def __init__(self):\n        self.time = 0\n\n"
            "c = C()\ntime.sleep(1)\ntime.sleep(2)\nprint(c.time)\n",
            ["import asyncio", "import runtime_shim as epic"],
        ),
    ],
    ids=["partial", "nested", "still used", "unused before", "attribute"],
)
def test_time_imports_left_unused_are_dropped(source: str, expected: list[str]) -> None:
    result = transpile(source, path="a.py")
    assert result.code is not None and not result.problems
    assert imports_of(result.code) == expected, result.code
    compile(result.code, "a.py", "exec")


def test_an_import_inside_a_block_of_its_own_leaves_a_pass() -> None:
    source = "import time\nif True:\n    import time\ntime.sleep(1)\ntime.sleep(2)\nprint('done')\n"
    result = transpile(source, path="a.py")
    assert result.code is not None
    assert "import time" not in result.code
    compile(result.code, "a.py", "exec")
