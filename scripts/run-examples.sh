#!/usr/bin/env bash
# `make run`: runs every example app with the release build of nanod.
# (Serving apps over HTTP arrives with `nanod serve`; until then each example
# is a module that `nanod run` evaluates to completion.)
set -euo pipefail
cd "$(dirname "$0")/.."
for main in examples/*/main.js; do
  echo "== nanod run $main"
  .build/release/nanod run "$main"
done
