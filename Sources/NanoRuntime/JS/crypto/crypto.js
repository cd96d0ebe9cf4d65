// NANO runtime: Web Crypto (https://w3c.github.io/webcrypto/): random
// values, UUIDs, CryptoKey and SubtleCrypto with its algorithm registry,
// SHA digests, HMAC, HKDF and PBKDF2. The other algorithms register
// themselves from crypto/aes.js (AES-GCM, AES-CBC, AES-CTR, AES-KW),
// crypto/ec.js (ECDSA, ECDH, Ed25519, X25519) and crypto/rsa.js
// (RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP) through `nano.subtle`;
// docs/CONFORMANCE.md lists what is not supported.
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
//   deriveBits, importKey, exportKey, wrapKey, unwrapKey
// };
// typedef (object or DOMString) AlgorithmIdentifier;
// dictionary Algorithm { required DOMString name; };
//
// Native ops: nano.ops.randomFill(view) fills the view's bytes in place from
// the OS CSPRNG; nano.ops.digest(name, bytes) -> Uint8Array of the digest.
// Every operation runs synchronously on the isolate's thread and returns a
// promise already settled; the key material lives in the CryptoKey's private
// fields and crosses to the ops (Ops/CryptoOps*.swift) as bytes.
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

  // Everything from here to "Crypto" below is SubtleCrypto: the lazy part
  // "subtle" (core/core.js), with crypto/der.js, aes.js, ec.js and rsa.js.
  // It loads with the first read of crypto.subtle, SubtleCrypto or
  // CryptoKey; getRandomValues() and randomUUID() need none of it.
  const kInternal = Symbol("crypto.internal");
  let subtleInstance;  // the one SubtleCrypto, made by the lazy part
  nano.defineLazyGlobal("SubtleCrypto", "subtle");
  nano.defineLazyGlobal("CryptoKey", "subtle");
  nano.lazy("subtle", function (nano, global) {
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
  // SubtleCrypto: keys, the algorithm registry, normalization
  // ---------------------------------------------------------------------------
  let isSubtleCrypto;

  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const MathCeil = Math.ceil;
  const JSONStringify = JSON.stringify;
  const JSONParse = JSON.parse;
  const TypedArrayPrototypeSubarray = uncurryThis(TypedArrayPrototype.subarray);
  const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);

  // The bytes of a Uint8Array result of an op, as its (fresh) ArrayBuffer.
  function bufferOf(bytes) {
    return ReflectApply(TypedArrayPrototypeGetBuffer, bytes, []);
  }
  // Fills a Uint8Array with random bytes, 65536 at a time.
  function fillRandomBytes(bytes) {
    for (let i = 0; i < bytes.length; i += kMaxRandomBytes) {
      ops.randomFill(TypedArrayPrototypeSubarray(bytes, i, i + kMaxRandomBytes));
    }
  }
  // A fresh Uint8Array copy of a Uint8Array (or subarray).
  function copyBytes(a) {
    const out = new Uint8ArrayCtor(a.length);
    TypedArrayPrototypeSet(out, a, 0);
    return out;
  }
  // CreateDataProperty(o, key, value): an own enumerable data property,
  // whatever setters an app put on Object.prototype.
  function createDataProperty(o, key, value) {
    ObjectDefineProperty(o, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
  }
  // A fresh ArrayBuffer holding the bytes of a Uint8Array (or subarray).
  function toArrayBuffer(bytes) {
    return bufferOf(copyBytes(bytes));
  }
  // concatBytes([Uint8Array...]) -> one Uint8Array.
  function concatBytes(list) {
    let length = 0;
    for (let i = 0; i < list.length; i++) length += list[i].length;
    const out = new Uint8ArrayCtor(length);
    let offset = 0;
    for (let i = 0; i < list.length; i++) {
      TypedArrayPrototypeSet(out, list[i], offset);
      offset += list[i].length;
    }
    return out;
  }
  function bytesEqual(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
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
      acc = ((acc << 6) | v) & 0xffffff;
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
      if (!includes(allowed, usages[i])) throw syntaxError("Cannot create a key using the specified key usages.");
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
  // The usages that are also in `allowed`, deduplicated, in KeyUsage order.
  function intersectUsages(usages, allowed) {
    const out = [];
    for (let i = 0; i < keyUsageOrder.length; i++) {
      const u = keyUsageOrder[i];
      if (includes(usages, u) && includes(allowed, u)) ArrayPrototypePush(out, u);
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
    #data;            // the key material: a private Uint8Array copy for
                      // secret keys, a null-prototype record for the others

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
        setExtractableAndUsages(extractable, usages) {
          key.#extractable = extractable;
          key.#usages = usages;
          key.#usagesObject = undefined;
        },
      });
    }
  }
  webidl.configureInterface(CryptoKey);

  // An internal algorithm record -> a fresh ordinary object (KeyAlgorithm and
  // its subtypes converted to JS: the inherited members first, then each
  // derived dictionary's members in lexicographic order). Records:
  // KeyAlgorithm {name}; AesKeyAlgorithm {length}; HmacKeyAlgorithm {hash,
  // length}; EcKeyAlgorithm {namedCurve}; RsaHashedKeyAlgorithm
  // {modulusLength, publicExponent} then {hash}.
  function algorithmToObject(alg) {
    const out = {};
    createDataProperty(out, "name", alg.name);
    if (alg.modulusLength !== undefined) {
      createDataProperty(out, "modulusLength", alg.modulusLength);
      createDataProperty(out, "publicExponent", copyBytes(alg.publicExponent));
    }
    if (alg.namedCurve !== undefined) createDataProperty(out, "namedCurve", alg.namedCurve);
    if (alg.hash !== undefined) {
      const hash = {};
      createDataProperty(hash, "name", alg.hash.name);
      createDataProperty(out, "hash", hash);
    }
    if (alg.length !== undefined) createDataProperty(out, "length", alg.length);
    return out;
  }

  // The dictionaries of the registered algorithms, by IDL name.
  const algorithmMembers = [{ key: "name", converter: converters.DOMString, required: true }];
  // HashAlgorithmIdentifier / AlgorithmIdentifier members are kept as given
  // ((object or DOMString)), then normalized after the conversion.
  const convertAlgorithmIdentifier = (V, prefix, context) =>
    (typeof V === "object" && V !== null) || typeof V === "function" ? V : converters.DOMString(V, prefix, context);
  const keyArgument = webidl.createInterfaceConverter("CryptoKey", (o) => isCryptoKey(o));
  const dictionaries = {
    __proto__: null,
    Algorithm: webidl.createDictionaryConverter("Algorithm", algorithmMembers),
  };
  // registerDictionary(name, ...memberLists): a dictionary inheriting from
  // Algorithm (memberLists: the members of each dictionary of the chain
  // below Algorithm, least derived first). Called at load time only.
  function registerDictionary(name, ...memberLists) {
    dictionaries[name] = webidl.createDictionaryConverter(name, algorithmMembers, ...memberLists);
  }

  // The registered algorithms: operation -> name -> dictionary type, and
  // name -> implementation (see registerAlgorithm).
  const operations = ["digest", "sign", "verify", "generateKey", "importKey", "exportKey", "encrypt", "decrypt",
    "deriveBits", "get key length", "wrapKey", "unwrapKey"];
  const supportedAlgorithms = { __proto__: null };
  for (let i = 0; i < operations.length; i++) supportedAlgorithms[operations[i]] = { __proto__: null };
  const registeredNames = [];
  const implementations = { __proto__: null };

  // registerAlgorithm(name, types, impl): `types` maps each supported
  // operation to its dictionary type; `impl` holds the steps:
  //   generateKey(alg, extractable, usages) -> CryptoKey | { publicKey, privateKey }
  //   importKey(format, keyData, alg, extractable, usages) -> CryptoKey
  //   exportKey(format, keyInternals) -> Uint8Array (raw/spki/pkcs8) | JWK object
  //   encrypt / decrypt / sign / wrapKey / unwrapKey(alg, keyInternals, bytes) -> Uint8Array
  //   verify(alg, keyInternals, signature, bytes) -> boolean
  //   deriveBits(alg, keyInternals, length | null) -> Uint8Array
  //   getKeyLength(alg) -> number | null
  function registerAlgorithm(name, types, impl) {
    ArrayPrototypePush(registeredNames, name);
    for (const op in types) supportedAlgorithms[op][name] = types[op];
    implementations[name] = impl;
  }
  const digestTypes = { digest: "Algorithm" };
  for (let i = 0; i < digestAlgorithms.length; i++) registerAlgorithm(digestAlgorithms[i], digestTypes, {});

  // BufferSource members of the algorithm dictionaries: normalization keeps a copy of their bytes.
  const bufferSourceMembers = ["additionalData", "counter", "info", "iv", "label", "salt"];

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
    for (let i = 0; i < bufferSourceMembers.length; i++) {
      const member = bufferSourceMembers[i];
      if (normalized[member] !== undefined) normalized[member] = webidl.copyBufferSourceBytes(normalized[member]);
    }
    if (normalized.publicExponent !== undefined) normalized.publicExponent = copyBytes(normalized.publicExponent);
    return normalized;
  }

  // BufferSource argument -> a copy of its bytes (TypeError otherwise).
  function bufferSourceArgument(V, prefix, context) {
    converters.BufferSource(V, prefix, context);
    return webidl.copyBufferSourceBytes(V);
  }

  // JsonWebKey (RFC 7517 / 7518 members; `oth` is not supported).
  const jwkString = (key) => ({ key, converter: converters.DOMString });
  const convertJsonWebKey = webidl.createDictionaryConverter("JsonWebKey", [
    jwkString("alg"), jwkString("crv"), jwkString("d"), jwkString("dp"), jwkString("dq"), jwkString("e"),
    { key: "ext", converter: converters.boolean },
    jwkString("k"),
    { key: "key_ops", converter: webidl.createSequenceConverter(converters.DOMString) },
    jwkString("kty"), jwkString("n"), jwkString("p"), jwkString("q"), jwkString("qi"), jwkString("use"),
    jwkString("x"), jwkString("y"),
  ]);
  const jwkMemberOrder = ["alg", "crv", "d", "dp", "dq", "e", "ext", "k", "key_ops", "kty", "n", "p", "q", "qi",
    "use", "x", "y"];

  // makeJwk(k, members) -> the JsonWebKey of an export converted to JS: the
  // members present in `members`, plus ext and key_ops from the key, in
  // lexicographic order.
  function makeJwk(k, members) {
    members.ext = k.extractable;
    const keyOps = [];
    for (let i = 0; i < k.usages.length; i++) ArrayPrototypePush(keyOps, k.usages[i]);
    members.key_ops = keyOps;
    const jwk = {};
    for (let i = 0; i < jwkMemberOrder.length; i++) {
      const name = jwkMemberOrder[i];
      if (members[name] !== undefined) createDataProperty(jwk, name, members[name]);
    }
    return jwk;
  }

  // The JWK checks every algorithm shares: `use` (when usages is not empty),
  // `key_ops` (no duplicates, holds every usage) and `ext`.
  function checkJwkCommon(jwk, usages, extractable, use) {
    if (usages.length !== 0 && jwk.use !== undefined && jwk.use !== use) {
      throw dataError(`The JWK 'use' member was not '${use}'.`);
    }
    if (jwk.key_ops !== undefined) {
      const list = jwk.key_ops;
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          if (list[i] === list[j]) throw dataError("The JWK 'key_ops' member contains a duplicate.");
        }
      }
      for (let i = 0; i < usages.length; i++) {
        if (!includes(list, usages[i])) throw dataError("The JWK 'key_ops' member does not include the requested usages.");
      }
    }
    if (jwk.ext === false && extractable) throw dataError("The JWK 'ext' member was false but the key is extractable.");
  }
  // A base64url JWK member -> bytes (DataError when missing or malformed).
  function jwkBytes(jwk, member) {
    const value = jwk[member];
    if (value === undefined) throw dataError(`The JWK '${member}' member is missing.`);
    const bytes = base64urlDecode(value);
    if (bytes === null) throw dataError(`The JWK '${member}' member is not valid base64url.`);
    return bytes;
  }
  // The common JWK checks of a secret ("oct") key: returns the key bytes.
  function readOctJwk(jwk, usages, extractable, use) {
    if (jwk.kty !== "oct") throw dataError("The JWK 'kty' member was not 'oct'.");
    const data = jwkBytes(jwk, "k");
    checkJwkCommon(jwk, usages, extractable, use);
    return data;
  }

  const hashBlockBits = { __proto__: null, "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };
  const hashBytes = { __proto__: null, "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 };

  // ---------------------------------------------------------------------------
  // HMAC, HKDF, PBKDF2 (AES in crypto/aes.js, EC and OKP keys in crypto/ec.js,
  // RSA in crypto/rsa.js)
  // ---------------------------------------------------------------------------
  const enforceRange = { enforceRange: true };
  registerDictionary("HmacKeyGenParams", [
    { key: "hash", converter: convertAlgorithmIdentifier, required: true },
    { key: "length", converter: converters["unsigned long"], opts: enforceRange },
  ]);
  registerDictionary("HmacImportParams", [
    { key: "hash", converter: convertAlgorithmIdentifier, required: true },
    { key: "length", converter: converters["unsigned long"], opts: enforceRange },
  ]);
  registerDictionary("HkdfParams", [
    { key: "hash", converter: convertAlgorithmIdentifier, required: true },
    { key: "info", converter: converters.BufferSource, required: true },
    { key: "salt", converter: converters.BufferSource, required: true },
  ]);
  registerDictionary("Pbkdf2Params", [
    { key: "hash", converter: convertAlgorithmIdentifier, required: true },
    { key: "iterations", converter: converters["unsigned long"], opts: enforceRange, required: true },
    { key: "salt", converter: converters.BufferSource, required: true },
  ]);

  const hmacJwkAlg = { __proto__: null, "SHA-1": "HS1", "SHA-256": "HS256", "SHA-384": "HS384", "SHA-512": "HS512" };

  registerAlgorithm("HMAC", {
    sign: "Algorithm", verify: "Algorithm", generateKey: "HmacKeyGenParams", importKey: "HmacImportParams",
    exportKey: "Algorithm", "get key length": "HmacImportParams",
  }, {
    generateKey(alg, extractable, usages) {
      checkUsages(usages, ["sign", "verify"]);
      let length = alg.length;
      if (length === undefined) length = hashBlockBits[alg.hash.name];
      else if (length === 0) throw operationError("The HMAC key length must not be zero.");
      const data = new Uint8ArrayCtor(MathCeil(length / 8));
      fillRandomBytes(data);
      if (length % 8 !== 0) data[data.length - 1] &= (0xff << (8 - (length % 8))) & 0xff;
      const algorithm = { __proto__: null, name: "HMAC", length, hash: { __proto__: null, name: alg.hash.name } };
      return createCryptoKey("secret", extractable, algorithm, normalizeUsages(usages), data);
    },
    importKey(format, keyData, alg, extractable, usages) {
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
    },
    exportKey(format, k) {
      if (format === "raw") return k.data;
      if (format !== "jwk") throw notSupportedError("Unsupported key format for HMAC.");
      return makeJwk(k, { __proto__: null, alg: hmacJwkAlg[k.algorithm.hash.name], k: base64urlEncode(k.data), kty: "oct" });
    },
    sign(alg, k, bytes) {
      return ops.hmacSign(k.algorithm.hash.name, k.data, bytes);
    },
    verify(alg, k, signature, bytes) {
      return ops.hmacVerify(k.algorithm.hash.name, k.data, signature, bytes);
    },
    getKeyLength(alg) {
      if (alg.length === undefined) return hashBlockBits[alg.hash.name];
      if (alg.length !== 0) return alg.length;
      throw new TypeErrorCtor("The HMAC key length must not be zero.");
    },
  });

  function importKdf(name, format, keyData, extractable, usages) {
    if (format !== "raw") throw notSupportedError(`Unsupported key format for ${name}.`);
    checkUsages(usages, ["deriveKey", "deriveBits"]);
    if (extractable) throw syntaxError(`${name} keys cannot be extractable.`);
    return createCryptoKey("secret", false, { __proto__: null, name }, usages, copyBytes(keyData));
  }
  registerAlgorithm("HKDF", { importKey: "Algorithm", deriveBits: "HkdfParams", "get key length": "Algorithm" }, {
    importKey: (format, keyData, alg, extractable, usages) => importKdf("HKDF", format, keyData, extractable, usages),
    deriveBits(alg, k, length) {
      if (length === null || length % 8 !== 0) throw operationError("The length must be a multiple of 8.");
      const byteLength = length / 8;
      const hash = alg.hash.name;
      if (byteLength > 255 * hashBytes[hash]) throw operationError("The HKDF length is too long.");
      if (byteLength === 0) return new Uint8ArrayCtor(0);
      return ops.hkdf(hash, k.data, alg.salt, alg.info, byteLength);
    },
    getKeyLength: () => null,
  });
  registerAlgorithm("PBKDF2", { importKey: "Algorithm", deriveBits: "Pbkdf2Params", "get key length": "Algorithm" }, {
    importKey: (format, keyData, alg, extractable, usages) => importKdf("PBKDF2", format, keyData, extractable, usages),
    deriveBits(alg, k, length) {
      if (length === null || length % 8 !== 0) throw operationError("The length must be a multiple of 8.");
      const byteLength = length / 8;
      if (alg.iterations === 0) throw operationError("The PBKDF2 iteration count must not be zero.");
      if (byteLength === 0) return new Uint8ArrayCtor(0);
      return ops.pbkdf2(alg.hash.name, k.data, alg.salt, alg.iterations, byteLength);
    },
    getKeyLength: () => null,
  });

  // ---------------------------------------------------------------------------
  // SubtleCrypto
  // ---------------------------------------------------------------------------

  // The key's algorithm is the requested one and the key allows `usage`
  // (else InvalidAccessError).
  function checkKeyFor(k, alg, usage) {
    if (k.algorithm.name !== alg.name) throw invalidAccessError("The key is not of the requested algorithm.");
    if (!includes(k.usages, usage)) throw invalidAccessError(`The key does not support the '${usage}' operation.`);
  }
  // The key is of type `type` (else InvalidAccessError).
  function checkKeyType(k, type) {
    if (k.type !== type) throw invalidAccessError(`The key is not a ${type} key.`);
  }

  // The shared steps of encrypt / decrypt / sign (algorithm, key, data):
  // WebIDL conversions, algorithm normalization and the key checks, then the
  // algorithm's operation; every error becomes a rejected promise.
  function keyOperation(self, argumentCount, op, algorithm, key, data) {
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
      return resolved(toArrayBuffer(implementations[alg.name][op](alg, k, bytes)));
    } catch (error) {
      return rejected(error);
    }
  }

  // The "importKey" steps after the conversions: the algorithm's import, the
  // empty-usages check of secret and private keys, then extractable and usages.
  function importKeyInternal(format, keyData, alg, extractable, usages) {
    const key = implementations[alg.name].importKey(format, keyData, alg, extractable, usages);
    const k = keyInternals(key);
    if ((k.type === "secret" || k.type === "private") && usages.length === 0) {
      throw syntaxError("Usages cannot be empty when creating a key.");
    }
    k.setExtractableAndUsages(extractable, normalizeUsages(usages));
    return key;
  }

  // The "exportKey" steps after the conversions -> Uint8Array or a JWK object.
  function exportKeyInternal(format, key) {
    const k = keyInternals(key);
    const name = k.algorithm.name;
    if (supportedAlgorithms.exportKey[name] === undefined) {
      throw notSupportedError(`${name} keys cannot be exported.`);
    }
    if (!k.extractable) throw invalidAccessError("The key is not extractable.");
    return implementations[name].exportKey(format, k);
  }

  // normalize for "wrapKey" (or "unwrapKey"), falling back to "encrypt" (or
  // "decrypt") when the algorithm does not support the first.
  function normalizeWrap(algorithm, op, fallback, prefix) {
    try {
      return { __proto__: null, alg: normalize(algorithm, op, prefix), op };
    } catch (error) {
      if (!(nano.isDOMException(error) && error.name === "NotSupportedError")) throw error;
      return { __proto__: null, alg: normalize(algorithm, fallback, prefix), op: fallback };
    }
  }

  // ASCII JSON text of an exported JWK -> UTF-8 bytes.
  function jwkToBytes(jwk) {
    return nano.encoding.encodeUTF8(JSONStringify(jwk));
  }
  // "Parse a JWK" from bytes -> a JsonWebKey record (DataError when the bytes
  // are not a JSON object with a kty member).
  function parseJwk(bytes, prefix) {
    let value;
    try {
      value = JSONParse(nano.encoding.decodeUTF8(bytes));
    } catch (error) {
      throw dataError("The unwrapped key is not valid JSON.");
    }
    if (typeof value !== "object" || value === null) throw dataError("The unwrapped key is not a JSON object.");
    const jwk = convertJsonWebKey(value, prefix, "the unwrapped key");
    if (jwk.kty === undefined) throw dataError("The JWK 'kty' member is missing.");
    return jwk;
  }

  class SubtleCrypto {
    #brand;

    constructor(token = undefined) {
      if (token !== kInternal) throw webidl.illegalConstructor();
      this.#brand = true;
    }

    // Promise<any> encrypt(AlgorithmIdentifier algorithm, CryptoKey key, BufferSource data);
    encrypt(algorithm, key, data) {
      return keyOperation(this, arguments.length, "encrypt", algorithm, key, data);
    }

    // Promise<any> decrypt(AlgorithmIdentifier algorithm, CryptoKey key, BufferSource data);
    decrypt(algorithm, key, data) {
      return keyOperation(this, arguments.length, "decrypt", algorithm, key, data);
    }

    // Promise<any> sign(AlgorithmIdentifier algorithm, CryptoKey key, BufferSource data);
    sign(algorithm, key, data) {
      return keyOperation(this, arguments.length, "sign", algorithm, key, data);
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
        return resolved(implementations[alg.name].verify(alg, k, sig, bytes));
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
        const result = implementations[alg.name].generateKey(alg, extractable, usages);
        if (isCryptoKey(result)) {
          const k = keyInternals(result);
          if ((k.type === "secret" || k.type === "private") && k.usages.length === 0) {
            throw syntaxError("Usages cannot be empty when creating a key.");
          }
          return resolved(result);
        }
        if (keyInternals(result.privateKey).usages.length === 0) {
          throw syntaxError("Usages cannot be empty when creating a key.");
        }
        // CryptoKeyPair converted to JS (members in lexicographic order).
        const pair = {};
        createDataProperty(pair, "privateKey", result.privateKey);
        createDataProperty(pair, "publicKey", result.publicKey);
        return resolved(pair);
      } catch (error) {
        return rejected(error);
      }
    }

    // Promise<CryptoKey> deriveKey(AlgorithmIdentifier algorithm, CryptoKey baseKey,
    //                              AlgorithmIdentifier derivedKeyType, boolean extractable,
    //                              sequence<KeyUsage> keyUsages);
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
        const length = implementations[lengthAlg.name].getKeyLength(lengthAlg);
        const secret = implementations[alg.name].deriveBits(alg, k, length);
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
        return resolved(toArrayBuffer(implementations[alg.name].deriveBits(alg, k, length)));
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
        const result = exportKeyInternal(format, key);
        return resolved(format === "jwk" ? result : toArrayBuffer(result));
      } catch (error) {
        return rejected(error);
      }
    }

    // Promise<any> wrapKey(KeyFormat format, CryptoKey key, CryptoKey wrappingKey,
    //                      AlgorithmIdentifier wrapAlgorithm);
    wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      const prefix = "Failed to execute 'wrapKey' on 'SubtleCrypto'";
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 4, prefix);
        format = convertKeyFormat(format, prefix, "parameter 1");
        keyArgument(key, prefix, "parameter 2");
        keyArgument(wrappingKey, prefix, "parameter 3");
        wrapAlgorithm = convertAlgorithmIdentifier(wrapAlgorithm, prefix, "parameter 4");
        const { alg, op } = normalizeWrap(wrapAlgorithm, "wrapKey", "encrypt", prefix);
        const wk = keyInternals(wrappingKey);
        checkKeyFor(wk, alg, "wrapKey");
        const exported = exportKeyInternal(format, key);
        const bytes = format === "jwk" ? jwkToBytes(exported) : copyBytes(exported);
        return resolved(toArrayBuffer(implementations[alg.name][op](alg, wk, bytes)));
      } catch (error) {
        return rejected(error);
      }
    }

    // Promise<CryptoKey> unwrapKey(KeyFormat format, BufferSource wrappedKey,
    //                              CryptoKey unwrappingKey, AlgorithmIdentifier unwrapAlgorithm,
    //                              AlgorithmIdentifier unwrappedKeyAlgorithm,
    //                              boolean extractable, sequence<KeyUsage> keyUsages);
    unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      const prefix = "Failed to execute 'unwrapKey' on 'SubtleCrypto'";
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 7, prefix);
        format = convertKeyFormat(format, prefix, "parameter 1");
        const wrapped = bufferSourceArgument(wrappedKey, prefix, "parameter 2");
        keyArgument(unwrappingKey, prefix, "parameter 3");
        unwrapAlgorithm = convertAlgorithmIdentifier(unwrapAlgorithm, prefix, "parameter 4");
        unwrappedKeyAlgorithm = convertAlgorithmIdentifier(unwrappedKeyAlgorithm, prefix, "parameter 5");
        extractable = converters.boolean(extractable);
        const usages = convertKeyUsages(keyUsages, prefix, "parameter 7");
        const { alg, op } = normalizeWrap(unwrapAlgorithm, "unwrapKey", "decrypt", prefix);
        const importAlg = normalize(unwrappedKeyAlgorithm, "importKey", prefix);
        const uk = keyInternals(unwrappingKey);
        checkKeyFor(uk, alg, "unwrapKey");
        const bytes = implementations[alg.name][op](alg, uk, wrapped);
        const keyData = format === "jwk" ? parseJwk(bytes, prefix) : bytes;
        return resolved(importKeyInternal(format, keyData, importAlg, extractable, usages));
      } catch (error) {
        return rejected(error);
      }
    }

    static {
      isSubtleCrypto = (o) => typeof o === "object" && o !== null && #brand in o;
    }
  }
  webidl.configureInterface(SubtleCrypto);

  // A copy of a key's material: a Uint8Array, or a record of Uint8Arrays.
  function cloneKeyData(data) {
    if (webidl.isArrayBufferView(data)) return copyBytes(data);
    const out = { __proto__: null };
    for (const name in data) out[name] = copyBytes(data[name]);
    return out;
  }
  function cloneCryptoKey(key) {
    const k = keyInternals(key);
    const usages = [];
    for (let i = 0; i < k.usages.length; i++) ArrayPrototypePush(usages, k.usages[i]);
    return createCryptoKey(k.type, k.extractable, k.algorithm, usages, cloneKeyData(k.data));
  }

  // The SubtleCrypto internals the algorithm files (crypto/aes.js, ec.js,
  // rsa.js, der.js) build on.
  nano.subtle = ObjectFreeze({
    ops,
    registerAlgorithm,
    registerDictionary,
    convertAlgorithmIdentifier,
    keyArgument,
    enforceRange,
    createCryptoKey,
    keyInternals,
    isCryptoKey,
    checkUsages,
    normalizeUsages,
    intersectUsages,
    checkKeyType,
    checkJwkCommon,
    readOctJwk,
    jwkBytes,
    makeJwk,
    base64urlEncode,
    base64urlDecode,
    bufferOf,
    copyBytes,
    concatBytes,
    bytesEqual,
    fillRandomBytes,
    includes,
    hashBytes,
    syntaxError,
    dataError,
    operationError,
    invalidAccessError,
    notSupportedError,
    isSubtleCrypto,
    normalizeAlgorithm,
    // cloneCryptoKey(key) -> a new CryptoKey with the same type,
    // extractable, algorithm, usages and a copy of the key material (the
    // serialization steps of a Serializable CryptoKey, within one realm).
    cloneCryptoKey,
  });

  subtleInstance = new SubtleCrypto(kInternal);
  nano.defineGlobal("SubtleCrypto", SubtleCrypto);
  nano.defineGlobal("CryptoKey", CryptoKey);
  });

  // ---------------------------------------------------------------------------
  // Crypto
  // ---------------------------------------------------------------------------
  let isCrypto;

  class Crypto {
    #subtle;

    constructor(token = undefined) {
      if (token !== kInternal) throw webidl.illegalConstructor();
    }

    get subtle() {
      if (!isCrypto(this)) throw webidl.illegalInvocation();
      if (this.#subtle === undefined) {
        nano.load("subtle");
        this.#subtle = subtleInstance;
      }
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

  // For other runtime files.
  // (SubtleCrypto's internals are nano.subtle, once loaded.)
  nano.crypto = ObjectFreeze({
    crypto,
    isCrypto,
    randomUUID: randomUUIDString,
    // randomFill(view): the raw op, without the quota check.
    randomFill: (view) => ops.randomFill(view),
  });
});
