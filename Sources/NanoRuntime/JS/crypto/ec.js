// NANO runtime: the elliptic-curve algorithms of SubtleCrypto
// (https://w3c.github.io/webcrypto/): ECDSA and ECDH on P-256, P-384 and
// P-521, Ed25519 and X25519, with keys in raw, spki, pkcs8 and jwk. The
// native ops (Ops/CryptoOps+EC.swift) take the raw scalar and point; the DER
// and JWK forms are read and written here.
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
  const der = nano.der;
  const ops = s.ops;
  const Uint8ArrayCtor = Uint8Array;
  const TypedArrayPrototypeSubarray = uncurryThis(Object.getPrototypeOf(Uint8Array.prototype).subarray);

  s.registerDictionary("EcKeyGenParams", [{ key: "namedCurve", converter: converters.DOMString, required: true }]);
  s.registerDictionary("EcKeyImportParams", [{ key: "namedCurve", converter: converters.DOMString, required: true }]);
  s.registerDictionary("EcdsaParams", [{ key: "hash", converter: s.convertAlgorithmIdentifier, required: true }]);
  s.registerDictionary("EcdhKeyDeriveParams", [{ key: "public", converter: s.keyArgument, required: true }]);

  // The NIST curves: coordinate size in bytes, OID, JWK alg of ECDSA.
  const curves = {
    __proto__: null,
    "P-256": { __proto__: null, size: 32, oid: der.oids["P-256"], jwkAlg: "ES256" },
    "P-384": { __proto__: null, size: 48, oid: der.oids["P-384"], jwkAlg: "ES384" },
    "P-521": { __proto__: null, size: 66, oid: der.oids["P-521"], jwkAlg: "ES512" },
  };
  function curveByOid(oidHex) {
    for (const name in curves) if (curves[name].oid === oidHex) return name;
    return undefined;
  }

  // Runs a native op that validates key material; its failure is a DataError.
  function validated(fn, message) {
    try {
      return fn();
    } catch (error) {
      throw s.dataError(message);
    }
  }

  // Truncates a derived secret to `length` bits (null: all of it).
  function truncateBits(secret, length) {
    if (length === null) return secret;
    if (length > secret.length * 8) throw s.operationError("The length is longer than the derived secret.");
    const bytes = (length + 7) >> 3;
    const out = s.copyBytes(TypedArrayPrototypeSubarray(secret, 0, bytes));
    if (length % 8 !== 0) out[bytes - 1] &= (0xff << (8 - (length % 8))) & 0xff;
    return out;
  }

  // The usage rules of an asymmetric algorithm: `sign` holds the private
  // key's possible usages, `verify` the public key's; for key agreement the
  // public key has none.
  function keyPair(name, extractable, usages, algorithm, data, publicUsages, privateUsages) {
    const publicKey = s.createCryptoKey("public", true, algorithm, s.intersectUsages(usages, publicUsages),
      { __proto__: null, pub: data.pub });
    const privateKey = s.createCryptoKey("private", extractable, algorithm, s.intersectUsages(usages, privateUsages),
      data);
    return { __proto__: null, publicKey, privateKey };
  }

  // ---------------------------------------------------------------------------
  // ECDSA and ECDH
  // ---------------------------------------------------------------------------
  // Key data: { pub: uncompressed point, d?: scalar of the curve's size }.

  // The import steps of ECDSA (agreement false) and ECDH (agreement true).
  function importEc(name, agreement, format, keyData, alg, extractable, usages) {
    const privateUsages = agreement ? ["deriveKey", "deriveBits"] : ["sign"];
    const publicUsages = agreement ? [] : ["verify"];
    const namedCurve = alg.namedCurve;
    const curve = curves[namedCurve];
    let data;
    let type;
    if (format === "spki" || format === "raw") {
      s.checkUsages(usages, publicUsages);
      type = "public";
      let point;
      if (format === "spki") {
        const info = der.parseSpki(keyData);
        if (info.oid !== der.oids.ecPublicKey && !(agreement && info.oid === der.oids.ecDH)) {
          throw s.dataError("The key is not an elliptic-curve key.");
        }
        if (info.params === undefined || info.params.tag !== der.OID) {
          throw s.dataError("The key does not name its curve.");
        }
        const keyCurve = curveByOid(der.hexOf(info.bytes, info.params));
        if (keyCurve === undefined) throw s.dataError("The key's curve is not supported.");
        if (keyCurve !== namedCurve) throw s.dataError("The key's curve is not the requested namedCurve.");
        point = info.key;
      } else {
        if (curve === undefined) throw s.dataError("The namedCurve is not supported.");
        point = keyData;
      }
      if (curve === undefined) throw s.dataError("The namedCurve is not supported.");
      const pub = validated(() => ops.ecPoint(namedCurve, point), "The key is not a valid point of the curve.");
      data = { __proto__: null, pub };
    } else if (format === "pkcs8") {
      s.checkUsages(usages, privateUsages);
      type = "private";
      const info = der.parsePkcs8(keyData);
      if (info.oid !== der.oids.ecPublicKey && !(agreement && info.oid === der.oids.ecDH)) {
        throw s.dataError("The key is not an elliptic-curve key.");
      }
      if (info.params === undefined || info.params.tag !== der.OID) {
        throw s.dataError("The key does not name its curve.");
      }
      const keyCurve = curveByOid(der.hexOf(info.bytes, info.params));
      if (keyCurve === undefined) throw s.dataError("The key's curve is not supported.");
      if (keyCurve !== namedCurve) throw s.dataError("The key's curve is not the requested namedCurve.");
      // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
      //   parameters [0] OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
      const inner = info.key;
      const parts = der.children(inner, der.parseTop(inner, der.SEQUENCE));
      if (parts.length < 2 || der.readSmallInteger(inner, parts[0]) !== 1) {
        throw s.dataError("The key is not a valid ECPrivateKey.");
      }
      let d = der.contents(inner, der.expect(parts[1], der.OCTET_STRING));
      for (let i = 2; i < parts.length; i++) {
        const part = parts[i];
        if (part.tag === 0xa0) {
          const p = der.children(inner, part);
          if (p.length !== 1 || p[0].tag !== der.OID || der.hexOf(inner, p[0]) !== curve.oid) {
            throw s.dataError("The ECPrivateKey's parameters do not match the curve.");
          }
        } else if (part.tag !== 0xa1) {
          throw s.dataError("The key is not a valid ECPrivateKey.");
        }
      }
      if (d.length > curve.size) throw s.dataError("The private key is too long for the curve.");
      if (d.length < curve.size) d = s.concatBytes([new Uint8ArrayCtor(curve.size - d.length), d]);
      const pub = validated(() => ops.ecPublicKey(namedCurve, d), "The private key is not valid for the curve.");
      data = { __proto__: null, pub, d: s.copyBytes(d) };
    } else if (format === "jwk") {
      const jwk = keyData;
      const isPrivate = jwk.d !== undefined;
      if (isPrivate) s.checkUsages(usages, privateUsages);
      else if (agreement && usages.length !== 0) throw s.syntaxError("Cannot create a key using the specified key usages.");
      else s.checkUsages(usages, publicUsages);
      type = isPrivate ? "private" : "public";
      if (jwk.kty !== "EC") throw s.dataError("The JWK 'kty' member was not 'EC'.");
      if (jwk.crv === undefined || curves[jwk.crv] === undefined) throw s.dataError("The JWK 'crv' member is not supported.");
      if (jwk.crv !== namedCurve) throw s.dataError("The JWK 'crv' member is not the requested namedCurve.");
      if (!agreement && jwk.alg !== undefined && jwk.alg !== curve.jwkAlg) {
        throw s.dataError("The JWK 'alg' member does not match the curve.");
      }
      s.checkJwkCommon(jwk, usages, extractable, agreement ? "enc" : "sig");
      const x = s.jwkBytes(jwk, "x");
      const y = s.jwkBytes(jwk, "y");
      if (x.length !== curve.size || y.length !== curve.size) throw s.dataError("The JWK coordinates have the wrong length.");
      const point = s.concatBytes([new Uint8ArrayCtor([4]), x, y]);
      const pub = validated(() => ops.ecPoint(namedCurve, point), "The key is not a valid point of the curve.");
      if (isPrivate) {
        const d = s.jwkBytes(jwk, "d");
        if (d.length !== curve.size) throw s.dataError("The JWK 'd' member has the wrong length.");
        const derived = validated(() => ops.ecPublicKey(namedCurve, d), "The private key is not valid for the curve.");
        if (!s.bytesEqual(derived, pub)) throw s.dataError("The JWK private key does not match its public key.");
        data = { __proto__: null, pub, d: s.copyBytes(d) };
      } else {
        data = { __proto__: null, pub };
      }
    } else {
      throw s.notSupportedError(`Unsupported key format for ${name}.`);
    }
    return s.createCryptoKey(type, extractable, { __proto__: null, name, namedCurve }, usages, data);
  }

  function exportEc(name, agreement, format, k) {
    const namedCurve = k.algorithm.namedCurve;
    const curve = curves[namedCurve];
    if (format === "spki") {
      if (k.type !== "public") throw s.invalidAccessError("Only a public key can be exported as spki.");
      return der.encodeSpki(der.oids.ecPublicKey, der.oid(curve.oid), k.data.pub);
    }
    if (format === "pkcs8") {
      if (k.type !== "private") throw s.invalidAccessError("Only a private key can be exported as pkcs8.");
      const ecPrivateKey = der.sequence([
        der.smallInteger(1),
        der.octetString(k.data.d),
        der.encodeTlv(0xa1, der.bitString(k.data.pub)),
      ]);
      return der.encodePkcs8(der.oids.ecPublicKey, der.oid(curve.oid), ecPrivateKey);
    }
    if (format === "raw") {
      if (k.type !== "public") throw s.invalidAccessError("Only a public key can be exported as raw.");
      return k.data.pub;
    }
    if (format === "jwk") {
      const pub = k.data.pub;
      const members = {
        __proto__: null,
        crv: namedCurve,
        kty: "EC",
        x: s.base64urlEncode(TypedArrayPrototypeSubarray(pub, 1, 1 + curve.size)),
        y: s.base64urlEncode(TypedArrayPrototypeSubarray(pub, 1 + curve.size)),
      };
      if (k.type === "private") members.d = s.base64urlEncode(k.data.d);
      return s.makeJwk(k, members);
    }
    throw s.notSupportedError(`Unsupported key format for ${name}.`);
  }

  function generateEc(name, agreement, alg, extractable, usages) {
    const privateUsages = agreement ? ["deriveKey", "deriveBits"] : ["sign"];
    const publicUsages = agreement ? [] : ["verify"];
    s.checkUsages(usages, agreement ? privateUsages : ["sign", "verify"]);
    const namedCurve = alg.namedCurve;
    if (curves[namedCurve] === undefined) throw s.notSupportedError("The namedCurve is not supported.");
    const d = ops.ecGenerate(namedCurve);
    const pub = ops.ecPublicKey(namedCurve, d);
    return keyPair(name, extractable, usages, { __proto__: null, name, namedCurve },
      { __proto__: null, pub, d }, publicUsages, privateUsages);
  }

  const ecTypes = {
    generateKey: "EcKeyGenParams", importKey: "EcKeyImportParams", exportKey: "Algorithm",
  };
  s.registerAlgorithm("ECDSA", {
    sign: "EcdsaParams", verify: "EcdsaParams",
    generateKey: ecTypes.generateKey, importKey: ecTypes.importKey, exportKey: ecTypes.exportKey,
  }, {
    generateKey: (alg, extractable, usages) => generateEc("ECDSA", false, alg, extractable, usages),
    importKey: (format, keyData, alg, extractable, usages) =>
      importEc("ECDSA", false, format, keyData, alg, extractable, usages),
    exportKey: (format, k) => exportEc("ECDSA", false, format, k),
    sign(alg, k, data) {
      s.checkKeyType(k, "private");
      return ops.ecdsaSign(k.algorithm.namedCurve, alg.hash.name, k.data.d, data);
    },
    verify(alg, k, signature, data) {
      s.checkKeyType(k, "public");
      return ops.ecdsaVerify(k.algorithm.namedCurve, alg.hash.name, k.data.pub, signature, data);
    },
  });

  // The checks of the `public` member of EcdhKeyDeriveParams.
  function agreementPeer(alg, k) {
    s.checkKeyType(k, "private");
    const peer = s.keyInternals(alg.public);
    if (peer.type !== "public") throw s.invalidAccessError("The 'public' key is not a public key.");
    if (peer.algorithm.name !== k.algorithm.name) {
      throw s.invalidAccessError("The 'public' key is not of the base key's algorithm.");
    }
    if (peer.algorithm.namedCurve !== k.algorithm.namedCurve) {
      throw s.invalidAccessError("The 'public' key is not on the base key's curve.");
    }
    return peer;
  }

  s.registerAlgorithm("ECDH", {
    deriveBits: "EcdhKeyDeriveParams",
    generateKey: ecTypes.generateKey, importKey: ecTypes.importKey, exportKey: ecTypes.exportKey,
  }, {
    generateKey: (alg, extractable, usages) => generateEc("ECDH", true, alg, extractable, usages),
    importKey: (format, keyData, alg, extractable, usages) =>
      importEc("ECDH", true, format, keyData, alg, extractable, usages),
    exportKey: (format, k) => exportEc("ECDH", true, format, k),
    deriveBits(alg, k, length) {
      const peer = agreementPeer(alg, k);
      let secret;
      try {
        secret = ops.ecdh(k.algorithm.namedCurve, k.data.d, peer.data.pub);
      } catch (error) {
        throw s.operationError("The ECDH key agreement failed.");
      }
      return truncateBits(secret, length);
    },
  });

  // ---------------------------------------------------------------------------
  // Ed25519 and X25519 (RFC 8032, RFC 7748; DER forms from RFC 8410)
  // ---------------------------------------------------------------------------
  // Key data: { pub: 32 bytes, d?: 32 bytes }.

  function importOkp(name, agreement, format, keyData, extractable, usages) {
    const privateUsages = agreement ? ["deriveKey", "deriveBits"] : ["sign"];
    const publicUsages = agreement ? [] : ["verify"];
    let data;
    let type;
    if (format === "spki" || format === "raw") {
      s.checkUsages(usages, publicUsages);
      type = "public";
      let pub = keyData;
      if (format === "spki") {
        const info = der.parseSpki(keyData);
        if (info.oid !== der.oids[name]) throw s.dataError(`The key is not an ${name} key.`);
        if (info.params !== undefined) throw s.dataError("The key's AlgorithmIdentifier has parameters.");
        pub = info.key;
      }
      if (pub.length !== 32) throw s.dataError(`An ${name} public key is 32 bytes.`);
      data = { __proto__: null, pub: s.copyBytes(pub) };
    } else if (format === "pkcs8") {
      s.checkUsages(usages, privateUsages);
      type = "private";
      const info = der.parsePkcs8(keyData);
      if (info.oid !== der.oids[name]) throw s.dataError(`The key is not an ${name} key.`);
      if (info.params !== undefined) throw s.dataError("The key's AlgorithmIdentifier has parameters.");
      // CurvePrivateKey ::= OCTET STRING
      const inner = info.key;
      const d = der.contents(inner, der.parseTop(inner, der.OCTET_STRING));
      if (d.length !== 32) throw s.dataError(`An ${name} private key is 32 bytes.`);
      const pub = validated(() => ops.okpPublicKey(name, d), "The private key is not valid.");
      data = { __proto__: null, pub, d: s.copyBytes(d) };
    } else if (format === "jwk") {
      const jwk = keyData;
      const isPrivate = jwk.d !== undefined;
      if (isPrivate) s.checkUsages(usages, privateUsages);
      else if (agreement && usages.length !== 0) throw s.syntaxError("Cannot create a key using the specified key usages.");
      else s.checkUsages(usages, publicUsages);
      type = isPrivate ? "private" : "public";
      if (jwk.kty !== "OKP") throw s.dataError("The JWK 'kty' member was not 'OKP'.");
      if (jwk.crv !== name) throw s.dataError(`The JWK 'crv' member was not '${name}'.`);
      if (!agreement && jwk.alg !== undefined && jwk.alg !== "Ed25519" && jwk.alg !== "EdDSA") {
        throw s.dataError("The JWK 'alg' member was not 'Ed25519' or 'EdDSA'.");
      }
      s.checkJwkCommon(jwk, usages, extractable, agreement ? "enc" : "sig");
      const pub = s.jwkBytes(jwk, "x");
      if (pub.length !== 32) throw s.dataError(`An ${name} public key is 32 bytes.`);
      if (isPrivate) {
        const d = s.jwkBytes(jwk, "d");
        if (d.length !== 32) throw s.dataError(`An ${name} private key is 32 bytes.`);
        const derived = validated(() => ops.okpPublicKey(name, d), "The private key is not valid.");
        if (!s.bytesEqual(derived, pub)) throw s.dataError("The JWK private key does not match its public key.");
        data = { __proto__: null, pub: derived, d: s.copyBytes(d) };
      } else {
        data = { __proto__: null, pub: s.copyBytes(pub) };
      }
    } else {
      throw s.notSupportedError(`Unsupported key format for ${name}.`);
    }
    return s.createCryptoKey(type, extractable, { __proto__: null, name }, usages, data);
  }

  function exportOkp(name, agreement, format, k) {
    if (format === "spki") {
      if (k.type !== "public") throw s.invalidAccessError("Only a public key can be exported as spki.");
      return der.encodeSpki(der.oids[name], undefined, k.data.pub);
    }
    if (format === "pkcs8") {
      if (k.type !== "private") throw s.invalidAccessError("Only a private key can be exported as pkcs8.");
      return der.encodePkcs8(der.oids[name], undefined, der.octetString(k.data.d));
    }
    if (format === "raw") {
      if (k.type !== "public") throw s.invalidAccessError("Only a public key can be exported as raw.");
      return k.data.pub;
    }
    if (format === "jwk") {
      const members = { __proto__: null, crv: name, kty: "OKP", x: s.base64urlEncode(k.data.pub) };
      if (!agreement) members.alg = "Ed25519";
      if (k.type === "private") members.d = s.base64urlEncode(k.data.d);
      return s.makeJwk(k, members);
    }
    throw s.notSupportedError(`Unsupported key format for ${name}.`);
  }

  function generateOkp(name, agreement, extractable, usages) {
    const privateUsages = agreement ? ["deriveKey", "deriveBits"] : ["sign"];
    const publicUsages = agreement ? [] : ["verify"];
    s.checkUsages(usages, agreement ? privateUsages : ["sign", "verify"]);
    const d = ops.okpGenerate(name);
    const pub = ops.okpPublicKey(name, d);
    return keyPair(name, extractable, usages, { __proto__: null, name }, { __proto__: null, pub, d },
      publicUsages, privateUsages);
  }

  s.registerAlgorithm("Ed25519", {
    sign: "Algorithm", verify: "Algorithm", generateKey: "Algorithm", importKey: "Algorithm", exportKey: "Algorithm",
  }, {
    generateKey: (alg, extractable, usages) => generateOkp("Ed25519", false, extractable, usages),
    importKey: (format, keyData, alg, extractable, usages) =>
      importOkp("Ed25519", false, format, keyData, extractable, usages),
    exportKey: (format, k) => exportOkp("Ed25519", false, format, k),
    sign(alg, k, data) {
      s.checkKeyType(k, "private");
      return ops.ed25519Sign(k.data.d, data);
    },
    verify(alg, k, signature, data) {
      s.checkKeyType(k, "public");
      return ops.ed25519Verify(k.data.pub, signature, data);
    },
  });

  s.registerAlgorithm("X25519", {
    deriveBits: "EcdhKeyDeriveParams", generateKey: "Algorithm", importKey: "Algorithm", exportKey: "Algorithm",
  }, {
    generateKey: (alg, extractable, usages) => generateOkp("X25519", true, extractable, usages),
    importKey: (format, keyData, alg, extractable, usages) =>
      importOkp("X25519", true, format, keyData, extractable, usages),
    exportKey: (format, k) => exportOkp("X25519", true, format, k),
    deriveBits(alg, k, length) {
      const peer = agreementPeer(alg, k);
      let secret;
      try {
        secret = ops.x25519(k.data.d, peer.data.pub);
      } catch (error) {
        throw s.operationError("The X25519 key agreement failed (a small-order public key).");
      }
      return truncateBits(secret, length);
    },
  });
  });
});
