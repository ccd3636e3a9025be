"""SystemExit, KeyboardInterrupt and Ctrl-C in generated programs, as sequentially.

A ``SystemExit`` or ``KeyboardInterrupt`` raised in a task started early surfaces where
the task is awaited, in program order (held-back output first); a real SIGINT raises
``KeyboardInterrupt`` where the main coroutine waits, so the script's own handlers run.
Each program runs in a subprocess and gets a real signal.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD = 60  # seconds: a hang fails the test, it does not stall the suite


def _script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _run(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        cwd=ROOT,
    )


def _interrupt(path: Path) -> tuple[int, str, str]:
    """Run ``path``, send SIGINT once it printed its first line, return the outcome."""
    process = subprocess.Popen(
        [sys.executable, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        # A background test runner may ignore SIGINT; the child must not inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.default_int_handler),
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the program is waiting now
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=HANG_GUARD)
    return process.returncode, first + out, err


def test_system_exit_from_a_task_surfaces_in_program_order(tmp_path: Path) -> None:
    path = _script(
        tmp_path,
        """
        import asyncio, sys
        import runtime_shim as epic

        async def helper(n):
            await asyncio.sleep(0.01 * n)
            print("helper", n)
            if n == 2:
                sys.exit(3)
            return n

        async def main():
            async with epic.scope() as tasks:
                first = tasks.spawn(helper(1))
                second = tasks.spawn(helper(2))
                third = tasks.spawn(helper(0))  # finishes first, never awaited
                print("before")
                try:
                    print(await first)
                    print(await second)
                finally:
                    print("finally")
                print(await third)

        epic.run(main())
        """,
    )
    result = _run(path)
    assert result.returncode == 3
    # helper 0's text is never shown: the sequential program never got to it.
    assert result.stdout == "before\nhelper 1\n1\nhelper 2\nfinally\n"
    assert result.stderr == ""


def test_keyboard_interrupt_raised_by_a_task_reaches_the_scripts_handler(
    tmp_path: Path,
) -> None:
    path = _script(
        tmp_path,
        """
        import asyncio
        import runtime_shim as epic

        async def stop():
            await asyncio.sleep(0)
            raise KeyboardInterrupt

        async def main():
            async with epic.scope() as tasks:
                pending = tasks.spawn(stop())
                print("working")
                try:
                    await pending
                except KeyboardInterrupt:
                    print("handled")

        epic.run(main())
        """,
    )
    result = _run(path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "working\nhandled\n", "")


def test_ctrl_c_runs_the_scripts_own_handler(tmp_path: Path) -> None:
    path = _script(
        tmp_path,
        """
        import asyncio, sys
        import runtime_shim as epic

        async def slow(seconds):
            await asyncio.sleep(seconds)
            return seconds

        async def main():
            try:
                async with epic.scope() as tasks:
                    a = tasks.spawn(slow(30))
                    b = tasks.spawn(slow(40))
                    # Inside the ``try``: the signal comes once this line is out.
                    print("start", flush=True)
                    print(await a, await b)
            except KeyboardInterrupt:
                print("interrupted: partial results saved")
                sys.exit(130)
            finally:
                print("finally")

        epic.run(main())
        """,
    )
    code, out, err = _interrupt(path)
    assert code == 130
    assert out == "start\ninterrupted: partial results saved\nfinally\n"
    assert err == ""


def test_uncaught_ctrl_c_ends_the_process_as_sequentially(tmp_path: Path) -> None:
    transpiled = _script(
        tmp_path,
        """
        import asyncio
        import runtime_shim as epic

        async def main():
            print("start", flush=True)
            await asyncio.sleep(30)

        epic.run(main())
        """,
    )
    sequential = tmp_path / "sequential.py"
    sequential.write_text('import time\nprint("start", flush=True)\ntime.sleep(30)\n')
    code, out, err = _interrupt(transpiled)
    expected_code, expected_out, expected_err = _interrupt(sequential)
    assert (code, out) == (expected_code, expected_out)
    assert err.strip().splitlines()[-1] == expected_err.strip().splitlines()[-1]
