// Prints the `node` constant of Tests/NanoRuntimeTests/Fixtures/subtle-conformance.js:
// keys, signatures, ciphertexts and derived bits made by Node's webcrypto,
// which NANO must accept or reproduce. Run with Node 20+: node scripts/subtle-node-vectors.mjs
const s = globalThis.crypto.subtle;
const hex = (b) => Buffer.from(b).toString("hex");
const unhex = (h) => new Uint8Array(Buffer.from(h, "hex"));
const data = new TextEncoder().encode("NANO cross-check message");
const out = {};
// ECDSA
for (const [curve, hash] of [["P-256", "SHA-256"], ["P-384", "SHA-384"], ["P-521", "SHA-512"]]) {
  const k = await s.generateKey({ name: "ECDSA", namedCurve: curve }, true, ["sign", "verify"]);
  out[`ecdsa_${curve}`] = { hash, spki: hex(await s.exportKey("spki", k.publicKey)), pkcs8: hex(await s.exportKey("pkcs8", k.privateKey)),
    sig: hex(await s.sign({ name: "ECDSA", hash }, k.privateKey, data)), jwk: await s.exportKey("jwk", k.privateKey) };
}
// Ed25519
{ const k = await s.generateKey("Ed25519", true, ["sign", "verify"]);
  out.ed25519 = { spki: hex(await s.exportKey("spki", k.publicKey)), pkcs8: hex(await s.exportKey("pkcs8", k.privateKey)), sig: hex(await s.sign("Ed25519", k.privateKey, data)), jwk: await s.exportKey("jwk", k.privateKey) }; }
// ECDH P-256 / P-384
for (const curve of ["P-256", "P-384"]) {
  const a = await s.generateKey({ name: "ECDH", namedCurve: curve }, true, ["deriveBits"]);
  const b = await s.generateKey({ name: "ECDH", namedCurve: curve }, true, ["deriveBits"]);
  out[`ecdh_${curve}`] = { pkcs8: hex(await s.exportKey("pkcs8", a.privateKey)), peerRaw: hex(await s.exportKey("raw", b.publicKey)),
    bits: hex(await s.deriveBits({ name: "ECDH", public: b.publicKey }, a.privateKey, null)) };
}
// X25519
{ const a = await s.generateKey("X25519", true, ["deriveBits"]); const b = await s.generateKey("X25519", true, ["deriveBits"]);
  out.x25519 = { pkcs8: hex(await s.exportKey("pkcs8", a.privateKey)), peerSpki: hex(await s.exportKey("spki", b.publicKey)),
    bits: hex(await s.deriveBits({ name: "X25519", public: b.publicKey }, a.privateKey, 256)) }; }
// RSA
{ const k = await s.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
  out.rsa = { spki: hex(await s.exportKey("spki", k.publicKey)), pkcs8: hex(await s.exportKey("pkcs8", k.privateKey)), jwk: await s.exportKey("jwk", k.privateKey),
    pkcs1sig: hex(await s.sign("RSASSA-PKCS1-v1_5", k.privateKey, data)) };
  const pss = await s.importKey("pkcs8", unhex(out.rsa.pkcs8), { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"]);
  out.rsa.psssig = hex(await s.sign({ name: "RSA-PSS", saltLength: 32 }, pss, data));
  const pss384 = await s.importKey("pkcs8", unhex(out.rsa.pkcs8), { name: "RSA-PSS", hash: "SHA-384" }, false, ["sign"]);
  out.rsa.pss384sig = hex(await s.sign({ name: "RSA-PSS", saltLength: 48 }, pss384, data));
  const oaep = await s.importKey("spki", unhex(out.rsa.spki), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["encrypt"]);
  out.rsa.oaep256 = hex(await s.encrypt("RSA-OAEP", oaep, data));
  const oaep1 = await s.importKey("spki", unhex(out.rsa.spki), { name: "RSA-OAEP", hash: "SHA-1" }, false, ["encrypt"]);
  out.rsa.oaep1 = hex(await s.encrypt("RSA-OAEP", oaep1, data));
}
// AES-KW wrapping of an AES key by Node
{ const kek = await s.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", false, ["wrapKey"]);
  const key = await s.importKey("raw", unhex("00112233445566778899aabbccddeeff0011223344556677"), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  out.aeskw = hex(await s.wrapKey("raw", key, kek, "AES-KW"));
  const gcm = await s.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-GCM", false, ["wrapKey"]);
  out.gcmwrapjwk = hex(await s.wrapKey("jwk", key, gcm, { name: "AES-GCM", iv: new Uint8Array(12) }));
}
console.log("const node = " + JSON.stringify(out, null, 1) + ";");
