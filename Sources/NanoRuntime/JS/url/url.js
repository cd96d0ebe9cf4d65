// The WHATWG URL Standard: the URL parser and serialiser, host parsing
// (domain, IPv4, IPv6, opaque host), the percent-encode sets, the
// application/x-www-form-urlencoded parser and serialiser, and the `URL` and
// `URLSearchParams` interfaces. Needs nano.idna (url/idna.js) loaded first.
// Exports its internals on nano.url for fetch, FormData and friends.
(function (nano, global) {
  "use strict";
  const uncurryThis = (fn) => Reflect.apply(Function.prototype.bind, Function.prototype.call, [fn]);
  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;
  const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const ObjectCreate = Object.create;
  const ObjectFreeze = Object.freeze;
  const StringFromCharCode = String.fromCharCode;
  const StringFromCodePoint = String.fromCodePoint;
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const StringPrototypeToLowerCase = uncurryThis(String.prototype.toLowerCase);
  const StringPrototypeIndexOf = uncurryThis(String.prototype.indexOf);
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const NumberPrototypeToString = uncurryThis(Number.prototype.toString);
  const TypeErrorCtor = TypeError;
  const SymbolIterator = Symbol.iterator;
  const SymbolToStringTag = Symbol.toStringTag;
  const IteratorPrototype = ObjectGetPrototypeOf(ObjectGetPrototypeOf([][SymbolIterator]()));
  const idna = nano.idna;

  // ---- WebIDL helpers -----------------------------------------------------

  // Replaces lone surrogates with U+FFFD (String.prototype.toWellFormed).
  function toWellFormed(s) {
    const n = s.length;
    let i = 0;
    for (; i < n; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c < 0xD800 || c > 0xDFFF) continue;
      if (c <= 0xDBFF && i + 1 < n) {
        const d = StringPrototypeCharCodeAt(s, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { i++; continue; }
      }
      break;
    }
    if (i === n) return s;
    let out = StringPrototypeSlice(s, 0, i);
    for (; i < n; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c < 0xD800 || c > 0xDFFF) { out += StringFromCharCode(c); continue; }
      if (c <= 0xDBFF && i + 1 < n) {
        const d = StringPrototypeCharCodeAt(s, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { out += StringFromCharCode(c, d); i++; continue; }
      }
      out += "\uFFFD";
    }
    return out;
  }

  // WebIDL USVString conversion: ToString (throws on Symbol), then toWellFormed.
  function toUSVString(v) {
    if (typeof v === "string") return toWellFormed(v);
    return toWellFormed(`${v}`);
  }

  // method: null for a constructor, "set foo" for an attribute setter.
  function requiredArgs(count, required, method, iface) {
    if (count < required) {
      let what;
      if (method === null) what = `Failed to construct '${iface}'`;
      else if (StringPrototypeSlice(method, 0, 4) === "set ") {
        what = `Failed to set the '${StringPrototypeSlice(method, 4)}' property on '${iface}'`;
      } else what = `Failed to execute '${method}' on '${iface}'`;
      throw new TypeErrorCtor(`${what}: ${required} argument${required === 1 ? "" : "s"} required, but only ${count} present.`);
    }
  }

  // Makes the class's prototype members enumerable (WebIDL operations and
  // attributes are), and its static operations too, and adds @@toStringTag.
  function webidlClass(cls, name) {
    const fix = (obj) => {
      const keys = ReflectOwnKeys(obj);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (k === "constructor" || k === "prototype" || k === "length" || k === "name") continue;
        const d = ReflectGetOwnPropertyDescriptor(obj, k);
        d.enumerable = true;
        ObjectDefineProperty(obj, k, d);
      }
    };
    fix(cls.prototype);
    fix(cls);
    ObjectDefineProperty(cls.prototype, SymbolToStringTag, {
      value: name, writable: false, enumerable: false, configurable: true,
    });
  }

  // ---- UTF-8 --------------------------------------------------------------

  // UTF-8 encode (a USVString; a lone surrogate encodes as U+FFFD) into a
  // plain array of bytes.
  function utf8Encode(s) {
    const out = [];
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      let c = StringPrototypeCharCodeAt(s, i);
      if (c < 0x80) { out[n++] = c; continue; }
      if (c >= 0xD800 && c <= 0xDFFF) {
        const d = i + 1 < s.length ? StringPrototypeCharCodeAt(s, i + 1) : 0;
        if (c <= 0xDBFF && d >= 0xDC00 && d <= 0xDFFF) {
          c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
          i++;
        } else {
          c = 0xFFFD;
        }
      }
      if (c < 0x800) {
        out[n++] = 0xC0 | (c >> 6);
        out[n++] = 0x80 | (c & 0x3F);
      } else if (c < 0x10000) {
        out[n++] = 0xE0 | (c >> 12);
        out[n++] = 0x80 | ((c >> 6) & 0x3F);
        out[n++] = 0x80 | (c & 0x3F);
      } else {
        out[n++] = 0xF0 | (c >> 18);
        out[n++] = 0x80 | ((c >> 12) & 0x3F);
        out[n++] = 0x80 | ((c >> 6) & 0x3F);
        out[n++] = 0x80 | (c & 0x3F);
      }
    }
    return out;
  }

  // The Encoding Standard's UTF-8 decoder with replacement (U+FFFD for each
  // maximal invalid subpart), without BOM handling. bytes: array-like.
  function utf8Decode(bytes, start = 0, end = bytes.length) {
    let out = "";
    let chunk = [];
    let cn = 0;
    let codePoint = 0, needed = 0, seen = 0, lower = 0x80, upper = 0xBF;
    const flush = () => {
      out += ReflectApply(StringFromCharCode, null, chunk);
      chunk = [];
      cn = 0;
    };
    const emit = (cp) => {
      if (cp > 0xFFFF) {
        cp -= 0x10000;
        chunk[cn++] = 0xD800 + (cp >> 10);
        chunk[cn++] = 0xDC00 + (cp & 0x3FF);
      } else {
        chunk[cn++] = cp;
      }
      if (cn >= 4096) flush();
    };
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (needed === 0) {
        if (b <= 0x7F) { emit(b); continue; }
        if (b >= 0xC2 && b <= 0xDF) { needed = 1; codePoint = b & 0x1F; }
        else if (b >= 0xE0 && b <= 0xEF) {
          if (b === 0xE0) lower = 0xA0;
          if (b === 0xED) upper = 0x9F;
          needed = 2; codePoint = b & 0xF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          if (b === 0xF0) lower = 0x90;
          if (b === 0xF4) upper = 0x8F;
          needed = 3; codePoint = b & 0x7;
        } else {
          emit(0xFFFD);
        }
        continue;
      }
      if (b < lower || b > upper) {
        codePoint = needed = seen = 0;
        lower = 0x80; upper = 0xBF;
        emit(0xFFFD);
        i--; // reprocess this byte
        continue;
      }
      lower = 0x80; upper = 0xBF;
      codePoint = (codePoint << 6) | (b & 0x3F);
      seen++;
      if (seen === needed) {
        emit(codePoint);
        codePoint = needed = seen = 0;
      }
    }
    if (needed !== 0) emit(0xFFFD);
    flush();
    return out;
  }

  // ---- percent-encoding ---------------------------------------------------

  // Percent-encode sets as bit masks over ASCII; every set contains the C0
  // control percent-encode set (C0 controls and code points above U+007E).
  const SET_C0 = 0, SET_FRAGMENT = 1, SET_QUERY = 2, SET_SPECIAL_QUERY = 4, SET_PATH = 8,
    SET_USERINFO = 16, SET_COMPONENT = 32, SET_FORM = 64;
  const setTable = [];
  for (let i = 0; i < 128; i++) setTable[i] = 0;
  (function () {
    const add = (bits, chars) => {
      for (let i = 0; i < chars.length; i++) setTable[StringPrototypeCharCodeAt(chars, i)] |= bits;
    };
    // Each set includes the ones it is built on.
    add(SET_FRAGMENT, " \"<>`");
    add(SET_QUERY | SET_SPECIAL_QUERY | SET_PATH | SET_USERINFO | SET_COMPONENT | SET_FORM, " \"#<>");
    add(SET_SPECIAL_QUERY, "'");
    add(SET_PATH | SET_USERINFO | SET_COMPONENT | SET_FORM, "?^`{}");
    add(SET_USERINFO | SET_COMPONENT | SET_FORM, "/:;=@[\\]|");
    add(SET_COMPONENT | SET_FORM, "$%&+,");
    add(SET_FORM, "!'()~");
  })();
  function inSet(c, set) {
    return c < 0x20 || c > 0x7E || (set !== SET_C0 && (setTable[c] & set) !== 0);
  }

  const HEX = "0123456789ABCDEF";
  function percentByte(b) {
    return "%" + HEX[b >> 4] + HEX[b & 0xF];
  }

  // UTF-8 percent-encode every code point of s that is in the set.
  // spaceAsPlus: for the application/x-www-form-urlencoded serializer.
  function percentEncodeString(s, set, spaceAsPlus = false) {
    let out = "";
    let start = 0; // start of the run of code points copied as is
    for (let i = 0; i < s.length; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c < 0x80) {
        if (spaceAsPlus && c === 0x20) {
          out += StringPrototypeSlice(s, start, i) + "+";
          start = i + 1;
        } else if (inSet(c, set)) {
          out += StringPrototypeSlice(s, start, i) + percentByte(c);
          start = i + 1;
        }
        continue;
      }
      out += StringPrototypeSlice(s, start, i);
      let cp = c;
      if (c >= 0xD800 && c <= 0xDFFF) {
        const d = i + 1 < s.length ? StringPrototypeCharCodeAt(s, i + 1) : 0;
        if (c <= 0xDBFF && d >= 0xDC00 && d <= 0xDFFF) {
          cp = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
          i++;
        } else {
          cp = 0xFFFD;
        }
      }
      out += percentEncodeCodePoint(cp);
      start = i + 1;
    }
    if (start === 0) return s;
    return out + StringPrototypeSlice(s, start);
  }

  // UTF-8 percent-encodes a non-ASCII code point (all sets contain them).
  function percentEncodeCodePoint(c) {
    if (c < 0x800) return percentByte(0xC0 | (c >> 6)) + percentByte(0x80 | (c & 0x3F));
    if (c < 0x10000) {
      return percentByte(0xE0 | (c >> 12)) + percentByte(0x80 | ((c >> 6) & 0x3F)) +
        percentByte(0x80 | (c & 0x3F));
    }
    return percentByte(0xF0 | (c >> 18)) + percentByte(0x80 | ((c >> 12) & 0x3F)) +
      percentByte(0x80 | ((c >> 6) & 0x3F)) + percentByte(0x80 | (c & 0x3F));
  }

  // UTF-8 percent-encode one code point c using a set.
  function percentEncodeCP(c, set) {
    if (c < 0x80) return inSet(c, set) ? percentByte(c) : StringFromCharCode(c);
    return percentEncodeCodePoint(c);
  }

  function hexValue(b) {
    if (b >= 0x30 && b <= 0x39) return b - 0x30;
    if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
    if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
    return -1;
  }

  // Percent-decode a byte sequence (array-like) in [start, end); returns an array.
  function percentDecodeBytes(bytes, start = 0, end = bytes.length, plusAsSpace = false) {
    const out = [];
    let n = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (b === 0x25 && i + 2 < end) {
        const h = hexValue(bytes[i + 1]);
        const l = hexValue(bytes[i + 2]);
        if (h >= 0 && l >= 0) {
          out[n++] = (h << 4) | l;
          i += 2;
          continue;
        }
      }
      out[n++] = plusAsSpace && b === 0x2B ? 0x20 : b;
    }
    return out;
  }

  function percentDecodeString(s) {
    return percentDecodeBytes(utf8Encode(s));
  }

  // ---- application/x-www-form-urlencoded ----------------------------------

  // Parses bytes (array-like, e.g. a Uint8Array) into a list of [name, value].
  function urlencodedParse(bytes) {
    const output = [];
    const len = bytes.length;
    let start = 0;
    while (start <= len) {
      let end = start;
      while (end < len && bytes[end] !== 0x26) end++;
      if (end > start) {
        let eq = start;
        while (eq < end && bytes[eq] !== 0x3D) eq++;
        const name = utf8Decode(percentDecodeBytes(bytes, start, eq, true));
        const value = eq < end ? utf8Decode(percentDecodeBytes(bytes, eq + 1, end, true)) : "";
        output[output.length] = [name, value];
      }
      start = end + 1;
    }
    return output;
  }

  function urlencodedParseString(s) {
    // ASCII with nothing to decode ("%" or "+"), the usual query: sliced
    // as it is, without the round trip through UTF-8 bytes.
    for (let i = 0; i < s.length; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c >= 0x80 || c === 0x25 || c === 0x2B) return urlencodedParse(utf8Encode(s));
    }
    const output = [];
    const len = s.length;
    let start = 0;
    while (start <= len) {
      let end = StringPrototypeIndexOf(s, "&", start);
      if (end === -1) end = len;
      if (end > start) {
        const eq = StringPrototypeIndexOf(s, "=", start);
        output[output.length] = eq !== -1 && eq < end
          ? [StringPrototypeSlice(s, start, eq), StringPrototypeSlice(s, eq + 1, end)]
          : [StringPrototypeSlice(s, start, end), ""];
      }
      start = end + 1;
    }
    return output;
  }

  // Serializes a list of [name, value] (UTF-8).
  function urlencodedSerialize(list) {
    let output = "";
    for (let i = 0; i < list.length; i++) {
      const t = list[i];
      if (i > 0) output += "&";
      output += percentEncodeString(t[0], SET_FORM, true) + "=" + percentEncodeString(t[1], SET_FORM, true);
    }
    return output;
  }

  // ---- code point classes ------------------------------------------------

  const EOF = -1;
  const isASCIIDigit = (c) => c >= 0x30 && c <= 0x39;
  const isASCIIAlpha = (c) => (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A);
  const isASCIIAlphanumeric = (c) => isASCIIDigit(c) || isASCIIAlpha(c);
  const isASCIIHexDigit = (c) => isASCIIDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

  function isForbiddenHostCodePoint(c) {
    return c === 0x00 || c === 0x09 || c === 0x0A || c === 0x0D || c === 0x20 || c === 0x23 ||
      c === 0x2F || c === 0x3A || c === 0x3C || c === 0x3E || c === 0x3F || c === 0x40 ||
      c === 0x5B || c === 0x5C || c === 0x5D || c === 0x5E || c === 0x7C;
  }
  function isForbiddenDomainCodePoint(c) {
    return isForbiddenHostCodePoint(c) || c <= 0x1F || c === 0x25 || c === 0x7F;
  }

  const specialSchemes = ObjectCreate(null);
  specialSchemes.ftp = 21;
  specialSchemes.file = null;
  specialSchemes.http = 80;
  specialSchemes.https = 443;
  specialSchemes.ws = 80;
  specialSchemes.wss = 443;
  function isSpecialScheme(s) {
    switch (s) {
      case "http": case "https": case "ws": case "wss": case "ftp": case "file": return true;
      default: return false;
    }
  }
  const defaultPort = (s) => (specialSchemes[s] === undefined ? null : specialSchemes[s]);

  // ---- hosts --------------------------------------------------------------
  // A host is a string (domain, opaque host or empty host), a number (IPv4
  // address) or an array of 8 numbers (IPv6 address). Parsers return
  // undefined for failure.

  function toCodePoints(s) {
    const out = [];
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        const d = StringPrototypeCharCodeAt(s, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) {
          out[n++] = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
          i++;
          continue;
        }
      }
      out[n++] = c;
    }
    return out;
  }

  // The code points cps[start..end) as a string.
  function codePointsToString(cps, start, end) {
    let out = "";
    for (let i = start; i < end; i++) {
      const c = cps[i];
      out += c > 0xFFFF ? StringFromCodePoint(c) : StringFromCharCode(c);
    }
    return out;
  }

  // Not a path delimiter, not in the path percent-encode set, not "\\".
  function isPlainPathCodePoint(c) {
    return c > 0x20 && c < 0x7F && c !== 0x2F && c !== 0x5C && !inSet(c, SET_PATH);
  }

  function codePointLength(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        const d = StringPrototypeCharCodeAt(s, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) i++;
      }
      n++;
    }
    return n;
  }

  function splitOnDot(s) {
    const parts = [];
    let start = 0;
    for (let i = 0; i <= s.length; i++) {
      if (i === s.length || StringPrototypeCharCodeAt(s, i) === 0x2E) {
        parts[parts.length] = StringPrototypeSlice(s, start, i);
        start = i + 1;
      }
    }
    return parts;
  }

  // The IPv4 number parser: returns the number or -1 on failure.
  function parseIPv4Number(input) {
    if (input === "") return -1;
    let R = 10;
    let i = 0;
    if (input.length >= 2 && StringPrototypeCharCodeAt(input, 0) === 0x30 &&
        (StringPrototypeCharCodeAt(input, 1) | 0x20) === 0x78) {
      R = 16;
      i = 2;
    } else if (input.length >= 2 && StringPrototypeCharCodeAt(input, 0) === 0x30) {
      R = 8;
      i = 1;
    }
    if (i === input.length) return 0;
    let value = 0;
    for (; i < input.length; i++) {
      const c = StringPrototypeCharCodeAt(input, i);
      let d;
      if (R === 16) {
        d = hexValue(c);
        if (d < 0) return -1;
      } else {
        if (!isASCIIDigit(c)) return -1;
        d = c - 0x30;
        if (d >= R) return -1;
      }
      value = value * R + d;
    }
    return value;
  }

  function endsInANumber(input) {
    const parts = splitOnDot(input);
    if (parts[parts.length - 1] === "") {
      if (parts.length === 1) return false;
      parts.length = parts.length - 1;
    }
    const last = parts[parts.length - 1];
    if (last !== "") {
      let allDigits = true;
      for (let i = 0; i < last.length; i++) {
        if (!isASCIIDigit(StringPrototypeCharCodeAt(last, i))) { allDigits = false; break; }
      }
      if (allDigits) return true;
    }
    return parseIPv4Number(last) !== -1;
  }

  function parseIPv4(input) {
    const parts = splitOnDot(input);
    if (parts[parts.length - 1] === "" && parts.length > 1) parts.length = parts.length - 1;
    if (parts.length > 4) return undefined;
    const numbers = [];
    for (let i = 0; i < parts.length; i++) {
      const n = parseIPv4Number(parts[i]);
      if (n === -1) return undefined;
      numbers[i] = n;
    }
    for (let i = 0; i < numbers.length - 1; i++) {
      if (numbers[i] > 255) return undefined;
    }
    const last = numbers[numbers.length - 1];
    if (last >= 256 ** (5 - numbers.length)) return undefined;
    let ipv4 = last;
    for (let i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i] * 256 ** (3 - i);
    return ipv4;
  }

  function parseIPv6(input) {
    const cps = toCodePoints(input);
    const len = cps.length;
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let pieceIndex = 0;
    let compress = null;
    let pointer = 0;
    const at = (p) => (p < len ? cps[p] : EOF);
    if (at(pointer) === 0x3A) {
      if (at(pointer + 1) !== 0x3A) return undefined;
      pointer += 2;
      pieceIndex++;
      compress = pieceIndex;
    }
    while (at(pointer) !== EOF) {
      if (pieceIndex === 8) return undefined;
      if (at(pointer) === 0x3A) {
        if (compress !== null) return undefined;
        pointer++;
        pieceIndex++;
        compress = pieceIndex;
        continue;
      }
      let value = 0, length = 0;
      while (length < 4 && isASCIIHexDigit(at(pointer))) {
        value = value * 0x10 + hexValue(at(pointer));
        pointer++;
        length++;
      }
      if (at(pointer) === 0x2E) {
        if (length === 0) return undefined;
        pointer -= length;
        if (pieceIndex > 6) return undefined;
        let numbersSeen = 0;
        while (at(pointer) !== EOF) {
          let ipv4Piece = null;
          if (numbersSeen > 0) {
            if (at(pointer) === 0x2E && numbersSeen < 4) pointer++;
            else return undefined;
          }
          if (!isASCIIDigit(at(pointer))) return undefined;
          while (isASCIIDigit(at(pointer))) {
            const number = at(pointer) - 0x30;
            if (ipv4Piece === null) ipv4Piece = number;
            else if (ipv4Piece === 0) return undefined;
            else ipv4Piece = ipv4Piece * 10 + number;
            if (ipv4Piece > 255) return undefined;
            pointer++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
        }
        if (numbersSeen !== 4) return undefined;
        break;
      } else if (at(pointer) === 0x3A) {
        pointer++;
        if (at(pointer) === EOF) return undefined;
      } else if (at(pointer) !== EOF) {
        return undefined;
      }
      address[pieceIndex] = value;
      pieceIndex++;
    }
    if (compress !== null) {
      let swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex !== 0 && swaps > 0) {
        const tmp = address[pieceIndex];
        address[pieceIndex] = address[compress + swaps - 1];
        address[compress + swaps - 1] = tmp;
        pieceIndex--;
        swaps--;
      }
    } else if (pieceIndex !== 8) {
      return undefined;
    }
    return address;
  }

  function parseOpaqueHost(input) {
    for (let i = 0; i < input.length; i++) {
      if (isForbiddenHostCodePoint(StringPrototypeCharCodeAt(input, i))) return undefined;
    }
    return percentEncodeString(input, SET_C0);
  }

  // The URL Standard's "domain to ASCII" with beStrict false.
  function domainToASCII(domain, beStrict) {
    const result = idna.domainToASCII(domain, beStrict);
    if (result === null || result === "") return undefined;
    for (let i = 0; i < result.length; i++) {
      if (isForbiddenDomainCodePoint(StringPrototypeCharCodeAt(result, i))) return undefined;
    }
    return result;
  }

  function parseHost(input, isOpaque) {
    if (input.length > 0 && StringPrototypeCharCodeAt(input, 0) === 0x5B) {
      if (StringPrototypeCharCodeAt(input, input.length - 1) !== 0x5D) return undefined;
      return parseIPv6(StringPrototypeSlice(input, 1, input.length - 1));
    }
    if (isOpaque) return parseOpaqueHost(input);
    let plain = true;
    for (let i = 0; i < input.length; i++) {
      const c = StringPrototypeCharCodeAt(input, i);
      if (c === 0x25 || c >= 0x80) { plain = false; break; }
    }
    const domain = plain ? input : utf8Decode(percentDecodeString(input));
    const asciiDomain = domainToASCII(domain, false);
    if (asciiDomain === undefined) return undefined;
    if (endsInANumber(asciiDomain)) return parseIPv4(asciiDomain);
    return asciiDomain;
  }

  function serializeIPv4(n) {
    let out = "";
    for (let i = 0; i < 4; i++) {
      out = NumberPrototypeToString(n % 256, 10) + (i === 0 ? "" : ".") + out;
      n = (n - (n % 256)) / 256;
    }
    return out;
  }

  function serializeIPv6(address) {
    // Find the first longest run of zero pieces (length > 1).
    let compress = null, best = 1;
    for (let i = 0; i < 8; i++) {
      if (address[i] !== 0) continue;
      let j = i;
      while (j < 8 && address[j] === 0) j++;
      if (j - i > best) { best = j - i; compress = i; }
      i = j;
    }
    let output = "";
    let ignore0 = false;
    for (let i = 0; i < 8; i++) {
      if (ignore0 && address[i] === 0) continue;
      ignore0 = false;
      if (compress === i) {
        output += i === 0 ? "::" : ":";
        ignore0 = true;
        continue;
      }
      output += NumberPrototypeToString(address[i], 16);
      if (i !== 7) output += ":";
    }
    return output;
  }

  function serializeHost(host) {
    if (typeof host === "number") return serializeIPv4(host);
    if (typeof host === "object") return "[" + serializeIPv6(host) + "]";
    return host;
  }

  // ---- URL records ---------------------------------------------------------

  function newRecord() {
    return {
      scheme: "", username: "", password: "", host: null, port: null,
      path: [], query: null, fragment: null,
    };
  }

  function cloneRecord(u) {
    return {
      scheme: u.scheme, username: u.username, password: u.password, host: u.host, port: u.port,
      path: typeof u.path === "string" ? u.path : copyArray(u.path),
      query: u.query, fragment: u.fragment,
    };
  }

  function copyArray(a) {
    const out = [];
    for (let i = 0; i < a.length; i++) out[i] = a[i];
    return out;
  }

  const hasOpaquePath = (u) => typeof u.path === "string";
  const includesCredentials = (u) => u.username !== "" || u.password !== "";
  const cannotHaveUsernamePasswordPort = (u) => u.host === null || u.host === "" || u.scheme === "file";

  function isWindowsDriveLetterString(s) {
    return s.length === 2 && isASCIIAlpha(StringPrototypeCharCodeAt(s, 0)) &&
      (StringPrototypeCharCodeAt(s, 1) === 0x3A || StringPrototypeCharCodeAt(s, 1) === 0x7C);
  }
  function isNormalizedWindowsDriveLetterString(s) {
    return s.length === 2 && isASCIIAlpha(StringPrototypeCharCodeAt(s, 0)) &&
      StringPrototypeCharCodeAt(s, 1) === 0x3A;
  }
  function startsWithWindowsDriveLetter(cps, p) {
    const len = cps.length - p;
    if (len < 2) return false;
    if (!isASCIIAlpha(cps[p]) || (cps[p + 1] !== 0x3A && cps[p + 1] !== 0x7C)) return false;
    if (len === 2) return true;
    const c = cps[p + 2];
    return c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23;
  }

  function shortenPath(url) {
    const path = url.path;
    if (url.scheme === "file" && path.length === 1 && isNormalizedWindowsDriveLetterString(path[0])) return;
    if (path.length > 0) path.length = path.length - 1;
  }

  function isSingleDot(s) {
    if (s === ".") return true;
    return s.length === 3 && StringPrototypeToLowerCase(s) === "%2e";
  }
  function isDoubleDot(s) {
    if (s === "..") return true;
    if (s.length !== 4 && s.length !== 6) return false;
    const l = StringPrototypeToLowerCase(s);
    return l === ".%2e" || l === "%2e." || l === "%2e%2e";
  }

  // Strips leading and trailing C0 controls and spaces.
  function trimControlAndSpace(s) {
    let start = 0, end = s.length;
    while (start < end && StringPrototypeCharCodeAt(s, start) <= 0x20) start++;
    while (end > start && StringPrototypeCharCodeAt(s, end - 1) <= 0x20) end--;
    return start === 0 && end === s.length ? s : StringPrototypeSlice(s, start, end);
  }

  // ---- the basic URL parser ------------------------------------------------

  const SCHEME_START = 1, SCHEME = 2, NO_SCHEME = 3, SPECIAL_RELATIVE_OR_AUTHORITY = 4,
    PATH_OR_AUTHORITY = 5, RELATIVE = 6, RELATIVE_SLASH = 7, SPECIAL_AUTHORITY_SLASHES = 8,
    SPECIAL_AUTHORITY_IGNORE_SLASHES = 9, AUTHORITY = 10, HOST = 11, HOSTNAME = 12, PORT = 13,
    FILE = 14, FILE_SLASH = 15, FILE_HOST = 16, PATH_START = 17, PATH = 18, OPAQUE_PATH = 19,
    QUERY = 20, FRAGMENT = 21;

  // Returns the URL record (url, when given) or null on failure. With a
  // state override, url is modified in place (also on failure, as in the
  // spec).
  // The commonest input — an absolute http(s) URL already in canonical
  // form, like the request.url a server hands an app — parsed in one pass.
  // Only ASCII, a lower-case host of letters, digits, "-" and "." (or a
  // dotted-quad IPv4 address), no credentials, tabs, backslashes, dot
  // segments, percent signs in the path or characters the parser would
  // escape. Anything else: null, and the full parser runs. It makes the
  // record the full parser would (the WPT vectors run through both).
  function simpleParse(input) {
    const length = input.length;
    let i;
    let scheme;
    if (length > 7 && StringPrototypeSlice(input, 0, 7) === "http://") {
      scheme = "http";
      i = 7;
    } else if (length > 8 && StringPrototypeSlice(input, 0, 8) === "https://") {
      scheme = "https";
      i = 8;
    } else {
      return null;
    }
    const hostStart = i;
    let labelStart = i;
    let lastLabelDigits = true; // the label being read has only digits so far
    while (i < length) {
      const c = StringPrototypeCharCodeAt(input, i);
      if (c >= 0x30 && c <= 0x39) {
        i++;
      } else if ((c >= 0x61 && c <= 0x7A) || c === 0x2D) {
        lastLabelDigits = false;
        i++;
      } else if (c === 0x2E) {
        if (i === labelStart) return null; // an empty label
        i++;
        labelStart = i;
        lastLabelDigits = true;
      } else {
        break;
      }
    }
    if (i === hostStart || i === labelStart) return null; // empty, or ends in "."
    let host = StringPrototypeSlice(input, hostStart, i);
    if (StringPrototypeIndexOf(host, "xn--") !== -1) return null; // Punycode to check
    // A last label "0x…" may be a hex number (an IPv4 address): the full parser.
    if (i - labelStart >= 2 && StringPrototypeCharCodeAt(input, labelStart) === 0x30 &&
        StringPrototypeCharCodeAt(input, labelStart + 1) === 0x78) return null;
    if (lastLabelDigits) {
      // Ends in a number: an IPv4 address. Only the canonical a.b.c.d here:
      // four parts of 1 to 3 digits, no leading zero, each at most 255.
      let address = 0;
      let parts = 0;
      let k = hostStart;
      while (k <= i) {
        const partStart = k;
        let n = 0;
        while (k < i) {
          const c = StringPrototypeCharCodeAt(input, k);
          if (c === 0x2E) break;
          if (c < 0x30 || c > 0x39) return null;
          n = n * 10 + (c - 0x30);
          k++;
        }
        const digits = k - partStart;
        if (digits === 0 || digits > 3 || n > 255 ||
            (digits > 1 && StringPrototypeCharCodeAt(input, partStart) === 0x30)) return null;
        address = address * 256 + n;
        parts++;
        k++; // past the "." (or the end)
      }
      if (parts !== 4) return null;
      host = address;
    }
    let port = null;
    if (i < length && StringPrototypeCharCodeAt(input, i) === 0x3A) {
      i++;
      const portStart = i;
      let n = 0;
      while (i < length) {
        const c = StringPrototypeCharCodeAt(input, i);
        if (c < 0x30 || c > 0x39) break;
        n = n * 10 + (c - 0x30);
        if (n > 65535) return null;
        i++;
      }
      if (i > portStart && n !== (scheme === "http" ? 80 : 443)) port = n;
    }
    const path = [];
    let c = i < length ? StringPrototypeCharCodeAt(input, i) : -1;
    if (c === -1 || c === 0x3F || c === 0x23) {
      ArrayPrototypePush(path, "");
    } else if (c === 0x2F) {
      let segmentStart = ++i;
      for (;;) {
        c = i < length ? StringPrototypeCharCodeAt(input, i) : -1;
        if (c === -1 || c === 0x2F || c === 0x3F || c === 0x23) {
          const segment = StringPrototypeSlice(input, segmentStart, i);
          if (segment === "." || segment === "..") return null;
          ArrayPrototypePush(path, segment);
          if (c !== 0x2F) break;
          segmentStart = ++i;
          continue;
        }
        // Path percent-encode set (with "^" and "|", which spec versions
        // disagree on), backslash (a separator here) and "%" (a "%2e"
        // segment is a dot segment): the full parser's work.
        if (c <= 0x20 || c >= 0x7F || c === 0x22 || c === 0x3C || c === 0x3E || c === 0x60 || c === 0x7B ||
            c === 0x7D || c === 0x5C || c === 0x25 || c === 0x5E || c === 0x7C) return null;
        i++;
      }
    } else {
      return null; // userinfo, a backslash, an upper-case host...
    }
    let query = null;
    if (c === 0x3F) {
      const queryStart = ++i;
      for (;;) {
        c = i < length ? StringPrototypeCharCodeAt(input, i) : -1;
        if (c === -1 || c === 0x23) break;
        // Special-query percent-encode set.
        if (c <= 0x20 || c >= 0x7F || c === 0x22 || c === 0x3C || c === 0x3E || c === 0x27) return null;
        i++;
      }
      query = StringPrototypeSlice(input, queryStart, i);
    }
    let fragment = null;
    if (c === 0x23) {
      const fragmentStart = ++i;
      for (; i < length; i++) {
        c = StringPrototypeCharCodeAt(input, i);
        // Fragment percent-encode set.
        if (c <= 0x20 || c >= 0x7F || c === 0x22 || c === 0x3C || c === 0x3E || c === 0x60) return null;
      }
      fragment = StringPrototypeSlice(input, fragmentStart, i);
    }
    return { scheme, username: "", password: "", host, port, path, query, fragment };
  }

  function basicParse(input, base = null, url = null, stateOverride = 0) {
    if (url === null && stateOverride === 0) {
      const simple = simpleParse(input);
      if (simple !== null) return simple;
    }
    if (url === null) {
      url = newRecord();
      input = trimControlAndSpace(input);
    }
    // Code points, less ASCII tab or newline. When all are in the BMP, the
    // string `str` (the input less tabs and newlines) has the same indices.
    const cps = [];
    let bmpOnly = true;
    let str = "";
    {
      let n = 0;
      let runStart = 0;
      for (let i = 0; i < input.length; i++) {
        let c = StringPrototypeCharCodeAt(input, i);
        if (c === 0x09 || c === 0x0A || c === 0x0D) {
          str += StringPrototypeSlice(input, runStart, i);
          runStart = i + 1;
          continue;
        }
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < input.length) {
          const d = StringPrototypeCharCodeAt(input, i + 1);
          if (d >= 0xDC00 && d <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
            i++;
            bmpOnly = false;
          }
        }
        cps[n++] = c;
      }
      str = runStart === 0 ? input : str + StringPrototypeSlice(input, runStart);
    }
    const len = cps.length;
    // The code points cps[start..end) as a string.
    const substring = (start, end) =>
      (bmpOnly ? StringPrototypeSlice(str, start, end) : codePointsToString(cps, start, end));
    let state = stateOverride || SCHEME_START;
    let buffer = "";
    let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    let pointer = 0;
    const remainingStartsWith = (c) => pointer + 1 < len && cps[pointer + 1] === c;

    for (;;) {
      const c = pointer < len ? cps[pointer] : EOF;
      switch (state) {
        case SCHEME_START:
          if (isASCIIAlpha(c)) {
            buffer += StringFromCharCode(c | 0x20);
            state = SCHEME;
          } else if (!stateOverride) {
            state = NO_SCHEME;
            pointer--;
          } else {
            return null;
          }
          break;

        case SCHEME:
          if (isASCIIAlphanumeric(c) || c === 0x2B || c === 0x2D || c === 0x2E) {
            buffer += StringFromCharCode(c >= 0x41 && c <= 0x5A ? c | 0x20 : c);
          } else if (c === 0x3A) {
            if (stateOverride) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((includesCredentials(url) || url.port !== null) && buffer === "file") return url;
              if (url.scheme === "file" && url.host === "") return url;
            }
            url.scheme = buffer;
            if (stateOverride) {
              if (url.port === defaultPort(url.scheme)) url.port = null;
              return url;
            }
            buffer = "";
            if (url.scheme === "file") {
              state = FILE;
            } else if (isSpecialScheme(url.scheme) && base !== null && base.scheme === url.scheme) {
              state = SPECIAL_RELATIVE_OR_AUTHORITY;
            } else if (isSpecialScheme(url.scheme)) {
              state = SPECIAL_AUTHORITY_SLASHES;
            } else if (remainingStartsWith(0x2F)) {
              state = PATH_OR_AUTHORITY;
              pointer++;
            } else {
              url.path = "";
              state = OPAQUE_PATH;
            }
          } else if (!stateOverride) {
            buffer = "";
            state = NO_SCHEME;
            pointer = -1;
          } else {
            return null;
          }
          break;

        case NO_SCHEME:
          if (base === null || (hasOpaquePath(base) && c !== 0x23)) {
            return null;
          } else if (hasOpaquePath(base) && c === 0x23) {
            url.scheme = base.scheme;
            url.path = base.path;
            url.query = base.query;
            url.fragment = "";
            state = FRAGMENT;
          } else if (base.scheme !== "file") {
            state = RELATIVE;
            pointer--;
          } else {
            state = FILE;
            pointer--;
          }
          break;

        case SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === 0x2F && remainingStartsWith(0x2F)) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
          } else {
            state = RELATIVE;
            pointer--;
          }
          break;

        case PATH_OR_AUTHORITY:
          if (c === 0x2F) {
            state = AUTHORITY;
          } else {
            state = PATH;
            pointer--;
          }
          break;

        case RELATIVE:
          url.scheme = base.scheme;
          if (c === 0x2F) {
            state = RELATIVE_SLASH;
          } else if (isSpecialScheme(url.scheme) && c === 0x5C) {
            state = RELATIVE_SLASH;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            url.path = copyArray(base.path);
            url.query = base.query;
            if (c === 0x3F) {
              url.query = "";
              state = QUERY;
            } else if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT;
            } else if (c !== EOF) {
              url.query = null;
              shortenPath(url);
              state = PATH;
              pointer--;
            }
          }
          break;

        case RELATIVE_SLASH:
          if (isSpecialScheme(url.scheme) && (c === 0x2F || c === 0x5C)) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          } else if (c === 0x2F) {
            state = AUTHORITY;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            state = PATH;
            pointer--;
          }
          break;

        case SPECIAL_AUTHORITY_SLASHES:
          if (c === 0x2F && remainingStartsWith(0x2F)) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
          } else {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer--;
          }
          break;

        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== 0x2F && c !== 0x5C) {
            state = AUTHORITY;
            pointer--;
          }
          break;

        case AUTHORITY:
          if (c === 0x40) {
            if (atSignSeen) buffer = "%40" + buffer;
            atSignSeen = true;
            const bcps = toCodePoints(buffer);
            for (let i = 0; i < bcps.length; i++) {
              const cp = bcps[i];
              if (cp === 0x3A && !passwordTokenSeen) {
                passwordTokenSeen = true;
                continue;
              }
              const encoded = percentEncodeCP(cp, SET_USERINFO);
              if (passwordTokenSeen) url.password += encoded;
              else url.username += encoded;
            }
            buffer = "";
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 ||
                     (isSpecialScheme(url.scheme) && c === 0x5C)) {
            if (atSignSeen && buffer === "") return null;
            pointer -= codePointLength(buffer) + 1;
            buffer = "";
            state = HOST;
          } else {
            let end = pointer + 1;
            while (end < len) {
              const d = cps[end];
              if (d === 0x40 || d === 0x2F || d === 0x3F || d === 0x23 || d === 0x5C) break;
              end++;
            }
            buffer += substring(pointer, end);
            pointer = end - 1;
          }
          break;

        case HOST:
        case HOSTNAME:
          if (stateOverride && url.scheme === "file") {
            pointer--;
            state = FILE_HOST;
          } else if (c === 0x3A && !insideBrackets) {
            if (buffer === "") return null;
            if (stateOverride === HOSTNAME) return null;
            const host = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (host === undefined) return null;
            url.host = host;
            buffer = "";
            state = PORT;
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 ||
                     (isSpecialScheme(url.scheme) && c === 0x5C)) {
            pointer--;
            if (isSpecialScheme(url.scheme) && buffer === "") {
              return null;
            } else if (stateOverride && buffer === "" &&
                       (includesCredentials(url) || url.port !== null)) {
              return null;
            }
            const host = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (host === undefined) return null;
            url.host = host;
            buffer = "";
            state = PATH_START;
            if (stateOverride) return url;
          } else {
            if (c === 0x5B) insideBrackets = true;
            if (c === 0x5D) insideBrackets = false;
            let end = pointer + 1;
            while (end < len) {
              const d = cps[end];
              if (d === 0x3A || d === 0x2F || d === 0x3F || d === 0x23 || d === 0x5C || d === 0x5B || d === 0x5D) break;
              end++;
            }
            buffer += substring(pointer, end);
            pointer = end - 1;
          }
          break;

        case PORT:
          if (isASCIIDigit(c)) {
            buffer += StringFromCharCode(c);
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 ||
                     (isSpecialScheme(url.scheme) && c === 0x5C) || stateOverride) {
            if (buffer !== "") {
              let port = 0;
              for (let i = 0; i < buffer.length; i++) {
                port = port * 10 + (StringPrototypeCharCodeAt(buffer, i) - 0x30);
                if (port > 65535) return null;
              }
              url.port = port === defaultPort(url.scheme) ? null : port;
              buffer = "";
              if (stateOverride) return url;
            }
            if (stateOverride) return null;
            state = PATH_START;
            pointer--;
          } else {
            return null;
          }
          break;

        case FILE:
          url.scheme = "file";
          url.host = "";
          if (c === 0x2F || c === 0x5C) {
            state = FILE_SLASH;
          } else if (base !== null && base.scheme === "file") {
            url.host = base.host;
            url.path = copyArray(base.path);
            url.query = base.query;
            if (c === 0x3F) {
              url.query = "";
              state = QUERY;
            } else if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT;
            } else if (c !== EOF) {
              url.query = null;
              if (!startsWithWindowsDriveLetter(cps, pointer)) {
                shortenPath(url);
              } else {
                url.path = [];
              }
              state = PATH;
              pointer--;
            }
          } else {
            state = PATH;
            pointer--;
          }
          break;

        case FILE_SLASH:
          if (c === 0x2F || c === 0x5C) {
            state = FILE_HOST;
          } else {
            if (base !== null && base.scheme === "file") {
              url.host = base.host;
              if (!startsWithWindowsDriveLetter(cps, pointer) && base.path.length > 0 &&
                  isNormalizedWindowsDriveLetterString(base.path[0])) {
                url.path[url.path.length] = base.path[0];
              }
            }
            state = PATH;
            pointer--;
          }
          break;

        case FILE_HOST:
          if (c === EOF || c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23) {
            pointer--;
            if (!stateOverride && isWindowsDriveLetterString(buffer)) {
              state = PATH;
            } else if (buffer === "") {
              url.host = "";
              if (stateOverride) return url;
              state = PATH_START;
            } else {
              let host = parseHost(buffer, !isSpecialScheme(url.scheme));
              if (host === undefined) return null;
              if (host === "localhost") host = "";
              url.host = host;
              if (stateOverride) return url;
              buffer = "";
              state = PATH_START;
            }
          } else {
            buffer += StringFromCodePoint(c);
          }
          break;

        case PATH_START:
          if (isSpecialScheme(url.scheme)) {
            state = PATH;
            if (c !== 0x2F && c !== 0x5C) pointer--;
          } else if (!stateOverride && c === 0x3F) {
            url.query = "";
            state = QUERY;
          } else if (!stateOverride && c === 0x23) {
            url.fragment = "";
            state = FRAGMENT;
          } else if (c !== EOF) {
            state = PATH;
            if (c !== 0x2F) pointer--;
          } else if (stateOverride && url.host === null) {
            url.path[url.path.length] = "";
          }
          break;

        case PATH:
          if (c === EOF || c === 0x2F || (isSpecialScheme(url.scheme) && c === 0x5C) ||
              (!stateOverride && (c === 0x3F || c === 0x23))) {
            const slash = c === 0x2F || (isSpecialScheme(url.scheme) && c === 0x5C);
            if (isDoubleDot(buffer)) {
              shortenPath(url);
              if (!slash) url.path[url.path.length] = "";
            } else if (isSingleDot(buffer) && !slash) {
              url.path[url.path.length] = "";
            } else if (!isSingleDot(buffer)) {
              if (url.scheme === "file" && url.path.length === 0 && isWindowsDriveLetterString(buffer)) {
                buffer = StringPrototypeSlice(buffer, 0, 1) + ":";
              }
              url.path[url.path.length] = buffer;
            }
            buffer = "";
            if (c === 0x3F) {
              url.query = "";
              state = QUERY;
            }
            if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT;
            }
          } else {
            buffer += percentEncodeCP(c, SET_PATH);
            // Copy the run of code points that need no encoding at once.
            let end = pointer + 1;
            while (end < len && isPlainPathCodePoint(cps[end])) end++;
            if (end > pointer + 1) {
              buffer += substring(pointer + 1, end);
              pointer = end - 1;
            }
          }
          break;

        case OPAQUE_PATH:
          if (c === 0x3F) {
            url.query = "";
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = "";
            state = FRAGMENT;
          } else if (c === 0x20) {
            if (remainingStartsWith(0x3F) || remainingStartsWith(0x23)) url.path += "%20";
            else url.path += " ";
          } else if (c !== EOF) {
            url.path += percentEncodeCP(c, SET_C0);
          }
          break;

        case QUERY:
          if ((!stateOverride && c === 0x23) || c === EOF) {
            const set = isSpecialScheme(url.scheme) ? SET_SPECIAL_QUERY : SET_QUERY;
            url.query += percentEncodeString(buffer, set);
            buffer = "";
            if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT;
            }
          } else if (c !== EOF) {
            let end = pointer + 1;
            while (end < len && cps[end] !== 0x23) end++;
            buffer += substring(pointer, end);
            pointer = end - 1;
          }
          break;

        case FRAGMENT:
          if (c !== EOF) {
            let end = pointer;
            while (end < len && cps[end] < 0x7F && !inSet(cps[end], SET_FRAGMENT)) end++;
            if (end > pointer) {
              url.fragment += substring(pointer, end);
              pointer = end - 1;
            } else {
              url.fragment += percentEncodeCP(c, SET_FRAGMENT);
            }
          }
          break;
      }
      if (pointer >= len) break;
      pointer++;
    }
    return url;
  }

  // ---- serializers ---------------------------------------------------------

  function serializePath(url) {
    if (hasOpaquePath(url)) return url.path;
    let out = "";
    const path = url.path;
    for (let i = 0; i < path.length; i++) out += "/" + path[i];
    return out;
  }

  function serializeURL(url, excludeFragment = false) {
    let output = url.scheme + ":";
    if (url.host !== null) {
      output += "//";
      if (includesCredentials(url)) {
        output += url.username;
        if (url.password !== "") output += ":" + url.password;
        output += "@";
      }
      output += serializeHost(url.host);
      if (url.port !== null) output += ":" + NumberPrototypeToString(url.port, 10);
    }
    if (url.host === null && !hasOpaquePath(url) && url.path.length > 1 && url.path[0] === "") {
      output += "/.";
    }
    output += serializePath(url);
    if (url.query !== null) output += "?" + url.query;
    if (!excludeFragment && url.fragment !== null) output += "#" + url.fragment;
    return output;
  }

  // Returns the origin as a tuple { scheme, host, port } or null (opaque).
  function urlOrigin(url) {
    switch (url.scheme) {
      case "blob": {
        const pathURL = basicParse(serializePath(url));
        if (pathURL === null) return null;
        if (pathURL.scheme === "http" || pathURL.scheme === "https" || pathURL.scheme === "file") {
          return urlOrigin(pathURL);
        }
        return null;
      }
      case "ftp":
      case "http":
      case "https":
      case "ws":
      case "wss":
        return { scheme: url.scheme, host: url.host, port: url.port };
      default:
        return null;
    }
  }

  function serializeOrigin(origin) {
    if (origin === null) return "null";
    let result = origin.scheme + "://" + serializeHost(origin.host);
    if (origin.port !== null) result += ":" + NumberPrototypeToString(origin.port, 10);
    return result;
  }

  // The API URL parser: url and base are strings (base may be undefined).
  function apiParse(url, base) {
    let parsedBase = null;
    if (base !== undefined) {
      parsedBase = basicParse(base);
      if (parsedBase === null) return null;
    }
    return basicParse(url, parsedBase);
  }

  // ---- URLSearchParams ----------------------------------------------------

  let searchParamsGetList, searchParamsSetList, searchParamsSetURL, isSearchParams;
  let urlGetRecord, urlHasBrand;

  function searchParamsUpdate(params, urlObject) {
    if (urlObject === null) return;
    let serializedQuery = urlencodedSerialize(searchParamsGetList(params));
    if (serializedQuery === "") serializedQuery = null;
    urlGetRecord(urlObject).query = serializedQuery;
  }

  // WebIDL: creating a sequence from an iterable.
  function iterableToList(obj, method, convert) {
    const iterator = ReflectApply(method, obj, []);
    if (iterator === null || (typeof iterator !== "object" && typeof iterator !== "function")) {
      throw new TypeErrorCtor("Result of the Symbol.iterator method is not an object");
    }
    const next = iterator.next;
    const out = [];
    for (;;) {
      const result = ReflectApply(next, iterator, []);
      if (result === null || (typeof result !== "object" && typeof result !== "function")) {
        throw new TypeErrorCtor(`Iterator result ${result} is not an object`);
      }
      if (result.done) break;
      out[out.length] = convert(result.value);
    }
    return out;
  }

  function toPair(value) {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      throw new TypeErrorCtor(
        "Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence.");
    }
    const method = value[SymbolIterator];
    if (method === undefined || method === null) {
      throw new TypeErrorCtor(
        "Failed to construct 'URLSearchParams': The object must have a callable @@iterator property.");
    }
    if (typeof method !== "function") {
      throw new TypeErrorCtor("Failed to construct 'URLSearchParams': @@iterator is not callable.");
    }
    return iterableToList(value, method, toUSVString);
  }

  const kKeys = 0, kValues = 1, kEntries = 2;

  class URLSearchParams {
    #list = [];
    #url = null;

    constructor(init = undefined) {
      if (init === undefined) return;
      if (init !== null && (typeof init === "object" || typeof init === "function")) {
        const method = init[SymbolIterator];
        if (method !== undefined && method !== null) {
          if (typeof method !== "function") {
            throw new TypeErrorCtor("Failed to construct 'URLSearchParams': @@iterator is not callable.");
          }
          const pairs = iterableToList(init, method, toPair);
          const list = [];
          for (let i = 0; i < pairs.length; i++) {
            const pair = pairs[i];
            if (pair.length !== 2) {
              throw new TypeErrorCtor(
                "Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements");
            }
            list[i] = [pair[0], pair[1]];
          }
          this.#list = list;
        } else {
          // record<USVString, USVString>
          const keys = ReflectOwnKeys(init);
          const list = [];
          const index = ObjectCreate(null);
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            const desc = ReflectGetOwnPropertyDescriptor(init, key);
            if (desc === undefined || !desc.enumerable) continue;
            const typedKey = toUSVString(key);
            const typedValue = toUSVString(init[key]);
            const at = index[typedKey];
            if (at !== undefined) {
              list[at][1] = typedValue;
            } else {
              index[typedKey] = list.length;
              list[list.length] = [typedKey, typedValue];
            }
          }
          this.#list = list;
        }
        return;
      }
      let s = toUSVString(init);
      if (s.length > 0 && StringPrototypeCharCodeAt(s, 0) === 0x3F) s = StringPrototypeSlice(s, 1);
      this.#list = urlencodedParseString(s);
    }

    get size() {
      return this.#list.length;
    }

    append(name, value) {
      requiredArgs(arguments.length, 2, "append", "URLSearchParams");
      name = toUSVString(name);
      value = toUSVString(value);
      const list = this.#list;
      list[list.length] = [name, value];
      searchParamsUpdate(this, this.#url);
    }

    delete(name, value = undefined) {
      requiredArgs(arguments.length, 1, "delete", "URLSearchParams");
      name = toUSVString(name);
      const list = this.#list;
      const out = [];
      if (value !== undefined) {
        value = toUSVString(value);
        for (let i = 0; i < list.length; i++) {
          if (list[i][0] !== name || list[i][1] !== value) out[out.length] = list[i];
        }
      } else {
        for (let i = 0; i < list.length; i++) {
          if (list[i][0] !== name) out[out.length] = list[i];
        }
      }
      this.#list = out;
      searchParamsUpdate(this, this.#url);
    }

    get(name) {
      requiredArgs(arguments.length, 1, "get", "URLSearchParams");
      name = toUSVString(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === name) return list[i][1];
      }
      return null;
    }

    getAll(name) {
      requiredArgs(arguments.length, 1, "getAll", "URLSearchParams");
      name = toUSVString(name);
      const list = this.#list;
      const out = [];
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === name) out[out.length] = list[i][1];
      }
      return out;
    }

    has(name, value = undefined) {
      requiredArgs(arguments.length, 1, "has", "URLSearchParams");
      name = toUSVString(name);
      const list = this.#list;
      if (value !== undefined) {
        value = toUSVString(value);
        for (let i = 0; i < list.length; i++) {
          if (list[i][0] === name && list[i][1] === value) return true;
        }
        return false;
      }
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === name) return true;
      }
      return false;
    }

    set(name, value) {
      requiredArgs(arguments.length, 2, "set", "URLSearchParams");
      name = toUSVString(name);
      value = toUSVString(value);
      const list = this.#list;
      const out = [];
      let found = false;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === name) {
          if (found) continue;
          found = true;
          out[out.length] = [name, value];
        } else {
          out[out.length] = list[i];
        }
      }
      if (!found) out[out.length] = [name, value];
      this.#list = out;
      searchParamsUpdate(this, this.#url);
    }

    sort() {
      // Stable merge sort by name, comparing UTF-16 code units.
      const list = this.#list;
      const n = list.length;
      let src = copyArray(list);
      let dst = [];
      for (let width = 1; width < n; width *= 2) {
        for (let lo = 0; lo < n; lo += 2 * width) {
          const mid = lo + width < n ? lo + width : n;
          const hi = lo + 2 * width < n ? lo + 2 * width : n;
          let i = lo, j = mid, k = lo;
          while (i < mid && j < hi) {
            if (src[j][0] < src[i][0]) dst[k++] = src[j++];
            else dst[k++] = src[i++];
          }
          while (i < mid) dst[k++] = src[i++];
          while (j < hi) dst[k++] = src[j++];
        }
        const t = src; src = dst; dst = t;
      }
      this.#list = src;
      searchParamsUpdate(this, this.#url);
    }

    forEach(callback, thisArg = undefined) {
      requiredArgs(arguments.length, 1, "forEach", "URLSearchParams");
      if (typeof callback !== "function") {
        throw new TypeErrorCtor(
          "Failed to execute 'forEach' on 'URLSearchParams': The callback provided as parameter 1 is not a function.");
      }
      let list = this.#list;
      for (let i = 0; i < list.length; i++) {
        const pair = list[i];
        ReflectApply(callback, thisArg, [pair[1], pair[0], this]);
        list = this.#list;
      }
    }

    entries() {
      this.#list; // brand check
      return new URLSearchParamsIterator(this, kEntries);
    }

    keys() {
      this.#list; // brand check
      return new URLSearchParamsIterator(this, kKeys);
    }

    values() {
      this.#list; // brand check
      return new URLSearchParamsIterator(this, kValues);
    }

    toString() {
      return urlencodedSerialize(this.#list);
    }

    static {
      searchParamsGetList = (p) => p.#list;
      searchParamsSetList = (p, list) => { p.#list = list; };
      searchParamsSetURL = (p, u) => { p.#url = u; };
      isSearchParams = (p) => p !== null && typeof p === "object" && #list in p;
    }
  }

  class URLSearchParamsIterator {
    #target;
    #kind;
    #index = 0;
    constructor(target, kind) {
      this.#target = target;
      this.#kind = kind;
    }
    next() {
      const list = searchParamsGetList(this.#target);
      const index = this.#index;
      if (index >= list.length) return { value: undefined, done: true };
      this.#index = index + 1;
      const pair = list[index];
      let value;
      if (this.#kind === kKeys) value = pair[0];
      else if (this.#kind === kValues) value = pair[1];
      else value = [pair[0], pair[1]];
      return { value, done: false };
    }
  }
  const IteratorProto = URLSearchParamsIterator.prototype;
  ObjectSetPrototypeOf(IteratorProto, IteratorPrototype);
  delete IteratorProto.constructor;
  ObjectDefineProperty(IteratorProto, "next", { enumerable: true });
  ObjectDefineProperty(IteratorProto, SymbolToStringTag, {
    value: "URLSearchParams Iterator", writable: false, enumerable: false, configurable: true,
  });

  webidlClass(URLSearchParams, "URLSearchParams");
  ObjectDefineProperty(URLSearchParams.prototype, SymbolIterator, {
    value: URLSearchParams.prototype.entries, writable: true, enumerable: false, configurable: true,
  });

  // ---- URL ---------------------------------------------------------------------

  const kInternal = ObjectFreeze(ObjectCreate(null));

  class URL {
    #url;
    #query;

    constructor(url, base = undefined) {
      let parsed;
      if (url === kInternal) {
        parsed = base;
      } else {
        requiredArgs(arguments.length, 1, null, "URL");
        url = toUSVString(url);
        if (base !== undefined) base = toUSVString(base);
        let parsedBase = null;
        if (base !== undefined) {
          parsedBase = basicParse(base);
          if (parsedBase === null) throw new TypeErrorCtor("Failed to construct 'URL': Invalid base URL");
        }
        parsed = basicParse(url, parsedBase);
        if (parsed === null) throw new TypeErrorCtor("Failed to construct 'URL': Invalid URL");
      }
      this.#url = parsed;
      const query = new URLSearchParams();
      if (parsed.query !== null) searchParamsSetList(query, urlencodedParseString(parsed.query));
      searchParamsSetURL(query, this);
      this.#query = query;
    }

    static parse(url, base = undefined) {
      requiredArgs(arguments.length, 1, "parse", "URL");
      url = toUSVString(url);
      if (base !== undefined) base = toUSVString(base);
      const parsed = apiParse(url, base);
      if (parsed === null) return null;
      return new URL(kInternal, parsed);
    }

    static canParse(url, base = undefined) {
      requiredArgs(arguments.length, 1, "canParse", "URL");
      url = toUSVString(url);
      if (base !== undefined) base = toUSVString(base);
      return apiParse(url, base) !== null;
    }

    get href() {
      return serializeURL(this.#url);
    }
    set href(value) {
      this.#url; // brand check before argument conversion
      requiredArgs(arguments.length, 1, "set href", "URL");
      value = toUSVString(value);
      const parsed = basicParse(value);
      if (parsed === null) {
        throw new TypeErrorCtor("Failed to set the 'href' property on 'URL': Invalid URL");
      }
      this.#url = parsed;
      searchParamsSetList(this.#query, parsed.query !== null ? urlencodedParseString(parsed.query) : []);
    }

    get origin() {
      return serializeOrigin(urlOrigin(this.#url));
    }

    get protocol() {
      return this.#url.scheme + ":";
    }
    set protocol(value) {
      const url = this.#url;
      requiredArgs(arguments.length, 1, "set protocol", "URL");
      value = toUSVString(value);
      basicParse(value + ":", null, url, SCHEME_START);
    }

    get username() {
      return this.#url.username;
    }
    set username(value) {
      const url = this.#url;
      requiredArgs(arguments.length, 1, "set username", "URL");
      value = toUSVString(value);
      if (cannotHaveUsernamePasswordPort(url)) return;
      url.username = percentEncodeString(value, SET_USERINFO);
    }

    get password() {
      return this.#url.password;
    }
    set password(value) {
      const url = this.#url;
      requiredArgs(arguments.length, 1, "set password", "URL");
      value = toUSVString(value);
      if (cannotHaveUsernamePasswordPort(url)) return;
      url.password = percentEncodeString(value, SET_USERINFO);
    }

    get host() {
      const url = this.#url;
      if (url.host === null) return "";
      if (url.port === null) return serializeHost(url.host);
      return serializeHost(url.host) + ":" + NumberPrototypeToString(url.port, 10);
    }
    set host(value) {
      const url = this.#url;
      requiredArgs(arguments.length, 1, "set host", "URL");
      value = toUSVString(value);
      if (hasOpaquePath(url)) return;
      basicParse(value, null, url, HOST);
    }

    get hostname() {
      const url = this.#url;
      if (url.host === null) return "";
      return serializeHost(url.host);
    }
    set hostname(value) {
      const url = this.#url;
      requiredArgs(arguments.length, 1, "set hostname", "URL");
      value = toUSVString(value);
      if (hasOpaquePath(url)) return;
      basicParse(value, null, url, HOSTNAME);
    }

    get port() {
      const url = this.#url;
      if (url.port === null) return "";
      return NumberPrototypeToString(url.port, 10);
    }
    set port(value) {
      const url = this.#url;
      requiredArgs(arguments.length, 1, "set port", "URL");
      value = toUSVString(value);
      if (cannotHaveUsernamePasswordPort(url)) return;
      if (value === "") url.port = null;
      else basicParse(value, null, url, PORT);
    }

    get pathname() {
      return serializePath(this.#url);
    }
    set pathname(value) {
      const url = this.#url;
      requiredArgs(arguments.length, 1, "set pathname", "URL");
      value = toUSVString(value);
      if (hasOpaquePath(url)) return;
      url.path = [];
      basicParse(value, null, url, PATH_START);
    }

    get search() {
      const q = this.#url.query;
      if (q === null || q === "") return "";
      return "?" + q;
    }
    set search(value) {
      const url = this.#url;
      requiredArgs(arguments.length, 1, "set search", "URL");
      value = toUSVString(value);
      if (value === "") {
        url.query = null;
        searchParamsSetList(this.#query, []);
        return;
      }
      const input = StringPrototypeCharCodeAt(value, 0) === 0x3F ? StringPrototypeSlice(value, 1) : value;
      url.query = "";
      basicParse(input, null, url, QUERY);
      searchParamsSetList(this.#query, urlencodedParseString(input));
    }

    get searchParams() {
      return this.#query;
    }

    get hash() {
      const f = this.#url.fragment;
      if (f === null || f === "") return "";
      return "#" + f;
    }
    set hash(value) {
      const url = this.#url;
      requiredArgs(arguments.length, 1, "set hash", "URL");
      value = toUSVString(value);
      if (value === "") {
        url.fragment = null;
        return;
      }
      const input = StringPrototypeCharCodeAt(value, 0) === 0x23 ? StringPrototypeSlice(value, 1) : value;
      url.fragment = "";
      basicParse(input, null, url, FRAGMENT);
    }

    toJSON() {
      return serializeURL(this.#url);
    }

    toString() {
      return serializeURL(this.#url);
    }

    static {
      urlGetRecord = (u) => u.#url;
      urlHasBrand = (u) => #url in u;
    }
  }
  webidlClass(URL, "URL");

  function isURL(v) {
    return v !== null && typeof v === "object" && urlHasBrand(v);
  }

  // Internals for other runtime files. A URL record is a plain object
  // { scheme, username, password, host, port, path, query, fragment }: host
  // is null, a string (domain, opaque or empty host), a number (IPv4) or an
  // array of 8 numbers (IPv6); port is null or a number; path is an array of
  // segments, or a string for an opaque path; query and fragment are null or
  // strings. Lists of name-value pairs are arrays of [name, value] arrays.
  nano.url = {
    // The basic URL parser: input a string, base a URL record or null.
    // Returns a new URL record, or null on failure.
    parse(input, base = null) { return basicParse(toWellFormed(`${input}`), base); },
    // The API URL parser: input and base (optional) are strings.
    apiParse(input, base = undefined) {
      return apiParse(toWellFormed(`${input}`), base === undefined ? undefined : toWellFormed(`${base}`));
    },
    // URL serializer (record, excludeFragment = false) -> string.
    serialize: serializeURL,
    serializeHost,
    serializePath,
    // origin(record) -> { scheme, host, port } tuple, or null for an opaque origin.
    origin: urlOrigin,
    // serializeOrigin(tuple or null) -> "scheme://host[:port]" or "null".
    serializeOrigin,
    cloneRecord,
    hasOpaquePath,
    includesCredentials,
    isSpecialScheme,
    defaultPort,
    // parseHost(string, isOpaque) -> host, or undefined on failure.
    parseHost,
    // domainToASCII(domain, beStrict) -> string, or undefined on failure.
    domainToASCII,
    // application/x-www-form-urlencoded parser: bytes (Uint8Array or array
    // of numbers) -> list.
    urlencodedParse,
    // The same from a string (UTF-8 encoded first).
    urlencodedParseString,
    // application/x-www-form-urlencoded serializer: list -> string (UTF-8).
    urlencodedSerialize,
    // percentDecodeBytes(bytes, start?, end?, plusAsSpace?) -> array of bytes.
    percentDecodeBytes,
    // percentDecodeString(string) -> array of bytes.
    percentDecodeString,
    // percentEncodeString(string, nano.url.sets.X, spaceAsPlus?) -> string.
    percentEncodeString,
    sets: { C0: SET_C0, fragment: SET_FRAGMENT, query: SET_QUERY, specialQuery: SET_SPECIAL_QUERY,
      path: SET_PATH, userinfo: SET_USERINFO, component: SET_COMPONENT, form: SET_FORM },
    // utf8Encode(string) -> array of bytes (lone surrogates as U+FFFD).
    utf8Encode,
    // utf8Decode(bytes, start?, end?) -> string, with replacement, BOM kept.
    utf8Decode,
    toUSVString,
    toWellFormed,
    // A new URL object for a record (the record is not copied).
    newURL(record) { return new URL(kInternal, record); },
    isURL,
    // The URL record of a URL object (live: do not mutate).
    getRecord(u) { return urlGetRecord(u); },
    isSearchParams(v) { return isSearchParams(v); },
    // The list of a URLSearchParams object (live: do not mutate).
    getSearchParamsList(p) { return searchParamsGetList(p); },
    // A new URLSearchParams object owning the given list.
    newSearchParams(list) {
      const p = new URLSearchParams();
      searchParamsSetList(p, list);
      return p;
    },
  };

  nano.defineGlobal("URL", URL);
  nano.defineGlobal("URLSearchParams", URLSearchParams);
});
