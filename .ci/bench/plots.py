#!/usr/bin/env python3
"""The benchmark suite's plots, as SVG files with no library beyond Python's own.

  python3 .ci/bench/plots.py [target/bench/suite/results.json] [out-directory]

Writes, from a suite run's results.json:
  http-<path>.svg   each HTTP path: p50 and p99 latency (log scale) against the rate achieved, the saturated
                    throughput marked; an open model's curve, so the knee where the server stops keeping up shows
  scans.svg         each deadline scan's execution time against the rows stored (both log scales): flat means the
                    scan costs what is due, not what is stored
The suite writes them next to its report; BENCHMARKS.md shows the ones of the run it quotes (docs/benchmarks/).
"""
import html
import json
import math
import os
import re
import sys

WIDTH, HEIGHT = 680, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 200, 40, 50
# GOV.UK Frontend's palette, distinguishable in grey too (dark, mid, light, with different dash patterns)
COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#505a5f", "#b58840", "#912b88"]
DASHES = ["", "6 3", "2 3", "8 3 2 3"]


def _ticks(low, high, log):
    if log:
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        return [10 ** e for e in range(first, last + 1)]
    step = 10 ** math.floor(math.log10(max(high - low, 1e-9)))
    for factor in (1, 2, 5, 10):
        if (high - low) / (step * factor) <= 6:
            step *= factor
            break
    start = math.floor(low / step) * step
    return [start + i * step for i in range(int((high - start) / step) + 2) if start + i * step <= high + step]


def _label(value):
    if value >= 1000:
        return f"{value / 1000:g}k" if value < 1_000_000 else f"{value / 1_000_000:g}M"
    return f"{value:g}"


def chart(title, x_label, y_label, series, log_x=False, log_y=False, markers=()):
    """series: [(name, [(x, y), ...])]; markers: [(name, x)] drawn as labelled vertical lines. Returns SVG text."""
    points = [p for _, ps in series for p in ps if p[1] is not None and (not log_y or p[1] > 0) and (not log_x or p[0] > 0)]
    xs = [p[0] for p in points] + [m[1] for m in markers]
    ys = [p[1] for p in points]
    if not points:
        xs, ys = [1, 10], [1, 10]
    x_low, x_high = (min(xs), max(xs)) if log_x else (0, max(xs) * 1.05 or 1)
    y_low, y_high = (min(ys), max(ys)) if log_y else (0, max(ys) * 1.1 or 1)
    x_ticks, y_ticks = _ticks(x_low, x_high, log_x), _ticks(y_low, y_high, log_y)
    x_low, x_high = (x_ticks[0], x_ticks[-1]) if log_x else (x_low, max(x_high, x_ticks[-1]))
    y_low, y_high = (y_ticks[0], y_ticks[-1]) if log_y else (y_low, max(y_high, y_ticks[-1]))
    x_ticks = [t for t in x_ticks if x_low <= t <= x_high]
    y_ticks = [t for t in y_ticks if y_low <= t <= y_high]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(x):
        f = (math.log10(x) - math.log10(x_low)) / (math.log10(x_high) - math.log10(x_low) or 1) if log_x else (x - x_low) / ((x_high - x_low) or 1)
        return LEFT + f * plot_w

    def sy(y):
        f = (math.log10(y) - math.log10(y_low)) / (math.log10(y_high) - math.log10(y_low) or 1) if log_y else (y - y_low) / ((y_high - y_low) or 1)
        return TOP + plot_h - f * plot_h

    e = html.escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'font-family="Arial, sans-serif" font-size="12" role="img" aria-label="{e(title)}">',
           f'<title>{e(title)}</title>', f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
           f'<text x="{LEFT}" y="22" font-size="14" font-weight="bold" fill="#0b0c0c">{e(title)}</text>']
    for t in x_ticks:
        out.append(f'<line x1="{sx(t):.1f}" y1="{TOP}" x2="{sx(t):.1f}" y2="{TOP + plot_h}" stroke="#e5e6e7"/>')
        out.append(f'<text x="{sx(t):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" fill="#0b0c0c">{_label(t)}</text>')
    for t in y_ticks:
        out.append(f'<line x1="{LEFT}" y1="{sy(t):.1f}" x2="{LEFT + plot_w}" y2="{sy(t):.1f}" stroke="#e5e6e7"/>')
        out.append(f'<text x="{LEFT - 6}" y="{sy(t) + 4:.1f}" text-anchor="end" fill="#0b0c0c">{_label(t)}</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#505a5f"/>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 12}" text-anchor="middle" fill="#0b0c0c">{e(x_label)}</text>')
    out.append(f'<text transform="translate(16 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle" fill="#0b0c0c">{e(y_label)}</text>')
    for i, (name, x) in enumerate(markers):
        out.append(f'<line x1="{sx(x):.1f}" y1="{TOP}" x2="{sx(x):.1f}" y2="{TOP + plot_h}" stroke="#0b0c0c" stroke-dasharray="2 2"/>')
        out.append(f'<text x="{sx(x) - 4:.1f}" y="{TOP + 12 + 14 * i}" text-anchor="end" fill="#0b0c0c">{e(name)}</text>')
    legend_y = TOP + 6
    for i, (name, ps) in enumerate(series):
        colour, dash = COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)]
        kept = sorted(p for p in ps if p[1] is not None and (not log_y or p[1] > 0) and (not log_x or p[0] > 0))
        if kept:
            path = " ".join(f"{'M' if j == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}" for j, (x, y) in enumerate(kept))
            out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
            for x, y in kept:
                out.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{colour}"><title>{e(name)}: {x:g}, {y:g}</title></circle>')
        out.append(f'<line x1="{WIDTH - RIGHT + 10}" y1="{legend_y + 16 * i}" x2="{WIDTH - RIGHT + 30}" y2="{legend_y + 16 * i}" '
                   f'stroke="{colour}" stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
        out.append(f'<text x="{WIDTH - RIGHT + 34}" y="{legend_y + 16 * i + 4}" fill="#0b0c0c">{e(name)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def slug(text):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")[:60]


def write_all(results, directory):
    """Writes every plot the results allow; returns the files' names."""
    os.makedirs(directory, exist_ok=True)
    written = []

    def save(name, text):
        with open(os.path.join(directory, name), "w") as out:
            out.write(text)
        written.append(name)

    for entry in results.get("http", {}).get("paths", []):
        fixed = entry["fixedRates"]
        p50 = [(m["achievedRate"], m["latencyMs"]["p50"]) for m in fixed]
        p99 = [(m["achievedRate"], m["latencyMs"]["p99"]) for m in fixed]
        saturation = entry.get("saturation") or {}
        markers = [(f"saturated: {saturation['throughput']}/s", saturation["throughput"])] if saturation.get("throughput") else []
        save(f"http-{slug(entry['path'])}.svg", chart(entry["path"], "requests a second achieved (open model, 10 s each)",
                                                      "latency from when due (ms, log)", [("p50", p50), ("p99", p99)],
                                                      log_y=True, markers=markers))
    scans = results.get("scans", [])
    if scans:
        by_scan = {}
        for r in scans:
            by_scan.setdefault(r["scan"], []).append((r["storedRows"], r["executionMs"]))
        save("scans.svg", chart("Deadline scans: time per claim", "rows stored (log)", "execution (ms, log)",
                                list(by_scan.items()), log_x=True, log_y=True))
    return written


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join("target", "bench", "suite", "results.json")
    directory = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(source)
    with open(source) as f:
        results = json.load(f)
    for name in write_all(results, directory):
        print(os.path.join(directory, name))


if __name__ == "__main__":
    main()
