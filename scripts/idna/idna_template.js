// UTS #46 "Unicode IDNA Compatibility Processing" (ToASCII) and Punycode
// (RFC 3492), as used by the URL Standard's "domain to ASCII". Loaded before
// url.js; exports nano.idna.
//
// The tables below are generated (do not edit by hand): the UTS #46 mapping
// table and Joining_Type come from PyPI's `idna` package (uts46data.py,
// idnadata.py), Bidi_Class, the Virama combining class and
// General_Category=Mark from PyPI's `unicodedata2`, all Unicode 17.0, so that
// no property lookup depends on the engine's ICU version (NFC does: it is
// String.prototype.normalize). The generator (gen_idna.py) lives outside
// the repository; see the lead's notes. Encoding: a
// sequence of records, each a run length in base 36 (lowercase) followed by an
// uppercase tag. UTS46 tags: V valid (deviations included: nontransitional
// processing), X disallowed, I ignored, M mapped (followed by the mapping's
// code points in base 36, comma-separated, then ";"), R mapped to the code
// point plus a constant (the delta in base 36, then ";"), A alternating
// mapped-to-next / valid pairs (upper/lower case pairs).
(function (nano, global) {
  "use strict";
  const StringFromCharCode = String.fromCharCode;
  const StringFromCodePoint = String.fromCodePoint;
  const uncurryThis = (fn) => Reflect.apply(Function.prototype.bind, Function.prototype.call, [fn]);
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeCodePointAt = uncurryThis(String.prototype.codePointAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const StringPrototypeNormalize = uncurryThis(String.prototype.normalize);
  const StringPrototypeToLowerCase = uncurryThis(String.prototype.toLowerCase);
  const MathFloor = Math.floor;
  // Plain arrays of small integers rather than typed arrays: they live in
  // the startup snapshot, and need no ArrayBuffer backing store there.
  const newArray = (n) => {
    const a = [];
    for (let i = 0; i < n; i++) a[i] = 0;
    return a;
  };

/*TABLES*/

  // ---- table decoding -----------------------------------------------------

  const K_VALID = 0, K_DISALLOWED = 1, K_IGNORED = 2, K_MAPPED = 3, K_DELTA = 4, K_ALTERNATING = 5;

  function countRecords(table) {
    let n = 0;
    for (let i = 0; i < table.length; i++) {
      const c = StringPrototypeCharCodeAt(table, i);
      if (c >= 0x41 && c <= 0x5A) n++;
    }
    return n;
  }

  // Reads a base-36 number (with optional "-") at table[pos]; returns [value, newPos].
  function readNumber(table, pos) {
    let neg = false;
    if (StringPrototypeCharCodeAt(table, pos) === 0x2D) { neg = true; pos++; }
    let v = 0;
    for (;;) {
      const c = StringPrototypeCharCodeAt(table, pos);
      let d;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x7A) d = c - 0x61 + 10;
      else break;
      v = v * 36 + d;
      pos++;
    }
    return [neg ? -v : v, pos];
  }

  // Decodes a table of (length, tag) runs into { starts, tags } where tags are char codes.
  function decodeRanges(table) {
    const n = countRecords(table);
    const starts = newArray(n);
    const tags = newArray(n);
    let pos = 0, cp = 0;
    for (let i = 0; i < n; i++) {
      const r = readNumber(table, pos);
      starts[i] = cp;
      cp += r[0];
      tags[i] = StringPrototypeCharCodeAt(table, r[1]);
      pos = r[1] + 1;
    }
    return { starts, tags };
  }

  function search(starts, cp) {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= cp) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // The tables are decoded on first use, not at load: most apps never meet
  // a non-ASCII host, and decoded tables in the snapshot would cost every
  // isolate ~400 KB of heap and ~0.5 ms of start-up.
  let uts46Cache = null, bidiCache = null, joiningCache = null, viramaCache = null, markCache = null;
  const decodeUTS46 = function () {
    const n = countRecords(UTS46_TABLE);
    const starts = newArray(n);
    const kinds = newArray(n);
    const data = newArray(n);
    const mappings = [];
    let pos = 0, cp = 0;
    for (let i = 0; i < n; i++) {
      let r = readNumber(UTS46_TABLE, pos);
      starts[i] = cp;
      cp += r[0];
      const tag = StringPrototypeCharCodeAt(UTS46_TABLE, r[1]);
      pos = r[1] + 1;
      if (tag === 0x56 /* V */) kinds[i] = K_VALID;
      else if (tag === 0x58 /* X */) kinds[i] = K_DISALLOWED;
      else if (tag === 0x49 /* I */) kinds[i] = K_IGNORED;
      else if (tag === 0x41 /* A */) kinds[i] = K_ALTERNATING;
      else if (tag === 0x52 /* R */) {
        kinds[i] = K_DELTA;
        r = readNumber(UTS46_TABLE, pos);
        data[i] = r[0];
        pos = r[1] + 1; // ";"
      } else { // M
        kinds[i] = K_MAPPED;
        let s = "";
        for (;;) {
          r = readNumber(UTS46_TABLE, pos);
          if (r[1] !== pos) s += StringFromCodePoint(r[0]);
          const sep = StringPrototypeCharCodeAt(UTS46_TABLE, r[1]);
          pos = r[1] + 1;
          if (sep === 0x3B /* ; */) break;
        }
        data[i] = mappings.length;
        mappings[mappings.length] = s;
      }
    }
    return { starts, kinds, data, mappings };
  };

  // Status of a code point: returns null when valid (kept as is), undefined
  // when disallowed, "" when ignored, or the mapping string.
  function lookup(cp) {
    const uts46 = uts46Cache || (uts46Cache = decodeUTS46());
    const i = search(uts46.starts, cp);
    switch (uts46.kinds[i]) {
      case K_VALID: return null;
      case K_DISALLOWED: return undefined;
      case K_IGNORED: return "";
      case K_MAPPED: return uts46.mappings[uts46.data[i]];
      case K_DELTA: return StringFromCodePoint(cp + uts46.data[i]);
      default: return ((cp - uts46.starts[i]) & 1) === 0 ? StringFromCodePoint(cp + 1) : null;
    }
  }
  function bidiClass(cp) {
    const bidi = bidiCache || (bidiCache = decodeRanges(BIDI_TABLE));
    return bidi.tags[search(bidi.starts, cp)];
  }
  function joiningType(cp) {
    const joining = joiningCache || (joiningCache = decodeRanges(JOINING_TABLE));
    return joining.tags[search(joining.starts, cp)];
  }
  function isVirama(cp) {
    const virama = viramaCache || (viramaCache = decodeRanges(VIRAMA_TABLE));
    return virama.tags[search(virama.starts, cp)] === 0x56;
  }
  function isMark(cp) {
    const mark = markCache || (markCache = decodeRanges(MARK_TABLE));
    return mark.tags[search(mark.starts, cp)] === 0x4D;
  }

  // ---- Punycode (RFC 3492) ------------------------------------------------

  const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;
  const MAXINT = 0x7FFFFFFF;

  function adapt(delta, numPoints, firstTime) {
    delta = firstTime ? MathFloor(delta / DAMP) : delta >> 1;
    delta += MathFloor(delta / numPoints);
    let k = 0;
    while (delta > ((BASE - TMIN) * TMAX) >> 1) {
      delta = MathFloor(delta / (BASE - TMIN));
      k += BASE;
    }
    return k + MathFloor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
  }
  function digitValue(c) {
    if (c >= 0x30 && c <= 0x39) return c - 22;   // 0-9 -> 26-35
    if (c >= 0x41 && c <= 0x5A) return c - 0x41; // A-Z -> 0-25
    if (c >= 0x61 && c <= 0x7A) return c - 0x61; // a-z -> 0-25
    return BASE;
  }
  function digitChar(d) {
    return d < 26 ? d + 0x61 : d + 22;
  }

  // Decodes an ASCII Punycode string to an array of code points, or null.
  function punycodeDecode(input) {
    const output = [];
    let basic = -1;
    for (let j = input.length - 1; j >= 0; j--) {
      if (StringPrototypeCharCodeAt(input, j) === 0x2D) { basic = j; break; }
    }
    for (let j = 0; j < basic; j++) {
      const c = StringPrototypeCharCodeAt(input, j);
      if (c >= 0x80) return null;
      output[output.length] = c;
    }
    let n = INITIAL_N, i = 0, bias = INITIAL_BIAS;
    let pos = basic > 0 ? basic + 1 : 0;
    while (pos < input.length) {
      const oldi = i;
      let w = 1;
      for (let k = BASE; ; k += BASE) {
        if (pos >= input.length) return null;
        const digit = digitValue(StringPrototypeCharCodeAt(input, pos++));
        if (digit >= BASE) return null;
        if (digit > MathFloor((MAXINT - i) / w)) return null;
        i += digit * w;
        const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (digit < t) break;
        if (w > MathFloor(MAXINT / (BASE - t))) return null;
        w *= BASE - t;
      }
      const len = output.length + 1;
      bias = adapt(i - oldi, len, oldi === 0);
      if (MathFloor(i / len) > MAXINT - n) return null;
      n += MathFloor(i / len);
      i %= len;
      if (n > 0x10FFFF) return null;
      // insert n at position i
      for (let j = output.length; j > i; j--) output[j] = output[j - 1];
      output[i] = n;
      i++;
    }
    return output;
  }

  // Encodes an array of code points as Punycode, or returns null on overflow.
  function punycodeEncode(cps) {
    let output = "";
    let n = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
    let b = 0;
    for (let j = 0; j < cps.length; j++) {
      if (cps[j] < 0x80) { output += StringFromCharCode(cps[j]); b++; }
    }
    let h = b;
    if (b > 0) output += "-";
    while (h < cps.length) {
      let m = MAXINT;
      for (let j = 0; j < cps.length; j++) {
        if (cps[j] >= n && cps[j] < m) m = cps[j];
      }
      if (m - n > MathFloor((MAXINT - delta) / (h + 1))) return null;
      delta += (m - n) * (h + 1);
      n = m;
      for (let j = 0; j < cps.length; j++) {
        const c = cps[j];
        if (c < n) {
          delta++;
          if (delta > MAXINT) return null;
        }
        if (c === n) {
          let q = delta;
          for (let k = BASE; ; k += BASE) {
            const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
            if (q < t) break;
            output += StringFromCharCode(digitChar(t + ((q - t) % (BASE - t))));
            q = MathFloor((q - t) / (BASE - t));
          }
          output += StringFromCharCode(digitChar(q));
          bias = adapt(delta, h + 1, h === b);
          delta = 0;
          h++;
        }
      }
      delta++;
      n++;
    }
    return output;
  }

  function toCodePoints(s) {
    const out = [];
    for (let i = 0; i < s.length; i++) {
      const cp = StringPrototypeCodePointAt(s, i);
      if (cp > 0xFFFF) i++;
      out[out.length] = cp;
    }
    return out;
  }
  function fromCodePoints(cps) {
    let s = "";
    for (let i = 0; i < cps.length; i++) s += StringFromCodePoint(cps[i]);
    return s;
  }

  // ---- validity criteria (UTS #46 §4.1) -----------------------------------

  // CheckJoiners: the CONTEXTJ rules of RFC 5892 Appendix A.
  function checkJoiners(cps) {
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c !== 0x200C && c !== 0x200D) continue;
      if (i > 0 && isVirama(cps[i - 1])) continue;
      if (c === 0x200D) return false;
      // ZWNJ: (Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*(Joining_Type:{R,D})
      let j = i - 1;
      while (j >= 0 && joiningType(cps[j]) === 0x54 /* T */) j--;
      if (j < 0) return false;
      let jt = joiningType(cps[j]);
      if (jt !== 0x4C /* L */ && jt !== 0x44 /* D */) return false;
      j = i + 1;
      while (j < cps.length && joiningType(cps[j]) === 0x54) j++;
      if (j >= cps.length) return false;
      jt = joiningType(cps[j]);
      if (jt !== 0x52 /* R */ && jt !== 0x44 /* D */) return false;
    }
    return true;
  }

  // Bidi classes, as tagged in BIDI_TABLE.
  const B_L = 0x4C, B_R = 0x52, B_AL = 0x41, B_AN = 0x4E, B_EN = 0x45, B_ES = 0x53, B_CS = 0x43,
    B_ET = 0x54, B_ON = 0x4F, B_BN = 0x42, B_NSM = 0x4D;

  // The six conditions of RFC 5893 §2.
  function checkBidiLabel(cps) {
    if (cps.length === 0) return true;
    const first = bidiClass(cps[0]);
    let end = cps.length - 1;
    while (end >= 0 && bidiClass(cps[end]) === B_NSM) end--;
    if (first === B_R || first === B_AL) {
      let hasEN = false, hasAN = false;
      for (let i = 0; i < cps.length; i++) {
        const b = bidiClass(cps[i]);
        if (b === B_EN) hasEN = true;
        else if (b === B_AN) hasAN = true;
        else if (b !== B_R && b !== B_AL && b !== B_ES && b !== B_CS && b !== B_ET &&
                 b !== B_ON && b !== B_BN && b !== B_NSM) return false;
      }
      if (end < 0) return false;
      const last = bidiClass(cps[end]);
      if (last !== B_R && last !== B_AL && last !== B_EN && last !== B_AN) return false;
      if (hasEN && hasAN) return false;
      return true;
    }
    if (first !== B_L) return false;
    for (let i = 0; i < cps.length; i++) {
      const b = bidiClass(cps[i]);
      if (b !== B_L && b !== B_EN && b !== B_ES && b !== B_CS && b !== B_ET &&
          b !== B_ON && b !== B_BN && b !== B_NSM) return false;
    }
    if (end < 0) return false;
    const last = bidiClass(cps[end]);
    return last === B_L || last === B_EN;
  }

  function isRTLLabel(cps) {
    for (let i = 0; i < cps.length; i++) {
      const b = bidiClass(cps[i]);
      if (b === B_R || b === B_AL || b === B_AN) return true;
    }
    return false;
  }

  function startsWithXN(s) {
    return s.length >= 4 &&
      (StringPrototypeCharCodeAt(s, 0) | 0x20) === 0x78 &&
      (StringPrototypeCharCodeAt(s, 1) | 0x20) === 0x6E &&
      StringPrototypeCharCodeAt(s, 2) === 0x2D && StringPrototypeCharCodeAt(s, 3) === 0x2D;
  }

  function isASCII(s) {
    for (let i = 0; i < s.length; i++) if (StringPrototypeCharCodeAt(s, i) >= 0x80) return false;
    return true;
  }

  // The validity criteria, minus CheckBidi (done for the whole domain).
  function validLabel(label, cps, options) {
    if (StringPrototypeNormalize(label, "NFC") !== label) return false;
    if (options.checkHyphens) {
      if (cps.length >= 4 && cps[2] === 0x2D && cps[3] === 0x2D) return false;
      if (cps.length > 0 && (cps[0] === 0x2D || cps[cps.length - 1] === 0x2D)) return false;
    } else if (startsWithXN(label)) {
      return false;
    }
    if (cps.length > 0 && isMark(cps[0])) return false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c === 0x2E) return false;
      if (lookup(c) !== null) return false;
      if (options.useSTD3ASCIIRules && c < 0x80 &&
          !((c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c === 0x2D)) return false;
    }
    if (options.checkJoiners && !checkJoiners(cps)) return false;
    return true;
  }

  // UTS #46 §4 Processing followed by §4.2 ToASCII. Returns the ASCII domain,
  // or null when an error was recorded.
  function toASCII(domain, options) {
    // 1. Map.
    let mapped = "";
    let error = false;
    for (let i = 0; i < domain.length; i++) {
      const cp = StringPrototypeCodePointAt(domain, i);
      if (cp > 0xFFFF) i++;
      const m = lookup(cp);
      if (m === null) mapped += StringFromCodePoint(cp);
      else if (m === undefined) { error = true; mapped += StringFromCodePoint(cp); }
      else mapped += m;
    }
    if (error) return null;
    // 2. Normalize.
    mapped = StringPrototypeNormalize(mapped, "NFC");
    // 3. Break.
    const labels = [];
    let start = 0;
    for (let i = 0; i <= mapped.length; i++) {
      if (i === mapped.length || StringPrototypeCharCodeAt(mapped, i) === 0x2E) {
        labels[labels.length] = StringPrototypeSlice(mapped, start, i);
        start = i + 1;
      }
    }
    // 4. Convert/Validate.
    const labelCps = [];
    let bidiDomain = false;
    for (let li = 0; li < labels.length; li++) {
      let label = labels[li];
      let cps;
      if (startsWithXN(label)) {
        if (!isASCII(label)) return null;
        const decoded = punycodeDecode(StringPrototypeSlice(label, 4));
        if (decoded === null) return null;
        label = fromCodePoints(decoded);
        if (decoded.length === 0 || isASCII(label)) return null;
        cps = decoded;
      } else {
        cps = toCodePoints(label);
      }
      if (!validLabel(label, cps, options)) return null;
      if (!bidiDomain && isRTLLabel(cps)) bidiDomain = true;
      labelCps[li] = cps;
      labels[li] = label;
    }
    if (options.checkBidi && bidiDomain) {
      for (let li = 0; li < labelCps.length; li++) {
        if (!checkBidiLabel(labelCps[li])) return null;
      }
    }
    // ToASCII: Punycode-encode the non-ASCII labels.
    let result = "";
    let total = 0;
    for (let li = 0; li < labels.length; li++) {
      let label = labels[li];
      if (!isASCII(label)) {
        const enc = punycodeEncode(labelCps[li]);
        if (enc === null) return null;
        label = "xn--" + enc;
      }
      if (options.verifyDnsLength && (label.length < 1 || label.length > 63) &&
          !(label.length === 0 && li === labels.length - 1 && li > 0)) return null;
      total += (li > 0 ? 1 : 0) + label.length;
      result += (li > 0 ? "." : "") + label;
    }
    if (options.verifyDnsLength) {
      const rootLength = labels.length > 1 && labels[labels.length - 1] === "" ? total - 1 : total;
      if (rootLength < 1 || rootLength > 253) return null;
    }
    return result;
  }

  const URL_OPTIONS = {
    checkHyphens: false, checkBidi: true, checkJoiners: true,
    useSTD3ASCIIRules: false, verifyDnsLength: false,
  };
  const STRICT_OPTIONS = {
    checkHyphens: true, checkBidi: true, checkJoiners: true,
    useSTD3ASCIIRules: true, verifyDnsLength: true,
  };

  // The URL Standard's "domain to ASCII" UTS #46 call. Returns a string or
  // null on failure (the caller checks the empty string and forbidden domain
  // code points).
  function domainToASCII(domain, beStrict) {
    if (!beStrict && isASCII(domain)) {
      // Fast path: lowercasing is the whole mapping of ASCII, and only
      // "xn--" labels can fail validation.
      const lower = StringPrototypeToLowerCase(domain);
      let needsFull = false;
      let start = 0;
      for (let i = 0; i <= lower.length; i++) {
        if (i === lower.length || StringPrototypeCharCodeAt(lower, i) === 0x2E) {
          if (i - start >= 4 && startsWithXN(StringPrototypeSlice(lower, start, i))) { needsFull = true; break; }
          start = i + 1;
        }
      }
      if (!needsFull) return lower;
    }
    return toASCII(domain, beStrict ? STRICT_OPTIONS : URL_OPTIONS);
  }

  // UTS #46 ToUnicode (no error reporting): used for display only.
  function domainToUnicode(domain) {
    const mapped = toASCII(domain, URL_OPTIONS);
    const src = mapped === null ? StringPrototypeToLowerCase(domain) : mapped;
    let result = "";
    let start = 0;
    for (let i = 0; i <= src.length; i++) {
      if (i === src.length || StringPrototypeCharCodeAt(src, i) === 0x2E) {
        let label = StringPrototypeSlice(src, start, i);
        if (startsWithXN(label)) {
          const d = punycodeDecode(StringPrototypeSlice(label, 4));
          if (d !== null) label = fromCodePoints(d);
        }
        result += (start > 0 ? "." : "") + label;
        start = i + 1;
      }
    }
    return result;
  }

  nano.idna = {
    domainToASCII,
    domainToUnicode,
    toASCII,
    punycodeEncode(s) { return punycodeEncode(toCodePoints(s)); },
    punycodeDecode(s) { const d = punycodeDecode(s); return d === null ? null : fromCodePoints(d); },
  };
});
