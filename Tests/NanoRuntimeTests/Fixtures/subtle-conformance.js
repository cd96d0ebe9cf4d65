// Conformance checks for CryptoKey and SubtleCrypto (HMAC, HKDF, PBKDF2,
// AES-GCM) with known-answer vectors (RFC 4231, RFC 5869, RFC 6070, the
// McGrew-Viega GCM test cases) and the WebCrypto error cases. Prints
// `not ok <name>: <reason>` for each failure and a final `N passed, M failed`.
let passed = 0;
let failed = 0;
function fail(name, reason) {
  failed++;
  console.log(`not ok ${name}: ${reason}`);
}
function check(name, fn) {
  try {
    const r = fn();
    if (r === true || r === undefined) passed++;
    else fail(name, `got ${String(r)}`);
  } catch (e) {
    fail(name, `threw ${e && e.name}: ${e && e.message}`);
  }
}
async function checkAsync(name, fn) {
  try {
    const r = await fn();
    if (r === true || r === undefined) passed++;
    else fail(name, `got ${String(r)}`);
  } catch (e) {
    fail(name, `threw ${e && e.name}: ${e && e.message}`);
  }
}
// The call must return a promise (not throw) that rejects with `expected`.
async function rejectsName(name, expected, fn) {
  let p;
  try {
    p = fn();
  } catch (e) {
    fail(name, `threw synchronously ${e && e.name}: ${e && e.message}`);
    return;
  }
  if (!(p instanceof Promise)) { fail(name, "did not return a promise"); return; }
  try {
    await p;
    fail(name, "resolved");
  } catch (e) {
    if (!e || e.name !== expected) fail(name, `rejected with ${e && e.name}: ${e && e.message}`);
    else if (expected !== "TypeError" && !(e instanceof DOMException)) fail(name, "not a DOMException");
    else if (expected === "TypeError" && !(e instanceof TypeError)) fail(name, "not a TypeError instance");
    else passed++;
  }
}
function eq(a, b) {
  if (a !== b) throw new Error(`expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
}
const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
const unhex = (s) => { const a = new Uint8Array(s.length / 2); for (let i = 0; i < a.length; i++) a[i] = parseInt(s.substr(i * 2, 2), 16); return a; };
const utf8 = (s) => new TextEncoder().encode(s);
const rep = (b, n) => new Uint8Array(n).fill(b);
const range = (a, b) => { const r = new Uint8Array(b - a + 1); for (let i = 0; i < r.length; i++) r[i] = a + i; return r; };
const subtle = crypto.subtle;

// ---------------------------------------------------------------------------
// WebIDL shape
// ---------------------------------------------------------------------------
check("CryptoKey global", () => typeof CryptoKey === "function" && !Object.getOwnPropertyDescriptor(globalThis, "CryptoKey").enumerable);
check("CryptoKey illegal constructor", () => { try { new CryptoKey(); return false; } catch (e) { return e instanceof TypeError; } });
check("CryptoKey call throws", () => { try { CryptoKey(); return false; } catch (e) { return e instanceof TypeError; } });
check("CryptoKey toStringTag", () => {
  const d = Object.getOwnPropertyDescriptor(CryptoKey.prototype, Symbol.toStringTag);
  return d.value === "CryptoKey" && !d.writable && !d.enumerable && d.configurable;
});
for (const attr of ["type", "extractable", "algorithm", "usages"]) {
  check(`CryptoKey.prototype.${attr} is an enumerable getter`, () => {
    const d = Object.getOwnPropertyDescriptor(CryptoKey.prototype, attr);
    return typeof d.get === "function" && d.set === undefined && d.enumerable && d.configurable && d.get.name === `get ${attr}`;
  });
  check(`CryptoKey.prototype.${attr} brand check`, () => {
    try { Object.getOwnPropertyDescriptor(CryptoKey.prototype, attr).get.call({}); return false; } catch (e) { return e instanceof TypeError; }
  });
}
const methodLengths = {
  encrypt: 3, decrypt: 3, sign: 3, verify: 4, digest: 2, generateKey: 3,
  deriveKey: 5, deriveBits: 2, importKey: 5, exportKey: 2, wrapKey: 4, unwrapKey: 7,
};
for (const [name, length] of Object.entries(methodLengths)) {
  check(`SubtleCrypto.prototype.${name} shape`, () => {
    const d = Object.getOwnPropertyDescriptor(SubtleCrypto.prototype, name);
    return typeof d.value === "function" && d.enumerable && d.writable && d.configurable &&
      d.value.length === length && d.value.name === name;
  });
}
check("SubtleCrypto.prototype own keys in IDL order", () => Object.keys(SubtleCrypto.prototype).join() ===
  "encrypt,decrypt,sign,verify,digest,generateKey,deriveKey,deriveBits,importKey,exportKey,wrapKey,unwrapKey");
check("CryptoKey.prototype own keys in IDL order", () => Object.keys(CryptoKey.prototype).join() === "type,extractable,algorithm,usages");
await rejectsName("sign with wrong this rejects TypeError", "TypeError", () => SubtleCrypto.prototype.sign.call({}, "HMAC", null, new Uint8Array()));
await rejectsName("importKey missing arguments rejects TypeError", "TypeError", () => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true));
await rejectsName("generateKey bad usage string is a TypeError", "TypeError", () => subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["bogus"]));
await rejectsName("importKey bad format is a TypeError", "TypeError", () => subtle.importKey("pem", new Uint8Array(16), "AES-GCM", true, ["encrypt"]));

// ---------------------------------------------------------------------------
// HMAC known answers (RFC 4231) and RFC 2202 case 1 for SHA-1
// ---------------------------------------------------------------------------
const hmacVectors = [
  ["RFC 4231 TC1 SHA-256", "SHA-256", rep(0x0b, 20), utf8("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"],
  ["RFC 4231 TC1 SHA-384", "SHA-384", rep(0x0b, 20), utf8("Hi There"), "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"],
  ["RFC 4231 TC1 SHA-512", "SHA-512", rep(0x0b, 20), utf8("Hi There"), "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"],
  ["RFC 4231 TC2 SHA-256", "SHA-256", utf8("Jefe"), utf8("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"],
  ["RFC 4231 TC2 SHA-384", "SHA-384", utf8("Jefe"), utf8("what do ya want for nothing?"), "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"],
  ["RFC 4231 TC2 SHA-512", "SHA-512", utf8("Jefe"), utf8("what do ya want for nothing?"), "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"],
  ["RFC 4231 TC3 SHA-256", "SHA-256", rep(0xaa, 20), rep(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"],
  ["RFC 4231 TC6 SHA-256", "SHA-256", rep(0xaa, 131), utf8("Test Using Larger Than Block-Size Key - Hash Key First"), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"],
  ["RFC 4231 TC6 SHA-512", "SHA-512", rep(0xaa, 131), utf8("Test Using Larger Than Block-Size Key - Hash Key First"), "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"],
  ["RFC 4231 TC7 SHA-256", "SHA-256", rep(0xaa, 131), utf8("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"],
  ["RFC 2202 TC1 SHA-1", "SHA-1", rep(0x0b, 20), utf8("Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00"],
];
for (const [name, hash, keyBytes, data, expected] of hmacVectors) {
  await checkAsync(`HMAC sign ${name}`, async () => {
    const key = await subtle.importKey("raw", keyBytes, { name: "HMAC", hash }, false, ["sign", "verify"]);
    const sig = await subtle.sign("HMAC", key, data);
    eq(sig instanceof ArrayBuffer, true);
    eq(hex(sig), expected);
  });
  await checkAsync(`HMAC verify ${name}`, async () => {
    const key = await subtle.importKey("raw", keyBytes, { name: "hmac", hash: { name: hash.toLowerCase() } }, false, ["verify"]);
    eq(await subtle.verify({ name: "HMAC" }, key, unhex(expected), data), true);
    const bad = unhex(expected); bad[0] ^= 1;
    eq(await subtle.verify("HMAC", key, bad, data), false);
    eq(await subtle.verify("HMAC", key, unhex(expected).subarray(1), data), false);
  });
}

// HMAC key objects, generateKey, JWK
await checkAsync("HMAC key attributes", async () => {
  const key = await subtle.importKey("raw", rep(1, 20), { name: "HMAC", hash: "SHA-256" }, true, ["verify", "sign", "sign"]);
  eq(key.type, "secret");
  eq(key.extractable, true);
  eq(JSON.stringify(key.algorithm), '{"name":"HMAC","hash":{"name":"SHA-256"},"length":160}');
  eq(JSON.stringify(key.usages), '["sign","verify"]');
  eq(key.algorithm, key.algorithm);
  eq(key.usages, key.usages);
  eq(Object.prototype.toString.call(key), "[object CryptoKey]");
});
await checkAsync("HMAC generateKey default length is the block size", async () => {
  const k1 = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  eq(k1.algorithm.length, 512);
  eq((await subtle.exportKey("raw", k1)).byteLength, 64);
  const k2 = await subtle.generateKey({ name: "HMAC", hash: "SHA-512" }, true, ["sign"]);
  eq(k2.algorithm.length, 1024);
  const k3 = await subtle.generateKey({ name: "HMAC", hash: "SHA-1", length: 128 }, false, ["verify"]);
  eq(k3.algorithm.length, 128);
  eq(k3.extractable, false);
});
await checkAsync("HMAC generated key signs and verifies", async () => {
  const key = await subtle.generateKey({ name: "HMAC", hash: "SHA-384" }, true, ["sign", "verify"]);
  const sig = await subtle.sign("HMAC", key, utf8("abc"));
  eq(sig.byteLength, 48);
  eq(await subtle.verify("HMAC", key, sig, utf8("abc")), true);
  eq(await subtle.verify("HMAC", key, sig, utf8("abd")), false);
});
await checkAsync("HMAC raw export round trip", async () => {
  const key = await subtle.importKey("raw", range(1, 32), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  const raw = await subtle.exportKey("raw", key);
  eq(raw instanceof ArrayBuffer, true);
  eq(hex(raw), hex(range(1, 32)));
});
await checkAsync("HMAC JWK export shape", async () => {
  const key = await subtle.importKey("raw", rep(0xfb, 20), { name: "HMAC", hash: "SHA-256" }, true, ["verify", "sign"]);
  const jwk = await subtle.exportKey("jwk", key);
  eq(JSON.stringify(Object.keys(jwk).sort()), '["alg","ext","k","key_ops","kty"]');
  eq(jwk.kty, "oct");
  eq(jwk.alg, "HS256");
  eq(jwk.k, "-_v7-_v7-_v7-_v7-_v7-_v7-_s");
  eq(JSON.stringify(jwk.key_ops), '["sign","verify"]');
  eq(jwk.ext, true);
});
for (const [hash, alg] of [["SHA-1", "HS1"], ["SHA-384", "HS384"], ["SHA-512", "HS512"]]) {
  await checkAsync(`HMAC JWK alg for ${hash}`, async () => {
    const key = await subtle.generateKey({ name: "HMAC", hash }, true, ["sign"]);
    const jwk = await subtle.exportKey("jwk", key);
    eq(jwk.alg, alg);
    const back = await subtle.importKey("jwk", jwk, { name: "HMAC", hash }, true, ["sign"]);
    eq(hex(await subtle.exportKey("raw", back)), hex(await subtle.exportKey("raw", key)));
  });
}
await checkAsync("HMAC JWK import signs like raw", async () => {
  const jwk = { kty: "oct", k: "CwsLCwsLCwsLCwsLCwsLCwsLCws", alg: "HS256", ext: true, key_ops: ["sign", "verify"], use: "sig" };
  const key = await subtle.importKey("jwk", jwk, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  eq(hex(await subtle.sign("HMAC", key, utf8("Hi There"))), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
});
await checkAsync("HMAC import with explicit length", async () => {
  const key = await subtle.importKey("raw", rep(1, 20), { name: "HMAC", hash: "SHA-256", length: 156 }, true, ["sign"]);
  eq(key.algorithm.length, 156);
});
await rejectsName("HMAC import length too long is DataError", "DataError", () => subtle.importKey("raw", rep(1, 20), { name: "HMAC", hash: "SHA-256", length: 168 }, true, ["sign"]));
await rejectsName("HMAC import length too short is DataError", "DataError", () => subtle.importKey("raw", rep(1, 20), { name: "HMAC", hash: "SHA-256", length: 152 }, true, ["sign"]));
await rejectsName("HMAC import empty key is DataError", "DataError", () => subtle.importKey("raw", new Uint8Array(0), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("HMAC import with encrypt usage is SyntaxError", "SyntaxError", () => subtle.importKey("raw", rep(1, 20), { name: "HMAC", hash: "SHA-256" }, true, ["sign", "encrypt"]));
await rejectsName("HMAC import with no usages is SyntaxError", "SyntaxError", () => subtle.importKey("raw", rep(1, 20), { name: "HMAC", hash: "SHA-256" }, true, []));
await rejectsName("HMAC generateKey with decrypt usage is SyntaxError", "SyntaxError", () => subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["decrypt"]));
await rejectsName("HMAC generateKey with no usages is SyntaxError", "SyntaxError", () => subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, []));
await rejectsName("HMAC generateKey length 0 is OperationError", "OperationError", () => subtle.generateKey({ name: "HMAC", hash: "SHA-256", length: 0 }, true, ["sign"]));
await rejectsName("HMAC without hash is TypeError", "TypeError", () => subtle.importKey("raw", rep(1, 20), { name: "HMAC" }, true, ["sign"]));
await rejectsName("HMAC with unknown hash is NotSupportedError", "NotSupportedError", () => subtle.importKey("raw", rep(1, 20), { name: "HMAC", hash: "SHA-224" }, true, ["sign"]));
await rejectsName("unknown algorithm is NotSupportedError", "NotSupportedError", () => subtle.importKey("raw", rep(1, 20), { name: "HMAC-FOO", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("generateKey for HKDF is NotSupportedError", "NotSupportedError", () => subtle.generateKey({ name: "HKDF" }, false, ["deriveBits"]));
await rejectsName("HMAC JWK wrong kty is DataError", "DataError", () => subtle.importKey("jwk", { kty: "RSA", k: "AAAA" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("HMAC JWK missing k is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("HMAC JWK bad base64url is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct", k: "ab+/" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("HMAC JWK alg mismatch is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct", k: "AQIDBA", alg: "HS512" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("HMAC JWK use enc is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct", k: "AQIDBA", use: "enc" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("HMAC JWK key_ops without the usage is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct", k: "AQIDBA", key_ops: ["verify"] }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("HMAC JWK ext false with extractable is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct", k: "AQIDBA", ext: false }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("raw import of a JWK is TypeError", "TypeError", () => subtle.importKey("raw", { kty: "oct", k: "AQIDBA" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("jwk import of bytes is TypeError", "TypeError", () => subtle.importKey("jwk", new Uint8Array(4), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await rejectsName("HMAC spki import is NotSupportedError", "NotSupportedError", () => subtle.importKey("spki", new Uint8Array(4), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
await checkAsync("sign/verify usage and key checks", async () => {
  const verifyOnly = await subtle.importKey("raw", rep(1, 20), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const signOnly = await subtle.importKey("raw", rep(1, 20), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const aes = await subtle.importKey("raw", rep(1, 16), "AES-GCM", true, ["encrypt", "decrypt"]);
  await rejectsName("sign with a verify-only key is InvalidAccessError", "InvalidAccessError", () => subtle.sign("HMAC", verifyOnly, utf8("x")));
  await rejectsName("verify with a sign-only key is InvalidAccessError", "InvalidAccessError", () => subtle.verify("HMAC", signOnly, new Uint8Array(32), utf8("x")));
  await rejectsName("sign with an AES key is InvalidAccessError", "InvalidAccessError", () => subtle.sign("HMAC", aes, utf8("x")));
  await rejectsName("exportKey of a non-extractable key is InvalidAccessError", "InvalidAccessError", () => subtle.exportKey("raw", signOnly));
  await rejectsName("sign with a non-key is TypeError", "TypeError", () => subtle.sign("HMAC", {}, utf8("x")));
  await rejectsName("encrypt with an HMAC key is InvalidAccessError", "InvalidAccessError", () => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, signOnly, utf8("x")));
});

// ---------------------------------------------------------------------------
// HKDF (RFC 5869 test cases 1-3)
// ---------------------------------------------------------------------------
const hkdfVectors = [
  ["RFC 5869 TC1", rep(0x0b, 22), range(0x00, 0x0c), range(0xf0, 0xf9), 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"],
  ["RFC 5869 TC2", range(0x00, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82, "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"],
  ["RFC 5869 TC3", rep(0x0b, 22), new Uint8Array(0), new Uint8Array(0), 42, "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"],
];
for (const [name, ikm, salt, info, length, expected] of hkdfVectors) {
  await checkAsync(`HKDF deriveBits ${name}`, async () => {
    const key = await subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
    const bits = await subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, length * 8);
    eq(bits instanceof ArrayBuffer, true);
    eq(hex(bits), expected);
  });
}
await checkAsync("HKDF key attributes", async () => {
  const key = await subtle.importKey("raw", rep(1, 16), { name: "hkdf" }, false, ["deriveKey", "deriveBits"]);
  eq(key.type, "secret");
  eq(key.extractable, false);
  eq(JSON.stringify(key.algorithm), '{"name":"HKDF"}');
  eq(JSON.stringify(key.usages), '["deriveKey","deriveBits"]');
});
await checkAsync("HKDF deriveKey to HMAC matches deriveBits", async () => {
  const base = await subtle.importKey("raw", rep(0x0b, 22), "HKDF", false, ["deriveKey", "deriveBits"]);
  const params = { name: "HKDF", hash: "SHA-256", salt: range(0, 12), info: range(0xf0, 0xf9) };
  const key = await subtle.deriveKey(params, base, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  eq(key.algorithm.name, "HMAC");
  eq(key.algorithm.length, 512);
  const raw = await subtle.exportKey("raw", key);
  eq(hex(raw), hex(await subtle.deriveBits(params, base, 512)));
});
await checkAsync("HKDF deriveKey to AES-GCM", async () => {
  const base = await subtle.importKey("raw", rep(0x0b, 22), "HKDF", false, ["deriveKey"]);
  const key = await subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: range(0, 12), info: range(0xf0, 0xf9) }, base, { name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
  eq(JSON.stringify(key.algorithm), '{"name":"AES-GCM","length":256}');
  eq(hex(await subtle.exportKey("raw", key)), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
});
await rejectsName("HKDF import extractable is SyntaxError", "SyntaxError", () => subtle.importKey("raw", rep(1, 16), "HKDF", true, ["deriveBits"]));
await rejectsName("HKDF import with sign usage is SyntaxError", "SyntaxError", () => subtle.importKey("raw", rep(1, 16), "HKDF", false, ["sign"]));
await rejectsName("HKDF jwk import is NotSupportedError", "NotSupportedError", () => subtle.importKey("jwk", { kty: "oct", k: "AQID" }, "HKDF", false, ["deriveBits"]));
await checkAsync("HKDF error cases", async () => {
  const key = await subtle.importKey("raw", rep(1, 16), "HKDF", false, ["deriveBits"]);
  const p = { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new Uint8Array(0) };
  await rejectsName("HKDF length not a multiple of 8 is OperationError", "OperationError", () => subtle.deriveBits(p, key, 100));
  await rejectsName("HKDF null length is OperationError", "OperationError", () => subtle.deriveBits(p, key, null));
  await rejectsName("HKDF too long is OperationError", "OperationError", () => subtle.deriveBits(p, key, 255 * 256 + 8));
  await rejectsName("HKDF missing salt is TypeError", "TypeError", () => subtle.deriveBits({ name: "HKDF", hash: "SHA-256", info: new Uint8Array(0) }, key, 256));
  await rejectsName("HKDF deriveKey without deriveKey usage is InvalidAccessError", "InvalidAccessError", () => subtle.deriveKey(p, key, { name: "AES-GCM", length: 128 }, true, ["encrypt"]));
  await rejectsName("HKDF exportKey is NotSupportedError", "NotSupportedError", () => subtle.exportKey("raw", key));
  eq((await subtle.deriveBits(p, key, 255 * 256)).byteLength, 255 * 32);
});

// ---------------------------------------------------------------------------
// PBKDF2 (RFC 6070 for SHA-1, plus SHA-256)
// ---------------------------------------------------------------------------
const pbkdf2Vectors = [
  ["RFC 6070 c=1", "SHA-1", utf8("password"), utf8("salt"), 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6"],
  ["RFC 6070 c=2", "SHA-1", utf8("password"), utf8("salt"), 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"],
  ["RFC 6070 c=4096", "SHA-1", utf8("password"), utf8("salt"), 4096, 20, "4b007901b765489abead49d926f721d065a429c1"],
  ["RFC 6070 long", "SHA-1", utf8("passwordPASSWORDpassword"), utf8("saltSALTsaltSALTsaltSALTsaltSALTsalt"), 4096, 25, "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"],
  ["RFC 6070 NUL", "SHA-1", utf8("pass\0word"), utf8("sa\0lt"), 4096, 16, "56fa6aa75548099dcc37d7f03425e0c3"],
  ["SHA-256 c=1", "SHA-256", utf8("password"), utf8("salt"), 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"],
  ["SHA-256 c=4096", "SHA-256", utf8("password"), utf8("salt"), 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"],
];
for (const [name, hash, password, salt, iterations, length, expected] of pbkdf2Vectors) {
  await checkAsync(`PBKDF2 deriveBits ${name}`, async () => {
    const key = await subtle.importKey("raw", password, "PBKDF2", false, ["deriveBits"]);
    eq(hex(await subtle.deriveBits({ name: "PBKDF2", hash, salt, iterations }, key, length * 8)), expected);
  });
}
await checkAsync("PBKDF2 deriveKey to AES-GCM and HMAC", async () => {
  const base = await subtle.importKey("raw", utf8("password"), "PBKDF2", false, ["deriveKey"]);
  const p = { name: "PBKDF2", hash: "SHA-256", salt: utf8("salt"), iterations: 1 };
  const aes = await subtle.deriveKey(p, base, { name: "AES-GCM", length: 128 }, true, ["encrypt"]);
  eq(hex(await subtle.exportKey("raw", aes)), "120fb6cffcf8b32c43e7225256c4f837");
  const mac = await subtle.deriveKey(p, base, { name: "HMAC", hash: "SHA-1", length: 256 }, true, ["sign"]);
  eq(mac.algorithm.length, 256);
  eq(hex(await subtle.exportKey("raw", mac)), "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
});
await checkAsync("PBKDF2 error cases", async () => {
  const key = await subtle.importKey("raw", utf8("password"), "PBKDF2", false, ["deriveBits"]);
  await rejectsName("PBKDF2 zero iterations is OperationError", "OperationError", () => subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: utf8("s"), iterations: 0 }, key, 256));
  await rejectsName("PBKDF2 length not a multiple of 8 is OperationError", "OperationError", () => subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: utf8("s"), iterations: 1 }, key, 7));
  await rejectsName("PBKDF2 missing iterations is TypeError", "TypeError", () => subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: utf8("s") }, key, 256));
  await rejectsName("PBKDF2 deriveBits with HKDF params is InvalidAccessError", "InvalidAccessError", () => subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: utf8("s"), info: utf8("") }, key, 256));
  const dk = await subtle.importKey("raw", utf8("password"), "PBKDF2", false, ["deriveKey"]);
  await rejectsName("PBKDF2 deriveKey to AES-GCM 100 bits is OperationError", "OperationError", () => subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: utf8("s"), iterations: 1 }, dk, { name: "AES-GCM", length: 100 }, true, ["encrypt"]));
  await rejectsName("PBKDF2 deriveKey to HMAC with length 0 is TypeError", "TypeError", () => subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: utf8("s"), iterations: 1 }, dk, { name: "HMAC", hash: "SHA-256", length: 0 }, true, ["sign"]));
  await rejectsName("PBKDF2 deriveKey with empty usages is SyntaxError", "SyntaxError", () => subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: utf8("s"), iterations: 1 }, dk, { name: "AES-GCM", length: 128 }, true, []));
  await rejectsName("PBKDF2 deriveKey to PBKDF2 is OperationError (no key length)", "OperationError", () => subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: utf8("s"), iterations: 1 }, dk, "PBKDF2", false, ["deriveBits"]));
  await rejectsName("PBKDF2 import extractable is SyntaxError", "SyntaxError", () => subtle.importKey("raw", utf8("p"), "PBKDF2", true, ["deriveBits"]));
});

// ---------------------------------------------------------------------------
// AES-GCM (McGrew-Viega test cases 2-4)
// ---------------------------------------------------------------------------
const P3 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
const gcmVectors = [
  ["TC2", "00000000000000000000000000000000", "000000000000000000000000", "00000000000000000000000000000000", undefined, "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"],
  ["TC3", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", P3, undefined, "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985", "4d5c2af327cd64a62cf35abd2ba6fab4"],
  ["TC4", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", P3.slice(0, 120), "feedfacedeadbeeffeedfacedeadbeefabaddad2", "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091", "5bc94fbc3221a5db94fae95ae7121a47"],
];
for (const [name, k, iv, p, aad, c, t] of gcmVectors) {
  const params = (tagLength) => {
    const o = { name: "AES-GCM", iv: unhex(iv) };
    if (aad !== undefined) o.additionalData = unhex(aad);
    if (tagLength !== undefined) o.tagLength = tagLength;
    return o;
  };
  await checkAsync(`AES-GCM encrypt ${name}`, async () => {
    const key = await subtle.importKey("raw", unhex(k), "AES-GCM", false, ["encrypt"]);
    const out = await subtle.encrypt(params(), key, unhex(p));
    eq(out instanceof ArrayBuffer, true);
    eq(hex(out), c + t);
  });
  await checkAsync(`AES-GCM decrypt ${name}`, async () => {
    const key = await subtle.importKey("raw", unhex(k), { name: "aes-gcm" }, false, ["decrypt"]);
    eq(hex(await subtle.decrypt(params(128), key, unhex(c + t))), p);
  });
  for (const tagLength of [32, 64, 96, 104, 112, 120]) {
    await checkAsync(`AES-GCM ${name} tagLength ${tagLength}`, async () => {
      const key = await subtle.importKey("raw", unhex(k), "AES-GCM", false, ["encrypt", "decrypt"]);
      const truncated = c + t.slice(0, tagLength / 4);
      eq(hex(await subtle.encrypt(params(tagLength), key, unhex(p))), truncated);
      eq(hex(await subtle.decrypt(params(tagLength), key, unhex(truncated))), p);
      const bad = unhex(truncated); bad[bad.length - 1] ^= 0x80;
      await rejectsName(`AES-GCM ${name} tagLength ${tagLength} bad tag`, "OperationError", () => subtle.decrypt(params(tagLength), key, bad));
    });
  }
  await rejectsName(`AES-GCM decrypt ${name} bad tag is OperationError`, "OperationError", async () => {
    const key = await subtle.importKey("raw", unhex(k), "AES-GCM", false, ["decrypt"]);
    const bad = unhex(c + t); bad[bad.length - 1] ^= 1;
    return subtle.decrypt(params(), key, bad);
  });
  await rejectsName(`AES-GCM decrypt ${name} modified ciphertext is OperationError`, "OperationError", async () => {
    const key = await subtle.importKey("raw", unhex(k), "AES-GCM", false, ["decrypt"]);
    const bad = unhex(c + t); bad[0] ^= 1;
    return subtle.decrypt(params(), key, bad);
  });
}
await checkAsync("AES-GCM 16-byte iv", async () => {
  const key = await subtle.importKey("raw", unhex("feffe9928665731c6d6a8f9467308308"), "AES-GCM", false, ["encrypt", "decrypt"]);
  const iv = unhex("cafebabefacedbaddecaf888cafebabe");
  const out = await subtle.encrypt({ name: "AES-GCM", iv }, key, unhex("010203"));
  eq(hex(out), "96a3e9aee88748175ec1367d73be5379399a91");
  eq(hex(await subtle.decrypt({ name: "AES-GCM", iv }, key, out)), "010203");
});
for (const length of [128, 192, 256]) {
  await checkAsync(`AES-GCM ${length} generateKey round trip`, async () => {
    const key = await subtle.generateKey({ name: "AES-GCM", length }, true, ["decrypt", "encrypt", "wrapKey"]);
    eq(JSON.stringify(key.algorithm), `{"name":"AES-GCM","length":${length}}`);
    eq(JSON.stringify(key.usages), '["encrypt","decrypt","wrapKey"]');
    eq((await subtle.exportKey("raw", key)).byteLength, length / 8);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const aad = utf8("header");
    const msg = utf8("attack at dawn ".repeat(10));
    const ct = await subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad }, key, msg);
    eq(ct.byteLength, msg.length + 16);
    eq(new TextDecoder().decode(await subtle.decrypt({ name: "AES-GCM", iv, additionalData: aad }, key, ct)), "attack at dawn ".repeat(10));
    await rejectsName(`AES-GCM ${length} wrong aad`, "OperationError", () => subtle.decrypt({ name: "AES-GCM", iv, additionalData: utf8("x") }, key, ct));
    const jwk = await subtle.exportKey("jwk", key);
    eq(JSON.stringify(Object.keys(jwk).sort()), '["alg","ext","k","key_ops","kty"]');
    eq(jwk.alg, `A${length}GCM`);
    eq(jwk.kty, "oct");
    eq(jwk.ext, true);
    eq(JSON.stringify(jwk.key_ops), '["encrypt","decrypt","wrapKey"]');
    eq(/^[A-Za-z0-9_-]+$/.test(jwk.k), true);
    const back = await subtle.importKey("jwk", jwk, "AES-GCM", true, ["decrypt"]);
    eq(hex(await subtle.exportKey("raw", back)), hex(await subtle.exportKey("raw", key)));
    eq(new TextDecoder().decode(await subtle.decrypt({ name: "AES-GCM", iv, additionalData: aad }, back, ct)), "attack at dawn ".repeat(10));
  });
}
await checkAsync("AES-GCM empty plaintext", async () => {
  const key = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt", "decrypt"]);
  const ct = await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, new Uint8Array(0));
  eq(hex(ct), "58e2fccefa7e3061367f1d57a4e7455a");
  eq((await subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, ct)).byteLength, 0);
});
await rejectsName("AES-GCM generateKey length 100 is OperationError", "OperationError", () => subtle.generateKey({ name: "AES-GCM", length: 100 }, true, ["encrypt"]));
await rejectsName("AES-GCM generateKey without length is TypeError", "TypeError", () => subtle.generateKey({ name: "AES-GCM" }, true, ["encrypt"]));
await rejectsName("AES-GCM generateKey with sign usage is SyntaxError", "SyntaxError", () => subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["sign"]));
await rejectsName("AES-GCM generateKey with no usages is SyntaxError", "SyntaxError", () => subtle.generateKey({ name: "AES-GCM", length: 128 }, true, []));
await rejectsName("AES-GCM import 15 bytes is DataError", "DataError", () => subtle.importKey("raw", new Uint8Array(15), "AES-GCM", true, ["encrypt"]));
await rejectsName("AES-GCM import with verify usage is SyntaxError", "SyntaxError", () => subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["verify"]));
await rejectsName("AES-GCM JWK alg mismatch is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", alg: "A256GCM" }, "AES-GCM", true, ["encrypt"]));
await rejectsName("AES-GCM JWK wrong length is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAA" }, "AES-GCM", true, ["encrypt"]));
await rejectsName("AES-GCM JWK use sig is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", use: "sig" }, "AES-GCM", true, ["encrypt"]));
await checkAsync("AES-GCM parameter errors", async () => {
  const key = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt", "decrypt"]);
  const encOnly = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);
  await rejectsName("AES-GCM tagLength 100 is OperationError", "OperationError", () => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12), tagLength: 100 }, key, new Uint8Array(1)));
  await rejectsName("AES-GCM decrypt tagLength 100 is OperationError", "OperationError", () => subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12), tagLength: 100 }, key, new Uint8Array(32)));
  await rejectsName("AES-GCM tagLength 256 is TypeError (octet EnforceRange)", "TypeError", () => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12), tagLength: 256 }, key, new Uint8Array(1)));
  await rejectsName("AES-GCM missing iv is TypeError", "TypeError", () => subtle.encrypt({ name: "AES-GCM" }, key, new Uint8Array(1)));
  await rejectsName("AES-GCM decrypt shorter than tag is OperationError", "OperationError", () => subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, new Uint8Array(15)));
  await rejectsName("AES-GCM decrypt with encrypt-only key is InvalidAccessError", "InvalidAccessError", () => subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, encOnly, new Uint8Array(16)));
  await rejectsName("AES-CBC encrypt with an AES-GCM key is InvalidAccessError", "InvalidAccessError", () => subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, key, new Uint8Array(1)));
  await rejectsName("AES-XTS encrypt is NotSupportedError", "NotSupportedError", () => subtle.encrypt({ name: "AES-XTS", iv: new Uint8Array(16) }, key, new Uint8Array(1)));
  await rejectsName("AES-GCM data not a BufferSource is TypeError", "TypeError", () => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, "text"));
});
await checkAsync("key bytes are copied on import", async () => {
  const bytes = new Uint8Array(16);
  const key = await subtle.importKey("raw", bytes, "AES-GCM", true, ["encrypt"]);
  bytes[0] = 1;
  eq(hex(await subtle.exportKey("raw", key)), "00000000000000000000000000000000");
  const raw = await subtle.exportKey("raw", key);
  new Uint8Array(raw)[1] = 1;
  eq(hex(await subtle.exportKey("raw", key)), "00000000000000000000000000000000");
});
await checkAsync("apps patching built-ins do not break subtle", async () => {
  const push = Array.prototype.push;
  const then = Promise.prototype.then;
  Array.prototype.push = () => { throw new Error("patched push"); };
  let key;
  try {
    key = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt", "decrypt"]);
    await subtle.exportKey("jwk", key);
  } finally {
    Array.prototype.push = push;
  }
  eq(JSON.stringify(key.usages), '["encrypt","decrypt"]');
  eq(Promise.prototype.then, then);
});

console.log(`${passed} passed, ${failed} failed`);
