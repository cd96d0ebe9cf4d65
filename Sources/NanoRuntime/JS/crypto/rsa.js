// NANO runtime: the RSA algorithms of SubtleCrypto
// (https://w3c.github.io/webcrypto/): RSASSA-PKCS1-v1_5, RSA-PSS and
// RSA-OAEP, with keys in spki, pkcs8 and jwk. The native ops
// (Ops/CryptoOps+RSA.swift, on swift-crypto's _CryptoExtras) take PKCS #1
// private keys and SubjectPublicKeyInfo public keys; the DER and JWK forms
// are read and written here. What _CryptoExtras does not offer is a
// NotSupportedError (docs/CONFORMANCE.md): RSA-PSS with a salt length other
// than the hash length, RSA-OAEP with SHA-384/512 or a label, generation
// with a public exponent other than 65537, keys under 1024 bits.
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
(function (nano, global) {
  "use strict";
  // Part of the lazy part "subtle" (crypto/crypto.js, core/core.js).
  nano.lazy("subtle", function (nano, global) {
  "use strict";
  const converters = nano.webidl.converters;
  const s = nano.subtle;
  const der = nano.der;
  const ops = s.ops;
  const uncurryThis = nano.webidl.uncurryThis;
  const TypedArrayPrototypeSubarray = uncurryThis(Object.getPrototypeOf(Uint8Array.prototype).subarray);
  const enforceRange = s.enforceRange;

  const rsaKeyGenMembers = [
    { key: "modulusLength", converter: converters["unsigned long"], opts: enforceRange, required: true },
    { key: "publicExponent", converter: converters.Uint8Array, required: true },
  ];
  const hashMember = [{ key: "hash", converter: s.convertAlgorithmIdentifier, required: true }];
  s.registerDictionary("RsaHashedKeyGenParams", rsaKeyGenMembers, hashMember);
  s.registerDictionary("RsaHashedImportParams", hashMember);
  s.registerDictionary("RsaPssParams", [
    { key: "saltLength", converter: converters["unsigned long"], opts: enforceRange, required: true },
  ]);
  s.registerDictionary("RsaOaepParams", [{ key: "label", converter: converters.BufferSource }]);

  const jwkAlgs = {
    __proto__: null,
    "RSASSA-PKCS1-v1_5": { __proto__: null, "SHA-1": "RS1", "SHA-256": "RS256", "SHA-384": "RS384", "SHA-512": "RS512" },
    "RSA-PSS": { __proto__: null, "SHA-1": "PS1", "SHA-256": "PS256", "SHA-384": "PS384", "SHA-512": "PS512" },
    "RSA-OAEP": {
      __proto__: null, "SHA-1": "RSA-OAEP", "SHA-256": "RSA-OAEP-256", "SHA-384": "RSA-OAEP-384", "SHA-512": "RSA-OAEP-512",
    },
  };

  function bitLength(n) {
    let i = 0;
    while (i < n.length && n[i] === 0) i++;
    if (i === n.length) return 0;
    let bits = (n.length - i - 1) * 8;
    for (let b = n[i]; b !== 0; b >>= 1) bits++;
    return bits;
  }

  // The RSAPublicKey SEQUENCE { n, e } of a public key.
  function rsaPublicKey(n, e) {
    return der.sequence([der.unsignedInteger(n), der.unsignedInteger(e)]);
  }
  function encodeSpki(n, e) {
    return der.encodeSpki(der.oids.rsaEncryption, der.nullValue, rsaPublicKey(n, e));
  }

  // PKCS #1 RSAPrivateKey DER -> its integers { n, e, d, p, q, dp, dq, qi }.
  function readPrivateKey(bytes) {
    const parts = der.children(bytes, der.parseTop(bytes, der.SEQUENCE));
    if (parts.length < 9 || der.readSmallInteger(bytes, parts[0]) !== 0) {
      throw s.dataError("The key is not a two-prime RSAPrivateKey.");
    }
    const names = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];
    const out = { __proto__: null };
    for (let i = 0; i < names.length; i++) out[names[i]] = der.readUnsigned(bytes, parts[i + 1]);
    return out;
  }

  // The key data records: private { der (PKCS #1), n, e }, public { spki, n, e }.
  function privateData(pkcs1) {
    let canonical;
    try {
      canonical = ops.rsaPrivateKey(pkcs1);
    } catch (error) {
      throw s.dataError("The key is not a valid RSA private key of 1024 bits or more.");
    }
    const ints = readPrivateKey(canonical);
    return { __proto__: null, der: canonical, n: s.copyBytes(ints.n), e: s.copyBytes(ints.e) };
  }
  function publicData(n, e) {
    const spki = encodeSpki(n, e);
    try {
      ops.rsaPublicKeyBits(spki);
    } catch (error) {
      throw s.dataError("The key is not a valid RSA public key of 1024 bits or more.");
    }
    return { __proto__: null, spki, n: s.copyBytes(n), e: s.copyBytes(e) };
  }

  function keyAlgorithm(name, data, hash) {
    return {
      __proto__: null,
      name,
      modulusLength: bitLength(data.n),
      publicExponent: data.e,
      hash: { __proto__: null, name: hash },
    };
  }

  // publicExponent is 65537 (leading zeros allowed).
  function isF4(e) {
    let i = 0;
    while (i < e.length && e[i] === 0) i++;
    return e.length - i === 3 && e[i] === 1 && e[i + 1] === 0 && e[i + 2] === 1;
  }

  function rsaAlgorithm(name, publicUsages, privateUsages, use, extra) {
    const allUsages = [];
    for (let i = 0; i < publicUsages.length; i++) allUsages[allUsages.length] = publicUsages[i];
    for (let i = 0; i < privateUsages.length; i++) allUsages[allUsages.length] = privateUsages[i];
    const types = {
      generateKey: "RsaHashedKeyGenParams", importKey: "RsaHashedImportParams", exportKey: "Algorithm",
    };
    for (const op in extra.types) types[op] = extra.types[op];
    const impl = {
      generateKey(alg, extractable, usages) {
        s.checkUsages(usages, allUsages);
        const bits = alg.modulusLength;
        if (bits < 1024 || bits > 16384 || bits % 8 !== 0) {
          throw s.operationError("The modulus length must be a multiple of 8 from 1024 to 16384.");
        }
        if (!isF4(alg.publicExponent)) throw s.operationError("The only supported public exponent is 65537.");
        let pkcs1;
        try {
          pkcs1 = ops.rsaGenerate(bits);
        } catch (error) {
          throw s.operationError("RSA key generation failed.");
        }
        const priv = privateData(pkcs1);
        const pub = publicData(priv.n, priv.e);
        const algorithm = keyAlgorithm(name, priv, alg.hash.name);
        const publicKey = s.createCryptoKey("public", true, algorithm, s.intersectUsages(usages, publicUsages), pub);
        const privateKey = s.createCryptoKey("private", extractable, algorithm,
          s.intersectUsages(usages, privateUsages), priv);
        return { __proto__: null, publicKey, privateKey };
      },
      importKey(format, keyData, alg, extractable, usages) {
        let data;
        let type;
        if (format === "spki") {
          s.checkUsages(usages, publicUsages);
          type = "public";
          const info = der.parseSpki(keyData);
          if (info.oid !== der.oids.rsaEncryption) throw s.dataError("The key is not an rsaEncryption key.");
          const parts = der.children(info.key, der.parseTop(info.key, der.SEQUENCE));
          if (parts.length !== 2) throw s.dataError("The key is not an RSAPublicKey.");
          data = publicData(der.readUnsigned(info.key, parts[0]), der.readUnsigned(info.key, parts[1]));
        } else if (format === "pkcs8") {
          s.checkUsages(usages, privateUsages);
          type = "private";
          const info = der.parsePkcs8(keyData);
          if (info.oid !== der.oids.rsaEncryption) throw s.dataError("The key is not an rsaEncryption key.");
          readPrivateKey(info.key);
          data = privateData(info.key);
        } else if (format === "jwk") {
          const jwk = keyData;
          const isPrivate = jwk.d !== undefined;
          s.checkUsages(usages, isPrivate ? privateUsages : publicUsages);
          type = isPrivate ? "private" : "public";
          if (jwk.kty !== "RSA") throw s.dataError("The JWK 'kty' member was not 'RSA'.");
          if (jwk.alg !== undefined && jwk.alg !== jwkAlgs[name][alg.hash.name]) {
            throw s.dataError("The JWK 'alg' member does not match the algorithm and hash.");
          }
          s.checkJwkCommon(jwk, usages, extractable, use);
          const n = s.jwkBytes(jwk, "n");
          const e = s.jwkBytes(jwk, "e");
          if (isPrivate) {
            if (jwk.p === undefined) throw s.dataError("A JWK private key without its primes is not supported.");
            const members = ["d", "p", "q", "dp", "dq", "qi"];
            const list = [der.smallInteger(0), der.unsignedInteger(n), der.unsignedInteger(e)];
            for (let i = 0; i < members.length; i++) list[list.length] = der.unsignedInteger(s.jwkBytes(jwk, members[i]));
            data = privateData(der.sequence(list));
            if (!s.bytesEqual(data.n, stripZeros(n)) || !s.bytesEqual(data.e, stripZeros(e))) {
              throw s.dataError("The JWK key is not consistent.");
            }
          } else {
            data = publicData(n, e);
          }
        } else {
          throw s.notSupportedError(`Unsupported key format for ${name}.`);
        }
        return s.createCryptoKey(type, extractable, keyAlgorithm(name, data, alg.hash.name), usages, data);
      },
      exportKey(format, k) {
        if (format === "spki") {
          if (k.type !== "public") throw s.invalidAccessError("Only a public key can be exported as spki.");
          return k.data.spki;
        }
        if (format === "pkcs8") {
          if (k.type !== "private") throw s.invalidAccessError("Only a private key can be exported as pkcs8.");
          return der.encodePkcs8(der.oids.rsaEncryption, der.nullValue, k.data.der);
        }
        if (format === "jwk") {
          const members = {
            __proto__: null,
            alg: jwkAlgs[name][k.algorithm.hash.name],
            e: s.base64urlEncode(k.data.e),
            kty: "RSA",
            n: s.base64urlEncode(k.data.n),
          };
          if (k.type === "private") {
            const ints = readPrivateKey(k.data.der);
            const names = ["d", "p", "q", "dp", "dq", "qi"];
            for (let i = 0; i < names.length; i++) members[names[i]] = s.base64urlEncode(ints[names[i]]);
          }
          return s.makeJwk(k, members);
        }
        throw s.notSupportedError(`Unsupported key format for ${name}.`);
      },
    };
    for (const op in extra) if (op !== "types") impl[op] = extra[op];
    s.registerAlgorithm(name, types, impl);
  }

  function stripZeros(bytes) {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    return i === 0 ? bytes : s.copyBytes(TypedArrayPrototypeSubarray(bytes, i));
  }

  rsaAlgorithm("RSASSA-PKCS1-v1_5", ["verify"], ["sign"], "sig", {
    types: { sign: "Algorithm", verify: "Algorithm" },
    sign(alg, k, data) {
      s.checkKeyType(k, "private");
      return ops.rsaSign("pkcs1", k.algorithm.hash.name, k.data.der, data);
    },
    verify(alg, k, signature, data) {
      s.checkKeyType(k, "public");
      return ops.rsaVerify("pkcs1", k.algorithm.hash.name, k.data.spki, signature, data);
    },
  });

  function checkSaltLength(alg, k) {
    const hash = k.algorithm.hash.name;
    if (alg.saltLength !== s.hashBytes[hash]) {
      throw s.notSupportedError(`RSA-PSS supports only a saltLength equal to the hash length (${s.hashBytes[hash]} for ${hash}).`);
    }
  }
  rsaAlgorithm("RSA-PSS", ["verify"], ["sign"], "sig", {
    types: { sign: "RsaPssParams", verify: "RsaPssParams" },
    sign(alg, k, data) {
      s.checkKeyType(k, "private");
      checkSaltLength(alg, k);
      return ops.rsaSign("pss", k.algorithm.hash.name, k.data.der, data);
    },
    verify(alg, k, signature, data) {
      s.checkKeyType(k, "public");
      checkSaltLength(alg, k);
      return ops.rsaVerify("pss", k.algorithm.hash.name, k.data.spki, signature, data);
    },
  });

  function checkOaep(alg, k) {
    const hash = k.algorithm.hash.name;
    if (hash !== "SHA-1" && hash !== "SHA-256") throw s.notSupportedError("RSA-OAEP supports only SHA-1 and SHA-256.");
    if (alg.label !== undefined && alg.label.length !== 0) throw s.notSupportedError("RSA-OAEP labels are not supported.");
  }
  function oaepEncrypt(alg, k, data) {
    s.checkKeyType(k, "public");
    checkOaep(alg, k);
    try {
      return ops.rsaOaepEncrypt(k.algorithm.hash.name, k.data.spki, data);
    } catch (error) {
      throw s.operationError("RSA-OAEP encryption failed (the data may be too long for the key).");
    }
  }
  function oaepDecrypt(alg, k, data) {
    s.checkKeyType(k, "private");
    checkOaep(alg, k);
    const out = ops.rsaOaepDecrypt(k.algorithm.hash.name, k.data.der, data);
    if (out === undefined) throw s.operationError("RSA-OAEP decryption failed.");
    return out;
  }
  rsaAlgorithm("RSA-OAEP", ["encrypt", "wrapKey"], ["decrypt", "unwrapKey"], "enc", {
    types: { encrypt: "RsaOaepParams", decrypt: "RsaOaepParams" },
    encrypt: oaepEncrypt,
    decrypt: oaepDecrypt,
  });
  });
});
