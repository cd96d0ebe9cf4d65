#!/bin/sh
# Regenerates the Unicode tables inside Sources/NanoRuntime/JS/url/idna.js:
# gen_idna.py prints the `const *_TABLE = "...";` lines (with their comments),
# and they replace the ones in idna.js, from the first generated comment line
# to the MARK_TABLE line. Usage: build_idna.sh PYTHON_WITH_unicodedata2 IDNA_3.16_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
target="$here/../../Sources/NanoRuntime/JS/url/idna.js"
"$1" "$here/gen_idna.py" "$2" > "$here/tables.js.tmp"
python3 - "$target" "$here/tables.js.tmp" <<'PY'
import sys
target, tables = sys.argv[1], open(sys.argv[2]).read().rstrip("\n").split("\n")
lines = open(target).read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("  // UTS #46 IDNA mapping table"))
end = next(i for i, l in enumerate(lines) if l.startswith("  const MARK_TABLE ="))
open(target, "w").write("\n".join(lines[:start] + tables + lines[end + 1:]))
PY
rm "$here/tables.js.tmp"
