// NANO runtime: atob and btoa (HTML "Base64 utility methods") with the
// Infra Standard's forgiving-base64 encode and decode.
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
//
// Internals for other runtime files: nano.base64 = { encode(bytes), decode(string) }.
(function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const uncurryThis = webidl.uncurryThis;
  const DOMException = nano.DOMException;

  const ReflectApply = Reflect.apply;
  const ObjectFreeze = Object.freeze;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const ArrayPrototypeJoin = uncurryThis(Array.prototype.join);
  const StringFromCharCode = String.fromCharCode;
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const Uint8ArrayCtor = Uint8Array;
  const Int8ArrayCtor = Int8Array;
  const TypedArrayPrototypeSubarray = uncurryThis(Object.getPrototypeOf(Uint8Array.prototype).subarray);
  const TypedArrayPrototypeGetLength =
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "length").get;

  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const ENCODE = new Uint8ArrayCtor(64);
  const DECODE = new Int8ArrayCtor(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    const c = StringPrototypeCharCodeAt(ALPHABET, i);
    ENCODE[i] = c;
    DECODE[c] = i;
  }

  const CHUNK = 8192;

  // Code units (each < 0x100) of `units[0..length)` as a string.
  function unitsToString(units, length) {
    if (length <= CHUNK) {
      return ReflectApply(StringFromCharCode, null, TypedArrayPrototypeSubarray(units, 0, length));
    }
    const parts = [];
    for (let i = 0; i < length; i += CHUNK) {
      const end = i + CHUNK < length ? i + CHUNK : length;
      ArrayPrototypePush(parts, ReflectApply(StringFromCharCode, null, TypedArrayPrototypeSubarray(units, i, end)));
    }
    return ArrayPrototypeJoin(parts, "");
  }

  // forgiving-base64 decode: a Uint8Array, or null for failure.
  // (https://infra.spec.whatwg.org/#forgiving-base64-decode)
  function forgivingBase64Decode(data) {
    const length = data.length;
    // 1. Remove ASCII whitespace; anything outside ASCII is kept as an invalid marker.
    const chars = new Uint8ArrayCtor(length);
    let n = 0;
    for (let i = 0; i < length; i++) {
      const c = StringPrototypeCharCodeAt(data, i);
      if (c === 0x09 || c === 0x0A || c === 0x0C || c === 0x0D || c === 0x20) continue;
      chars[n++] = c < 0x80 ? c : 0xFF;
    }
    // 2. If the length is a multiple of 4, drop one or two trailing "=".
    if (n % 4 === 0 && n > 0) {
      if (chars[n - 1] === 0x3D) {
        n--;
        if (chars[n - 1] === 0x3D) n--;
      }
    }
    // 3. A remainder of 1 cannot be decoded.
    if (n % 4 === 1) return null;
    // 4-8. Every code point must be in the alphabet; 6 bits each.
    const out = new Uint8ArrayCtor((n * 3) >> 2);
    let at = 0;
    let buffer = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
      const c = chars[i];
      const v = c < 0x80 ? DECODE[c] : -1;
      if (v < 0) return null;
      buffer = (buffer << 6) | v;
      bits += 6;
      if (bits === 24) {
        out[at++] = buffer >> 16;
        out[at++] = (buffer >> 8) & 0xFF;
        out[at++] = buffer & 0xFF;
        buffer = 0;
        bits = 0;
      }
    }
    if (bits === 12) {
      out[at++] = buffer >> 4;
    } else if (bits === 18) {
      out[at++] = buffer >> 10;
      out[at++] = (buffer >> 2) & 0xFF;
    }
    return out;
  }

  // forgiving-base64 encode of bytes (any Uint8Array) -> string.
  function forgivingBase64Encode(bytes) {
    const length = ReflectApply(TypedArrayPrototypeGetLength, bytes, []);
    const out = new Uint8ArrayCtor(((length + 2) / 3 | 0) * 4);
    let at = 0;
    let i = 0;
    for (; i + 2 < length; i += 3) {
      const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out[at++] = ENCODE[triple >> 18];
      out[at++] = ENCODE[(triple >> 12) & 0x3F];
      out[at++] = ENCODE[(triple >> 6) & 0x3F];
      out[at++] = ENCODE[triple & 0x3F];
    }
    const rest = length - i;
    if (rest === 1) {
      const b = bytes[i];
      out[at++] = ENCODE[b >> 2];
      out[at++] = ENCODE[(b & 0x3) << 4];
      out[at++] = 0x3D;
      out[at++] = 0x3D;
    } else if (rest === 2) {
      const b = (bytes[i] << 8) | bytes[i + 1];
      out[at++] = ENCODE[b >> 10];
      out[at++] = ENCODE[(b >> 4) & 0x3F];
      out[at++] = ENCODE[(b & 0xF) << 2];
      out[at++] = 0x3D;
    }
    return unitsToString(out, at);
  }

  const globals = {
    // DOMString atob(DOMString data);
    atob(data) {
      const prefix = "Failed to execute 'atob'";
      webidl.requiredArguments(arguments.length, 1, prefix);
      data = converters.DOMString(data, prefix, "parameter 1");
      const bytes = forgivingBase64Decode(data);
      if (bytes === null) {
        throw new DOMException(`${prefix}: The string to be decoded is not correctly encoded.`, "InvalidCharacterError");
      }
      return unitsToString(bytes, ReflectApply(TypedArrayPrototypeGetLength, bytes, []));
    },
    // DOMString btoa(DOMString data);
    btoa(data) {
      const prefix = "Failed to execute 'btoa'";
      webidl.requiredArguments(arguments.length, 1, prefix);
      data = converters.DOMString(data, prefix, "parameter 1");
      const length = data.length;
      const bytes = new Uint8ArrayCtor(length);
      for (let i = 0; i < length; i++) {
        const c = StringPrototypeCharCodeAt(data, i);
        if (c > 0xFF) {
          throw new DOMException(`${prefix}: The string to be encoded contains characters outside of the Latin1 range.`, "InvalidCharacterError");
        }
        bytes[i] = c;
      }
      return forgivingBase64Encode(bytes);
    },
  };

  nano.base64 = ObjectFreeze({
    // encode(bytes) -> base64 string of a Uint8Array (forgiving-base64 encode).
    encode: forgivingBase64Encode,
    // decode(string) -> Uint8Array, or null for invalid input (forgiving-base64 decode).
    decode: forgivingBase64Decode,
  });

  nano.defineGlobal("atob", globals.atob);
  nano.defineGlobal("btoa", globals.btoa);
});
