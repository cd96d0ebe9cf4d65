// NANO runtime: the DER (ITU-T X.690) reading and writing SubtleCrypto needs
// for SubjectPublicKeyInfo (RFC 5280), PKCS #8 PrivateKeyInfo (RFC 5208),
// PKCS #1 RSA keys (RFC 8017) and SEC 1 ECPrivateKey (RFC 5915) structures.
// Only the definite-length, minimally encoded form is accepted; anything
// else is a DataError.
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
// It publishes `nano.der` for crypto/ec.js and crypto/rsa.js.
(function (nano, global) {
  "use strict";
  // Part of the lazy part "subtle" (crypto/crypto.js, core/core.js).
  nano.lazy("subtle", function (nano, global) {
  "use strict";
  const subtle = nano.subtle;
  const dataError = subtle.dataError;
  const concatBytes = subtle.concatBytes;
  const uncurryThis = nano.webidl.uncurryThis;
  const ObjectFreeze = Object.freeze;
  const Uint8ArrayCtor = Uint8Array;
  const TypedArrayPrototypeSubarray = uncurryThis(Object.getPrototypeOf(Uint8Array.prototype).subarray);
  const NumberPrototypeToString = uncurryThis(Number.prototype.toString);
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);

  // Tags of the universal types used here.
  const INTEGER = 0x02;
  const BIT_STRING = 0x03;
  const OCTET_STRING = 0x04;
  const NULL = 0x05;
  const OID = 0x06;
  const SEQUENCE = 0x30;

  // readTlv(bytes, offset, end) -> { tag, start, end } (the content range):
  // one TLV that must end at or before `end`.
  function readTlv(bytes, offset, end) {
    if (offset + 2 > end) throw dataError("The DER data is truncated.");
    const tag = bytes[offset];
    if ((tag & 0x1f) === 0x1f) throw dataError("The DER data uses an unsupported tag.");
    let length = bytes[offset + 1];
    let p = offset + 2;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 4) throw dataError("The DER data has an invalid length.");
      if (p + n > end) throw dataError("The DER data is truncated.");
      if (bytes[p] === 0) throw dataError("The DER data has a non-minimal length.");
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + bytes[p++];
      if (length < 0x80) throw dataError("The DER data has a non-minimal length.");
    }
    if (p + length > end) throw dataError("The DER data is truncated.");
    return { __proto__: null, tag, start: p, end: p + length };
  }

  // children(bytes, tlv) -> the TLVs inside a constructed value.
  function children(bytes, tlv) {
    const list = [];
    let offset = tlv.start;
    while (offset < tlv.end) {
      const child = readTlv(bytes, offset, tlv.end);
      list[list.length] = child;
      offset = child.end;
    }
    return list;
  }

  // parseTop(bytes, tag) -> the single TLV filling all of `bytes`.
  function parseTop(bytes, tag) {
    const tlv = readTlv(bytes, 0, bytes.length);
    if (tlv.tag !== tag || tlv.end !== bytes.length) throw dataError("The key data is not valid DER.");
    return tlv;
  }

  function expect(tlv, tag) {
    if (tlv === undefined || tlv.tag !== tag) throw dataError("The key data does not have the expected ASN.1 structure.");
    return tlv;
  }

  function contents(bytes, tlv) {
    return TypedArrayPrototypeSubarray(bytes, tlv.start, tlv.end);
  }

  // The contents of a TLV as lower-case hex (OIDs are compared this way).
  function hexOf(bytes, tlv) {
    let out = "";
    for (let i = tlv.start; i < tlv.end; i++) {
      const b = bytes[i];
      out += (b < 16 ? "0" : "") + NumberPrototypeToString(b, 16);
    }
    return out;
  }

  // An INTEGER's value as unsigned big-endian bytes without leading zeros
  // (DataError for a negative or empty one).
  function readUnsigned(bytes, tlv) {
    expect(tlv, INTEGER);
    if (tlv.end === tlv.start) throw dataError("The DER INTEGER is empty.");
    if (bytes[tlv.start] & 0x80) throw dataError("The DER INTEGER is negative.");
    let s = tlv.start;
    while (s < tlv.end - 1 && bytes[s] === 0) s++;
    return TypedArrayPrototypeSubarray(bytes, s, tlv.end);
  }
  // A small INTEGER (version numbers).
  function readSmallInteger(bytes, tlv) {
    const v = readUnsigned(bytes, tlv);
    if (v.length > 4) throw dataError("The DER INTEGER is too large.");
    let n = 0;
    for (let i = 0; i < v.length; i++) n = n * 256 + v[i];
    return n;
  }

  // AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }
  // -> { oid: hex, params: TLV | undefined }.
  function readAlgorithmIdentifier(bytes, tlv) {
    const parts = children(bytes, expect(tlv, SEQUENCE));
    if (parts.length < 1 || parts.length > 2) throw dataError("The key's AlgorithmIdentifier is malformed.");
    return { __proto__: null, oid: hexOf(bytes, expect(parts[0], OID)), params: parts[1] };
  }

  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
  // subjectPublicKey BIT STRING } -> { oid, params, key (the bit string's bytes) }.
  function parseSpki(bytes) {
    const parts = children(bytes, parseTop(bytes, SEQUENCE));
    if (parts.length !== 2) throw dataError("The key data is not a SubjectPublicKeyInfo.");
    const alg = readAlgorithmIdentifier(bytes, parts[0]);
    const bits = expect(parts[1], BIT_STRING);
    if (bits.end === bits.start || bytes[bits.start] !== 0) throw dataError("The subjectPublicKey has unused bits.");
    return {
      __proto__: null,
      oid: alg.oid,
      params: alg.params,
      bytes,
      key: TypedArrayPrototypeSubarray(bytes, bits.start + 1, bits.end),
    };
  }

  // PrivateKeyInfo ::= SEQUENCE { version INTEGER (0 or 1), algorithm
  // AlgorithmIdentifier, privateKey OCTET STRING, attributes [0] OPTIONAL,
  // publicKey [1] OPTIONAL } -> { oid, params, key (the octet string's bytes) }.
  function parsePkcs8(bytes) {
    const parts = children(bytes, parseTop(bytes, SEQUENCE));
    if (parts.length < 3) throw dataError("The key data is not a PrivateKeyInfo.");
    const version = readSmallInteger(bytes, parts[0]);
    if (version !== 0 && version !== 1) throw dataError("The PrivateKeyInfo version is not supported.");
    const alg = readAlgorithmIdentifier(bytes, parts[1]);
    const key = contents(bytes, expect(parts[2], OCTET_STRING));
    for (let i = 3; i < parts.length; i++) {
      const tag = parts[i].tag;
      if (tag !== 0xa0 && tag !== 0x81 && tag !== 0xa1) throw dataError("The PrivateKeyInfo has an unexpected member.");
    }
    return { __proto__: null, oid: alg.oid, params: alg.params, bytes, key };
  }

  // Writing ------------------------------------------------------------------
  function encodeTlv(tag, content) {
    const n = content.length;
    let header;
    if (n < 0x80) header = [tag, n];
    else if (n < 0x100) header = [tag, 0x81, n];
    else if (n < 0x10000) header = [tag, 0x82, n >> 8, n & 0xff];
    else if (n < 0x1000000) header = [tag, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    else header = [tag, 0x84, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
    const out = new Uint8ArrayCtor(header.length + n);
    for (let i = 0; i < header.length; i++) out[i] = header[i];
    for (let i = 0; i < n; i++) out[header.length + i] = content[i];
    return out;
  }
  function sequence(list) { return encodeTlv(SEQUENCE, concatBytes(list)); }
  // INTEGER of unsigned big-endian bytes.
  function unsignedInteger(value) {
    let s = 0;
    while (s < value.length - 1 && value[s] === 0) s++;
    const v = TypedArrayPrototypeSubarray(value, s);
    if (v.length === 0) return encodeTlv(INTEGER, new Uint8ArrayCtor(1));
    if (v[0] & 0x80) return encodeTlv(INTEGER, concatBytes([new Uint8ArrayCtor(1), v]));
    return encodeTlv(INTEGER, v);
  }
  function smallInteger(n) { return encodeTlv(INTEGER, new Uint8ArrayCtor([n])); }
  function octetString(value) { return encodeTlv(OCTET_STRING, value); }
  function bitString(value) { return encodeTlv(BIT_STRING, concatBytes([new Uint8ArrayCtor(1), value])); }
  function oid(hex) {
    const out = new Uint8ArrayCtor(hex.length / 2);
    for (let i = 0; i < out.length; i++) {
      const h = StringPrototypeCharCodeAt(hex, 2 * i);
      const l = StringPrototypeCharCodeAt(hex, 2 * i + 1);
      out[i] = ((h <= 0x39 ? h - 0x30 : h - 0x57) << 4) | (l <= 0x39 ? l - 0x30 : l - 0x57);
    }
    return encodeTlv(OID, out);
  }
  const nullValue = new Uint8ArrayCtor([NULL, 0]);
  // AlgorithmIdentifier with an OID (hex) and encoded parameters (or none).
  function algorithmIdentifier(oidHex, params) {
    return params === undefined ? sequence([oid(oidHex)]) : sequence([oid(oidHex), params]);
  }
  function encodeSpki(oidHex, params, key) {
    return sequence([algorithmIdentifier(oidHex, params), bitString(key)]);
  }
  function encodePkcs8(oidHex, params, key) {
    return sequence([smallInteger(0), algorithmIdentifier(oidHex, params), octetString(key)]);
  }

  nano.der = ObjectFreeze({
    INTEGER, BIT_STRING, OCTET_STRING, NULL, OID, SEQUENCE,
    readTlv, children, parseTop, expect, contents, hexOf, readUnsigned, readSmallInteger,
    parseSpki, parsePkcs8,
    encodeTlv, sequence, unsignedInteger, smallInteger, octetString, bitString, oid, nullValue,
    encodeSpki, encodePkcs8,
    // OIDs (hex of the contents).
    oids: ObjectFreeze({
      __proto__: null,
      rsaEncryption: "2a864886f70d010101",
      ecPublicKey: "2a8648ce3d0201",
      ecDH: "2b8104010c",
      "P-256": "2a8648ce3d030107",
      "P-384": "2b81040022",
      "P-521": "2b81040023",
      Ed25519: "2b6570",
      X25519: "2b656e",
    }),
  });
  });
});
