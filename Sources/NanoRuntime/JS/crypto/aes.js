// NANO runtime: the AES algorithms of SubtleCrypto (AES-GCM, AES-CBC,
// AES-CTR, AES-KW; https://w3c.github.io/webcrypto/), on the native ops
// aesGcmSeal / aesGcmOpen / aesCbcEncrypt / aesCbcDecrypt / aesCtr /
// aesKwWrap / aesKwUnwrap (Ops/CryptoOps.swift, CryptoOps+AES.swift).
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
(function (nano, global) {
  "use strict";
  // Part of the lazy part "subtle" (crypto/crypto.js, core/core.js).
  nano.lazy("subtle", function (nano, global) {
  "use strict";
  const converters = nano.webidl.converters;
  const uncurryThis = nano.webidl.uncurryThis;
  const s = nano.subtle;
  const ops = s.ops;
  const Uint8ArrayCtor = Uint8Array;
  const TypedArrayPrototypeSubarray = uncurryThis(Object.getPrototypeOf(Uint8Array.prototype).subarray);

  const enforceRange = s.enforceRange;
  s.registerDictionary("AesKeyGenParams", [
    { key: "length", converter: converters["unsigned short"], opts: enforceRange, required: true },
  ]);
  s.registerDictionary("AesDerivedKeyParams", [
    { key: "length", converter: converters["unsigned short"], opts: enforceRange, required: true },
  ]);
  s.registerDictionary("AesGcmParams", [
    { key: "additionalData", converter: converters.BufferSource },
    { key: "iv", converter: converters.BufferSource, required: true },
    { key: "tagLength", converter: converters.octet, opts: enforceRange },
  ]);
  s.registerDictionary("AesCbcParams", [
    { key: "iv", converter: converters.BufferSource, required: true },
  ]);
  s.registerDictionary("AesCtrParams", [
    { key: "counter", converter: converters.BufferSource, required: true },
    { key: "length", converter: converters.octet, opts: enforceRange, required: true },
  ]);

  function validLength(n) { return n === 128 || n === 192 || n === 256; }

  // The steps every AES algorithm shares: generateKey, importKey and
  // exportKey in raw and jwk, and "get key length". `suffix` is the JWK alg
  // suffix ("GCM", "CBC", "CTR", "KW").
  function aesAlgorithm(name, suffix, usagesAllowed, extra) {
    const types = {
      generateKey: "AesKeyGenParams", importKey: "Algorithm", exportKey: "Algorithm",
      "get key length": "AesDerivedKeyParams",
    };
    for (const op in extra.types) types[op] = extra.types[op];
    const impl = {
      generateKey(alg, extractable, usages) {
        s.checkUsages(usages, usagesAllowed);
        if (!validLength(alg.length)) throw s.operationError("AES key length must be 128, 192 or 256 bits.");
        const data = new Uint8ArrayCtor(alg.length / 8);
        s.fillRandomBytes(data);
        return s.createCryptoKey("secret", extractable, { __proto__: null, name, length: alg.length },
          s.normalizeUsages(usages), data);
      },
      importKey(format, keyData, alg, extractable, usages) {
        s.checkUsages(usages, usagesAllowed);
        let data;
        if (format === "raw") {
          data = keyData;
          if (!validLength(data.length * 8)) throw s.dataError("AES key data must be 128, 192 or 256 bits.");
        } else if (format === "jwk") {
          data = s.readOctJwk(keyData, usages, extractable, "enc");
          if (!validLength(data.length * 8)) throw s.dataError("AES key data must be 128, 192 or 256 bits.");
          if (keyData.alg !== undefined && keyData.alg !== `A${data.length * 8}${suffix}`) {
            throw s.dataError("The JWK 'alg' member does not match the key length.");
          }
        } else {
          throw s.notSupportedError(`Unsupported key format for ${name}.`);
        }
        return s.createCryptoKey("secret", extractable, { __proto__: null, name, length: data.length * 8 },
          usages, s.copyBytes(data));
      },
      exportKey(format, k) {
        if (format === "raw") return k.data;
        if (format !== "jwk") throw s.notSupportedError(`Unsupported key format for ${name}.`);
        return s.makeJwk(k, {
          __proto__: null, alg: `A${k.data.length * 8}${suffix}`, k: s.base64urlEncode(k.data), kty: "oct",
        });
      },
      getKeyLength(alg) {
        if (!validLength(alg.length)) throw s.operationError("AES key length must be 128, 192 or 256 bits.");
        return alg.length;
      },
    };
    for (const op in extra) if (op !== "types") impl[op] = extra[op];
    s.registerAlgorithm(name, types, impl);
  }
  const aesUsages = ["encrypt", "decrypt", "wrapKey", "unwrapKey"];

  // AES-GCM -------------------------------------------------------------------
  const gcmTagLengths = [32, 64, 96, 104, 112, 120, 128];
  function gcmTagBytes(alg) {
    const tagLength = alg.tagLength === undefined ? 128 : alg.tagLength;
    if (!s.includes(gcmTagLengths, tagLength)) throw s.operationError("The AES-GCM tag length is not supported.");
    return tagLength / 8;
  }
  aesAlgorithm("AES-GCM", "GCM", aesUsages, {
    types: { encrypt: "AesGcmParams", decrypt: "AesGcmParams" },
    encrypt(alg, k, data) {
      const tagBytes = gcmTagBytes(alg);
      const aad = alg.additionalData === undefined ? new Uint8ArrayCtor(0) : alg.additionalData;
      let sealed;
      try {
        sealed = ops.aesGcmSeal(k.data, alg.iv, aad, data);
      } catch (e) {
        throw s.operationError("AES-GCM encryption failed (the iv must be at least 12 bytes).");
      }
      return TypedArrayPrototypeSubarray(sealed, 0, data.length + tagBytes);
    },
    decrypt(alg, k, data) {
      const tagBytes = gcmTagBytes(alg);
      if (data.length < tagBytes) throw s.operationError("The data is shorter than the tag.");
      const aad = alg.additionalData === undefined ? new Uint8ArrayCtor(0) : alg.additionalData;
      const ciphertext = TypedArrayPrototypeSubarray(data, 0, data.length - tagBytes);
      const tag = TypedArrayPrototypeSubarray(data, data.length - tagBytes);
      let plaintext;
      try {
        plaintext = ops.aesGcmOpen(k.data, alg.iv, aad, s.copyBytes(ciphertext), s.copyBytes(tag));
      } catch (e) {
        throw s.operationError("AES-GCM decryption failed (the iv must be at least 12 bytes).");
      }
      if (plaintext === undefined) throw s.operationError("The AES-GCM tag does not authenticate the data.");
      return plaintext;
    },
  });

  // AES-CBC (PKCS #7 padding) -------------------------------------------------
  aesAlgorithm("AES-CBC", "CBC", aesUsages, {
    types: { encrypt: "AesCbcParams", decrypt: "AesCbcParams" },
    encrypt(alg, k, data) {
      if (alg.iv.length !== 16) throw s.operationError("The AES-CBC iv must be 16 bytes.");
      return ops.aesCbcEncrypt(k.data, alg.iv, data);
    },
    decrypt(alg, k, data) {
      if (alg.iv.length !== 16) throw s.operationError("The AES-CBC iv must be 16 bytes.");
      if (data.length === 0 || data.length % 16 !== 0) {
        throw s.operationError("The AES-CBC ciphertext is not a whole number of blocks.");
      }
      const plaintext = ops.aesCbcDecrypt(k.data, alg.iv, data);
      if (plaintext === undefined) throw s.operationError("The AES-CBC padding is invalid.");
      return plaintext;
    },
  });

  // AES-CTR (the counter block's rightmost `length` bits are incremented) ----
  function ctr(alg, k, data) {
    if (alg.counter.length !== 16) throw s.operationError("The AES-CTR counter must be 16 bytes.");
    if (alg.length === 0 || alg.length > 128) throw s.operationError("The AES-CTR length must be 1 to 128 bits.");
    const out = ops.aesCtr(k.data, alg.counter, alg.length, data);
    if (out === undefined) throw s.operationError("The data is too long for the AES-CTR counter length.");
    return out;
  }
  aesAlgorithm("AES-CTR", "CTR", aesUsages, {
    types: { encrypt: "AesCtrParams", decrypt: "AesCtrParams" },
    encrypt: ctr,
    decrypt: ctr,
  });

  // AES-KW (RFC 3394) ---------------------------------------------------------
  aesAlgorithm("AES-KW", "KW", ["wrapKey", "unwrapKey"], {
    types: { wrapKey: "Algorithm", unwrapKey: "Algorithm" },
    wrapKey(alg, k, data) {
      if (data.length % 8 !== 0) throw s.operationError("AES-KW can only wrap a multiple of 8 bytes.");
      if (data.length < 16) throw s.operationError("AES-KW needs at least 16 bytes to wrap.");
      return ops.aesKwWrap(k.data, data);
    },
    unwrapKey(alg, k, data) {
      if (data.length % 8 !== 0 || data.length < 24) throw s.operationError("The AES-KW wrapped data is malformed.");
      const out = ops.aesKwUnwrap(k.data, data);
      if (out === undefined) throw s.operationError("The AES-KW integrity check failed.");
      return out;
    },
  });
  });
});
