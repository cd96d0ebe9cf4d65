// Conformance checks for CryptoKey and SubtleCrypto (HMAC, HKDF, PBKDF2,
// AES-GCM, AES-CBC, AES-CTR, AES-KW, ECDSA, ECDH, Ed25519, X25519,
// RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP, wrapKey/unwrapKey) with known-answer
// vectors (RFC 4231, RFC 5869, RFC 6070, the McGrew-Viega GCM test cases,
// NIST SP 800-38A, RFC 3394, RFC 8032, RFC 7748, RFC 7517), cross-checks with
// Node's webcrypto and the WebCrypto error cases. Prints
// `ok <name>` or `not ok <name>: <reason>` for each case and a final
// `N passed, M failed`.
let passed = 0;
let failed = 0;
function fail(name, reason) {
  failed++;
  console.log(`not ok ${name}: ${reason}`);
}
function pass(name) {
  passed++;
  console.log(`ok ${name}`);
}
function check(name, fn) {
  try {
    const r = fn();
    if (r === true || r === undefined) pass(name);
    else fail(name, `got ${String(r)}`);
  } catch (e) {
    fail(name, `threw ${e && e.name}: ${e && e.message}`);
  }
}
async function checkAsync(name, fn) {
  try {
    const r = await fn();
    if (r === true || r === undefined) pass(name);
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
    else pass(name);
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

// Vectors made ahead of time with Node 20's crypto.webcrypto.subtle (the
// generator is described in docs/CONFORMANCE.md): keys, signatures,
// ciphertexts and derived bits that NANO must accept or reproduce.
const node = {
 "ecdsa_P-256": {
  "hash": "SHA-256",
  "spki": "3059301306072a8648ce3d020106082a8648ce3d03010703420004c3aa5961a03de0c3a5619a9fbb98f31a36a6c78a52fe8c3f8ed972ea556b36ba244db92e5b0bc809ab573a100fce1c7b43881e56e788b3460e72adb1a4d3b2e1",
  "pkcs8": "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b02010104209ab1b7a8687c0994d7ffb2de8835b91edbdf037f402de67990d061ad82c69c5ca14403420004c3aa5961a03de0c3a5619a9fbb98f31a36a6c78a52fe8c3f8ed972ea556b36ba244db92e5b0bc809ab573a100fce1c7b43881e56e788b3460e72adb1a4d3b2e1",
  "sig": "151d0fd48d676853d248b032ba0ce95c1f736a4c5969d5da11544dc90e0855b50c1d29ddf7306f081f3c2270ed634dcb38543a9252ff20261e5c12986f1041bc",
  "jwk": {
   "key_ops": [
    "sign"
   ],
   "ext": true,
   "kty": "EC",
   "x": "w6pZYaA94MOlYZqfu5jzGjamx4pS_ow_jtly6lVrNro",
   "y": "JE25LlsLyAmrVzoQD84ce0OIHlbniLNGDnKtsaTTsuE",
   "crv": "P-256",
   "d": "mrG3qGh8CZTX_7LeiDW5HtvfA39ALeZ5kNBhrYLGnFw"
  }
 },
 "ecdsa_P-384": {
  "hash": "SHA-384",
  "spki": "3076301006072a8648ce3d020106052b81040022036200046399994d9d8af661150792eaabb19611ff14644c0a1d58cecf21577a2c5f5c570899ac4d4b57ebd848ba480a18f9dc1df56ec5ae750f758d40c98fc5d89caa25450a41069de6ad24025d20e58f961b8bca25711d7f825cdb5bb29adec4da815d",
  "pkcs8": "3081b6020100301006072a8648ce3d020106052b8104002204819e30819b02010104307ddca6f58ce1bf8530d447d796e7a5b06b742d98a3c3956f3041ca0e5cfcd35fbe3b78afd68381e204821127307ecf33a164036200046399994d9d8af661150792eaabb19611ff14644c0a1d58cecf21577a2c5f5c570899ac4d4b57ebd848ba480a18f9dc1df56ec5ae750f758d40c98fc5d89caa25450a41069de6ad24025d20e58f961b8bca25711d7f825cdb5bb29adec4da815d",
  "sig": "8c86afcfa6912f8506a6315516fe62b9fe666dbba9af1c6b1cdb95be6ece4c58626b2f7a8dcffb5f259b966eebc76cb7cfe134b1c71038be120faf41b56c94c8d9bb4fae2ddb9837ee5ff21d5870df9d0540932524f44c313fb20710ce73cb62",
  "jwk": {
   "key_ops": [
    "sign"
   ],
   "ext": true,
   "kty": "EC",
   "x": "Y5mZTZ2K9mEVB5Lqq7GWEf8UZEwKHVjOzyFXeixfXFcImaxNS1fr2Ei6SAoY-dwd",
   "y": "9W7FrnUPdY1AyY_F2JyqJUUKQQad5q0kAl0g5Y-WG4vKJXEdf4Jc21uymt7E2oFd",
   "crv": "P-384",
   "d": "fdym9Yzhv4Uw1EfXluelsGt0LZijw5VvMEHKDlz801--O3iv1oOB4gSCEScwfs8z"
  }
 },
 "ecdsa_P-521": {
  "hash": "SHA-512",
  "spki": "30819b301006072a8648ce3d020106052b81040023038186000401ec01a6804da65a87e2b029c4f976c34494009c06e9088095fa987ea715cad8d32852ec70a253ed6b6624efc38688cd98635b8b3f4538650d0da7e88f7278552bfb01031249c67c66ef3b9f45d7b1878aabd15afe30e9732738521395bdaffb450a043c8fc15f22d39c79cbe37fc569bffcac8dea55c0a6ba865d3b15836ab756cdf27c",
  "pkcs8": "3081ee020100301006072a8648ce3d020106052b810400230481d63081d30201010442003466aaa897f23317986bacbc1cf95b36d957eaeb8d38141141db7af656a60bbd2674609845e67784bd9cdd9188c868a429f484a4df072c9446d1a2694b8dd84d91a18189038186000401ec01a6804da65a87e2b029c4f976c34494009c06e9088095fa987ea715cad8d32852ec70a253ed6b6624efc38688cd98635b8b3f4538650d0da7e88f7278552bfb01031249c67c66ef3b9f45d7b1878aabd15afe30e9732738521395bdaffb450a043c8fc15f22d39c79cbe37fc569bffcac8dea55c0a6ba865d3b15836ab756cdf27c",
  "sig": "01f805cfa1684c01bc2e7d0d5bd2eaa596529583485642625f6d827823a770ba19bf38b126fd4cf4d71386f8eaba89a0e8a8931f89c3b003564d779b31e2dbd6b596019e59a91d017b8bc0732bd2bcedc04a08984ccc419c568ba5bc98956568790a05f9e5dc3f7b22ab22b0f82fcb5e1b344cf8f41bd48973d89cef5150a41895b6f779",
  "jwk": {
   "key_ops": [
    "sign"
   ],
   "ext": true,
   "kty": "EC",
   "x": "AewBpoBNplqH4rApxPl2w0SUAJwG6QiAlfqYfqcVytjTKFLscKJT7WtmJO_DhojNmGNbiz9FOGUNDafoj3J4VSv7",
   "y": "AQMSScZ8Zu87n0XXsYeKq9Fa_jDpcyc4UhOVva_7RQoEPI_BXyLTnHnL43_Fab_8rI3qVcCmuoZdOxWDardWzfJ8",
   "crv": "P-521",
   "d": "ADRmqqiX8jMXmGusvBz5WzbZV-rrjTgUEUHbevZWpgu9JnRgmEXmd4S9nN2RiMhopCn0hKTfByyURtGiaUuN2E2R"
  }
 },
 "ed25519": {
  "spki": "302a300506032b6570032100d8046f7e6afa5c41240ee28b886c7681a1f08da68d297105ecdc072025c0ada0",
  "pkcs8": "302e020100300506032b65700422042053f087d44c43750bfc359a4e1b5395bd94cd89e24bc22ae232d375438f56919b",
  "sig": "9f12d9fd22f1fac31805f8e6ab1b384b166c4cc997fc75beb8841d147fd3bd9317cd4e58e22e039b6a33cf31e58968d91f51d6b6553edc6ea4b89dcffbbc3c05",
  "jwk": {
   "key_ops": [
    "sign"
   ],
   "ext": true,
   "crv": "Ed25519",
   "d": "U_CH1ExDdQv8NZpOG1OVvZTNieJLwiriMtN1Q49WkZs",
   "x": "2ARvfmr6XEEkDuKLiGx2gaHwjaaNKXEF7NwHICXAraA",
   "kty": "OKP",
   "alg": "Ed25519"
  }
 },
 "ecdh_P-256": {
  "pkcs8": "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b02010104207f818083fb596b96e377b47d5d25b510355ca2cd824e80f1c03d9e54adf3bdada14403420004f376a3b9fbce4f8e3bedc792efc6d3a96bf04dae75c3e0b692834bfcc7b276e992f0ed4185e339ca26fd422206358b8f5e413f6a8c3342f2111c8273c2e2b916",
  "peerRaw": "046fae80a184a39fc2832ea5a7db74e958e233d9c3b83bdf0fa1afe885dff21a7dae25f14badc86cefd19855161c1f84c6b9b5d60383cfb9b30cef73186c5e4723",
  "bits": "fe5a03c07d7f8f3ce5fb85631d18fd466551581cfcb577aa3b7bf8d588439a02"
 },
 "ecdh_P-384": {
  "pkcs8": "3081b6020100301006072a8648ce3d020106052b8104002204819e30819b020101043049d3eae05c6fd6e023650e06c3edf606194287b686b1ebeb85085d87f21fe544faa21797b69c8668003ca7f3cf602b64a1640362000412e35dbf5737f865ab5818c1cc6abb00d5485788f4c36b6d630ebe4efc73c3d54bd1301addcca03c2738e33b0db4f2a54765604dc9dae6b9a5c85115151734188105a05e5a1af3883034e5da085e77af20120f4042cb7c9259a1683ae1cb781e",
  "peerRaw": "04aea553d1be4ef78bd2f36eec4f95698fea210a03db71a9169f9bd8a3b4e67fc247158f21b29cc0ff3301ab055d44c1a7e4b90472ce5edc06d21a4eac64dc60446b374aa359ce787cc93f0e5362253ba8030e78402139d85ee6364a85230ba2e6",
  "bits": "6c33aee19cb22ecc145f876c7f33a3eac26b6026efdb61df4982a9e5fe4b35819e60abe6481424b0cf91001a7b15a43d"
 },
 "x25519": {
  "pkcs8": "302e020100300506032b656e04220420b8411187a4b08463c1dc18752b8dc81ddcf039bd44c57f2f6cbe266204a2d165",
  "peerSpki": "302a300506032b656e0321000bec3eb3137079aa531382a73e37f9364857a4a0ec3f77c1893e561e1c67df66",
  "bits": "bee9564f33a9e3ed971d5d13ae00ba646d511ebea4995566500a94c788f70a28"
 },
 "rsa": {
  "spki": "30820122300d06092a864886f70d01010105000382010f003082010a0282010100d3c35d333286318d4381ebefb411cd332abdfb481d017f60710b3d27d6b047065cc35594e45be4b88489810c73c90a83f818e4ba7b79497299fb7386224cc6543cdf85c979b11fe12011ef21f94b0a59940ce6b0e04ccedfbc4c46aaadc273738dacaed4448f4ed566347347366ddc44d826d503b955831ddccb1298a3e860ef5678c0e602ec780710ad8c2416a7767a448e6d232f7779897a4e9f3257fbd3918ffd56ea929a28fbb5b75639ff9ccdfab995a245c20ae6606c65596988ad35b33be20680223548e848b702bae046568df0279dd280e968570c6deedc38771c151062f685818b8c8482efd39442b64c33cf23f66f26fc3a7b239273ff6c35be6f0203010001",
  "pkcs8": "308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100d3c35d333286318d4381ebefb411cd332abdfb481d017f60710b3d27d6b047065cc35594e45be4b88489810c73c90a83f818e4ba7b79497299fb7386224cc6543cdf85c979b11fe12011ef21f94b0a59940ce6b0e04ccedfbc4c46aaadc273738dacaed4448f4ed566347347366ddc44d826d503b955831ddccb1298a3e860ef5678c0e602ec780710ad8c2416a7767a448e6d232f7779897a4e9f3257fbd3918ffd56ea929a28fbb5b75639ff9ccdfab995a245c20ae6606c65596988ad35b33be20680223548e848b702bae046568df0279dd280e968570c6deedc38771c151062f685818b8c8482efd39442b64c33cf23f66f26fc3a7b239273ff6c35be6f0203010001028201003642f429bf438584f60c5f817f79a443fd2acb2db24904f39863d1dad87738ebd76f3209c1ee0e107ddda214a7c2971033cd6526a7a6ef7c0f1ad082495db4e036eceba231ad8246b46a0405879483e56a3b580d709c1dd254b492d2ff4d393a1dce66c9fb7b612eeb4e7b4f7f11ed843282d8c8688011e5e002a51439c3bcba7fef65c03a6da04d2fe97d4889cba4351b2199b048e21d464e1ed6b5e3f3be3580f0889f7cf9fe0cce9577ea121e3ec606271c19d6be4f56b0bc1044afca58accf4d42cfa13972cf4764b2b38a632657a3ac2dbffe20df1e3ef6bfbd40870d3ca8bc9da32ae24c8620aaba99067c815d238d9e5f3d98fb0abbb790b52950799902818100ec01ed514beb03af007677282247bbc344d3fe36fb1aace14340913bba62f55cf94aa9eac827da095065c870d863ec4aa96dc35d03aa0b2ca20a44485e8d84766bfda62b375958e98b1894f24bcec017ca4cb042ad94200fc37b5f5bd4e9a92483795607a0ad2e41aefe01a9f32f163babc4daf86830c23b5a478c9cb7b5931d02818100e5b3abff2dea227423ee60d32cab4013bdb19c0861ff8fdeff6146cc7c2fd8b6b2a00dc15ef35a2b7a0047321c591c294da6599ccc57099f24070265ded0d361fa780076071f03350db6aa838570da93b0fe78b9cb9b347192614cfd6f5cc305ec6e1c5745815ef0c785c74f133e583a9ed7095720f736275298435051e7b5fb02818100cfa9ba69e845388e89f7b34d4b2c9758707da0983c46f28b9ba37aa7758f919a67787d1eab53f594707bbeed1c5a80160a131cee01456463b789152020a2a1459a2c2c44a68525a909cd6d71eda6547c1a73743c978358dac6050e993d3504b1ae45db9f06909bbd0bff50f37b9999149445b8ef0eaea899950c93fb69e2893902818034643ac2c55235f18f907b7d2f1f104a7065e654f3253b477db04e59ada9ac205fb5a9ed851eb45e5e4159fbd003732ce88d1cbb6ad01f5db0f5f8520bf44d8277828f785c3f7297d33ceabf7cdc34bea30c27b518ff99829e049b6ee2cba19fe441692d6ea907629bdfa38a21b582a23c4087dcdba4073208e0b9d9c414b9a90281800e7d1e3062f6dc17b2f5596010f1b20be0ebdc44c5c18c32c322961dfcd4a26616c7f9943e4f53859359725e78832941eb9390c609249fb5e35c5c0f1abda0ecfc4cec66d4e911f05913514c699802e9a26230a0322b9a8addc5ddfa171dde78e29f6b4ba50c3a1630123dfb7cd72f4eba0d21d44b93218852ebf5e7b88cbcb0",
  "jwk": {
   "key_ops": [
    "sign"
   ],
   "ext": true,
   "kty": "RSA",
   "n": "08NdMzKGMY1DgevvtBHNMyq9-0gdAX9gcQs9J9awRwZcw1WU5FvkuISJgQxzyQqD-Bjkunt5SXKZ-3OGIkzGVDzfhcl5sR_hIBHvIflLClmUDOaw4EzO37xMRqqtwnNzjayu1ESPTtVmNHNHNm3cRNgm1QO5VYMd3MsSmKPoYO9WeMDmAux4BxCtjCQWp3Z6RI5tIy93eYl6Tp8yV_vTkY_9VuqSmij7tbdWOf-czfq5laJFwgrmYGxlWWmIrTWzO-IGgCI1SOhItwK64EZWjfAnndKA6WhXDG3u3Dh3HBUQYvaFgYuMhILv05RCtkwzzyP2byb8OnsjknP_bDW-bw",
   "e": "AQAB",
   "d": "NkL0Kb9DhYT2DF-Bf3mkQ_0qyy2ySQTzmGPR2th3OOvXbzIJwe4OEH3dohSnwpcQM81lJqem73wPGtCCSV204Dbs66IxrYJGtGoEBYeUg-VqO1gNcJwd0lS0ktL_TTk6Hc5myft7YS7rTntPfxHthDKC2MhogBHl4AKlFDnDvLp_72XAOm2gTS_pfUiJy6Q1GyGZsEjiHUZOHta14_O-NYDwiJ98-f4MzpV36hIePsYGJxwZ1r5PVrC8EESvylisz01Cz6E5cs9HZLKzimMmV6OsLb_-IN8ePva_vUCHDTyovJ2jKuJMhiCqupkGfIFdI42eXz2Y-wq7t5C1KVB5mQ",
   "p": "7AHtUUvrA68AdncoIke7w0TT_jb7GqzhQ0CRO7pi9Vz5SqnqyCfaCVBlyHDYY-xKqW3DXQOqCyyiCkRIXo2Edmv9pis3WVjpixiU8kvOwBfKTLBCrZQgD8N7X1vU6akkg3lWB6CtLkGu_gGp8y8WO6vE2vhoMMI7WkeMnLe1kx0",
   "q": "5bOr_y3qInQj7mDTLKtAE72xnAhh_4_e_2FGzHwv2LayoA3BXvNaK3oARzIcWRwpTaZZnMxXCZ8kBwJl3tDTYfp4AHYHHwM1Dbaqg4Vw2pOw_ni5y5s0cZJhTP1vXMMF7G4cV0WBXvDHhcdPEz5YOp7XCVcg9zYnUphDUFHntfs",
   "dp": "z6m6aehFOI6J97NNSyyXWHB9oJg8RvKLm6N6p3WPkZpneH0eq1P1lHB7vu0cWoAWChMc7gFFZGO3iRUgIKKhRZosLESmhSWpCc1tce2mVHwac3Q8l4NY2sYFDpk9NQSxrkXbnwaQm70L_1Dze5mZFJRFuO8OrqiZlQyT-2niiTk",
   "dq": "NGQ6wsVSNfGPkHt9Lx8QSnBl5lTzJTtHfbBOWa2prCBftanthR60Xl5BWfvQA3Ms6I0cu2rQH12w9fhSC_RNgneCj3hcP3KX0zzqv3zcNL6jDCe1GP-Zgp4Em27iy6Gf5EFpLW6pB2Kb36OKIbWCojxAh9zbpAcyCOC52cQUuak",
   "qi": "Dn0eMGL23Bey9VlgEPGyC-Dr3ETFwYwywyKWHfzUomYWx_mUPk9ThZNZcl54gylB65OQxgkkn7XjXFwPGr2g7PxM7GbU6RHwWRNRTGmYAumiYjCgMiuait3F3foXHd544p9rS6UMOhYwEj37fNcvTroNIdRLkyGIUuv157iMvLA",
   "alg": "RS256"
  },
  "pkcs1sig": "0e9142db51226cd91b33823f0dbab6f99c30a88259f0ab6aaa9540a291b0e18daeff5427217e5b2438159bca2de74d43acfbe92953f1a396efa35e4b04c52b9a48c2d59616103a7bc4d81e6c1545e23bd714a31c4ce76e56c9b7edb2cfa0d643bd782d5998626be71a9a8d0c12e2179de7fc659044da6a67484e740e6080e1aaed1daae129eac84ec37e7b9eabad8b0423404a0f068863d1e05ded6e159835a5b1a2e3d89bab2595872cc916360e6384ca61eaa5e0581861f12f867b445eaef5cacb99ef299be0935a2ba21055382f0779e3f32c82ba01c9a0040096f36b88c528611261e43049233b7899315c123a569204e10583c94398a10cc41865176905",
  "psssig": "ae2be3ce3b639d52af0fb47aa77fa3ea64a3c1f44565871c2c62cc6822d8e7fd5b9dad123b162603af63a8f94d56ad5e07836ba90f8302ec677c6d9c0977b8c34cfe82f89058912ce8f008753d0979b0bd373e2b2498ce029eabec8ebc0d2598138b69d830ff3031eefa1dba26e6ba17e8cbf40a999e514261f28db17a1811420c0bbd77a23748ee9859ed7a21d0e598d7ae90d50dea6f7a28f67e9f987ba45eb168f24c5f6b06e17f204fdd56daeecb03e65391122d35e2227f1c43490c30acbc84d536cd6defe5fdd219c761560961f514489c96d2c92e608514f475ac506bbac661214ff59cf3b3e90956eea7d1b9ec5715adf683da0903d4c09fed77ce0d",
  "pss384sig": "316e755591abe2dda45266765308221e1a6384ea8cb4ab426922f27c3c456d6eca6a4f43b67d9dd6fe48065cf440333b9bbc509a5b2080e2fb765eff1e76609b4aae0ee5841854938374abd4c119ffdc598d109bbd1691a2d5ea9eab7bdb0b2cbee6cb6fba522aeb569c5e3f7399aa8ced6cce24a60ce63e63708e937b84b8a7d7eabdd670aceb50874ca66f116b7f2ecda727032663935dba0236f6408ce1f391e8c150e1749321ef816fec015ed2f262d85d01b121be068124cff419da750552646b5063c8927a9a564a57f994ff108a41d3caa18445377bb09f422287ba94b4f8bafb3c8c5ca8405fdaeb4bd81d01cd19ae6611d4ce62fbf0f63077617a78",
  "oaep256": "b9de89b76e748dfe897b44abd803f2954a2bff59aa43c280d112156f5424271f646b3f5ee171a099c0089a8f186f6e1c51c331678e3529f948eb68d7ea8b9b8c716a8ab0d76f46b2c742a7c1cbf8a0c32b1b2a6fc7bef23a879e9d5464480ef39318445a2e9468b222173a51c16224b7339804a19dd66988637d11e8f32a0b07d65b75b73a135977cadefa31892a6d81068a7c5c88a0c7dbb1550bb894245cc0df91763446b57e62b751c84921d7f3cce8085274f1251dd747221a7e6d9f31b1b60c75577a0f3c7e98c1b4843e1f5a5792c0101404218d33c0fbcaf6ab05922538cf6b0d9b79d73ff5e1ceb8a93b3233f55f2c10f04e691947ec76c3da591857",
  "oaep1": "9b739380b68122f1f30bc64486711c4eac7b912a06940f9ce88d940b3883d8ba527f41977a4438d123b81ca69a229d5681a87640deb717b8a772c3db57666ceb8dbfc40c90b4f0d6c794eb7ea6575c600eea31f4dfb0d31f687f86fe2ee1b8aeadd56ecc6153ab0a4ea0412298f11bffa7666900a03fbc983c363bf6421cff783fb0c56d0eea0d7f05a5094498af3455e88adfa5fea2826f30819a8c86cbd445a065dcd1694180694584bf9aaf0bf5b4282fc23c04983fdb9c872ecc8536b4b1d783e3245637d5867ce056c499179601dac705852770f54f8e7da7a8eb0d8745f54b05dbebf1bfed91250dcc27cd63455d1fc14bb795fc4a2e9da37f8d9bac4b"
 },
 "aeskw": "47a5101bea68c9c05043f5a072c451e716238c41c427e30d0e315c277c2e4cd7",
 "gcmwrapjwk": "32f4ec36e0c4c9fc90ab403342f2d9fad78f7602160fba4c7267422ce9d2d0745b17cffd300eb4d3f1307df0ad4beb9ddac0dce02942d3171a304694f27ca12cae10cf2737deeeb888b867a2f7154c519b1e0d78aa4c1ad39c9078e1d34d31649728ad3f0af3053009b4af129277dc69"
};

// ===========================================================================
// AES-CBC, AES-CTR, AES-KW, wrapKey / unwrapKey, ECDSA, ECDH, Ed25519,
// X25519, RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP. Known answers from NIST SP
// 800-38A, RFC 3394, RFC 8032, RFC 7748 and RFC 7517; cross-checks against
// vectors made ahead of time by Node 20's webcrypto (the `node` constant).
// ===========================================================================
const b64u = (bytes) => {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let out = "", i = 0;
  for (; i + 2 < bytes.length; i += 3) { const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]; out += chars[v >> 18] + chars[(v >> 12) & 63] + chars[(v >> 6) & 63] + chars[v & 63]; }
  if (bytes.length - i === 1) { const v = bytes[i] << 16; out += chars[v >> 18] + chars[(v >> 12) & 63]; }
  else if (bytes.length - i === 2) { const v = (bytes[i] << 16) | (bytes[i + 1] << 8); out += chars[v >> 18] + chars[(v >> 12) & 63] + chars[(v >> 6) & 63]; }
  return out;
};
const msg = utf8("NANO cross-check message");
const flip = (bytes, i) => { const c = new Uint8Array(bytes); c[i < 0 ? c.length + i : i] ^= 1; return c; };

// --- AES-CBC (NIST SP 800-38A F.2.1 / F.2.2) --------------------------------
const nistKey = unhex("2b7e151628aed2a6abf7158809cf4f3c");
const nistPlain = unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
const cbcIv = unhex("000102030405060708090a0b0c0d0e0f");
const cbcExpected = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7" + "8cb82807230e1321d3fae00d18cc2012";
await checkAsync("AES-CBC SP 800-38A F.2.1 encrypt (plus the PKCS #7 block)", async () => {
  const key = await subtle.importKey("raw", nistKey, "AES-CBC", false, ["encrypt"]);
  eq(hex(await subtle.encrypt({ name: "AES-CBC", iv: cbcIv }, key, nistPlain)), cbcExpected);
});
await checkAsync("AES-CBC SP 800-38A F.2.2 decrypt", async () => {
  const key = await subtle.importKey("raw", nistKey, "AES-CBC", false, ["decrypt"]);
  eq(hex(await subtle.decrypt({ name: "AES-CBC", iv: cbcIv }, key, unhex(cbcExpected))), hex(nistPlain));
});
await checkAsync("AES-CBC 256 round trip of odd lengths", async () => {
  const key = await subtle.generateKey({ name: "AES-CBC", length: 256 }, true, ["encrypt", "decrypt"]);
  for (const n of [0, 1, 15, 16, 17, 100]) {
    const pt = range(0, n).subarray(0, n);
    const ct = await subtle.encrypt({ name: "AES-CBC", iv: cbcIv }, key, pt);
    eq(ct.byteLength, (Math.floor(n / 16) + 1) * 16);
    eq(hex(await subtle.decrypt({ name: "AES-CBC", iv: cbcIv }, key, ct)), hex(pt));
  }
  const jwk = await subtle.exportKey("jwk", key);
  eq(jwk.alg, "A256CBC");
  eq(Object.keys(jwk).join(), "alg,ext,k,key_ops,kty");
});
await checkAsync("AES-CBC errors", async () => {
  const key = await subtle.importKey("raw", nistKey, "AES-CBC", false, ["encrypt", "decrypt"]);
  await rejectsName("AES-CBC iv of 12 bytes is OperationError", "OperationError", () => subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(12) }, key, nistPlain));
  await rejectsName("AES-CBC missing iv is TypeError", "TypeError", () => subtle.encrypt({ name: "AES-CBC" }, key, nistPlain));
  await rejectsName("AES-CBC bad padding is OperationError", "OperationError", () => subtle.decrypt({ name: "AES-CBC", iv: cbcIv }, key, flip(unhex(cbcExpected), -17)));
  await rejectsName("AES-CBC ciphertext not whole blocks is OperationError", "OperationError", () => subtle.decrypt({ name: "AES-CBC", iv: cbcIv }, key, new Uint8Array(17)));
  await rejectsName("AES-CBC empty ciphertext is OperationError", "OperationError", () => subtle.decrypt({ name: "AES-CBC", iv: cbcIv }, key, new Uint8Array(0)));
  await rejectsName("AES-CBC key used with AES-GCM is InvalidAccessError", "InvalidAccessError", () => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, nistPlain));
});
await rejectsName("AES-CBC JWK alg A128GCM is DataError", "DataError", () => subtle.importKey("jwk", { kty: "oct", k: b64u(nistKey), alg: "A128GCM" }, "AES-CBC", true, ["encrypt"]));

// --- AES-CTR (SP 800-38A F.5.1, and the counter-length wrap from Node) -------
const ctrCounter = unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
await checkAsync("AES-CTR SP 800-38A F.5.1 encrypt", async () => {
  const key = await subtle.importKey("raw", nistKey, "AES-CTR", false, ["encrypt", "decrypt"]);
  const ct = await subtle.encrypt({ name: "AES-CTR", counter: ctrCounter, length: 64 }, key, nistPlain);
  eq(hex(ct), "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
  eq(hex(await subtle.decrypt({ name: "AES-CTR", counter: ctrCounter, length: 64 }, key, ct)), hex(nistPlain));
});
await checkAsync("AES-CTR counter wraps in its rightmost 8 bits (Node)", async () => {
  const key = await subtle.importKey("raw", nistKey, "AES-CTR", false, ["encrypt"]);
  eq(hex(await subtle.encrypt({ name: "AES-CTR", counter: unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfefe"), length: 8 }, key, nistPlain)),
    "0345ac85712f5e88d0f9931b59320a2242a155248663d02c6c6579d9af312fb57dc0f32078309c159f2ba28307da7718e36b61480e229756d563fa216bc7148b");
});
await checkAsync("AES-CTR counter wraps in its rightmost bit (Node)", async () => {
  const key = await subtle.importKey("raw", nistKey, "AES-CTR", false, ["encrypt"]);
  eq(hex(await subtle.encrypt({ name: "AES-CTR", counter: rep(0xff, 16), length: 1 }, key, new Uint8Array(32))),
    "8af2860142f786f409307c1a3f7eaaacd1b714b6fbf5fff1289aee2a4c4eeda3");
});
await checkAsync("AES-CTR errors", async () => {
  const key = await subtle.importKey("raw", nistKey, "AES-CTR", false, ["encrypt"]);
  await rejectsName("AES-CTR length 0 is OperationError", "OperationError", () => subtle.encrypt({ name: "AES-CTR", counter: ctrCounter, length: 0 }, key, nistPlain));
  await rejectsName("AES-CTR length 129 is OperationError", "OperationError", () => subtle.encrypt({ name: "AES-CTR", counter: ctrCounter, length: 129 }, key, nistPlain));
  await rejectsName("AES-CTR length 256 is TypeError (octet)", "TypeError", () => subtle.encrypt({ name: "AES-CTR", counter: ctrCounter, length: 256 }, key, nistPlain));
  await rejectsName("AES-CTR counter of 12 bytes is OperationError", "OperationError", () => subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(12), length: 32 }, key, nistPlain));
  await rejectsName("AES-CTR data longer than 2^length blocks is OperationError", "OperationError", () => subtle.encrypt({ name: "AES-CTR", counter: ctrCounter, length: 1 }, key, new Uint8Array(33)));
  await rejectsName("AES-CTR missing length is TypeError", "TypeError", () => subtle.encrypt({ name: "AES-CTR", counter: ctrCounter }, key, nistPlain));
});

// --- AES-KW (RFC 3394 4.1 and 4.6) and key wrapping ---------------------------
await checkAsync("AES-KW RFC 3394 4.1 (128-bit key, 128-bit KEK)", async () => {
  const kek = await subtle.importKey("raw", range(0, 15), "AES-KW", false, ["wrapKey", "unwrapKey"]);
  const key = await subtle.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-GCM", true, ["encrypt"]);
  const wrapped = await subtle.wrapKey("raw", key, kek, "AES-KW");
  eq(hex(wrapped), "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
  const back = await subtle.unwrapKey("raw", wrapped, kek, "AES-KW", "AES-GCM", true, ["decrypt"]);
  eq(hex(await subtle.exportKey("raw", back)), "00112233445566778899aabbccddeeff");
  eq(back.usages.join(), "decrypt");
});
await checkAsync("AES-KW RFC 3394 4.6 (256-bit key, 256-bit KEK)", async () => {
  const kek = await subtle.importKey("raw", range(0, 31), "AES-KW", false, ["wrapKey"]);
  const key = await subtle.importKey("raw", unhex("00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f"), "AES-CBC", true, ["encrypt"]);
  eq(hex(await subtle.wrapKey("raw", key, kek, { name: "AES-KW" })), "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21");
});
await checkAsync("AES-KW unwraps a key Node wrapped", async () => {
  const kek = await subtle.importKey("raw", range(0, 15), "AES-KW", false, ["unwrapKey"]);
  const key = await subtle.unwrapKey("raw", unhex(node.aeskw), kek, "AES-KW", { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  eq(hex(await subtle.exportKey("raw", key)), "00112233445566778899aabbccddeeff0011223344556677");
  eq(key.algorithm.length, 192);
});
await checkAsync("AES-GCM unwraps a JWK Node wrapped", async () => {
  const kek = await subtle.importKey("raw", range(0, 15), "AES-GCM", false, ["unwrapKey"]);
  const key = await subtle.unwrapKey("jwk", unhex(node.gcmwrapjwk), kek, { name: "AES-GCM", iv: new Uint8Array(12) }, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  eq(hex(await subtle.sign("HMAC", key, new Uint8Array(0))).length, 64);
  eq(key.extractable, false);
});
await checkAsync("AES-KW errors", async () => {
  const kek = await subtle.importKey("raw", range(0, 15), "AES-KW", true, ["wrapKey", "unwrapKey"]);
  const odd = await subtle.importKey("raw", new Uint8Array(20), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  await rejectsName("AES-KW wrapping 20 bytes is OperationError", "OperationError", () => subtle.wrapKey("raw", odd, kek, "AES-KW"));
  await rejectsName("AES-KW tampered unwrap is OperationError", "OperationError", () => subtle.unwrapKey("raw", flip(unhex("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"), 3), kek, "AES-KW", "AES-GCM", true, ["encrypt"]));
  await rejectsName("AES-KW encrypt is NotSupportedError", "NotSupportedError", () => subtle.encrypt("AES-KW", kek, new Uint8Array(16)));
  await rejectsName("AES-KW generateKey with encrypt is SyntaxError", "SyntaxError", () => subtle.generateKey({ name: "AES-KW", length: 128 }, true, ["encrypt"]));
  eq((await subtle.exportKey("jwk", kek)).alg, "A128KW");
  const plain = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);
  await rejectsName("wrapKey of a non-extractable key is InvalidAccessError", "InvalidAccessError", () => subtle.wrapKey("raw", plain, kek, "AES-KW"));
  const noWrap = await subtle.importKey("raw", range(0, 15), "AES-KW", false, ["unwrapKey"]);
  await rejectsName("wrapKey with a key without wrapKey usage is InvalidAccessError", "InvalidAccessError", () => subtle.wrapKey("raw", odd, noWrap, "AES-KW"));
  await rejectsName("wrapKey naming another algorithm than the key's is InvalidAccessError", "InvalidAccessError", () => subtle.wrapKey("raw", odd, kek, { name: "AES-GCM", iv: new Uint8Array(12) }));
  await rejectsName("wrapKey missing arguments is TypeError", "TypeError", () => subtle.wrapKey("raw", odd, kek));
  await rejectsName("unwrapKey missing arguments is TypeError", "TypeError", () => subtle.unwrapKey("raw", new Uint8Array(24), kek, "AES-KW", "AES-GCM", true));
  const gcm = await subtle.importKey("raw", range(0, 15), "AES-GCM", false, ["encrypt", "unwrapKey"]);
  const notJson = await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, gcm, utf8("{not json"));
  await rejectsName("unwrapKey jwk of invalid JSON is DataError", "DataError", () => subtle.unwrapKey("jwk", notJson, gcm, { name: "AES-GCM", iv: new Uint8Array(12) }, "AES-GCM", true, ["encrypt"]));
});
await checkAsync("wrapKey jwk of an ECDSA private key with AES-GCM, then unwrap and sign", async () => {
  const pair = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign", "verify"]);
  const kek = await subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["wrapKey", "unwrapKey"]);
  const iv = new Uint8Array(12);
  const wrapped = await subtle.wrapKey("jwk", pair.privateKey, kek, { name: "AES-GCM", iv });
  const key = await subtle.unwrapKey("jwk", wrapped, kek, { name: "AES-GCM", iv }, { name: "ECDSA", namedCurve: "P-384" }, false, ["sign"]);
  eq(key.type, "private");
  eq(key.extractable, false);
  const sig = await subtle.sign({ name: "ECDSA", hash: "SHA-384" }, key, msg);
  eq(await subtle.verify({ name: "ECDSA", hash: "SHA-384" }, pair.publicKey, sig, msg), true);
});
await checkAsync("wrapKey pkcs8 of an Ed25519 key with AES-KW (48 bytes), then unwrap", async () => {
  const pair = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
  const kek = await subtle.generateKey({ name: "AES-KW", length: 192 }, false, ["wrapKey", "unwrapKey"]);
  const wrapped = await subtle.wrapKey("pkcs8", pair.privateKey, kek, "AES-KW");
  eq(wrapped.byteLength, 56);
  const key = await subtle.unwrapKey("pkcs8", wrapped, kek, "AES-KW", "Ed25519", true, ["sign"]);
  eq(hex(await subtle.exportKey("pkcs8", key)), hex(await subtle.exportKey("pkcs8", pair.privateKey)));
});

// --- ECDSA ---------------------------------------------------------------------
for (const curve of ["P-256", "P-384", "P-521"]) {
  const v = node[`ecdsa_${curve}`];
  const alg = { name: "ECDSA", namedCurve: curve };
  const params = { name: "ECDSA", hash: v.hash };
  await checkAsync(`ECDSA ${curve} verifies Node's signature`, async () => {
    const pub = await subtle.importKey("spki", unhex(v.spki), alg, true, ["verify"]);
    eq(await subtle.verify(params, pub, unhex(v.sig), msg), true);
    eq(await subtle.verify(params, pub, flip(unhex(v.sig), 5), msg), false);
    eq(await subtle.verify(params, pub, unhex(v.sig), flip(msg, 0)), false);
    eq(await subtle.verify(params, pub, unhex(v.sig).subarray(1), msg), false);
    eq(hex(await subtle.exportKey("spki", pub)), v.spki);
  });
  await checkAsync(`ECDSA ${curve} signs with Node's pkcs8 and JWK keys`, async () => {
    const priv = await subtle.importKey("pkcs8", unhex(v.pkcs8), alg, true, ["sign"]);
    const pub = await subtle.importKey("spki", unhex(v.spki), alg, true, ["verify"]);
    const sig = await subtle.sign(params, priv, msg);
    eq(await subtle.verify(params, pub, sig, msg), true);
    eq(hex(await subtle.exportKey("pkcs8", priv)), v.pkcs8);
    const jwk = await subtle.exportKey("jwk", priv);
    for (const m of ["crv", "d", "kty", "x", "y"]) eq(jwk[m], v.jwk[m]);
    const fromJwk = await subtle.importKey("jwk", v.jwk, alg, false, ["sign"]);
    eq(await subtle.verify(params, pub, await subtle.sign(params, fromJwk, msg), msg), true);
  });
  await checkAsync(`ECDSA ${curve} generate, export in every format, import, sign, verify`, async () => {
    const pair = await subtle.generateKey(alg, false, ["sign", "verify"]);
    eq(Object.keys(pair).join(), "privateKey,publicKey");
    eq(pair.publicKey.extractable, true);
    eq(pair.privateKey.extractable, false);
    eq(pair.publicKey.type, "public");
    eq(pair.privateKey.type, "private");
    eq(JSON.stringify(pair.publicKey.algorithm), JSON.stringify({ name: "ECDSA", namedCurve: curve }));
    const sig = await subtle.sign(params, pair.privateKey, msg);
    for (const format of ["spki", "raw", "jwk"]) {
      const exported = await subtle.exportKey(format, pair.publicKey);
      const pub = await subtle.importKey(format, exported, alg, true, ["verify"]);
      eq(await subtle.verify(params, pub, sig, msg), true);
    }
    await rejectsName(`ECDSA ${curve} exporting a non-extractable private key is InvalidAccessError`, "InvalidAccessError", () => subtle.exportKey("pkcs8", pair.privateKey));
  });
}
await checkAsync("ECDSA RFC 7517 A.2 JWK private key imports; pkcs8 matches Node's encoding", async () => {
  const jwk = { kty: "EC", crv: "P-256", x: "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4", y: "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM", d: "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE", use: "sig", kid: "1" };
  const key = await subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
  eq(hex(await subtle.exportKey("pkcs8", key)), "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420f3bd0c07a81fb932781ed52752f60cc89a6be5e51934fe01938ddb55d8f77801a1440342000430a0424cd21c2944838a2d75c92b37e76ea20d9f00893a3b4eee8a3c0aafec3ee04b65e92456d9888b52b379bdfbd51ee869ef1f0fc65b6659695b6cce081723");
});
await checkAsync("ECDSA compressed raw point imports and exports uncompressed", async () => {
  // RFC 7517 A.1's key: y is odd, so the compressed point starts with 03.
  const x = "30a0424cd21c2944838a2d75c92b37e76ea20d9f00893a3b4eee8a3c0aafec3e";
  const key = await subtle.importKey("raw", unhex("03" + x), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
  eq(hex(await subtle.exportKey("raw", key)), "04" + x + "e04b65e92456d9888b52b379bdfbd51ee869ef1f0fc65b6659695b6cce081723");
});
{
  const v = node["ecdsa_P-256"];
  const alg = { name: "ECDSA", namedCurve: "P-256" };
  await rejectsName("ECDSA P-384 spki imported as P-256 is DataError", "DataError", () => subtle.importKey("spki", unhex(node["ecdsa_P-384"].spki), alg, true, ["verify"]));
  await rejectsName("ECDSA secp256k1 spki is DataError", "DataError", () => subtle.importKey("spki", unhex("305630100607" + "2a8648ce3d0201" + "06052b8104000a" + "03420004" + v.spki.slice(-128)), alg, true, ["verify"]));
  await rejectsName("ECDSA truncated spki is DataError", "DataError", () => subtle.importKey("spki", unhex(v.spki).subarray(0, 40), alg, true, ["verify"]));
  await rejectsName("ECDSA spki with trailing byte is DataError", "DataError", () => subtle.importKey("spki", unhex(v.spki + "00"), alg, true, ["verify"]));
  await rejectsName("ECDSA truncated pkcs8 is DataError", "DataError", () => subtle.importKey("pkcs8", unhex(v.pkcs8).subarray(0, 60), alg, true, ["sign"]));
  await rejectsName("ECDSA Ed25519 spki is DataError", "DataError", () => subtle.importKey("spki", unhex(node.ed25519.spki), alg, true, ["verify"]));
  await rejectsName("ECDSA spki with sign usage is SyntaxError", "SyntaxError", () => subtle.importKey("spki", unhex(v.spki), alg, true, ["sign"]));
  await rejectsName("ECDSA pkcs8 with verify usage is SyntaxError", "SyntaxError", () => subtle.importKey("pkcs8", unhex(v.pkcs8), alg, true, ["verify"]));
  await rejectsName("ECDSA pkcs8 with no usages is SyntaxError", "SyntaxError", () => subtle.importKey("pkcs8", unhex(v.pkcs8), alg, true, []));
  await rejectsName("ECDSA raw point not on the curve is DataError", "DataError", () => subtle.importKey("raw", unhex("04" + "00".repeat(64)), alg, true, ["verify"]));
  await rejectsName("ECDSA raw of 64 bytes is DataError", "DataError", () => subtle.importKey("raw", new Uint8Array(64), alg, true, ["verify"]));
  await rejectsName("ECDSA generateKey P-192 is NotSupportedError", "NotSupportedError", () => subtle.generateKey({ name: "ECDSA", namedCurve: "P-192" }, true, ["sign"]));
  await rejectsName("ECDSA generateKey without namedCurve is TypeError", "TypeError", () => subtle.generateKey({ name: "ECDSA" }, true, ["sign"]));
  await rejectsName("ECDSA generateKey with encrypt usage is SyntaxError", "SyntaxError", () => subtle.generateKey(alg, true, ["sign", "encrypt"]));
  await rejectsName("ECDSA generateKey with only verify is SyntaxError", "SyntaxError", () => subtle.generateKey(alg, true, ["verify"]));
  await rejectsName("ECDSA JWK kty RSA is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, kty: "RSA" }, alg, true, ["sign"]));
  await rejectsName("ECDSA JWK crv P-384 is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, crv: "P-384" }, alg, true, ["sign"]));
  await rejectsName("ECDSA JWK alg ES384 on P-256 is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, alg: "ES384" }, alg, true, ["sign"]));
  await rejectsName("ECDSA JWK missing y is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, y: undefined, d: undefined }, alg, true, ["verify"]));
  await rejectsName("ECDSA JWK d of another key is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, d: node["ecdsa_P-256"].jwk.x }, alg, true, ["sign"]));
  await rejectsName("ECDSA JWK use enc is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, use: "enc" }, alg, true, ["sign"]));
  await rejectsName("ECDSA JWK key_ops without sign is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, key_ops: ["verify"] }, alg, true, ["sign"]));
  await rejectsName("ECDSA JWK ext false but extractable is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, ext: false }, alg, true, ["sign"]));
  await rejectsName("ECDSA JWK private with verify usage is SyntaxError", "SyntaxError", () => subtle.importKey("jwk", v.jwk, alg, true, ["verify"]));
  await checkAsync("ECDSA key-type errors", async () => {
    const priv = await subtle.importKey("pkcs8", unhex(v.pkcs8), alg, true, ["sign"]);
    const pub = await subtle.importKey("spki", unhex(v.spki), alg, true, ["verify"]);
    await rejectsName("ECDSA export raw of a private key is InvalidAccessError", "InvalidAccessError", () => subtle.exportKey("raw", priv));
    await rejectsName("ECDSA export spki of a private key is InvalidAccessError", "InvalidAccessError", () => subtle.exportKey("spki", priv));
    await rejectsName("ECDSA export pkcs8 of a public key is InvalidAccessError", "InvalidAccessError", () => subtle.exportKey("pkcs8", pub));
    await rejectsName("ECDSA sign without hash is TypeError", "TypeError", () => subtle.sign("ECDSA", priv, msg));
    await rejectsName("ECDSA sign with an unknown hash is NotSupportedError", "NotSupportedError", () => subtle.sign({ name: "ECDSA", hash: "SHA-3" }, priv, msg));
    await rejectsName("ECDSA verify with a private key is InvalidAccessError", "InvalidAccessError", () => subtle.verify({ name: "ECDSA", hash: "SHA-256" }, priv, new Uint8Array(64), msg));
    await rejectsName("ECDSA key used for ECDH deriveBits is InvalidAccessError", "InvalidAccessError", () => subtle.deriveBits({ name: "ECDH", public: pub }, priv, 128));
    await rejectsName("ECDSA key used with Ed25519 is InvalidAccessError", "InvalidAccessError", () => subtle.sign("Ed25519", priv, msg));
    try {
      await subtle.importKey("jwk", { ...v.jwk, crv: "P-384" }, alg, true, ["sign"]);
    } catch (e) {
      if (String(e.message).includes(v.jwk.d)) throw new Error("the private key is in the error message");
    }
  });
}

// --- ECDH ------------------------------------------------------------------------
for (const curve of ["P-256", "P-384"]) {
  const v = node[`ecdh_${curve}`];
  const alg = { name: "ECDH", namedCurve: curve };
  await checkAsync(`ECDH ${curve} matches Node's deriveBits`, async () => {
    const priv = await subtle.importKey("pkcs8", unhex(v.pkcs8), alg, true, ["deriveBits", "deriveKey"]);
    const peer = await subtle.importKey("raw", unhex(v.peerRaw), alg, true, []);
    eq(hex(await subtle.deriveBits({ name: "ECDH", public: peer }, priv, null)), v.bits);
    eq(hex(await subtle.deriveBits({ name: "ECDH", public: peer }, priv)), v.bits);
    eq(hex(await subtle.deriveBits({ name: "ECDH", public: peer }, priv, 128)), v.bits.slice(0, 32));
    const bits12 = new Uint8Array(await subtle.deriveBits({ name: "ECDH", public: peer }, priv, 12));
    eq(bits12.length, 2);
    eq(bits12[1] & 0x0f, 0);
    await rejectsName(`ECDH ${curve} length beyond the secret is OperationError`, "OperationError", () => subtle.deriveBits({ name: "ECDH", public: peer }, priv, v.bits.length * 4 + 8));
    const aes = await subtle.deriveKey({ name: "ECDH", public: peer }, priv, { name: "AES-GCM", length: 256 }, true, ["encrypt"]);
    eq(hex(await subtle.exportKey("raw", aes)), v.bits.slice(0, 64));
  });
}
await checkAsync("ECDH generate both sides agree; public key has no usages", async () => {
  const a = await subtle.generateKey({ name: "ECDH", namedCurve: "P-521" }, true, ["deriveBits"]);
  const b = await subtle.generateKey({ name: "ECDH", namedCurve: "P-521" }, true, ["deriveBits", "deriveKey"]);
  eq(a.publicKey.usages.length, 0);
  eq(b.privateKey.usages.join(), "deriveKey,deriveBits");
  const ab = await subtle.deriveBits({ name: "ECDH", public: b.publicKey }, a.privateKey, null);
  const ba = await subtle.deriveBits({ name: "ECDH", public: a.publicKey }, b.privateKey, null);
  eq(ab.byteLength, 66);
  eq(hex(ab), hex(ba));
  const jwk = await subtle.exportKey("jwk", a.privateKey);
  eq(Object.keys(jwk).join(), "crv,d,ext,key_ops,kty,x,y");
  const again = await subtle.importKey("jwk", jwk, { name: "ECDH", namedCurve: "P-521" }, true, ["deriveBits"]);
  eq(hex(await subtle.deriveBits({ name: "ECDH", public: b.publicKey }, again, null)), hex(ab));
});
await checkAsync("ECDH errors", async () => {
  const v = node["ecdh_P-256"];
  const alg = { name: "ECDH", namedCurve: "P-256" };
  const priv = await subtle.importKey("pkcs8", unhex(v.pkcs8), alg, true, ["deriveBits"]);
  const peer384 = await subtle.importKey("raw", unhex(node["ecdh_P-384"].peerRaw), { name: "ECDH", namedCurve: "P-384" }, true, []);
  const ecdsaPub = await subtle.importKey("spki", unhex(node["ecdsa_P-256"].spki), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
  await rejectsName("ECDH peer on another curve is InvalidAccessError", "InvalidAccessError", () => subtle.deriveBits({ name: "ECDH", public: peer384 }, priv, 128));
  await rejectsName("ECDH peer that is an ECDSA key is InvalidAccessError", "InvalidAccessError", () => subtle.deriveBits({ name: "ECDH", public: ecdsaPub }, priv, 128));
  await rejectsName("ECDH peer that is a private key is InvalidAccessError", "InvalidAccessError", () => subtle.deriveBits({ name: "ECDH", public: priv }, priv, 128));
  await rejectsName("ECDH without public is TypeError", "TypeError", () => subtle.deriveBits({ name: "ECDH" }, priv, 128));
  await rejectsName("ECDH public not a CryptoKey is TypeError", "TypeError", () => subtle.deriveBits({ name: "ECDH", public: {} }, priv, 128));
  await rejectsName("ECDH raw import with usages is SyntaxError", "SyntaxError", () => subtle.importKey("raw", unhex(v.peerRaw), alg, true, ["deriveBits"]));
  await rejectsName("ECDH generateKey with sign is SyntaxError", "SyntaxError", () => subtle.generateKey(alg, true, ["sign"]));
  await rejectsName("ECDH pkcs8 with sign usage is SyntaxError", "SyntaxError", () => subtle.importKey("pkcs8", unhex(v.pkcs8), alg, true, ["sign"]));
  const pub = await subtle.importKey("raw", unhex(v.peerRaw), alg, true, []);
  await rejectsName("ECDH deriveBits with the public key as base is InvalidAccessError", "InvalidAccessError", () => subtle.deriveBits({ name: "ECDH", public: pub }, pub, 128));
});

// --- Ed25519 (RFC 8032 section 7.1) ----------------------------------------------
const rfc8032 = [
  ["TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "", "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"],
  ["TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72", "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"],
  ["TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82", "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"],
];
for (const [name, d, x, m, sig] of rfc8032) {
  await checkAsync(`Ed25519 RFC 8032 ${name} sign`, async () => {
    const key = await subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", d: b64u(unhex(d)), x: b64u(unhex(x)) }, "Ed25519", false, ["sign"]);
    eq(hex(await subtle.sign("Ed25519", key, unhex(m))), sig);
  });
  await checkAsync(`Ed25519 RFC 8032 ${name} verify`, async () => {
    const key = await subtle.importKey("raw", unhex(x), "Ed25519", true, ["verify"]);
    eq(await subtle.verify("Ed25519", key, unhex(sig), unhex(m)), true);
    eq(await subtle.verify("Ed25519", key, flip(unhex(sig), 0), unhex(m)), false);
    eq(await subtle.verify({ name: "Ed25519" }, key, unhex(sig).subarray(0, 63), unhex(m)), false);
  });
}
await checkAsync("Ed25519 Node's signature verifies; Node's pkcs8 signs the same bytes", async () => {
  const v = node.ed25519;
  const pub = await subtle.importKey("spki", unhex(v.spki), "Ed25519", true, ["verify"]);
  eq(await subtle.verify("Ed25519", pub, unhex(v.sig), msg), true);
  const priv = await subtle.importKey("pkcs8", unhex(v.pkcs8), "Ed25519", true, ["sign"]);
  eq(hex(await subtle.sign("Ed25519", priv, msg)), v.sig);
  eq(hex(await subtle.exportKey("pkcs8", priv)), v.pkcs8);
  eq(hex(await subtle.exportKey("spki", pub)), v.spki);
  const jwk = await subtle.exportKey("jwk", priv);
  eq(jwk.d, v.jwk.d);
  eq(jwk.x, v.jwk.x);
  eq(hex(await subtle.sign("Ed25519", await subtle.importKey("jwk", v.jwk, "Ed25519", false, ["sign"]), msg)), v.sig);
});
await checkAsync("Ed25519 generate, export in every format, import, sign, verify", async () => {
  const pair = await subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  eq(JSON.stringify(pair.privateKey.algorithm), '{"name":"Ed25519"}');
  const sig = await subtle.sign("Ed25519", pair.privateKey, msg);
  for (const format of ["spki", "raw", "jwk"]) {
    const pub = await subtle.importKey(format, await subtle.exportKey(format, pair.publicKey), "Ed25519", true, ["verify"]);
    eq(await subtle.verify("Ed25519", pub, sig, msg), true);
  }
  for (const format of ["pkcs8", "jwk"]) {
    const priv = await subtle.importKey(format, await subtle.exportKey(format, pair.privateKey), "Ed25519", true, ["sign"]);
    eq(hex(await subtle.sign("Ed25519", priv, msg)), hex(sig));
  }
});
await rejectsName("Ed25519 raw of 31 bytes is DataError", "DataError", () => subtle.importKey("raw", new Uint8Array(31), "Ed25519", true, ["verify"]));
await rejectsName("Ed25519 X25519 pkcs8 is DataError", "DataError", () => subtle.importKey("pkcs8", unhex(node.x25519.pkcs8), "Ed25519", true, ["sign"]));
await rejectsName("Ed25519 JWK crv X25519 is DataError", "DataError", () => subtle.importKey("jwk", { ...node.ed25519.jwk, crv: "X25519" }, "Ed25519", true, ["sign"]));
await rejectsName("Ed25519 JWK alg ES256 is DataError", "DataError", () => subtle.importKey("jwk", { ...node.ed25519.jwk, alg: "ES256" }, "Ed25519", true, ["sign"]));
await rejectsName("Ed25519 JWK kty EC is DataError", "DataError", () => subtle.importKey("jwk", { ...node.ed25519.jwk, kty: "EC" }, "Ed25519", true, ["sign"]));
await rejectsName("Ed25519 generateKey with deriveBits is SyntaxError", "SyntaxError", () => subtle.generateKey("Ed25519", true, ["sign", "deriveBits"]));
await rejectsName("Ed25519 spki with sign usage is SyntaxError", "SyntaxError", () => subtle.importKey("spki", unhex(node.ed25519.spki), "Ed25519", true, ["sign"]));
await rejectsName("Ed25519 truncated pkcs8 is DataError", "DataError", () => subtle.importKey("pkcs8", unhex(node.ed25519.pkcs8).subarray(0, 47), "Ed25519", true, ["sign"]));

// --- X25519 (RFC 7748 section 6.1) ---------------------------------------------
await checkAsync("X25519 RFC 7748 6.1 shared secret, both directions", async () => {
  const alice = await subtle.importKey("jwk", { kty: "OKP", crv: "X25519", d: b64u(unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")), x: b64u(unhex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")) }, "X25519", true, ["deriveBits"]);
  const bobPub = await subtle.importKey("raw", unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), "X25519", true, []);
  eq(hex(await subtle.deriveBits({ name: "X25519", public: bobPub }, alice, 256)), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  const bob = await subtle.importKey("pkcs8", unhex("302e020100300506032b656e04220420" + "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"), "X25519", true, ["deriveKey"]);
  const alicePub = await subtle.importKey("spki", unhex("302a300506032b656e032100" + "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), "X25519", true, []);
  const key = await subtle.deriveKey({ name: "X25519", public: alicePub }, bob, { name: "HMAC", hash: "SHA-256", length: 256 }, true, ["sign"]);
  eq(hex(await subtle.exportKey("raw", key)), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  eq((await subtle.exportKey("jwk", alice)).x, b64u(unhex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")));
});
await checkAsync("X25519 matches Node's deriveBits", async () => {
  const v = node.x25519;
  const priv = await subtle.importKey("pkcs8", unhex(v.pkcs8), "X25519", true, ["deriveBits"]);
  const peer = await subtle.importKey("spki", unhex(v.peerSpki), "X25519", true, []);
  eq(hex(await subtle.deriveBits({ name: "X25519", public: peer }, priv, 256)), v.bits);
  const bits = new Uint8Array(await subtle.deriveBits({ name: "X25519", public: peer }, priv, 100));
  eq(bits.length, 13);
  eq(hex(bits.subarray(0, 12)), v.bits.slice(0, 24));
  eq(bits[12], parseInt(v.bits.slice(24, 26), 16) & 0xf0);
});
await checkAsync("X25519 errors", async () => {
  const pair = await subtle.generateKey("X25519", false, ["deriveBits"]);
  eq(pair.publicKey.usages.length, 0);
  const zero = await subtle.importKey("raw", new Uint8Array(32), "X25519", true, []);
  await rejectsName("X25519 with an all-zero (small-order) public key is OperationError", "OperationError", () => subtle.deriveBits({ name: "X25519", public: zero }, pair.privateKey, 256));
  await rejectsName("X25519 length 264 is OperationError", "OperationError", () => subtle.deriveBits({ name: "X25519", public: pair.publicKey }, pair.privateKey, 264));
  await rejectsName("X25519 raw with usages is SyntaxError", "SyntaxError", () => subtle.importKey("raw", new Uint8Array(32), "X25519", true, ["deriveBits"]));
  await rejectsName("X25519 Ed25519 spki is DataError", "DataError", () => subtle.importKey("spki", unhex(node.ed25519.spki), "X25519", true, []));
  await rejectsName("X25519 export pkcs8 of a non-extractable key is InvalidAccessError", "InvalidAccessError", () => subtle.exportKey("pkcs8", pair.privateKey));
  await rejectsName("X25519 sign is NotSupportedError", "NotSupportedError", () => subtle.sign("X25519", pair.privateKey, msg));
  const ed = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
  await rejectsName("X25519 peer that is an Ed25519 key is InvalidAccessError", "InvalidAccessError", () => subtle.deriveBits({ name: "X25519", public: ed.publicKey }, pair.privateKey, 256));
});

// --- RSA ---------------------------------------------------------------------
{
  const v = node.rsa;
  const pkcs1 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  await checkAsync("RSASSA-PKCS1-v1_5 verifies Node's signature; signs the same bytes", async () => {
    const pub = await subtle.importKey("spki", unhex(v.spki), pkcs1, true, ["verify"]);
    eq(await subtle.verify("RSASSA-PKCS1-v1_5", pub, unhex(v.pkcs1sig), msg), true);
    eq(await subtle.verify("RSASSA-PKCS1-v1_5", pub, flip(unhex(v.pkcs1sig), 9), msg), false);
    eq(await subtle.verify("RSASSA-PKCS1-v1_5", pub, unhex(v.pkcs1sig), flip(msg, 1)), false);
    const priv = await subtle.importKey("pkcs8", unhex(v.pkcs8), pkcs1, true, ["sign"]);
    eq(hex(await subtle.sign("RSASSA-PKCS1-v1_5", priv, msg)), v.pkcs1sig);
    eq(hex(await subtle.exportKey("pkcs8", priv)), v.pkcs8);
    eq(hex(await subtle.exportKey("spki", pub)), v.spki);
  });
  await checkAsync("RSA key algorithm shape (RsaHashedKeyAlgorithm)", async () => {
    const pub = await subtle.importKey("spki", unhex(v.spki), pkcs1, true, ["verify"]);
    const a = pub.algorithm;
    eq(Object.keys(a).join(), "name,modulusLength,publicExponent,hash");
    eq(a.modulusLength, 2048);
    eq(a.publicExponent instanceof Uint8Array, true);
    eq(hex(a.publicExponent), "010001");
    eq(a.hash.name, "SHA-256");
    eq(pub.algorithm, a);
  });
  await checkAsync("RSA JWK private key from Node imports and exports the same members", async () => {
    const priv = await subtle.importKey("jwk", v.jwk, pkcs1, true, ["sign"]);
    const jwk = await subtle.exportKey("jwk", priv);
    for (const m of ["alg", "d", "dp", "dq", "e", "kty", "n", "p", "q", "qi"]) eq(jwk[m], v.jwk[m]);
    eq(Object.keys(jwk).join(), "alg,d,dp,dq,e,ext,key_ops,kty,n,p,q,qi");
    eq(hex(await subtle.exportKey("pkcs8", priv)), v.pkcs8);
    eq(hex(await subtle.sign(pkcs1, priv, msg)), v.pkcs1sig);
    const pub = await subtle.importKey("jwk", { kty: "RSA", n: v.jwk.n, e: v.jwk.e, alg: "RS256" }, pkcs1, true, ["verify"]);
    eq(hex(await subtle.exportKey("spki", pub)), v.spki);
  });
  await checkAsync("RSA-PSS verifies Node's SHA-256 and SHA-384 signatures", async () => {
    const pub = await subtle.importKey("spki", unhex(v.spki), { name: "RSA-PSS", hash: "SHA-256" }, true, ["verify"]);
    eq(await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, pub, unhex(v.psssig), msg), true);
    eq(await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, pub, flip(unhex(v.psssig), 100), msg), false);
    const pub384 = await subtle.importKey("spki", unhex(v.spki), { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]);
    eq(await subtle.verify({ name: "RSA-PSS", saltLength: 48 }, pub384, unhex(v.pss384sig), msg), true);
    eq((await subtle.exportKey("jwk", pub384)).alg, "PS384");
  });
  await checkAsync("RSA-PSS sign and verify round trip", async () => {
    const priv = await subtle.importKey("pkcs8", unhex(v.pkcs8), { name: "RSA-PSS", hash: "SHA-512" }, false, ["sign"]);
    const pub = await subtle.importKey("spki", unhex(v.spki), { name: "RSA-PSS", hash: "SHA-512" }, false, ["verify"]);
    const sig = await subtle.sign({ name: "RSA-PSS", saltLength: 64 }, priv, msg);
    eq(sig.byteLength, 256);
    eq(await subtle.verify({ name: "RSA-PSS", saltLength: 64 }, pub, sig, msg), true);
    await rejectsName("RSA-PSS saltLength other than the hash length is NotSupportedError", "NotSupportedError", () => subtle.sign({ name: "RSA-PSS", saltLength: 20 }, priv, msg));
    await rejectsName("RSA-PSS without saltLength is TypeError", "TypeError", () => subtle.sign({ name: "RSA-PSS" }, priv, msg));
  });
  await checkAsync("RSA-OAEP decrypts Node's SHA-256 and SHA-1 ciphertexts", async () => {
    const priv256 = await subtle.importKey("pkcs8", unhex(v.pkcs8), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["decrypt"]);
    eq(hex(await subtle.decrypt("RSA-OAEP", priv256, unhex(v.oaep256))), hex(msg));
    eq(hex(await subtle.decrypt({ name: "RSA-OAEP", label: new Uint8Array(0) }, priv256, unhex(v.oaep256))), hex(msg));
    const priv1 = await subtle.importKey("pkcs8", unhex(v.pkcs8), { name: "RSA-OAEP", hash: "SHA-1" }, false, ["decrypt", "unwrapKey"]);
    eq(hex(await subtle.decrypt("RSA-OAEP", priv1, unhex(v.oaep1))), hex(msg));
    await rejectsName("RSA-OAEP tampered ciphertext is OperationError", "OperationError", () => subtle.decrypt("RSA-OAEP", priv256, flip(unhex(v.oaep256), 30)));
    await rejectsName("RSA-OAEP ciphertext for another hash is OperationError", "OperationError", () => subtle.decrypt("RSA-OAEP", priv1, unhex(v.oaep256)));
  });
  await checkAsync("RSA-OAEP encrypt, decrypt, wrapKey and unwrapKey", async () => {
    const pub = await subtle.importKey("spki", unhex(v.spki), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["encrypt", "wrapKey"]);
    const priv = await subtle.importKey("pkcs8", unhex(v.pkcs8), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["decrypt", "unwrapKey"]);
    const ct = await subtle.encrypt("RSA-OAEP", pub, msg);
    eq(ct.byteLength, 256);
    eq(hex(await subtle.decrypt("RSA-OAEP", priv, ct)), hex(msg));
    const aes = await subtle.generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt"]);
    const wrapped = await subtle.wrapKey("raw", aes, pub, "RSA-OAEP");
    const back = await subtle.unwrapKey("raw", wrapped, priv, "RSA-OAEP", "AES-GCM", true, ["encrypt"]);
    eq(hex(await subtle.exportKey("raw", back)), hex(await subtle.exportKey("raw", aes)));
    await rejectsName("RSA-OAEP data too long is OperationError", "OperationError", () => subtle.encrypt("RSA-OAEP", pub, new Uint8Array(300)));
    await rejectsName("RSA-OAEP with a label is NotSupportedError", "NotSupportedError", () => subtle.encrypt({ name: "RSA-OAEP", label: utf8("l") }, pub, msg));
    const pub384 = await subtle.importKey("spki", unhex(v.spki), { name: "RSA-OAEP", hash: "SHA-384" }, false, ["encrypt"]);
    await rejectsName("RSA-OAEP SHA-384 is NotSupportedError", "NotSupportedError", () => subtle.encrypt("RSA-OAEP", pub384, msg));
    await rejectsName("RSA-OAEP encrypt with the private key is InvalidAccessError", "InvalidAccessError", () => subtle.encrypt("RSA-OAEP", priv, msg));
  });
  await checkAsync("RSA generateKey 1024-bit RSA-OAEP, export jwk/spki/pkcs8, import, round trip", async () => {
    const pair = await subtle.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1" }, true, ["encrypt", "decrypt"]);
    eq(pair.publicKey.usages.join(), "encrypt");
    eq(pair.privateKey.usages.join(), "decrypt");
    eq(pair.privateKey.algorithm.modulusLength, 1024);
    const alg = { name: "RSA-OAEP", hash: "SHA-1" };
    const jwk = await subtle.exportKey("jwk", pair.privateKey);
    eq(jwk.alg, "RSA-OAEP");
    const priv = await subtle.importKey("jwk", jwk, alg, true, ["decrypt"]);
    const priv8 = await subtle.importKey("pkcs8", await subtle.exportKey("pkcs8", pair.privateKey), alg, true, ["decrypt"]);
    const pub = await subtle.importKey("spki", await subtle.exportKey("spki", pair.publicKey), alg, true, ["encrypt"]);
    const ct = await subtle.encrypt(alg, pub, msg);
    eq(hex(await subtle.decrypt(alg, priv, ct)), hex(msg));
    eq(hex(await subtle.decrypt(alg, priv8, ct)), hex(msg));
  });
  const genAlg = { name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
  await rejectsName("RSA generateKey publicExponent 3 is OperationError", "OperationError", () => subtle.generateKey({ ...genAlg, publicExponent: new Uint8Array([3]) }, true, ["sign"]));
  await rejectsName("RSA generateKey modulusLength 1000 is OperationError", "OperationError", () => subtle.generateKey({ ...genAlg, modulusLength: 1000 }, true, ["sign"]));
  await rejectsName("RSA generateKey publicExponent not a Uint8Array is TypeError", "TypeError", () => subtle.generateKey({ ...genAlg, publicExponent: [1, 0, 1] }, true, ["sign"]));
  await rejectsName("RSA generateKey with encrypt usage is SyntaxError", "SyntaxError", () => subtle.generateKey(genAlg, true, ["sign", "encrypt"]));
  await rejectsName("RSA generateKey without hash is TypeError", "TypeError", () => subtle.generateKey({ ...genAlg, hash: undefined }, true, ["sign"]));
  await rejectsName("RSA raw import is NotSupportedError", "NotSupportedError", () => subtle.importKey("raw", new Uint8Array(256), pkcs1, true, ["verify"]));
  await rejectsName("RSA spki with sign usage is SyntaxError", "SyntaxError", () => subtle.importKey("spki", unhex(v.spki), pkcs1, true, ["sign"]));
  await rejectsName("RSA truncated spki is DataError", "DataError", () => subtle.importKey("spki", unhex(v.spki).subarray(0, 200), pkcs1, true, ["verify"]));
  await rejectsName("RSA truncated pkcs8 is DataError", "DataError", () => subtle.importKey("pkcs8", unhex(v.pkcs8).subarray(0, 600), pkcs1, true, ["sign"]));
  await rejectsName("RSA EC spki is DataError", "DataError", () => subtle.importKey("spki", unhex(node["ecdsa_P-256"].spki), pkcs1, true, ["verify"]));
  await rejectsName("RSA JWK alg RS384 for SHA-256 is DataError", "DataError", () => subtle.importKey("jwk", v.jwk, pkcs1, true, ["sign"]).then(() => subtle.importKey("jwk", { ...v.jwk, alg: "RS384" }, pkcs1, true, ["sign"])));
  await rejectsName("RSA JWK kty EC is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, kty: "EC" }, pkcs1, true, ["sign"]));
  await rejectsName("RSA JWK inconsistent private key is DataError", "DataError", () => subtle.importKey("jwk", { ...v.jwk, dp: v.jwk.dq }, pkcs1, true, ["sign"]));
  await rejectsName("RSA JWK without primes is DataError", "DataError", () => subtle.importKey("jwk", { kty: "RSA", n: v.jwk.n, e: v.jwk.e, d: v.jwk.d }, pkcs1, true, ["sign"]));
  await rejectsName("RSA JWK n not base64url is DataError", "DataError", () => subtle.importKey("jwk", { kty: "RSA", n: "not base64!", e: v.jwk.e }, pkcs1, true, ["verify"]));
  await rejectsName("RSA-PSS key used with RSASSA-PKCS1-v1_5 is InvalidAccessError", "InvalidAccessError", () => subtle.importKey("pkcs8", unhex(v.pkcs8), { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"]).then((k) => subtle.sign(pkcs1, k, msg)));
  await rejectsName("RSA sign with a public key is InvalidAccessError", "InvalidAccessError", () => subtle.importKey("spki", unhex(v.spki), pkcs1, false, ["verify"]).then((k) => subtle.sign(pkcs1, k, msg)));
  await checkAsync("RSA errors do not show private key material", async () => {
    try {
      await subtle.importKey("jwk", { ...v.jwk, dp: v.jwk.dq }, pkcs1, true, ["sign"]);
    } catch (e) {
      for (const m of ["d", "p", "q", "dp", "dq"]) if (String(e.message).includes(v.jwk[m].slice(0, 16))) throw new Error("key material in the message");
    }
  });
}

await checkAsync("apps patching built-ins and Object.prototype do not break the new algorithms", async () => {
  const saved = {
    push: Array.prototype.push, subarray: Uint8Array.prototype.subarray,
    set: Uint8Array.prototype.set, charCodeAt: String.prototype.charCodeAt, stringify: JSON.stringify, parse: JSON.parse,
  };
  const boom = () => { throw new Error("patched"); };
  let results;
  try {
    Array.prototype.push = boom;
    Uint8Array.prototype.subarray = boom;
    Uint8Array.prototype.set = boom;
    String.prototype.charCodeAt = boom;
    JSON.stringify = boom;
    JSON.parse = boom;
    Object.defineProperty(Object.prototype, "kty", { set: boom, configurable: true });
    Object.defineProperty(Object.prototype, "name", { set: boom, configurable: true });
    const pair = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const sig = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, msg);
    const ok = await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pair.publicKey, sig, msg);
    const jwk = await subtle.exportKey("jwk", pair.privateKey);
    const kek = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["wrapKey", "unwrapKey"]);
    const wrapped = await subtle.wrapKey("jwk", pair.privateKey, kek, { name: "AES-GCM", iv: new Uint8Array(12) });
    const back = await subtle.unwrapKey("jwk", wrapped, kek, { name: "AES-GCM", iv: new Uint8Array(12) }, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
    const rsa = await subtle.importKey("pkcs8", unhex(node.rsa.pkcs8), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, ["sign"]);
    const rsaJwk = await subtle.exportKey("jwk", rsa);
    const spki = await subtle.exportKey("spki", pair.publicKey);
    results = { ok, jwk, back, rsaJwk, spki, alg: rsa.algorithm };
  } finally {
    delete Object.prototype.kty;
    delete Object.prototype.name;
    Array.prototype.push = saved.push;
    Uint8Array.prototype.subarray = saved.subarray;
    Uint8Array.prototype.set = saved.set;
    String.prototype.charCodeAt = saved.charCodeAt;
    JSON.stringify = saved.stringify;
    JSON.parse = saved.parse;
  }
  eq(results.ok, true);
  eq(results.jwk.kty, "EC");
  eq(results.back.type, "private");
  eq(results.rsaJwk.n, node.rsa.jwk.n);
  eq(results.spki.byteLength, 91);
  eq(results.alg.name, "RSASSA-PKCS1-v1_5");
});

await checkAsync("structuredClone of a CryptoKey (Serializable) keeps its slots and works", async () => {
  const pair = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const copy = structuredClone({ k: pair.privateKey });
  eq(copy.k instanceof CryptoKey, true);
  eq(copy.k === pair.privateKey, false);
  eq(copy.k.type, "private");
  eq(copy.k.extractable, false);
  eq(copy.k.usages.join(), "sign");
  eq(JSON.stringify(copy.k.algorithm), JSON.stringify(pair.privateKey.algorithm));
  const sig = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, copy.k, msg);
  eq(await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, structuredClone(pair.publicKey), sig, msg), true);
  const hmac = await subtle.importKey("raw", new Uint8Array(32), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  eq(hex(await subtle.exportKey("raw", structuredClone(hmac))), hex(new Uint8Array(32)));
});

console.log(`${passed} passed, ${failed} failed`);
