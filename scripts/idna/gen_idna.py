# Generates the compact Unicode tables embedded in Sources/NanoRuntime/JS/url/idna.js.
# Inputs (all Unicode 17.0): the UTS #46 mapping table and the Joining_Type
# table of PyPI's `idna` 3.16 (idna/uts46data.py, idna/idnadata.py), and
# Bidi_Class, Canonical_Combining_Class and General_Category from PyPI's
# `unicodedata2` 17.0.1; Bidi_Class defaults for unassigned code points from
# Debian's `unicode-data` (extracted/DerivedBidiClass.txt).
# Usage: python gen_idna.py PATH_TO_UNPACKED_IDNA > tables.js  (with unicodedata2 installed)
# Output: JS string constants on stdout.
import sys, json
sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else '.')
from idna import uts46data as u

def b36(n):
    if n < 0: return '-' + b36(-n)
    s = ''
    while True:
        s = '0123456789abcdefghijklmnopqrstuvwxyz'[n % 36] + s
        n //= 36
        if n == 0: return s

rows = []
if hasattr(u, 'uts46_starts'):   # idna >= 3.12 layout
    table = [(s, chr(st), r) for s, st, r in zip(u.uts46_starts, u.uts46_statuses, u.uts46_replacements)]
else:                              # idna <= 3.11: a tuple of (start, status[, mapping])
    table = [(t[0], t[1], t[2] if len(t) > 2 else None) for t in u.uts46data]
for s, st, r in table:
    if st == 'D': st = 'V'          # nontransitional processing: deviations are valid
    if st in 'VXI': r = None
    rows.append([s, st, r])
merged = []
for r in rows:
    if merged and merged[-1][1] == r[1] and r[1] in 'VXI': continue
    merged.append(r)
items = []
for i, (s, st, r) in enumerate(merged):
    e = merged[i + 1][0] if i + 1 < len(merged) else 0x110000
    items.append((s, e, st, r))

def single(it):
    return it[2] == 'M' and len(it[3]) == 1 and it[1] - it[0] == 1

out = []
i = 0; n = len(items)
while i < n:
    s, e, st, r = items[i]
    if single(items[i]):
        d = ord(r) - s
        j = i + 1
        while j < n and single(items[j]) and ord(items[j][3]) - items[j][0] == d: j += 1
        if j - i > 1:
            out.append((s, items[j - 1][1], 'R', d)); i = j; continue
        if d == 1:
            j = i
            while (j + 1 < n and single(items[j]) and ord(items[j][3]) == items[j][0] + 1
                   and items[j + 1][2] == 'V' and items[j + 1][1] - items[j + 1][0] == 1):
                j += 2
            if j - i >= 4:
                out.append((s, items[j - 1][1], 'A', None)); i = j; continue
    out.append((s, e, st, r)); i += 1

parts = []
for (s, e, st, r) in out:
    rec = b36(e - s) + st
    if st == 'R': rec += b36(r) + ';'
    elif st == 'M': rec += ','.join(b36(ord(c)) for c in r) + ';'
    parts.append(rec)
uts46 = ''.join(parts)

def load(path):
    d = {}
    for line in open(path):
        line = line.split('#')[0].strip()
        if not line: continue
        a, b = [x.strip() for x in line.split(';')[:2]]
        if '..' in a: s, e = a.split('..')
        else: s = e = a
        for c in range(int(s, 16), int(e, 16) + 1): d[c] = b
    return d

def ranges(d, default, conv):
    res = []; prev = None; start = 0
    for c in range(0x110001):
        v = conv(d.get(c, default)) if c < 0x110000 else None
        if v != prev:
            if prev is not None: res.append(b36(c - start) + prev)
            prev = v; start = c
    return ''.join(res)

U = '/usr/share/unicode/extracted/'
bidimap = {'L':'L','R':'R','AL':'A','AN':'N','EN':'E','ES':'S','CS':'C','ET':'T','ON':'O','BN':'B','NSM':'M'}
import unicodedata2 as ud
from idna import idnadata
assert ud.unidata_version == u.__version__, (ud.unidata_version, u.__version__)
bidi_default = load(U + 'DerivedBidiClass.txt')
bidi_all = {}
ccc = {}
gc = {}
for c in range(0x110000):
    ch = chr(c)
    b = ud.bidirectional(ch) or bidi_default.get(c, 'L')
    bidi_all[c] = b
    ccc[c] = ud.combining(ch)
    gc[c] = ud.category(ch)
jt = idnadata.joining_types
if callable(jt): jt = jt()
bidi = ranges(bidi_all, 'L', lambda v: bidimap.get(v, 'X'))
joining = ranges({k: chr(v) for k, v in jt.items()}, 'U', lambda v: v if v in ('L','D','T','R') else 'U')
virama = ranges(ccc, 0, lambda v: 'V' if v == 9 else 'U')
mark = ranges(gc, 'Cn', lambda v: 'M' if v[0] == 'M' else 'U')

print('  // UTS #46 IDNA mapping table, version %s (generated, see header).' % u.__version__)
print('  const UTS46_TABLE = %s;' % json.dumps(uts46))
print('  // Bidi_Class ranges, Unicode %s.' % ud.unidata_version)
print('  const BIDI_TABLE = %s;' % json.dumps(bidi))
print('  // Joining_Type ranges, Unicode %s.' % ud.unidata_version)
print('  const JOINING_TABLE = %s;' % json.dumps(joining))
print('  // Canonical_Combining_Class=Virama ranges, Unicode %s.' % ud.unidata_version)
print('  const VIRAMA_TABLE = %s;' % json.dumps(virama))
print('  // General_Category=Mark ranges, Unicode %s.' % ud.unidata_version)
print('  const MARK_TABLE = %s;' % json.dumps(mark))
