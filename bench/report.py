#!/usr/bin/env python3
"""Generates docs/PERFORMANCE.md and docs/performance.svg from one bench/run.sh run.

    python3 bench/report.py RESULTS_DIR DOCS_DIR
    python3 bench/report.py --gc RESULTS_DIR DOCS_DIR

RESULTS_DIR holds what bench/run.sh wrote: JMH JSON files (programs, graal, micro, startup, gc), the
native reference's JSON lines (native.jsonl), the GC statistics' JSON lines (gc-stats.jsonl),
run.log and machine.txt. Every number in the report comes from those files; pairs without a result
are listed as "not measured" with the reason the log gives. With --gc (bench/run.sh gc) only the
GC section of an existing PERFORMANCE.md is replaced; a run without GC results keeps that section.
"""
import json
import math
import re
import sys
from pathlib import Path

BASELINE = "jwasm-jit-mmap"
# Column order of the program tables; engines absent from the run are left out.
ENGINES = [
    "jwasm-jit-mmap", "jwasm-jit-heap", "jwasm-interp-mmap", "jwasm-interp-heap",
    "chicory-compiler", "chicory-interp", "graalwasm-jit", "graalwasm-interp", "node",
]
COLORS = {
    "jwasm-jit-heap": "#6baed6", "jwasm-interp-mmap": "#fd8d3c", "jwasm-interp-heap": "#fdae6b",
    "chicory-compiler": "#31a354", "chicory-interp": "#a1d99b", "graalwasm-jit": "#756bb1",
    "graalwasm-interp": "#bcbddc", "node": "#de2d26",
}
PROGRAM_BENCH = "dev.jwasm.bench.programs.ProgramBenchmark.run"


def load_json(path):
    if not path.exists():
        return []
    text = path.read_text()
    return json.loads(text) if text.strip() else []


def load_jsonl(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def engine_of(runtime):
    return "node" if runtime.startswith("node-") else runtime


def kernel_ms(result):
    sec = result.get("secondaryMetrics", {})
    ns, ops = sec.get("kernelNs", {}).get("score"), sec.get("kernelOps", {}).get("score")
    if not ns or not ops:
        return None
    return ns / ops / 1e6


def not_measured(log_path):
    """(engine, program) -> reason, from the markers and JMH failures in the log."""
    reasons = {}
    if not log_path.exists():
        return reasons
    params = None
    lines = log_path.read_text(errors="replace").splitlines()
    for i, line in enumerate(lines):
        m = re.search(r"jwasm-bench: not measured: (\S+) (\S+): (.*)$", line)
        if m:
            reasons.setdefault((engine_of(m.group(1)), m.group(2)), m.group(3).strip())
            continue
        m = re.match(r"^# Parameters: \((.*)\)$", line)
        if m:
            params = dict(kv.split(" = ", 1) for kv in m.group(1).split(", ") if " = " in kv)
            continue
        if "<failure>" in line and params and "program" in params and "runtime" in params:
            key = (engine_of(params["runtime"]), params["program"])
            detail = next((l.strip() for l in lines[i + 1:i + 6] if l.strip()), "failed")
            detail = re.sub(r"^java\.lang\.IllegalStateException: jwasm-bench: not measured: \S+ \S+: ", "", detail)
            reasons.setdefault(key, "failed: " + detail[:200])
    return reasons


def machine(results_dir):
    info = {}
    path = results_dir / "machine.txt"
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                info[k] = v
    return info


def geomean(values):
    values = [v for v in values if v and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def fmt_ms(v):
    if v is None:
        return "—"
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 1:
        return f"{v:.1f}"
    return f"{v:.3f}"


def fmt_ratio(r):
    if r is None:
        return ""
    return f"{r:.2f}×" if r < 100 else f"{r:,.0f}×"


def program_table(times, programs, engines, reasons, what):
    head = "| program | " + " | ".join(f"{e}{' (baseline)' if e == BASELINE else ''}" for e in engines) + " |"
    rows = [head, "|" + "---|" * (len(engines) + 1)]
    ratios = {e: [] for e in engines}
    for p in programs:
        base = times.get((BASELINE, p))
        cells = []
        for e in engines:
            t = times.get((e, p))
            if t is None:
                why = reasons.get((e, p))
                cells.append(f"not measured ({why})" if why else "not measured")
                continue
            if base and e != BASELINE:
                r = t / base
                ratios[e].append(r)
                cells.append(f"{fmt_ms(t)} ({fmt_ratio(r)})")
            else:
                cells.append(fmt_ms(t))
        rows.append(f"| {p} | " + " | ".join(cells) + " |")
    means = []
    for e in engines:
        if e == BASELINE:
            means.append("1.00×")
        else:
            g = geomean(ratios[e])
            means.append(f"**{fmt_ratio(g)}** (n={len(ratios[e])})" if g else "—")
    rows.append(f"| **geometric mean of {what} ratios** | " + " | ".join(means) + " |")
    return "\n".join(rows), {e: geomean(ratios[e]) for e in engines}, ratios


def svg_chart(times, programs, engines, path):
    """Horizontal bars of time / jwasm-jit-mmap's time, log scale, one group per program + geomean."""
    others = [e for e in engines if e != BASELINE]
    groups = []
    for p in programs:
        base = times.get((BASELINE, p))
        if not base:
            continue
        groups.append((p, [(e, times[(e, p)] / base) for e in others if (e, p) in times]))
    means = []
    for e in others:
        g = geomean([r for _, bars in groups for (ee, r) in bars if ee == e])
        if g:
            means.append((e, g))
    groups.append(("geometric mean", means))
    bar, gap, left, width = 9, 12, 170, 560
    lo, hi = -2, 3  # 0.01× .. 1000×
    def x(r):
        v = min(max(math.log10(r), lo), hi)
        return left + (v - lo) / (hi - lo) * width
    height = 54 + sum(len(b) * bar + gap for _, b in groups) + 20 + 18 * ((len(others) + 3) // 4)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 40}" height="{height}" '
           'font-family="sans-serif" font-size="11">',
           f'<text x="{left}" y="13" font-size="12">time relative to {BASELINE} (log scale; right of 1× = slower than jwasm)</text>']
    y = 44
    for t in range(lo, hi + 1):
        xx = left + (t - lo) / (hi - lo) * width
        out.append(f'<line x1="{xx:.1f}" y1="{y - 6}" x2="{xx:.1f}" y2="{height - 30 - 18 * ((len(others) + 3) // 4) + 10}" '
                   f'stroke="{"#000" if t == 0 else "#ddd"}"/>')
        out.append(f'<text x="{xx:.1f}" y="{y - 8}" text-anchor="middle">{10.0 ** t:g}×</text>')
    for name, bars in groups:
        weight = ' font-weight="bold"' if name == "geometric mean" else ""
        out.append(f'<text x="{left - 6}" y="{y + len(bars) * bar / 2 + 4:.1f}" text-anchor="end"{weight}>{name}</text>')
        for e, r in bars:
            x0, x1 = x(1), x(r)
            out.append(f'<rect x="{min(x0, x1):.1f}" y="{y}" width="{max(abs(x1 - x0), 1):.1f}" height="{bar - 1}" '
                       f'fill="{COLORS.get(e, "#999")}"><title>{name} {e}: {r:.3g}×</title></rect>')
            y += bar
        y += gap
    y += 10
    for i, e in enumerate(others):
        lx, ly = left + (i % 4) * 140, y + 18 * (i // 4)
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{COLORS.get(e, "#999")}"/>'
                   f'<text x="{lx + 14}" y="{ly}">{e}</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n")


def micro_rows(results, prefix):
    rows = []
    for r in results:
        if r["benchmark"].startswith(prefix):
            rows.append((r["benchmark"].rsplit(".", 1)[1], r.get("params", {}), r["primaryMetric"]))
    return rows


GC_BENCH = "dev.jwasm.bench.gc.GcBenchmark."
GC_HEADING = "## GC workloads"
GC_ENGINES = ["jwasm-interp", "jwasm-jit", "chicory-interp", "chicory-compiler"]
# Each jwasm tier beside the Chicory tier it is compared with.
GC_PAIRS = [("jwasm-interp", "chicory-interp"), ("jwasm-jit", "chicory-compiler"), ("jwasm-jit", "chicory-interp")]


def gc_label(benchmark, params):
    extra = ", ".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "runtime")
    return benchmark[len(GC_BENCH):] + (f" ({extra})" if extra else "")


def fmt_ns(ns):
    if ns is None:
        return "—"
    if ns >= 1e6:
        return f"{ns / 1e6:,.1f} ms"
    return f"{ns / 1e3:,.0f} µs"


def gc_section(results_dir):
    """The GC workloads' section: times, ratios to Chicory, and the collections of the measured iterations."""
    results = [r for r in load_json(results_dir / "gc.json") if r["benchmark"].startswith(GC_BENCH)]
    stats = load_jsonl(results_dir / "gc-stats.jsonl")
    reasons = not_measured(results_dir / "run.log")
    if not results and not stats:
        return []
    info = machine(results_dir)
    times, labels = {}, []
    for r in results:
        label = gc_label(r["benchmark"], r["params"])
        if label not in labels:
            labels.append(label)
        times[(label, r["params"]["runtime"])] = r["primaryMetric"]["score"]
    engines = [e for e in GC_ENGINES if any(k[1] == e for k in times)]
    md = [GC_HEADING, "",
          f"From `bench/run.sh {info.get('mode', '?')}` on {info.get('date', '?')} (commit {info.get('commit', '?')}); "
          "re-run this section alone with `bench/run.sh gc`. `GcBenchmark` runs the same WAT modules "
          "(`bench/src/main/resources/dev/jwasm/bench/gc/`) on jwasm and on Chicory 1.7.5, whose interpreter and "
          "compiler both run the GC proposal, in one JMH run: one operation is one call of the module's `run` export, "
          "and each iteration gets a fresh instance, so a fresh GC heap. `binaryTrees` is the benchmarks game's "
          "binary-trees on structs; `listMap` conses `length` boxed numbers, maps them to a new list and sums it, "
          "`rounds` times per operation. jwasm ran on its interpreter and its JIT with the heap memory and the "
          "gc-arena heap.", "",
          f"Load: `uptime` at the start `{info.get('uptime_start', '?').strip()}`, at the end "
          f"`{info.get('uptime_end', '?').strip()}`, on {info.get('cores', '?')} cores shared with other builds: "
          f"absolute times are inflated, compare the ratios. Iterations: {gc_iterations(results)}.", "",
          "| workload | " + " | ".join(engines) + " |", "|" + "---|" * (len(engines) + 1)]
    for label in labels:
        cells = []
        for e in engines:
            t = times.get((label, e))
            cells.append(f"{fmt_ms(t)} ms" if t is not None else "not measured")
        md.append(f"| {label} | " + " | ".join(cells) + " |")
    pairs = [(j, c) for j, c in GC_PAIRS if j in engines and c in engines]
    if pairs:
        md += ["", "Ratios, jwasm's time over Chicory's (below 1× jwasm is faster):", "",
               "| workload | " + " | ".join(f"{j} / {c}" for j, c in pairs) + " |", "|" + "---|" * (len(pairs) + 1)]
        for label in labels:
            cells = []
            for j, c in pairs:
                tj, tc = times.get((label, j)), times.get((label, c))
                cells.append(fmt_ratio(tj / tc) if tj and tc else "—")
            md.append(f"| {label} | " + " | ".join(cells) + " |")
    if stats:
        md += ["", "Collections during the measured iterations (warm-up left out). jwasm's objects live in its "
               "gc-arena heap, collected by its own stop-the-world mark-sweep: its collections and pauses come from "
               "the heap's `GcHeapStats`. Chicory's objects are JVM objects, so its collections are the JVM's "
               "(G1 here), counted by the `GarbageCollectorMXBean`s; the JVM's longest collection is in milliseconds, "
               "as those beans report it. The JVM columns are given for jwasm too.", "",
               "| workload | engine | ops | GC heap collections | per op | GC heap pause per op | longest GC heap pause "
               "| JVM collections | JVM longest (ms) |", "|---|---|---|---|---|---|---|---|---|"]
        for st in sorted(stats, key=lambda st: (gc_label(st["benchmark"], st["params"]), GC_ENGINES.index(st["runtime"])
                                                 if st["runtime"] in GC_ENGINES else 99)):
            ops = st.get("ops") or 0
            heap, jvm = st.get("heap"), st.get("jvm", {})
            if heap:
                cols = [f"{heap['collections']:,}", f"{heap['collections'] / ops:,.1f}" if ops else "—",
                        fmt_ns(heap["totalPauseNanos"] / ops) if ops else "—", fmt_ns(heap["longestPauseNanos"])]
            else:
                cols = ["— (JVM objects)", "—", "—", "—"]
            md.append(f"| {gc_label(st['benchmark'], st['params'])} | {st['runtime']} | {ops} | " + " | ".join(cols)
                      + f" | {jvm.get('collections', '—')} | {jvm.get('longestMillis', '—')} |")
    skipped = [f"- not measured: {e} {p}: {why}" for (e, p), why in sorted(reasons.items()) if e in GC_ENGINES]
    return md + ([""] + skipped if skipped else []) + [""]


def gc_iterations(results):
    for r in results[:1]:
        return (f"{r.get('forks')} fork, {r.get('warmupIterations')} warm-up × {r.get('warmupTime')}, "
                f"{r.get('measurementIterations')} measured × {r.get('measurementTime')} "
                "(an iteration lasts at least one operation)")
    return "?"


def existing_gc_section(docs):
    """The GC section of the PERFORMANCE.md in DOCS_DIR, as lines, or []."""
    path = docs / "PERFORMANCE.md"
    if not path.exists():
        return []
    lines = path.read_text().splitlines()
    if GC_HEADING not in lines:
        return []
    start = lines.index(GC_HEADING)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


def with_gc_section(md, section):
    """md (lines) with its GC section replaced by section, or section put before "## Engines"."""
    if GC_HEADING in md:
        start = md.index(GC_HEADING)
        end = next((i for i in range(start + 1, len(md)) if md[i].startswith("## ")), len(md))
        return md[:start] + section + md[end:]
    at = md.index("## Engines") if "## Engines" in md else len(md)
    return md[:at] + section + md[at:]


def gc_only(results_dir, docs):
    section = gc_section(results_dir)
    if not section:
        sys.exit(f"report.py: no GC results in {results_dir} (gc.json, gc-stats.jsonl)")
    path = docs / "PERFORMANCE.md"
    md = path.read_text().splitlines() if path.exists() else ["# jwasm performance", ""]
    docs.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(with_gc_section(md, section)))
    print(f"report.py: wrote the GC section of {path}")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--gc":
        gc_only(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    if len(sys.argv) != 3:
        sys.exit("usage: report.py [--gc] RESULTS_DIR DOCS_DIR")
    results_dir, docs = Path(sys.argv[1]), Path(sys.argv[2])
    # A run without the GC workloads (quick) keeps the section of the last `bench/run.sh gc`.
    gc_md = gc_section(results_dir) or existing_gc_section(docs)
    jmh = load_json(results_dir / "programs.json") + load_json(results_dir / "graal.json")
    native = load_jsonl(results_dir / "native.jsonl")
    micro = load_json(results_dir / "micro.json") + load_json(results_dir / "startup.json")
    info = machine(results_dir)
    reasons = not_measured(results_dir / "run.log")
    graal_mode = ""
    log = results_dir / "run.log"
    if log.exists():
        modes = sorted(set(re.findall(r"jwasm-bench: (graalwasm-\S+ runs on .*)$", log.read_text(errors="replace"), re.M)))
        graal_mode = "; ".join(modes)

    e2e, kern, counts, noisy = {}, {}, {}, [0, 0]
    programs = []
    for r in jmh + native:
        if r["benchmark"] not in (PROGRAM_BENCH, "native.run"):
            continue
        p, e = r["params"]["program"], engine_of(r["params"]["runtime"])
        if p not in programs:
            programs.append(p)
        e2e[(e, p)] = r["primaryMetric"]["score"]
        raw = [v for fork in r["primaryMetric"].get("rawData", []) for v in fork]
        if len(raw) >= 2 and min(raw) > 0:
            noisy[1] += 1
            noisy[0] += max(raw) / min(raw) > 1.25
        counts[e] = len(r["primaryMetric"].get("rawData", [[]])[0]) if r["primaryMetric"].get("rawData") else None
        k = kernel_ms(r)
        if k is not None:
            kern[(e, p)] = k
    for (e, p) in reasons:
        if p not in programs and p != "*":
            programs.append(p)
    order = {p: i for i, p in enumerate(["ackermann", "base64", "ctype", "ed25519", "fib2", "gimli", "heapsort", "keccak",
             "matrix", "memmove", "minicsv", "nestedloop", "random", "ratelimit", "seqhash", "sieve", "switch",
             "xblabla20", "xchacha20"])}
    programs.sort(key=lambda p: (p.startswith("sightglass/"), p.endswith(".wat"), order.get(p, 99), p))
    engines = [e for e in ENGINES if any(k[0] == e for k in e2e) or any(k[0] == e for k in reasons)]
    table, means, ratios = program_table(e2e, programs, engines, reasons, "end-to-end")
    # noop's kernel is empty: its times are timer noise, and it is in the end-to-end table for start-up.
    kprogs = [p for p in programs if p != "sightglass/noop" and any((e, p) in kern for e in engines)]
    ktable, kmeans, _ = program_table(kern, kprogs, engines, reasons, "kernel")
    docs.mkdir(parents=True, exist_ok=True)
    svg_chart(e2e, programs, engines, docs / "performance.svg")

    # Where jwasm is behind: every engine faster than jwasm's JIT, program by program.
    behind = []
    for e in engines:
        if e == BASELINE:
            continue
        faster = [(p, e2e[(BASELINE, p)] / e2e[(e, p)]) for p in programs if (e, p) in e2e and (BASELINE, p) in e2e
                  and e2e[(e, p)] < e2e[(BASELINE, p)]]
        measured = sum(1 for p in programs if (e, p) in e2e and (BASELINE, p) in e2e)
        if faster:
            faster.sort(key=lambda t: -t[1])
            listing = ", ".join(f"{p} ({f:.2f}× faster)" for p, f in faster)
            behind.append(f"- **{e}** is faster than jwasm's JIT on {len(faster)} of {measured} programs: {listing}.")
    behind += micro_behind(micro)
    summary = []
    for e in engines:
        g = means.get(e)
        if e == BASELINE or not g:
            continue
        word = f"{g:.2f}× slower than" if g >= 1 else f"{1 / g:.2f}× faster than"
        summary.append(f"- {e} is {word} jwasm-jit-mmap in geometric mean over {len(ratios[e])} programs.")

    md = ["# jwasm performance", "",
          "Generated by `bench/report.py` from one run of `bench/run.sh " + info.get("mode", "?") + "`; "
          "do not edit by hand — run `bench/run.sh quick` (or `full`) again. Numbers are ms per operation "
          "(lower is better) with, in brackets, the ratio to **jwasm's JIT on the mmap memory** "
          "(`jwasm-jit-mmap`, the default on Linux): above 1× that engine is slower than jwasm, below 1× it is faster.",
          "", "![time relative to jwasm-jit-mmap](performance.svg)", "",
          "## Summary", ""] + summary + [""]
    if noisy[1]:
        md += [f"**Noise.** In {noisy[0]} of the {noisy[1]} program results the slowest measured iteration took over "
               "1.25× the fastest: with this few iterations on a loaded machine one program's ratio can be off by a "
               "large factor (see the load below). Read the geometric means, and repeat with `bench/run.sh full` "
               "on a quiet machine before acting on one program's figure.", ""]
    md += ["## Where jwasm is behind", ""] + (behind or ["- No measured engine is faster than jwasm's JIT on any program of this run."]) + [""]
    md += ["## Programs end to end", "",
           "One operation instantiates the program and runs its `_start` to the end, output discarded "
           "(parsing, and Chicory's ahead-of-time compile, happen once before). jwasm and Chicory ran in one "
           "JMH run; GraalWasm in a second one (its JVM needs the Graal compiler through JVMCI); Node.js "
           "(`bench/native.sh`) in its own processes, right after.", "", table, ""]
    if kprogs:
        md += ["## Sightglass kernels (between `bench.start` and `bench.end`)", "",
               "The same runs, counting only the region the program brackets with `bench.start`/`bench.end` "
               "(ms per operation). `sightglass/noop` is left out: its kernel is empty.", "", ktable, ""]
    md += micro_section(micro)
    md += gc_md + ([""] if gc_md and gc_md[-1] else [])
    md += ["## Engines", "",
           "- **jwasm** this commit: `jit` (Byte Buddy JIT over the register IR, interpreter fallback) and `interp` "
           "(register-IR interpreter), each on the `mmap` (guard-paged FFM) and `heap` (`byte[]`) memories; "
           "one engine per trial, so the JIT's compiled module is reused from the second operation on.",
           "- **Chicory 1.7.5** (`com.dylibso.chicory:runtime`, `wasi`, `compiler`): `chicory-interp` (its "
           "interpreter) and `chicory-compiler` (`MachineFactoryCompiler`, compiling the module once before the runs).",
           "- **GraalWasm 25.0.1** (`org.graalvm.polyglot:wasm`) on the stock JDK: "
           + (graal_mode or "not in this run") + ". `graalwasm-jit` runs with Truffle's optimizing runtime "
           "and the Graal compiler (`org.graalvm.compiler:compiler` on `--upgrade-module-path`, "
           "`-XX:+EnableJVMCI`); `graalwasm-interp` with `engine.Compilation=false`. Truffle needs long warm-ups "
           "to compile: short runs under-state it.",
           f"- **Node.js** {info.get('node', '?')} (V8), `node:wasi`, as the native reference.", ""]
    md += ["## Machine and flags", "",
           f"- Run: {info.get('date', '?')}, mode `{info.get('mode', '?')}`, commit {info.get('commit', '?')}"
           + (f", {int(info['ended_epoch']) - int(info['started_epoch'])} s from start to end (build excluded)."
              if info.get("started_epoch") and info.get("ended_epoch") else "."),
           f"- Machine: {info.get('cpu', '?')}, {info.get('cores', '?')} cores, {info.get('memory', '?')} memory, {info.get('os', '?')}.",
           f"- JVM: {info.get('java', '?')}.",
           f"- Load: shared with other engineers' builds and benchmarks. `uptime` at the start: "
           f"`{info.get('uptime_start', '?').strip()}`; at the end: `{info.get('uptime_end', '?').strip()}`. "
           "Absolute times are inflated by that load; compare the ratios within this run.",
           f"- JVM flags of the JMH forks: `{info.get('jvm_args', '?')}`" + (" (micro-benchmarks also `-Xmx3g`)." if micro else "."),
           f"- GraalWasm forks: `{short_paths(info['graal_jvm_args'])}` (jars from the local Maven repository)."
           if info.get("graal_jvm_args") else "- GraalWasm: not run.",
           f"- Iterations: {iterations_note(jmh, native)}.", ""]
    (docs / "PERFORMANCE.md").write_text("\n".join(md))
    print(f"report.py: wrote {docs / 'PERFORMANCE.md'} and {docs / 'performance.svg'}")


def short_paths(args):
    """The JVM arguments with each jar path shortened to its file name."""
    return re.sub(r"(/[^:= ]+/)([^/:= ]+\.jar)", r"\2", args)


def iterations_note(jmh, native):
    parts = []
    for r in jmh[:1]:
        parts.append(f"JMH programs: {r.get('forks')} fork, {r.get('warmupIterations')} warm-up × {r.get('warmupTime')}, "
                     f"{r.get('measurementIterations')} measured × {r.get('measurementTime')} (an iteration lasts at least one operation)")
    if native:
        n = len(native[0]["primaryMetric"]["rawData"][0])
        parts.append(f"Node.js: {n} measured runs after warm-up, one process per program")
    return "; ".join(parts) or "?"


def micro_behind(micro):
    """Micro-benchmarks where a jwasm tier takes longer than Chicory's matching tier."""
    tiers = {"jit": "chicory-compiler", "interp": "chicory-interp"}
    scores = {}
    for r in micro:
        runtime = r.get("params", {}).get("runtime")
        unit = r["primaryMetric"]["scoreUnit"]
        if runtime and unit.endswith("/op"):
            key = (r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[1],
                   tuple(sorted((k, v) for k, v in r["params"].items() if k != "runtime")))
            scores.setdefault(key, {})[runtime] = (r["primaryMetric"]["score"], unit)
    out = []
    for (bench, params), by_runtime in scores.items():
        for runtime, (score, unit) in sorted(by_runtime.items()):
            parts = runtime.split("-")
            if parts[0] != "jwasm" or len(parts) != 3 or tiers.get(parts[1]) not in by_runtime:
                continue
            peer = tiers[parts[1]]
            peer_score = by_runtime[peer][0]
            if score > peer_score:
                out.append(f"- `{bench}`: {runtime} takes {score:.4g} {unit}, {score / peer_score:.2f}× {peer}'s {peer_score:.4g}.")
    return out


def micro_section(micro):
    if not micro:
        return []
    md = ["## Micro-benchmarks", ""]
    def table(title, note, prefix, key, unit_note):
        rows = micro_rows(micro, prefix)
        if not rows:
            return []
        out = [f"### {title}", "", note, "", f"| benchmark | {key} | score | unit |", "|---|---|---|---|"]
        for name, params, metric in rows:
            label = ", ".join(f"{k}={v}" for k, v in params.items() if k != key)
            score = metric["score"]
            err = metric.get("scoreError")
            err_s = f" ± {err:.3g}" if isinstance(err, (int, float)) and not math.isnan(err) else ""
            out.append(f"| {name}{(' (' + label + ')') if label else ''} | {params.get(key, '—')} | {score:.4g}{err_s} | {metric['scoreUnit']} |")
        return out + [""]
    md += table("Calls across the boundary", "`hostToWasm`: one call of an exported `add(i64, i64)` from Java; "
                "`wasmToHost`: one call of an imported Java function from a Wasm loop (1,000 per operation). "
                "`path=raw` is the `long[]` API; typed calls join as `path=typed` once the embedding API has them.",
                "dev.jwasm.bench.micro.CallBenchmark", "runtime", "")
    md += table("Wasm loads and stores", "`i32.store` then `i32.load` over one 64 KiB page, loop included, per access.",
                "dev.jwasm.bench.micro.WasmLoadStoreBenchmark", "runtime", "")
    md += table("Memory backends alone", "The backends' checked accessors called directly (no executor): accesses per µs, higher is better.",
                "dev.jwasm.bench.memory.LoadStoreBenchmark", "backend", "")
    md += table("memory.grow", "Growing one page at a time up to 4 GiB (heap: until it refuses, under 2 GiB).",
                "dev.jwasm.bench.memory.GrowBenchmark", "backend", "")
    md += table("Decode and validate the largest module", "sightglass/gcc-loops (2.8 MB). Chicory's `Parser.parse` validates as it parses.",
                "dev.jwasm.bench.startup.DecodeBenchmark", "program", "")
    md += table("Start-up of the largest module", "sightglass/gcc-loops, single shots on a fresh engine: `instantiate` alone "
                "(module decoded before); `firstHostCall` = decode + validate + compile + instantiate + run `_start` to its first "
                "import call, the wait for a program's first output. jwasm's JIT starts on the interpreter and compiles a hot "
                "module in the background (jwasm-jit); jwasm-jiteager compiles it at instantiation, so jwasm-jiteager minus "
                "jwasm-interp there is its compile time.",
                "dev.jwasm.bench.startup.StartupBenchmark", "runtime", "")
    md += table("Chicory's compiler alone", "`MachineFactoryCompiler.compile` of the parsed gcc-loops module.",
                "dev.jwasm.bench.startup.ChicoryCompileBenchmark", "program", "")
    return md


if __name__ == "__main__":
    main()
