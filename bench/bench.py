#!/usr/bin/env python3
"""Benchmarks for ydelse (`make bench`). Figures are medians of several runs.

What it measures, side by side in one session on the same files:
  * inflate-only: zlib streaming inflate of every delivery (reference pass, same zlib, in ydelse);
  * extract only: `ydelse bench parse` (inflate, parse, validate, type; no normalise);
  * extract+normalise: `ydelse bench extract` (parse, validate, type, keyed replacement, sort);
  * spells+durations: `ydelse bench domain` with 1 and 2 worker threads;
  * DuckDB: typed read_csv of the same .gz files (all sources, FLEUR via substr casts);
  * peak memory (max RSS of the extract process) against the size of the resulting columns.

With --pipeline (issue 11, `make bench-pipeline`) it measures whole `ydelse run`s instead:
  * cold: month M into an empty output folder (every delivery parsed, the cache filled);
  * nightly: month M into a folder that already holds month M-1 (and its delivery cache);
  * the same cold run with a reference binary (--ref-bin, e.g. one built from an older commit);
  * the DuckDB reference query bench/duckdb_reference.sql (spells + durations from the raw
    deliveries, SPELL-1..4, DUR-1..5, DEAD-1) on the same files, 2 threads;
  * peak RSS of each run, the size of a month's run folder and of the new files a nightly
    run adds (`du`).

Usage: bench/bench.py [--persons N] [--from 2012-01] [--to 2025-12] [--runs 5] [--data DIR]
       bench/bench.py --pipeline [--ref-bin PATH] [--persons N] [--runs 3]
"""
import argparse, calendar, json, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "ydelse")


def run_child(cmd, env=None):
    """Runs cmd, returns (seconds, max_rss_bytes, stdout); its CPU seconds go to LAST_CPU."""
    global LAST_CPU
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{err.decode(errors='replace')}")
    LAST_CPU = ru.ru_utime + ru.ru_stime
    return secs, ru.ru_maxrss * 1024, out.decode()


LAST_CPU = 0.0


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


def duckdb_reference(data, month):
    """Runs bench/duckdb_reference.sql for `month`; returns (seconds, (spells, measured, total))."""
    import duckdb
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    from duckdb_layouts import files
    y, m = map(int, month.split("-"))
    first, last = f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"

    def listing(source, ext):
        return "[" + ", ".join(f"'{f}'" for f in files(data, source, ext, month)) + "]"
    with open(os.path.join(ROOT, "bench", "duckdb_reference.sql")) as f:
        sql = f.read().format(first_m=first, last_m=last, taeller_files=listing("taeller", "csv"),
                              ksd_files=listing("ksd", "csv"), fravaer_files=listing("fravaer", "csv"),
                              ky_files=listing("ky", "csv"), fleur_files=listing("fleur", "dat"))
    statements = [s for s in sql.split(";\n")
                  if any(l.strip() and not l.strip().startswith("--") for l in s.splitlines())]
    con = duckdb.connect()
    t0 = time.perf_counter()
    result = None
    for s in statements:
        result = con.execute(s).fetchall()
    secs = time.perf_counter() - t0
    con.close()
    return secs, result[0]


def du(path):
    """Bytes on disk under path (`du -sb`), 0 when it does not exist."""
    if not os.path.exists(path):
        return 0
    return int(subprocess.run(["du", "-sb", path], capture_output=True, text=True).stdout.split()[0])


def previous_month(month):
    y, m = map(int, month.split("-"))
    return f"{y - 1:04d}-12" if m == 1 else f"{y:04d}-{m - 1:02d}"


def pipeline_bench(a, data, month):
    """Cold vs nightly `ydelse run`, a reference binary's cold run, the DuckDB reference query."""
    scratch = a.scratch or os.path.join(ROOT, "out", "bench-pipeline")
    compact = month.replace("-", "")
    prev = previous_month(month)
    res = {k: [] for k in ("cold", "cold_rss", "cold_cpu", "nightly", "nightly_rss", "nightly_cpu",
                           "ref", "ref_rss", "ref_cpu", "duckdb", "duckdb_rss", "duckdb_cpu")}
    sizes = {}
    stage_secs = {}   # seconds per stage of the cold runs, from run.json

    def run(binary, out, m):
        return run_child([binary, "run", "--data", data, "--month", m, "--out", out])

    for r in range(a.runs):
        cold = os.path.join(scratch, "cold")
        shutil.rmtree(cold, ignore_errors=True)
        secs, rss, _ = run(BIN, cold, month)
        res["cold"].append(secs); res["cold_rss"].append(rss); res["cold_cpu"].append(LAST_CPU)
        sizes["cold_month"] = du(os.path.join(cold, compact))
        with open(os.path.join(cold, compact, "run.json")) as f:
            for st in json.load(f)["stages"]:
                stage_secs.setdefault(st["name"], []).append(st["seconds"])
        sizes["cache"] = du(os.path.join(cold, ".cache"))

        nightly = os.path.join(scratch, "nightly")
        shutil.rmtree(nightly, ignore_errors=True)
        run(BIN, nightly, prev)
        before = du(nightly)
        secs, rss, _ = run(BIN, nightly, month)
        res["nightly"].append(secs); res["nightly_rss"].append(rss); res["nightly_cpu"].append(LAST_CPU)
        sizes["nightly_new"] = du(nightly) - before

        if a.ref_bin:
            ref = os.path.join(scratch, "ref")
            shutil.rmtree(ref, ignore_errors=True)
            secs, rss, _ = run(a.ref_bin, ref, month)
            res["ref"].append(secs); res["ref_rss"].append(rss); res["ref_cpu"].append(LAST_CPU)
            sizes["ref_month"] = du(os.path.join(ref, compact))
            shutil.rmtree(ref, ignore_errors=True)
        # In a child process: Linux hands a process's RSS high-water mark on to every program it
        # starts (exec keeps the old image's maximum in ru_maxrss), so a DuckDB query run in this
        # process would show up as the peak memory of every later ydelse run (it did, session 9).
        _, rss, out = run_child([sys.executable, os.path.abspath(__file__), "--duckdb-reference", data, month])
        j = json.loads(out)
        if j is not None:
            res["duckdb"].append(j["seconds"]); res["duckdb_rss"].append(rss); res["duckdb_cpu"].append(LAST_CPU)
            sizes["duckdb_result"] = tuple(j["result"])
        print(f"run {r + 1}/{a.runs}: cold {res['cold'][-1]:.1f} s, nightly {res['nightly'][-1]:.1f} s"
              + (f", ref {res['ref'][-1]:.1f} s" if a.ref_bin else "")
              + (f", DuckDB {res['duckdb'][-1]:.1f} s" if res["duckdb"] else ""), flush=True)

    med = {k: statistics.median(v) for k, v in res.items() if v}
    gib = 2 ** 30
    print()
    print(f"data: {data}, month {month} (nightly: {prev} then {month} in one folder); medians of {a.runs} runs")
    print("  (wall seconds, CPU seconds = user + system of the process)")
    print(f"  cold run            {med['cold']:7.2f} s  {med['cold_cpu']:6.1f} cpu   peak RSS {med['cold_rss'] / gib:5.2f} GiB"
          f"   run folder {sizes['cold_month'] / 1e6:7.0f} MB + delivery cache {sizes['cache'] / 1e6:.0f} MB")
    print(f"  nightly run         {med['nightly']:7.2f} s  {med['nightly_cpu']:6.1f} cpu   peak RSS {med['nightly_rss'] / gib:5.2f} GiB"
          f"   new files {sizes['nightly_new'] / 1e6:7.0f} MB   = {med['nightly'] / med['cold']:.2f} x cold (target <= 0.33)")
    if "ref" in med:
        print(f"  reference binary    {med['ref']:7.2f} s  {med['ref_cpu']:6.1f} cpu   peak RSS {med['ref_rss'] / gib:5.2f} GiB"
              f"   run folder {sizes['ref_month'] / 1e6:7.0f} MB   (cold {med['ref'] / med['cold']:.2f} x,"
              f" nightly {med['ref'] / med['nightly']:.2f} x faster now; a nightly run of it is a cold run)")
    print("  stages of the cold run (median seconds, from run.json; independent stages overlap):")
    for name, v in stage_secs.items():
        print(f"    {name:20s} {statistics.median(v):7.2f} s")
    if "duckdb" in med:
        print(f"  DuckDB reference    {med['duckdb']:7.2f} s  {med['duckdb_cpu']:6.1f} cpu   peak RSS {med['duckdb_rss'] / gib:5.2f} GiB"
              f"   result {sizes['duckdb_result']}"
              f"   ydelse cold is {med['duckdb'] / med['cold']:.2f} x faster (target >= 2)")


def main():
    if len(sys.argv) == 4 and sys.argv[1] in ("--duckdb-reference", "--duckdb-read"):
        # One DuckDB measurement alone, in a child of the benchmark (Linux hands a process's RSS
        # high-water mark on to every program it starts, so the parent stays small): JSON on
        # stdout, null when the duckdb package is missing.
        try:
            if sys.argv[1] == "--duckdb-reference":
                secs, result = duckdb_reference(sys.argv[2], sys.argv[3])
                print(json.dumps({"seconds": secs, "result": list(result)}))
            else:
                secs, rows = duckdb_read(sys.argv[2], sys.argv[3])
                print(json.dumps({"seconds": secs, "rows": rows}))
        except ImportError:
            print("null")
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=int(os.environ.get("BENCH_PERSONS", "200000")))
    ap.add_argument("--from", dest="frm", default="2012-01")
    ap.add_argument("--to", default="2025-12")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    ap.add_argument("--data", default=None)
    ap.add_argument("--pipeline", action="store_true", help="cold vs nightly whole runs, DuckDB reference query")
    ap.add_argument("--ref-bin", default=None, help="with --pipeline: a reference ydelse binary to compare")
    ap.add_argument("--scratch", default=None, help="with --pipeline: output folders (default out/bench-pipeline)")
    a = ap.parse_args()
    data = a.data or os.path.join(ROOT, "out", "bench-data", f"p{a.persons}")
    month = a.to
    if not os.path.isdir(data):
        print(f"generating {a.persons} persons {a.frm}..{a.to} into {data}", flush=True)
        secs, rss, _ = run_child([BIN, "generate", "--out", data, "--persons", str(a.persons),
                                  "--from", a.frm, "--to", a.to, "--seed", "1"])
        print(f"  generate: {secs:.1f} s, peak RSS {rss/2**20:.0f} MiB")
    gz = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(data) for f in fs if f.endswith(".gz"))
    if a.pipeline:
        pipeline_bench(a, data, month)
        return

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
        # In a child process, as the reference query of the pipeline benchmark (see there).
        _, _, out = run_child([sys.executable, os.path.abspath(__file__), "--duckdb-read", data, month])
        j = json.loads(out)
        if j is not None:
            results["duckdb"].append(j["seconds"]); info["duckdb_rows"] = j["rows"]
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
