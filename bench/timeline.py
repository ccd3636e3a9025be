"""A timeline SVG of one run: one lane per request, a bar from received to finished,
the first byte marked, stdout lines as ticks, and the start-up floor and the limit
(floor + critical path) as vertical lines.  Plain SVG, no dependencies."""

from __future__ import annotations

from html import escape
from typing import Any

LANE = 16
LEFT = 300
RIGHT = 30
TOP = 72
WIDTH = 1000


def _label(prompt: str, limit: int = 36) -> str:
    text = " ".join(prompt.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(
    title: str,
    requests: list[dict[str, Any]],
    stdout_times: list[float],
    wall: float,
    floor: float,
    limit: float,
) -> str:
    """The SVG text.  Times are seconds since the process started."""
    requests = sorted(requests, key=lambda r: (r["received"], r["id"]))
    end = max([wall, limit] + [r["finished"] for r in requests]) * 1.02 or 1.0
    plot = WIDTH - LEFT - RIGHT

    def x(t: float) -> float:
        return LEFT + plot * max(t, 0.0) / end

    height = TOP + LANE * (len(requests) + 1) + 40
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="monospace" font-size="11">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="10" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<text x="10" y="36" fill="#555">wall {wall:.2f}s · limit {limit:.2f}s (start-up floor '
        f"{floor:.2f}s + critical path) · {len(requests)} requests</text>",
        '<text x="10" y="52" fill="#555">bar: request received → finished (blue: plain, orange: '
        "streamed) · black tick: first byte · green ticks: stdout lines · times from process start</text>",
    ]
    # time grid
    step = _nice_step(end)
    t = 0.0
    axis_y = TOP + LANE * (len(requests) + 1) + 14
    while t <= end:
        out.append(
            f'<line x1="{x(t):.1f}" y1="{TOP - 6}" x2="{x(t):.1f}" y2="{axis_y - 10}" stroke="#eee"/>'
        )
        out.append(
            f'<text x="{x(t):.1f}" y="{axis_y}" text-anchor="middle" fill="#555">{t:.2f}s</text>'
        )
        t += step
    # stdout lane
    out.append(f'<text x="{LEFT - 6}" y="{TOP + 11}" text-anchor="end" fill="#555">stdout</text>')
    for when in stdout_times:
        out.append(
            f'<line x1="{x(when):.1f}" y1="{TOP + 1}" x2="{x(when):.1f}" y2="{TOP + LANE - 3}" stroke="#2a7" stroke-width="1.5"/>'
        )
    # request lanes
    for i, r in enumerate(requests, start=1):
        y = TOP + LANE * i
        colour = "#e69138" if r.get("stream") else "#4a86e8"
        if r.get("status", 200) != 200:
            colour = "#cc0000"
        name = f"{r['label']}: " if r.get("label") else ""
        label = f"#{r['id']} {_label(name + r['prompt'])}"
        out.append(f'<text x="{LEFT - 6}" y="{y + 11}" text-anchor="end">{escape(label)}</text>')
        x0, x1 = x(r["received"]), x(r["finished"])
        out.append(
            f'<rect x="{x0:.1f}" y="{y + 2}" width="{max(x1 - x0, 1):.1f}" height="{LANE - 4}" '
            f'fill="{colour}" opacity="0.8"><title>{escape(r["prompt"])}\n'
            f'{r["received"]:.3f}s → {r["finished"]:.3f}s, {r["tokens"]} tokens</title></rect>'
        )
        xb = x(r["first_byte"])
        out.append(
            f'<line x1="{xb:.1f}" y1="{y + 1}" x2="{xb:.1f}" y2="{y + LANE - 1}" stroke="black" stroke-width="1.5"/>'
        )
    # markers
    bottom = TOP + LANE * (len(requests) + 1)
    for when, name, colour in ((limit, "limit", "#2a7"), (wall, "exit", "#c00")):
        out.append(
            f'<line x1="{x(when):.1f}" y1="{TOP - 10}" x2="{x(when):.1f}" y2="{bottom}" '
            f'stroke="{colour}" stroke-dasharray="4 3"/>'
        )
        out.append(f'<text x="{x(when) + 3:.1f}" y="{TOP - 12}" fill="{colour}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _nice_step(span: float) -> float:
    for step in (0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60):
        if span / step <= 12:
            return float(step)
    return span / 10
