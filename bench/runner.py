"""Run one script as a subprocess and observe it: wall time, stdout lines with their
arrival times, and the endpoint's request log for the run."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from offline_endpoint import Endpoint, RequestRecord, max_in_flight
from transpiler import compare as comparing

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    """One run of one version of one workload."""

    workload: str
    version: str
    rep: int
    wall_s: float
    returncode: int
    stdout: str
    stderr: str
    lines: list[tuple[float, str]]  # (seconds since process start, line) per stdout line
    first_byte_s: float | None
    timed_out: bool = False
    records: list[RequestRecord] = field(default_factory=list)
    clock_offset: float = 0.0  # process start on the endpoint's clock

    @property
    def ttfo_s(self) -> float | None:
        """Time to first output: process start to the first complete stdout line."""
        return self.lines[0][0] if self.lines else None

    @property
    def active_s(self) -> float | None:
        """From the first request to the last stdout line: the part of the run that
        the schedule decides, without the process start-up (the same for every version,
        and most of the wall time at the default scale)."""
        first_request = self._first_request()
        return None if first_request is None else self.lines[-1][0] - first_request

    @property
    def active_ttfo_s(self) -> float | None:
        """From the first request to the first stdout line (start-up left out)."""
        first_request = self._first_request()
        return None if first_request is None else self.lines[0][0] - first_request

    def _first_request(self) -> float | None:
        """When the first request arrived, on this run's clock (None: no request or no
        output)."""
        if not self.records or not self.lines:
            return None
        return min(r.received for r in self.records) - self.clock_offset

    @property
    def requests(self) -> int:
        return len(self.records)

    @property
    def peak_in_flight(self) -> int:
        return max_in_flight(self.records)

    def timeline(self) -> list[dict[str, Any]]:
        """The request log on this run's clock (seconds since process start)."""
        return [
            {
                "id": r.id,
                "prompt": r.prompt,
                "stream": r.stream,
                "status": r.status,
                "tokens": r.tokens,
                "received": r.received - self.clock_offset,
                "first_byte": r.first_byte - self.clock_offset,
                "finished": r.finished - self.clock_offset,
            }
            for r in self.records
        ]

    def to_json(self, *, with_output: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "workload": self.workload,
            "version": self.version,
            "rep": self.rep,
            "wall_s": self.wall_s,
            "ttfo_s": self.ttfo_s,
            "active_s": self.active_s,
            "active_ttfo_s": self.active_ttfo_s,
            "first_byte_s": self.first_byte_s,
            "returncode": self.returncode,
            "timed_out": self.timed_out,
            "requests": self.requests,
            "peak_in_flight": self.peak_in_flight,
        }
        if with_output:
            data["stdout"] = self.stdout
            data["stderr"] = self.stderr
        return data


def script_env(base_url: str, script_dir: Path) -> dict[str, str]:
    """The environment every version runs in (the same for all of them): the one
    ``epic compare`` runs both versions in, with unbuffered output."""
    env = comparing.script_env(base_url, script_dir=script_dir)
    env["PYTHONUNBUFFERED"] = "1"  # stdout lines reach us when printed, not at exit
    for name in ("EPIC_MAX_CONCURRENCY", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        env.pop(name, None)
    return env


def run_script(
    script: Path,
    *,
    env: Mapping[str, str],
    cwd: Path,
    timeout: float,
) -> tuple[float, int, str, str, list[tuple[float, str]], float | None, bool, float]:
    """Run ``python script``; return (wall, returncode, stdout, stderr, timed lines,
    first byte, timed out, start on the monotonic clock)."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    out = bytearray()
    err = bytearray()
    lines: list[tuple[float, str]] = []
    partial = bytearray()
    first_byte: float | None = None
    timed_out = False
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ, "out")
    selector.register(proc.stderr, selectors.EVENT_READ, "err")
    open_streams = 2
    deadline = start + timeout
    while open_streams:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            timed_out = True
            proc.kill()
            break
        for key, _ in selector.select(timeout=min(remaining, 1.0)):
            data = os.read(key.fd, 65536)
            now = time.monotonic() - start
            if not data:
                selector.unregister(key.fileobj)
                open_streams -= 1
                continue
            if key.data == "err":
                err += data
                continue
            if first_byte is None:
                first_byte = now
            out += data
            partial += data
            while b"\n" in partial:
                line, _, rest = bytes(partial).partition(b"\n")
                lines.append((now, line.decode("utf-8", "replace")))
                partial = bytearray(rest)
    selector.close()
    returncode = proc.wait()
    wall = time.monotonic() - start
    if partial:
        lines.append((wall, partial.decode("utf-8", "replace")))
    proc.stdout.close()
    proc.stderr.close()
    return (
        wall,
        returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        lines,
        first_byte,
        timed_out,
        start,
    )


def observe(
    endpoint: Endpoint,
    origin: float,
    workload: str,
    version: str,
    rep: int,
    script: Path,
    *,
    cwd: Path,
    timeout: float,
) -> Run:
    """Reset the endpoint's log, run the script, and collect what the endpoint saw."""
    endpoint.reset()
    env = script_env(endpoint.base_url, cwd)
    wall, code, stdout, stderr, lines, first, timed_out, start = run_script(
        script, env=env, cwd=cwd, timeout=timeout
    )
    records = endpoint.log()
    return Run(
        workload=workload,
        version=version,
        rep=rep,
        wall_s=wall,
        returncode=code,
        stdout=stdout,
        stderr=stderr,
        lines=lines,
        first_byte_s=first,
        timed_out=timed_out,
        records=records,
        clock_offset=start - origin,
    )
