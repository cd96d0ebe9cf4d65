#!/usr/bin/env python3
"""Many apps in one NANO process: cold start, deploy time and density.

1. Writes N distinct apps (default 1,000; each its own module and host route
   `appI.test/*`) and a nano.json with the admin API on.
2. Starts `nanod serve --config` (threads: --threads, default 1) and reads its
   RSS before any app has an isolate.
3. Cold start: the first request of 100 apps that have no isolate yet, on
   one keep-alive connection, timed from send to the last byte — 20 ms apart
   (new apps do not all arrive at once; the pool of blank isolates refills
   between them), then back to back (the pool cannot keep up: each makes its
   own isolate); then the same apps again (warm). p50 / p99 of each.
4. Density: every other app requested once, then RSS again: RSS per app.
5. Throughput across all of them: wrk on loopback with a Lua script that
   sends each request to a random app (uniform), requests/s and latency.
6. Deploy: 20 new apps through the admin API (PUT), each timed from the PUT
   to the app's first 200.
7. RSS again once the idle isolates have given back the heaps they grew
   under load (30 s after their last request; counted by
   nano_memory_reductions_total).

Prints a Markdown table and writes it to bench/results/apps-<timestamp>.md.
A benchmark, never a test: it asserts nothing. Python 3.11 stdlib only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NANOD = ROOT / ".build" / "release" / "nanod"
RESULTS = ROOT / "bench" / "results"
TOKEN = "bench-admin-token-0123456789"
PAGE = os.sysconf("SC_PAGE_SIZE")

APP = """// App {i}: a little state and a JSON answer, like a small real app.
const started = Date.now();
let hits = 0;
export default {{
  fetch(request) {{
    hits += 1;
    return Response.json({{ app: {i}, hits, up: Date.now() - started }});
  }},
}};
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * PAGE / 1048576


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p * (len(s) - 1))))]


def timed_get(conn: http.client.HTTPConnection, host: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    conn.request("GET", "/", headers={"Host": host})
    resp = conn.getresponse()
    resp.read()
    return (time.perf_counter() - t0) * 1000, resp.status


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--apps", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--duration", type=float, default=10)
    args = ap.parse_args()
    if not NANOD.exists():
        sys.exit(f"{NANOD} is missing: run `make build` first")
    work = Path(tempfile.mkdtemp(prefix="nano-apps-bench-"))
    port, admin_port = free_port(), free_port()
    apps = []
    for i in range(args.apps):
        folder = work / f"app{i}"
        folder.mkdir()
        (folder / "index.js").write_text(APP.format(i=i))
        apps.append({"name": f"app{i}", "module": f"app{i}/index.js", "routes": [f"app{i}.test/*"]})
    config = {"listen": f"127.0.0.1:{port}", "apps": apps,
              "limits": {"maxIsolates": args.apps * 2 + 100},
              "admin": {"listen": f"127.0.0.1:{admin_port}", "token": TOKEN, "dataDir": str(work / "data")}}
    (work / "nano.json").write_text(json.dumps(config))
    log = open(work / "nanod.log", "w+b")
    t0 = time.monotonic()
    proc = subprocess.Popen([str(NANOD), "serve", "--config", str(work / "nano.json"), "--threads", str(args.threads),
                             "--log-level", "warning"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    rows: list[tuple[str, str]] = []
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() - t0 > 300:
                    log.seek(0)
                    sys.exit("nanod did not start:\n" + log.read().decode(errors="replace")[-2000:])
                time.sleep(0.1)
        startup = time.monotonic() - t0
        time.sleep(0.5)
        rss_idle = rss_mb(proc.pid)
        rows.append((f"start-up with {args.apps} apps (config read, every module compiled once)", f"{startup:.2f} s"))
        rows.append(("RSS before any app has an isolate", f"{rss_idle:.1f} MB"))

        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        cold, burst, warm = [], [], []
        sample = min(100, args.apps // 2)
        for i in range(sample):
            time.sleep(0.02)
            ms, status = timed_get(conn, f"app{i}.test")
            assert status == 200, status
            cold.append(ms)
        for i in range(sample, 2 * sample):
            burst.append(timed_get(conn, f"app{i}.test")[0])
        for i in range(sample):
            warm.append(timed_get(conn, f"app{i}.test")[0])
        rows.append((f"first request of an app with no isolate yet, 20 ms apart, p50 / p99 ({sample} apps)",
                     f"{pct(cold, 0.5):.2f} / {pct(cold, 0.99):.2f} ms"))
        rows.append((f"first requests of new apps back to back, p50 / p99 ({sample} apps)",
                     f"{pct(burst, 0.5):.2f} / {pct(burst, 0.99):.2f} ms"))
        rows.append(("the same apps' next request (warm), p50 / p99",
                     f"{pct(warm, 0.5):.2f} / {pct(warm, 0.99):.2f} ms"))

        for i in range(2 * sample, args.apps):
            timed_get(conn, f"app{i}.test")
        conn.close()
        time.sleep(0.5)
        rss_all = rss_mb(proc.pid)
        rows.append((f"RSS with all {args.apps} apps requested once", f"{rss_all:.1f} MB"))
        rows.append(("RSS per app ((all − before) ÷ apps)", f"{(rss_all - rss_idle) / args.apps:.2f} MB"))

        wrk = shutil.which("wrk")
        if wrk:
            lua = work / "random.lua"
            lua.write_text(f"""
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/", {{ ["Host"] = "app" .. math.random(0, {args.apps - 1}) .. ".test" }})
end
""")
            out = subprocess.run([wrk, "-t1", "-c50", f"-d{args.duration:.0f}s", "--latency", "-s", str(lua),
                                  f"http://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
            rps = next((l.split()[1] for l in out.splitlines() if l.startswith("Requests/sec")), "?")
            p50 = next((l.split()[1] for l in out.splitlines() if l.strip().startswith("50%")), "?")
            p99 = next((l.split()[1] for l in out.splitlines() if l.strip().startswith("99%")), "?")
            rows.append((f"requests/s, uniform random mix over {args.apps} apps (wrk -c50, {args.duration:.0f} s)",
                         f"{float(rps):,.0f} (p50 {p50}, p99 {p99})" if rps != "?" else "?"))
            rows.append(("RSS after that load", f"{rss_mb(proc.pid):.1f} MB"))

        deploys = []
        admin = http.client.HTTPConnection("127.0.0.1", admin_port, timeout=60)
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for j in range(20):
            name = f"deployed{j}"
            body = json.dumps({"modules": {"index.js": APP.format(i=10_000 + j)}, "routes": [f"{name}.test/*"]})
            t0 = time.perf_counter()
            admin.request("PUT", f"/admin/apps/{name}", body=body,
                          headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
            resp = admin.getresponse()
            resp.read()
            assert resp.status in (200, 201), resp.status
            while timed_get(probe, f"{name}.test")[1] != 200:
                pass
            deploys.append((time.perf_counter() - t0) * 1000)
        rows.append(("deploy through the admin API until the app answers, p50 / p99 (20 apps)",
                     f"{pct(deploys, 0.5):.1f} / {pct(deploys, 0.99):.1f} ms"))

        # Idle isolates give back the heap they grew under load (after a
        # quarter of idleIsolateSeconds, at most 30 s), a few per loop turn.
        def reductions() -> float:
            admin.request("GET", "/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
            text = admin.getresponse().read().decode()
            return next((float(l.split()[-1]) for l in text.splitlines()
                         if l.startswith("nano_memory_reductions_total")), 0.0)
        t0 = time.monotonic()
        done = reductions()
        while done < args.apps and time.monotonic() - t0 < 120:
            time.sleep(1)
            done = reductions()
        rows.append((f"RSS once idle isolates gave back their heaps ({done:.0f} isolates, "
                     f"{time.monotonic() - t0:.0f} s after the deploys)", f"{rss_mb(proc.pid):.1f} MB"))
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)

    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = [f"# Many apps in one process, {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}", "",
             f"NANO git {rev}, `nanod serve --threads {args.threads}`, {args.apps} apps, {os.cpu_count()} cores, unpinned.", "",
             "| measure | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"apps-{time.strftime('%Y%m%d-%H%M%S')}.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
