#!/bin/sh
# Regenerates Sources/NanoRuntime/JS/url/idna.js from idna_template.js + gen_idna.py
set -e
cd /tmp/urlwork
/tmp/ud2venv/bin/python gen_idna.py /tmp/idnaold/v3.16 > tables.js
python3 - <<'PY'
t = open('idna_template.js').read()
tab = open('tables.js').read().rstrip('\n')
open('/work/main/Sources/NanoRuntime/JS/url/idna.js', 'w').write(t.replace('/*TABLES*/', tab))
PY
