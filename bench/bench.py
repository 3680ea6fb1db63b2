#!/usr/bin/env python3
"""Benchmarks for ydelse (`make bench`). Figures are medians of several runs.

What it measures, side by side in one session on the same files:
  * inflate-only: zlib streaming inflate of every delivery (reference pass, same zlib, in ydelse);
  * extract only: `ydelse bench parse` (inflate, parse, validate, type; no normalise);
  * extract+normalise: `ydelse bench extract` (parse, validate, type, keyed replacement, sort);
  * spells+durations: `ydelse bench domain` with 1 and 2 worker threads;
  * DuckDB: typed read_csv of the same .gz files (all sources, FLEUR via substr casts);
  * peak memory (max RSS of the extract process) against the size of the resulting columns.

Usage: bench/bench.py [--persons N] [--from 2012-01] [--to 2025-12] [--runs 5] [--data DIR]
"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "ydelse")


def run_child(cmd, env=None):
    """Runs cmd, returns (seconds, max_rss_bytes, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return secs, ru.ru_maxrss * 1024, out.decode()


def duckdb_read(data, month):
    import duckdb
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    from duckdb_layouts import queries
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    t0 = time.perf_counter()
    rows = 0
    for q in queries(data, month):
        rows += con.execute(q).fetchone()[0]
    return time.perf_counter() - t0, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=int(os.environ.get("BENCH_PERSONS", "200000")))
    ap.add_argument("--from", dest="frm", default="2012-01")
    ap.add_argument("--to", default="2025-12")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    ap.add_argument("--data", default=None)
    a = ap.parse_args()
    data = a.data or os.path.join(ROOT, "out", "bench-data", f"p{a.persons}")
    month = a.to
    if not os.path.isdir(data):
        print(f"generating {a.persons} persons {a.frm}..{a.to} into {data}", flush=True)
        secs, rss, _ = run_child([BIN, "generate", "--out", data, "--persons", str(a.persons),
                                  "--from", a.frm, "--to", a.to, "--seed", "1"])
        print(f"  generate: {secs:.1f} s, peak RSS {rss/2**20:.0f} MiB")
    gz = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(data) for f in fs if f.endswith(".gz"))

    results = {"inflate": [], "parse": [], "extract": [], "rss": [], "duckdb": [], "domain1": [], "domain2": []}
    info = {}
    for r in range(a.runs):
        _, _, out = run_child([BIN, "bench", "inflate", "--data", data, "--month", month])
        j = json.loads(out); results["inflate"].append(j["seconds"]); info["bytes"] = j["bytes"]
        _, _, out = run_child([BIN, "bench", "parse", "--data", data, "--month", month])
        results["parse"].append(json.loads(out)["seconds"])
        secs, rss, out = run_child([BIN, "bench", "extract", "--data", data, "--month", month])
        j = json.loads(out); results["extract"].append(j["seconds"]); results["rss"].append(rss)
        info["column_bytes"] = j["column_bytes"]; info["rows"] = j["rows"]
        for threads in (1, 2):
            _, _, out = run_child([BIN, "bench", "domain", "--data", data, "--month", month, "--threads", str(threads)])
            j = json.loads(out); results[f"domain{threads}"].append(j["seconds"])
        try:
            secs, rows = duckdb_read(data, month)
            results["duckdb"].append(secs); info["duckdb_rows"] = rows
        except ImportError:
            pass
        print(f"run {r+1}/{a.runs} done", flush=True)

    med = {k: statistics.median(v) for k, v in results.items() if v}
    mb = info["bytes"] / 1e6
    print()
    print(f"data: {data}  ({gz/1e6:.0f} MB gzip, {mb:.0f} MB inflated, {info['rows']:,} rows)")
    print(f"medians of {a.runs} runs:")
    print(f"  inflate-only        {med['inflate']:7.2f} s  {mb/med['inflate']:7.0f} MB/s")
    print(f"  extract only        {med['parse']:7.2f} s  {mb/med['parse']:7.0f} MB/s"
          f"  = {med['inflate']/med['parse']*100:.0f}% of inflate-only")
    print(f"  extract+normalise   {med['extract']:7.2f} s  {mb/med['extract']:7.0f} MB/s"
          f"  = {med['inflate']/med['extract']*100:.0f}% of inflate-only (target >= 70%)")
    if "duckdb" in med:
        print(f"  DuckDB read_csv     {med['duckdb']:7.2f} s  {mb/med['duckdb']:7.0f} MB/s"
              f"  ({info['duckdb_rows']:,} rows; ydelse is {med['duckdb']/med['extract']:.2f}x)")
    print(f"  peak RSS            {med['rss']/2**20:7.0f} MiB  = {med['rss']/info['column_bytes']:.2f}x the columns"
          f" ({info['column_bytes']/2**20:.0f} MiB) (target <= 2x)")
    print(f"  spells+durations    {med['domain1']:7.2f} s on 1 core, {med['domain2']:7.2f} s on 2 cores"
          f"  (speed-up {med['domain1']/med['domain2']:.2f}x; extract took {med['extract']:.2f} s)")


if __name__ == "__main__":
    main()
