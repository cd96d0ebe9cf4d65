// NANO runtime: Web Crypto (https://w3c.github.io/webcrypto/): random
// values, UUIDs, and SubtleCrypto for SHA digests, HMAC, AES-GCM, HKDF and
// PBKDF2 (docs/CONFORMANCE.md lists the algorithms not supported yet).
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
//
// partial interface mixin WindowOrWorkerGlobalScope {
//   [SameObject] readonly attribute Crypto crypto;
// };
// [Exposed=(Window,Worker)]
// interface Crypto {
//   [SecureContext] readonly attribute SubtleCrypto subtle;
//   ArrayBufferView getRandomValues(ArrayBufferView array);
//   [SecureContext] DOMString randomUUID();
// };
// [SecureContext, Exposed=(Window,Worker)]
// interface SubtleCrypto {
//   encrypt, decrypt, sign, verify, digest, generateKey, deriveKey,
//   deriveBits, importKey, exportKey (wrapKey / unwrapKey are absent).
// };
// typedef (object or DOMString) AlgorithmIdentifier;
// dictionary Algorithm { required DOMString name; };
//
// Native ops: nano.ops.randomFill(view) fills the view's bytes in place from
// the OS CSPRNG; nano.ops.digest(name, bytes) -> Uint8Array of the digest
// (computed synchronously; the promise is resolved right away);
// hmacSign / hmacVerify / hkdf / pbkdf2 / aesGcmSeal / aesGcmOpen (see
// Ops/CryptoOps.swift) take the raw key bytes kept in the CryptoKey.
(function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const uncurryThis = webidl.uncurryThis;
  const ops = nano.ops;
  const DOMException = nano.DOMException;

  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectFreeze = Object.freeze;
  const ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const PromiseCtor = Promise;
  const PromiseReject = Promise.reject;
  const Uint8ArrayCtor = Uint8Array;
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const SymbolToStringTag = Symbol.toStringTag;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeGetSymbolToStringTag =
    ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get;
  const TypedArrayPrototypeGetBuffer = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "buffer").get;
  const TypedArrayPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteLength").get;

  // isSharedView(view) -> true when the view is over a SharedArrayBuffer. A
  // view's buffer is an ArrayBuffer or a SharedArrayBuffer, so this needs no
  // SharedArrayBuffer intrinsic (which the snapshot may be built without).
  function isSharedView(view) {
    return !webidl.isArrayBuffer(webidl.viewBuffer(view));
  }

  // A promise rejected with `reason`, made with the captured %Promise%.
  function rejected(reason) {
    return ReflectApply(PromiseReject, PromiseCtor, [reason]);
  }
  // A promise resolved with `value`, made with the captured %Promise%.
  function resolved(value) {
    return new PromiseCtor((resolve) => resolve(value));
  }

  // ---------------------------------------------------------------------------
  // Randomness
  // ---------------------------------------------------------------------------
  const kMaxRandomBytes = 65536;
  // The integer typed arrays getRandomValues accepts (by [[TypedArrayName]],
  // so subclasses and arrays from other realms count, look-alikes do not).
  const integerArrayNames = {
    __proto__: null,
    Int8Array: true,
    Uint8Array: true,
    Uint8ClampedArray: true,
    Int16Array: true,
    Uint16Array: true,
    Int32Array: true,
    Uint32Array: true,
    BigInt64Array: true,
    BigUint64Array: true,
  };

  // A pool of random bytes for randomUUID, refilled from the OS as it runs
  // out. It starts empty (and is created lazily), so no random byte is ever
  // baked into the startup snapshot and shared by isolates.
  const kPoolSize = 4096;
  let pool = null;
  let poolIndex = kPoolSize;

  const hex = [];
  for (let i = 0; i < 256; i++) hex[i] = (i < 16 ? "0" : "") + i.toString(16);
  ObjectFreeze(hex);

  // RFC 9562 (formerly RFC 4122) version 4 UUID, lower case.
  function randomUUIDString() {
    if (poolIndex + 16 > kPoolSize) {
      if (pool === null) pool = new Uint8ArrayCtor(kPoolSize);
      ops.randomFill(pool);
      poolIndex = 0;
    }
    const p = pool;
    const i = poolIndex;
    poolIndex = i + 16;
    const b6 = (p[i + 6] & 0x0f) | 0x40; // version 4
    const b8 = (p[i + 8] & 0x3f) | 0x80; // variant 10xx
    const uuid =
      hex[p[i]] + hex[p[i + 1]] + hex[p[i + 2]] + hex[p[i + 3]] + "-" +
      hex[p[i + 4]] + hex[p[i + 5]] + "-" +
      hex[b6] + hex[p[i + 7]] + "-" +
      hex[b8] + hex[p[i + 9]] + "-" +
      hex[p[i + 10]] + hex[p[i + 11]] + hex[p[i + 12]] +
      hex[p[i + 13]] + hex[p[i + 14]] + hex[p[i + 15]];
    // Wipe the bytes used, so the pool never holds a UUID already handed out.
    for (let j = i; j < i + 16; j++) p[j] = 0;
    return uuid;
  }

  // ---------------------------------------------------------------------------
  // Algorithm normalization (https://w3c.github.io/webcrypto/#algorithm-normalization)
  // ---------------------------------------------------------------------------

  // The registered algorithms of the "digest" operation; each has the type
  // "None" (the Algorithm dictionary itself).
  const digestAlgorithms = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];

  const convertAlgorithm = webidl.createDictionaryConverter("Algorithm", [
    { key: "name", converter: converters.DOMString, required: true },
  ]);

  // ASCII case-insensitive match of two strings.
  function asciiCaseInsensitiveMatch(a, b) {
    const length = a.length;
    if (length !== b.length) return false;
    for (let i = 0; i < length; i++) {
      let x = StringPrototypeCharCodeAt(a, i);
      let y = StringPrototypeCharCodeAt(b, i);
      if (x >= 0x41 && x <= 0x5a) x += 0x20;
      if (y >= 0x41 && y <= 0x5a) y += 0x20;
      if (x !== y) return false;
    }
    return true;
  }

  // normalizeAlgorithm(alg, registered, prefix) -> { name } | throws
  // (TypeError from the dictionary conversion, NotSupportedError DOMException
  // for an unrecognized name). alg is an object or a string.
  function normalizeAlgorithm(alg, registered, prefix) {
    if (typeof alg === "string") alg = { name: alg };
    const initial = convertAlgorithm(alg, prefix, "parameter 1");
    const algName = initial.name;
    let name;
    for (let i = 0; i < registered.length; i++) {
      if (asciiCaseInsensitiveMatch(registered[i], algName)) {
        name = registered[i];
        break;
      }
    }
    if (name === undefined) {
      throw new DOMException("Unrecognized algorithm name", "NotSupportedError");
    }
    // "Convert alg to the IDL dictionary type desiredType" (Algorithm again),
    // then set its name to the registered spelling.
    const normalized = convertAlgorithm(alg, prefix, "parameter 1");
    normalized.name = name;
    return normalized;
  }

  // ---------------------------------------------------------------------------
  // SubtleCrypto
  // ---------------------------------------------------------------------------
  const kInternal = Symbol("crypto.internal");
  let isSubtleCrypto;

  // ---------------------------------------------------------------------------
  // Keys and algorithms of SubtleCrypto (HMAC, HKDF, PBKDF2, AES-GCM)
  // ---------------------------------------------------------------------------
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const MathCeil = Math.ceil;
  const TypedArrayPrototypeSubarray = uncurryThis(TypedArrayPrototype.subarray);
  const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);

  // The byte of a Uint8Array result of an op, as a fresh ArrayBuffer.
  function bufferOf(bytes) {
    return ReflectApply(TypedArrayPrototypeGetBuffer, bytes, []);
  }
  // Fills a Uint8Array with random bytes, 65536 at a time.
  function fillRandomBytes(bytes) {
    for (let i = 0; i < bytes.length; i += kMaxRandomBytes) {
      ops.randomFill(TypedArrayPrototypeSubarray(bytes, i, i + kMaxRandomBytes));
    }
  }
  function copyBytes(a) {
    const out = new Uint8ArrayCtor(a.length);
    TypedArrayPrototypeSet(out, a, 0);
    return out;
  }

  function syntaxError(message) { return new DOMException(message, "SyntaxError"); }
  function dataError(message) { return new DOMException(message, "DataError"); }
  function operationError(message) { return new DOMException(message, "OperationError"); }
  function invalidAccessError(message) { return new DOMException(message, "InvalidAccessError"); }
  function notSupportedError(message) { return new DOMException(message, "NotSupportedError"); }

  // base64url without padding (RFC 7515 section 2).
  const b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  function base64urlEncode(bytes) {
    let out = "";
    const n = bytes.length;
    let i = 0;
    for (; i + 2 < n; i += 3) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += b64chars[v >> 18] + b64chars[(v >> 12) & 63] + b64chars[(v >> 6) & 63] + b64chars[v & 63];
    }
    if (n - i === 1) {
      const v = bytes[i] << 16;
      out += b64chars[v >> 18] + b64chars[(v >> 12) & 63];
    } else if (n - i === 2) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += b64chars[v >> 18] + b64chars[(v >> 12) & 63] + b64chars[(v >> 6) & 63];
    }
    return out;
  }
  function b64value(c) {
    if (c >= 0x41 && c <= 0x5a) return c - 0x41;
    if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
    if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
    if (c === 0x2d) return 62;
    if (c === 0x5f) return 63;
    return -1;
  }
  // base64urlDecode(string) -> Uint8Array, or null when the string is not
  // unpadded base64url.
  function base64urlDecode(s) {
    const n = s.length;
    if (n % 4 === 1) return null;
    const out = new Uint8ArrayCtor((n * 3) >> 2);
    let bits = 0;
    let acc = 0;
    let o = 0;
    for (let i = 0; i < n; i++) {
      const v = b64value(StringPrototypeCharCodeAt(s, i));
      if (v < 0) return null;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >> bits) & 0xff;
      }
    }
    return out;
  }

  // The KeyUsage enum, in its IDL order (the order of "usage intersection").
  const keyUsageOrder = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];
  const convertKeyUsage = webidl.createEnumConverter("KeyUsage", keyUsageOrder);
  const convertKeyUsages = webidl.createSequenceConverter(convertKeyUsage);
  const convertKeyFormat = webidl.createEnumConverter("KeyFormat", ["raw", "spki", "pkcs8", "jwk"]);

  function includes(list, value) {
    for (let i = 0; i < list.length; i++) if (list[i] === value) return true;
    return false;
  }
  // Every usage in `usages` is in `allowed` (else SyntaxError).
  function checkUsages(usages, allowed) {
    for (let i = 0; i < usages.length; i++) {
      if (!includes(allowed, usages[i])) throw syntaxError(`Cannot create a key using the specified key usages.`);
    }
  }
  // The usages, deduplicated, in KeyUsage order.
  function normalizeUsages(usages) {
    const out = [];
    for (let i = 0; i < keyUsageOrder.length; i++) {
      if (includes(usages, keyUsageOrder[i])) ArrayPrototypePush(out, keyUsageOrder[i]);
    }
    return out;
  }

  // [Exposed=(Window,Worker), Serializable]
  // interface CryptoKey {
  //   readonly attribute KeyType type;
  //   readonly attribute boolean extractable;
  //   readonly attribute object algorithm;
  //   readonly attribute object usages;
  // };
  let createCryptoKey;
  let keyInternals;
  let isCryptoKey;

  class CryptoKey {
    #type;
    #extractable;
    #algorithm;       // the internal algorithm record
    #algorithmObject; // the cached JS object the getter returns
    #usages;          // the internal usages list
    #usagesObject;    // the cached JS array the getter returns
    #data;            // the raw key bytes (a private copy)

    constructor(token = undefined) {
      if (token !== kInternal) throw webidl.illegalConstructor();
    }

    get type() {
      if (!isCryptoKey(this)) throw webidl.illegalInvocation();
      return this.#type;
    }

    get extractable() {
      if (!isCryptoKey(this)) throw webidl.illegalInvocation();
      return this.#extractable;
    }

    get algorithm() {
      if (!isCryptoKey(this)) throw webidl.illegalInvocation();
      if (this.#algorithmObject === undefined) this.#algorithmObject = algorithmToObject(this.#algorithm);
      return this.#algorithmObject;
    }

    get usages() {
      if (!isCryptoKey(this)) throw webidl.illegalInvocation();
      if (this.#usagesObject === undefined) {
        const list = [];
        for (let i = 0; i < this.#usages.length; i++) ArrayPrototypePush(list, this.#usages[i]);
        this.#usagesObject = list;
      }
      return this.#usagesObject;
    }

    static {
      isCryptoKey = (o) => typeof o === "object" && o !== null && #data in o;
      createCryptoKey = (type, extractable, algorithm, usages, data) => {
        const key = new CryptoKey(kInternal);
        key.#type = type;
        key.#extractable = extractable;
        key.#algorithm = algorithm;
        key.#usages = usages;
        key.#data = data;
        return key;
      };
      // keyInternals(key) -> { type, extractable, algorithm, usages, data } (no copies).
      keyInternals = (key) => ({
        __proto__: null,
        type: key.#type,
        extractable: key.#extractable,
        algorithm: key.#algorithm,
        usages: key.#usages,
        data: key.#data,
        setExtractableAndUsages(extractable, usages) { key.#extractable = extractable; key.#usages = usages; },
      });
    }
  }
  webidl.configureInterface(CryptoKey);

  // An internal algorithm record -> a fresh ordinary object (KeyAlgorithm and
  // its subtypes converted to JS: the inherited `name` first, then the
  // derived dictionary's members in lexicographic order).
  function algorithmToObject(alg) {
    const out = {};
    out.name = alg.name;
    if (alg.hash !== undefined) out.hash = { name: alg.hash.name };
    if (alg.length !== undefined) out.length = alg.length;
    return out;
  }

  // Dictionaries of the supported algorithms.
  const algorithmMembers = [{ key: "name", converter: converters.DOMString, required: true }];
  // HashAlgorithmIdentifier / AlgorithmIdentifier members are kept as given
  // ((object or DOMString)), then normalized after the conversion.
  const convertAlgorithmIdentifier = (V, prefix, context) =>
    (typeof V === "object" && V !== null) || typeof V === "function" ? V : converters.DOMString(V, prefix, context);
  const enforceRange = { enforceRange: true };
  const dictionaries = {
    __proto__: null,
    Algorithm: webidl.createDictionaryConverter("Algorithm", algorithmMembers),
    HmacKeyGenParams: webidl.createDictionaryConverter("HmacKeyGenParams", algorithmMembers, [
      { key: "hash", converter: convertAlgorithmIdentifier, required: true },
      { key: "length", converter: converters["unsigned long"], opts: enforceRange },
    ]),
    HmacImportParams: webidl.createDictionaryConverter("HmacImportParams", algorithmMembers, [
      { key: "hash", converter: convertAlgorithmIdentifier, required: true },
      { key: "length", converter: converters["unsigned long"], opts: enforceRange },
    ]),
    AesKeyGenParams: webidl.createDictionaryConverter("AesKeyGenParams", algorithmMembers, [
      { key: "length", converter: converters["unsigned short"], opts: enforceRange, required: true },
    ]),
    AesDerivedKeyParams: webidl.createDictionaryConverter("AesDerivedKeyParams", algorithmMembers, [
      { key: "length", converter: converters["unsigned short"], opts: enforceRange, required: true },
    ]),
    AesGcmParams: webidl.createDictionaryConverter("AesGcmParams", algorithmMembers, [
      { key: "additionalData", converter: converters.BufferSource },
      { key: "iv", converter: converters.BufferSource, required: true },
      { key: "tagLength", converter: converters.octet, opts: enforceRange },
    ]),
    HkdfParams: webidl.createDictionaryConverter("HkdfParams", algorithmMembers, [
      { key: "hash", converter: convertAlgorithmIdentifier, required: true },
      { key: "info", converter: converters.BufferSource, required: true },
      { key: "salt", converter: converters.BufferSource, required: true },
    ]),
    Pbkdf2Params: webidl.createDictionaryConverter("Pbkdf2Params", algorithmMembers, [
      { key: "hash", converter: convertAlgorithmIdentifier, required: true },
      { key: "iterations", converter: converters["unsigned long"], opts: enforceRange, required: true },
      { key: "salt", converter: converters.BufferSource, required: true },
    ]),
  };
  // The supported algorithms: operation -> registered name -> dictionary type.
  const supportedAlgorithms = {
    __proto__: null,
    digest: { __proto__: null, "SHA-1": "Algorithm", "SHA-256": "Algorithm", "SHA-384": "Algorithm", "SHA-512": "Algorithm" },
    sign: { __proto__: null, HMAC: "Algorithm" },
    verify: { __proto__: null, HMAC: "Algorithm" },
    generateKey: { __proto__: null, HMAC: "HmacKeyGenParams", "AES-GCM": "AesKeyGenParams" },
    importKey: {
      __proto__: null, HMAC: "HmacImportParams", "AES-GCM": "Algorithm", HKDF: "Algorithm", PBKDF2: "Algorithm",
    },
    exportKey: { __proto__: null, HMAC: "Algorithm", "AES-GCM": "Algorithm" },
    encrypt: { __proto__: null, "AES-GCM": "AesGcmParams" },
    decrypt: { __proto__: null, "AES-GCM": "AesGcmParams" },
    deriveBits: { __proto__: null, HKDF: "HkdfParams", PBKDF2: "Pbkdf2Params" },
    "get key length": {
      __proto__: null, HMAC: "HmacImportParams", "AES-GCM": "AesDerivedKeyParams", HKDF: "Algorithm", PBKDF2: "Algorithm",
    },
  };
  const registeredNames = ["SHA-1", "SHA-256", "SHA-384", "SHA-512", "HMAC", "AES-GCM", "HKDF", "PBKDF2"];

  // normalize(alg, op, prefix) -> a null-prototype record (the spec's
  // "normalize an algorithm"): TypeError for bad members, NotSupportedError
  // for an algorithm not registered for `op`.
  function normalize(alg, op, prefix) {
    if (typeof alg === "string") alg = { name: alg };
    const initial = dictionaries.Algorithm(alg, prefix, "parameter 1");
    const algName = initial.name;
    const table = supportedAlgorithms[op];
    let name;
    for (let i = 0; i < registeredNames.length; i++) {
      const candidate = registeredNames[i];
      if (table[candidate] !== undefined && asciiCaseInsensitiveMatch(candidate, algName)) {
        name = candidate;
        break;
      }
    }
    if (name === undefined) throw notSupportedError("Unrecognized algorithm name");
    const normalized = dictionaries[table[name]](alg, prefix, "parameter 1");
    normalized.name = name;
    // BufferSource members: a copy of the bytes; HashAlgorithmIdentifier: normalized for "digest".
    if (normalized.hash !== undefined) normalized.hash = normalize(normalized.hash, "digest", prefix);
    if (normalized.salt !== undefined) normalized.salt = webidl.copyBufferSourceBytes(normalized.salt);
    if (normalized.info !== undefined) normalized.info = webidl.copyBufferSourceBytes(normalized.info);
    if (normalized.iv !== undefined) normalized.iv = webidl.copyBufferSourceBytes(normalized.iv);
    if (normalized.additionalData !== undefined) {
      normalized.additionalData = webidl.copyBufferSourceBytes(normalized.additionalData);
    }
    return normalized;
  }

  // BufferSource argument -> a copy of its bytes (TypeError otherwise).
  function bufferSourceArgument(V, prefix, context) {
    converters.BufferSource(V, prefix, context);
    return webidl.copyBufferSourceBytes(V);
  }

  // JsonWebKey (the members this runtime reads, plus the other DOMString ones).
  const jwkString = (key) => ({ key, converter: converters.DOMString });
  const convertJsonWebKey = webidl.createDictionaryConverter("JsonWebKey", [
    jwkString("alg"), jwkString("crv"), jwkString("d"), jwkString("dp"), jwkString("dq"), jwkString("e"),
    { key: "ext", converter: converters.boolean },
    jwkString("k"),
    { key: "key_ops", converter: webidl.createSequenceConverter(converters.DOMString) },
    jwkString("kty"), jwkString("n"), jwkString("p"), jwkString("q"), jwkString("qi"), jwkString("use"),
    jwkString("x"), jwkString("y"),
  ]);

  const hashBlockBits = { __proto__: null, "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };
  const hashBytes = { __proto__: null, "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 };
  const hmacJwkAlg = { __proto__: null, "SHA-1": "HS1", "SHA-256": "HS256", "SHA-384": "HS384", "SHA-512": "HS512" };

  // The common JWK checks of a secret ("oct") key: returns the key bytes.
  function readOctJwk(jwk, usages, extractable, use) {
    if (jwk.kty !== "oct") throw dataError("The JWK 'kty' member was not 'oct'.");
    if (jwk.k === undefined) throw dataError("The JWK 'k' member is missing.");
    const data = base64urlDecode(jwk.k);
    if (data === null) throw dataError("The JWK 'k' member is not valid base64url.");
    if (usages.length !== 0 && jwk.use !== undefined && jwk.use !== use) {
      throw dataError(`The JWK 'use' member was not '${use}'.`);
    }
    if (jwk.key_ops !== undefined) {
      const ops = jwk.key_ops;
      for (let i = 0; i < ops.length; i++) {
        for (let j = i + 1; j < ops.length; j++) {
          if (ops[i] === ops[j]) throw dataError("The JWK 'key_ops' member contains a duplicate.");
        }
      }
      for (let i = 0; i < usages.length; i++) {
        if (!includes(ops, usages[i])) throw dataError("The JWK 'key_ops' member does not include the requested usages.");
      }
    }
    if (jwk.ext === false && extractable) throw dataError("The JWK 'ext' member was false but the key is extractable.");
    return data;
  }

  // importKey of one algorithm -> CryptoKey (extractable and usages set by the caller).
  function importHmac(format, keyData, alg, extractable, usages) {
    checkUsages(usages, ["sign", "verify"]);
    const hash = alg.hash;
    let data;
    if (format === "raw") {
      data = keyData;
    } else if (format === "jwk") {
      data = readOctJwk(keyData, usages, extractable, "sig");
      if (keyData.alg !== undefined && keyData.alg !== hmacJwkAlg[hash.name]) {
        throw dataError("The JWK 'alg' member does not match the hash.");
      }
    } else {
      throw notSupportedError("Unsupported key format for HMAC.");
    }
    let length = data.length * 8;
    if (length === 0) throw dataError("The key data is empty.");
    if (alg.length !== undefined) {
      if (alg.length > length) throw dataError("The length is longer than the key data.");
      if (alg.length <= length - 8) throw dataError("The length is too short for the key data.");
      length = alg.length;
    }
    const algorithm = { __proto__: null, name: "HMAC", length, hash: { __proto__: null, name: hash.name } };
    return createCryptoKey("secret", extractable, algorithm, usages, copyBytes(data));
  }

  const aesUsages = ["encrypt", "decrypt", "wrapKey", "unwrapKey"];
  function importAesGcm(format, keyData, alg, extractable, usages) {
    checkUsages(usages, aesUsages);
    let data;
    if (format === "raw") {
      data = keyData;
      if (data.length !== 16 && data.length !== 24 && data.length !== 32) {
        throw dataError("AES key data must be 128, 192 or 256 bits.");
      }
    } else if (format === "jwk") {
      data = readOctJwk(keyData, usages, extractable, "enc");
      if (data.length !== 16 && data.length !== 24 && data.length !== 32) {
        throw dataError("AES key data must be 128, 192 or 256 bits.");
      }
      if (keyData.alg !== undefined && keyData.alg !== `A${data.length * 8}GCM`) {
        throw dataError("The JWK 'alg' member does not match the key length.");
      }
    } else {
      throw notSupportedError("Unsupported key format for AES-GCM.");
    }
    const algorithm = { __proto__: null, name: "AES-GCM", length: data.length * 8 };
    return createCryptoKey("secret", extractable, algorithm, usages, copyBytes(data));
  }

  function importKdf(name, format, keyData, extractable, usages) {
    if (format !== "raw") throw notSupportedError(`Unsupported key format for ${name}.`);
    checkUsages(usages, ["deriveKey", "deriveBits"]);
    if (extractable) throw syntaxError(`${name} keys cannot be extractable.`);
    return createCryptoKey("secret", false, { __proto__: null, name }, usages, copyBytes(keyData));
  }

  function importKeyInternal(format, keyData, alg, extractable, usages) {
    let key;
    switch (alg.name) {
      case "HMAC": key = importHmac(format, keyData, alg, extractable, usages); break;
      case "AES-GCM": key = importAesGcm(format, keyData, alg, extractable, usages); break;
      default: key = importKdf(alg.name, format, keyData, extractable, usages); break;
    }
    const k = keyInternals(key);
    if (usages.length === 0) throw syntaxError("Usages cannot be empty when creating a key.");
    k.setExtractableAndUsages(extractable, normalizeUsages(usages));
    return key;
  }

  // "get key length" of a normalized derived-key algorithm -> bits (null for
  // HKDF and PBKDF2, whose deriveBits then rejects with OperationError).
  function getKeyLength(alg) {
    if (alg.name === "HKDF" || alg.name === "PBKDF2") return null;
    if (alg.name === "HMAC") {
      if (alg.length === undefined) return hashBlockBits[alg.hash.name];
      if (alg.length !== 0) return alg.length;
      throw new TypeErrorCtor("The HMAC key length must not be zero.");
    }
    const length = alg.length;
    if (length !== 128 && length !== 192 && length !== 256) throw operationError("AES key length must be 128, 192 or 256 bits.");
    return length;
  }

  // deriveBits of a normalized HKDF / PBKDF2 algorithm -> Uint8Array.
  function deriveBitsInternal(alg, keyData, length) {
    if (length === null || length % 8 !== 0) throw operationError("The length must be a multiple of 8.");
    const byteLength = length / 8;
    const hash = alg.hash.name;
    if (alg.name === "HKDF") {
      if (byteLength > 255 * hashBytes[hash]) throw operationError("The HKDF length is too long.");
      if (byteLength === 0) return new Uint8ArrayCtor(0);
      return ops.hkdf(hash, keyData, alg.salt, alg.info, byteLength);
    }
    if (alg.iterations === 0) throw operationError("The PBKDF2 iteration count must not be zero.");
    if (byteLength === 0) return new Uint8ArrayCtor(0);
    return ops.pbkdf2(hash, keyData, alg.salt, alg.iterations, byteLength);
  }

  const gcmTagLengths = [32, 64, 96, 104, 112, 120, 128];
  function gcmTagBytes(alg) {
    const tagLength = alg.tagLength === undefined ? 128 : alg.tagLength;
    if (!includes(gcmTagLengths, tagLength)) throw operationError("The AES-GCM tag length is not supported.");
    return tagLength / 8;
  }
  function gcmSeal(keyData, alg, data) {
    const tagBytes = gcmTagBytes(alg);
    const aad = alg.additionalData === undefined ? new Uint8ArrayCtor(0) : alg.additionalData;
    let sealed;
    try {
      sealed = ops.aesGcmSeal(keyData, alg.iv, aad, data);
    } catch (e) {
      throw operationError("AES-GCM encryption failed (the iv must be at least 12 bytes).");
    }
    return TypedArrayPrototypeSubarray(sealed, 0, data.length + tagBytes);
  }
  function gcmOpen(keyData, alg, data) {
    const tagBytes = gcmTagBytes(alg);
    if (data.length < tagBytes) throw operationError("The data is shorter than the tag.");
    const aad = alg.additionalData === undefined ? new Uint8ArrayCtor(0) : alg.additionalData;
    const ciphertext = TypedArrayPrototypeSubarray(data, 0, data.length - tagBytes);
    const tag = TypedArrayPrototypeSubarray(data, data.length - tagBytes);
    let plaintext;
    try {
      plaintext = ops.aesGcmOpen(keyData, alg.iv, aad, copyBytes(ciphertext), copyBytes(tag));
    } catch (e) {
      throw operationError("AES-GCM decryption failed (the iv must be at least 12 bytes).");
    }
    if (plaintext === undefined) throw operationError("The AES-GCM tag does not authenticate the data.");
    return plaintext;
  }

  // A fresh ArrayBuffer holding the bytes of a Uint8Array (or subarray).
  function toArrayBuffer(bytes) {
    const out = new Uint8ArrayCtor(bytes.length);
    TypedArrayPrototypeSet(out, bytes, 0);
    return bufferOf(out);
  }

  function checkKeyFor(k, alg, usage) {
    if (k.algorithm.name !== alg.name) throw invalidAccessError("The key is not of the requested algorithm.");
    if (!includes(k.usages, usage)) throw invalidAccessError(`The key does not support the '${usage}' operation.`);
  }
  const keyArgument = webidl.createInterfaceConverter("CryptoKey", (o) => isCryptoKey(o));


  // The shared steps of encrypt / decrypt / sign (algorithm, key, data):
  // WebIDL conversions, algorithm normalization and the key checks, then
  // `run(alg, keyInternals, bytes)`; every error becomes a rejected promise.
  function keyOperation(self, argumentCount, op, algorithm, key, data, run) {
    const prefix = "Failed to execute '" + op + "' on 'SubtleCrypto'";
    try {
      if (!isSubtleCrypto(self)) throw webidl.illegalInvocation();
      webidl.requiredArguments(argumentCount, 3, prefix);
      algorithm = convertAlgorithmIdentifier(algorithm, prefix, "parameter 1");
      keyArgument(key, prefix, "parameter 2");
      const bytes = bufferSourceArgument(data, prefix, "parameter 3");
      const alg = normalize(algorithm, op, prefix);
      const k = keyInternals(key);
      checkKeyFor(k, alg, op);
      return resolved(run(alg, k, bytes));
    } catch (error) {
      return rejected(error);
    }
  }

  class SubtleCrypto {
    #brand;

    constructor(token = undefined) {
      if (token !== kInternal) throw webidl.illegalConstructor();
      this.#brand = true;
    }

    // Promise<any> encrypt(AlgorithmIdentifier algorithm, CryptoKey key, BufferSource data);
    encrypt(algorithm, key, data) {
      return keyOperation(this, arguments.length, "encrypt", algorithm, key, data,
        (alg, k, bytes) => toArrayBuffer(gcmSeal(k.data, alg, bytes)));
    }

    // Promise<any> decrypt(AlgorithmIdentifier algorithm, CryptoKey key, BufferSource data);
    decrypt(algorithm, key, data) {
      return keyOperation(this, arguments.length, "decrypt", algorithm, key, data,
        (alg, k, bytes) => bufferOf(gcmOpen(k.data, alg, bytes)));
    }

    // Promise<any> sign(AlgorithmIdentifier algorithm, CryptoKey key, BufferSource data);
    sign(algorithm, key, data) {
      return keyOperation(this, arguments.length, "sign", algorithm, key, data,
        (alg, k, bytes) => bufferOf(ops.hmacSign(k.algorithm.hash.name, k.data, bytes)));
    }

    // Promise<any> verify(AlgorithmIdentifier algorithm, CryptoKey key,
    //                     BufferSource signature, BufferSource data);
    verify(algorithm, key, signature, data) {
      const prefix = "Failed to execute 'verify' on 'SubtleCrypto'";
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 4, prefix);
        algorithm = convertAlgorithmIdentifier(algorithm, prefix, "parameter 1");
        keyArgument(key, prefix, "parameter 2");
        const sig = bufferSourceArgument(signature, prefix, "parameter 3");
        const bytes = bufferSourceArgument(data, prefix, "parameter 4");
        const alg = normalize(algorithm, "verify", prefix);
        const k = keyInternals(key);
        checkKeyFor(k, alg, "verify");
        return resolved(ops.hmacVerify(k.algorithm.hash.name, k.data, sig, bytes));
      } catch (error) {
        return rejected(error);
      }
    }

    // Promise<ArrayBuffer> digest(AlgorithmIdentifier algorithm, BufferSource data);
    digest(algorithm, data) {
      const prefix = "Failed to execute 'digest' on 'SubtleCrypto'";
      // A promise-returning operation reports every error as a rejection.
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 2, prefix);
        // AlgorithmIdentifier: (object or DOMString).
        if (!(typeof algorithm === "object" && algorithm !== null) && typeof algorithm !== "function") {
          algorithm = converters.DOMString(algorithm, prefix, "parameter 1");
        }
        // BufferSource (no [AllowShared]), then "get a copy of the bytes".
        if (!webidl.isArrayBuffer(data) && !webidl.isArrayBufferView(data)) {
          throw webidl.makeException(TypeErrorCtor,
            "is not of type '(ArrayBuffer or ArrayBufferView)'.", prefix, "parameter 2");
        }
        if (webidl.isArrayBufferView(data) && isSharedView(data)) {
          throw webidl.makeException(TypeErrorCtor,
            "is a view on a SharedArrayBuffer, which is not allowed.", prefix, "parameter 2");
        }
        const bytes = webidl.copyBufferSourceBytes(data);
        const normalized = normalizeAlgorithm(algorithm, digestAlgorithms, prefix);
        const result = ops.digest(normalized.name, bytes);
        const buffer = ReflectApply(TypedArrayPrototypeGetBuffer, result, []);
        return new PromiseCtor((resolve) => resolve(buffer));
      } catch (error) {
        return rejected(error);
      }
    }

    // Promise<any> generateKey(AlgorithmIdentifier algorithm, boolean extractable,
    //                          sequence<KeyUsage> keyUsages);
    generateKey(algorithm, extractable, keyUsages) {
      const prefix = "Failed to execute 'generateKey' on 'SubtleCrypto'";
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 3, prefix);
        algorithm = convertAlgorithmIdentifier(algorithm, prefix, "parameter 1");
        extractable = converters.boolean(extractable);
        const usages = convertKeyUsages(keyUsages, prefix, "parameter 3");
        const alg = normalize(algorithm, "generateKey", prefix);
        let data;
        let keyAlgorithm;
        if (alg.name === "HMAC") {
          checkUsages(usages, ["sign", "verify"]);
          let length = alg.length;
          if (length === undefined) length = hashBlockBits[alg.hash.name];
          else if (length === 0) throw operationError("The HMAC key length must not be zero.");
          data = new Uint8ArrayCtor(MathCeil(length / 8));
          fillRandomBytes(data);
          if (length % 8 !== 0) data[data.length - 1] &= (0xff << (8 - (length % 8))) & 0xff;
          keyAlgorithm = { __proto__: null, name: "HMAC", length, hash: { __proto__: null, name: alg.hash.name } };
        } else {
          checkUsages(usages, aesUsages);
          const length = alg.length;
          if (length !== 128 && length !== 192 && length !== 256) {
            throw operationError("AES key length must be 128, 192 or 256 bits.");
          }
          data = new Uint8ArrayCtor(length / 8);
          fillRandomBytes(data);
          keyAlgorithm = { __proto__: null, name: "AES-GCM", length };
        }
        if (usages.length === 0) throw syntaxError("Usages cannot be empty when creating a key.");
        return resolved(createCryptoKey("secret", extractable, keyAlgorithm, normalizeUsages(usages), data));
      } catch (error) {
        return rejected(error);
      }
    }

    // Promise<any> deriveKey(AlgorithmIdentifier algorithm, CryptoKey baseKey,
    //                        AlgorithmIdentifier derivedKeyType, boolean extractable,
    //                        sequence<KeyUsage> keyUsages);
    deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
      const prefix = "Failed to execute 'deriveKey' on 'SubtleCrypto'";
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 5, prefix);
        algorithm = convertAlgorithmIdentifier(algorithm, prefix, "parameter 1");
        keyArgument(baseKey, prefix, "parameter 2");
        derivedKeyType = convertAlgorithmIdentifier(derivedKeyType, prefix, "parameter 3");
        extractable = converters.boolean(extractable);
        const usages = convertKeyUsages(keyUsages, prefix, "parameter 5");
        const alg = normalize(algorithm, "deriveBits", prefix);
        const importAlg = normalize(derivedKeyType, "importKey", prefix);
        const lengthAlg = normalize(derivedKeyType, "get key length", prefix);
        const k = keyInternals(baseKey);
        checkKeyFor(k, alg, "deriveKey");
        const length = getKeyLength(lengthAlg);
        const secret = deriveBitsInternal(alg, k.data, length);
        return resolved(importKeyInternal("raw", secret, importAlg, extractable, usages));
      } catch (error) {
        return rejected(error);
      }
    }

    // Promise<ArrayBuffer> deriveBits(AlgorithmIdentifier algorithm, CryptoKey baseKey,
    //                                 optional unsigned long? length = null);
    deriveBits(algorithm, baseKey, length = null) {
      const prefix = "Failed to execute 'deriveBits' on 'SubtleCrypto'";
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 2, prefix);
        algorithm = convertAlgorithmIdentifier(algorithm, prefix, "parameter 1");
        keyArgument(baseKey, prefix, "parameter 2");
        if (length !== null) length = converters["unsigned long"](length, prefix, "parameter 3");
        const alg = normalize(algorithm, "deriveBits", prefix);
        const k = keyInternals(baseKey);
        checkKeyFor(k, alg, "deriveBits");
        return resolved(bufferOf(copyBytes(deriveBitsInternal(alg, k.data, length))));
      } catch (error) {
        return rejected(error);
      }
    }

    // Promise<CryptoKey> importKey(KeyFormat format, (BufferSource or JsonWebKey) keyData,
    //                              AlgorithmIdentifier algorithm, boolean extractable,
    //                              sequence<KeyUsage> keyUsages);
    importKey(format, keyData, algorithm, extractable, keyUsages) {
      const prefix = "Failed to execute 'importKey' on 'SubtleCrypto'";
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 5, prefix);
        format = convertKeyFormat(format, prefix, "parameter 1");
        let isJwk = false;
        if (webidl.isArrayBuffer(keyData) || webidl.isArrayBufferView(keyData)) {
          converters.BufferSource(keyData, prefix, "parameter 2");
        } else if (keyData === undefined || keyData === null || typeof keyData === "object" || typeof keyData === "function") {
          keyData = convertJsonWebKey(keyData, prefix, "parameter 2");
          isJwk = true;
        } else {
          throw webidl.makeException(TypeErrorCtor,
            "is not of type '(ArrayBuffer or ArrayBufferView or JsonWebKey)'.", prefix, "parameter 2");
        }
        algorithm = convertAlgorithmIdentifier(algorithm, prefix, "parameter 3");
        extractable = converters.boolean(extractable);
        const usages = convertKeyUsages(keyUsages, prefix, "parameter 5");
        const alg = normalize(algorithm, "importKey", prefix);
        if (format === "jwk") {
          if (!isJwk) throw new TypeErrorCtor(`${prefix}: The key data is not a JsonWebKey for the 'jwk' format.`);
        } else {
          if (isJwk) throw new TypeErrorCtor(`${prefix}: The key data is not a BufferSource for the '${format}' format.`);
          keyData = webidl.copyBufferSourceBytes(keyData);
        }
        return resolved(importKeyInternal(format, keyData, alg, extractable, usages));
      } catch (error) {
        return rejected(error);
      }
    }

    // Promise<any> exportKey(KeyFormat format, CryptoKey key);
    exportKey(format, key) {
      const prefix = "Failed to execute 'exportKey' on 'SubtleCrypto'";
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 2, prefix);
        format = convertKeyFormat(format, prefix, "parameter 1");
        keyArgument(key, prefix, "parameter 2");
        const k = keyInternals(key);
        const name = k.algorithm.name;
        if (supportedAlgorithms.exportKey[name] === undefined) {
          throw notSupportedError(`${name} keys cannot be exported.`);
        }
        if (!k.extractable) throw invalidAccessError("The key is not extractable.");
        if (format === "raw") return resolved(toArrayBuffer(k.data));
        if (format !== "jwk") throw notSupportedError(`Unsupported key format for ${name}.`);
        const jwk = {};
        jwk.alg = name === "HMAC" ? hmacJwkAlg[k.algorithm.hash.name] : `A${k.data.length * 8}GCM`;
        jwk.ext = k.extractable;
        jwk.k = base64urlEncode(k.data);
        const keyOps = [];
        for (let i = 0; i < k.usages.length; i++) ArrayPrototypePush(keyOps, k.usages[i]);
        jwk.key_ops = keyOps;
        jwk.kty = "oct";
        return resolved(jwk);
      } catch (error) {
        return rejected(error);
      }
    }

    static {
      isSubtleCrypto = (o) => typeof o === "object" && o !== null && #brand in o;
    }
  }
  webidl.configureInterface(SubtleCrypto);

  // ---------------------------------------------------------------------------
  // Crypto
  // ---------------------------------------------------------------------------
  let isCrypto;

  class Crypto {
    #subtle;

    constructor(token = undefined) {
      if (token !== kInternal) throw webidl.illegalConstructor();
      this.#subtle = new SubtleCrypto(kInternal);
    }

    get subtle() {
      if (!isCrypto(this)) throw webidl.illegalInvocation();
      return this.#subtle;
    }

    // ArrayBufferView getRandomValues(ArrayBufferView array);
    getRandomValues(array) {
      const prefix = "Failed to execute 'getRandomValues' on 'Crypto'";
      if (!isCrypto(this)) throw webidl.illegalInvocation();
      webidl.requiredArguments(arguments.length, 1, prefix);
      if (!webidl.isArrayBufferView(array)) {
        throw webidl.makeException(TypeErrorCtor, "is not of type 'ArrayBufferView'.", prefix, "parameter 1");
      }
      if (isSharedView(array)) {
        throw webidl.makeException(TypeErrorCtor,
          "is a view on a SharedArrayBuffer, which is not allowed.", prefix, "parameter 1");
      }
      const typeName = ReflectApply(TypedArrayPrototypeGetSymbolToStringTag, array, []);
      if (typeName === undefined || integerArrayNames[typeName] !== true) {
        throw new DOMException(
          `${prefix}: The provided ArrayBufferView is of type '${typeName === undefined ? "DataView" : typeName}', which is not an integer array type.`,
          "TypeMismatchError");
      }
      const byteLength = ReflectApply(TypedArrayPrototypeGetByteLength, array, []);
      if (byteLength > kMaxRandomBytes) {
        throw new DOMException(
          `${prefix}: The ArrayBufferView's byte length (${byteLength}) exceeds the number of bytes of entropy available via this API (${kMaxRandomBytes}).`,
          "QuotaExceededError");
      }
      if (byteLength > 0) ops.randomFill(array);
      return array;
    }

    // DOMString randomUUID();
    randomUUID() {
      if (!isCrypto(this)) throw webidl.illegalInvocation();
      return randomUUIDString();
    }

    static {
      isCrypto = (o) => typeof o === "object" && o !== null && #subtle in o;
    }
  }
  webidl.configureInterface(Crypto);

  const crypto = new Crypto(kInternal);

  nano.defineGlobal("Crypto", Crypto);
  nano.defineGlobal("SubtleCrypto", SubtleCrypto);
  nano.defineGlobal("CryptoKey", CryptoKey);
  // [SameObject] readonly attribute Crypto crypto: a getter (named "get crypto")
  // without a setter, enumerable and configurable, on the global object.
  const cryptoGetter = ObjectGetOwnPropertyDescriptor({
    get crypto() {
      if (this !== undefined && this !== null && this !== global) throw webidl.illegalInvocation();
      return crypto;
    },
  }, "crypto").get;
  ObjectDefineProperty(global, "crypto", {
    get: cryptoGetter,
    set: undefined,
    enumerable: true,
    configurable: true,
  });

  // For other runtime files (e.g. a future full SubtleCrypto).
  nano.crypto = ObjectFreeze({
    crypto,
    isCrypto,
    isSubtleCrypto,
    normalizeAlgorithm,
    randomUUID: randomUUIDString,
    // randomFill(view): the raw op, without the quota check.
    randomFill: (view) => ops.randomFill(view),
    isCryptoKey,
  });
});
