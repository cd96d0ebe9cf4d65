#!/usr/bin/env python3
"""Names V8's builtins in a `perf` profile of nanod.

V8's builtins (IC handlers, Promise jobs, the interpreter's bytecode
handlers...) are embedded in libnode without symbols: `perf script` shows
them as `[unknown]` in libnode.so. V8 logs where each one is when nanod runs
with

    NANO_V8_FLAGS="--perf-basic-prof --log-code --logfile=/tmp/v8.log --no-logfile-per-isolate"

This reads `perf script -F ip,sym,dso` of a recording of that process, maps
each `[unknown]` libnode frame onto the builtin it falls in (through perf's
mmap event for libnode) and writes the same text with `Builtin:Name` frames,
then prints the builtins with the most samples (the sampled frame itself).

    perf record -g -p PID -o perf.data -- sleep 5
    python3 bench/profile/name_builtins.py perf.data /tmp/v8.log > named.txt

A diagnosis tool, not part of any test. Python 3.11 stdlib and perf only.
"""

from __future__ import annotations

import bisect
import collections
import re
import subprocess
import sys


def main() -> int:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data, log = sys.argv[1], sys.argv[2]
    mmaps = subprocess.run(["perf", "script", "-i", data, "--show-mmap-events"],
                           capture_output=True, text=True, errors="replace").stdout
    mapping = next((m for m in re.finditer(r"\[(0x[0-9a-f]+)\((0x[0-9a-f]+)\) @ (0x[0-9a-f]+)[^\]]*\]: r-xp (\S+)", mmaps)
                    if "libnode" in m.group(4)), None)
    if mapping is None:
        sys.exit("no executable mapping of libnode in the recording")
    start, pgoff = int(mapping.group(1), 16), int(mapping.group(3), 16)
    builtins = []
    with open(log, errors="replace") as f:
        for line in f:
            if line.startswith("code-creation,Builtin,"):
                p = line.rstrip("\n").split(",")
                builtins.append((int(p[4], 16), int(p[5]), p[6]))
    if not builtins:
        sys.exit(f"{log} has no Builtin code-creation lines (run with --log-code)")
    builtins.sort()
    starts = [b[0] for b in builtins]
    text = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym,dso"],
                          capture_output=True, text=True, errors="replace").stdout
    counts: collections.Counter[str] = collections.Counter()
    samples = 0
    first = True
    out = sys.stdout
    for line in text.splitlines(keepends=True):
        if not line.strip():
            first = True
            out.write(line)
            continue
        if "[unknown]" in line and "libnode" in line:
            m = re.match(r"\s*([0-9a-f]+)\s", line)
            if m:
                address = int(m.group(1), 16) - pgoff + start
                i = bisect.bisect_right(starts, address) - 1
                if i >= 0 and address < builtins[i][0] + builtins[i][1]:
                    line = line.replace("[unknown]", "Builtin:" + builtins[i][2])
        if first:
            samples += 1
            name = re.search(r"Builtin:(\S+)", line)
            if name:
                counts[name.group(1)] += 1
            first = False
        out.write(line)
    print(f"{sum(counts.values()) / max(samples, 1):.1%} of {samples} samples are in builtins:", file=sys.stderr)
    for name, n in counts.most_common(25):
        print(f"  {n / samples:6.2%} {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
