#!/usr/bin/env bash
# `make run`: serves the example apps (examples/serve/nano.json) with the
# release build of nanod until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
cat <<'TXT'
Example apps on http://127.0.0.1:8080 — try:
  curl http://localhost:8080/?name=nano         (hello: Workers-style module, env)
  curl http://localhost:8080/api/items?x=1      (api: JSON, relative imports)
  curl http://127.0.0.1:8080/                   (worker: addEventListener("fetch"))
Scripts run to completion with:  .build/release/nanod run examples/hello/main.js
TXT
exec .build/release/nanod serve --config examples/serve/nano.json
