// Conformance checks for crypto.getRandomValues, crypto.randomUUID and
// crypto.subtle.digest (WebCrypto + WebIDL). Prints `not ok <name>: <reason>`
// for each failure and a final `N passed, M failed` line.
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
function throwsName(name, expected, fn, expectedCode) {
  try {
    fn();
    fail(name, "did not throw");
  } catch (e) {
    if (!e || e.name !== expected) fail(name, `threw ${e && e.name}: ${e && e.message}`);
    else if (expectedCode !== undefined && e.code !== expectedCode) fail(name, `code ${e.code}`);
    else if (expected !== "TypeError" && expected !== "RangeError" && !(e instanceof DOMException)) fail(name, "not a DOMException");
    else if (expected === "TypeError" && !(e instanceof TypeError)) fail(name, "not a TypeError instance");
    else passed++;
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
// The promise must be returned (not thrown) and reject with `expected`.
async function rejectsName(name, expected, fn, expectedCode) {
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
    else if (expectedCode !== undefined && e.code !== expectedCode) fail(name, `code ${e.code}`);
    else if (expected !== "TypeError" && !(e instanceof DOMException)) fail(name, "not a DOMException");
    else passed++;
  }
}
function hexOf(buffer) {
  const u8 = new Uint8Array(buffer);
  let s = "";
  for (let i = 0; i < u8.length; i++) s += (u8[i] < 16 ? "0" : "") + u8[i].toString(16);
  return s;
}
function ascii(s) {
  const u8 = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
  return u8;
}

const vectors = {
  "SHA-1": {
    "": "da39a3ee5e6b4b0d3255bfef95601890afd80709",
    abc: "a9993e364706816aba3e25717850c26c9cd0d89d",
    million: "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
    mib: "95421610b8ddd86c86e3269bfd24d2a79199245f",
  },
  "SHA-256": {
    "": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    abc: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    million: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    mib: "06b7bbfb7824aa03382051691630eb26de85102d1b08a81e907ec0744cd8a286",
  },
  "SHA-384": {
    "": "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
    abc: "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    million: "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985",
    mib: "eda0f8952773f73b179c6aebadc93e97ceb2b8885502933d9958727fd27f7d5cff872d33df15f3e4df986983839b712e",
  },
  "SHA-512": {
    "": "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
    abc: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    million: "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
    mib: "bbd88befcaa6abb0735609ac35e1dfbb5ab8064dca98effd5d493ccb0a0244cd88d5a01e86696eb17f0e7c087f89dd7f06161ecefd1776a74dfc60a27e89bc06",
  },
};
const million = new Uint8Array(1000000).fill(0x61);
const mib = new Uint8Array(1048576);
for (let i = 0; i < mib.length; i++) mib[i] = (i * 31 + 7) & 255;

async function digestTests(tag) {
  const subtle = crypto.subtle;
  for (const alg of Object.keys(vectors)) {
    const v = vectors[alg];
    await checkAsync(`${tag}digest ${alg} empty`, async () => hexOf(await subtle.digest(alg, new Uint8Array(0))) === v[""]);
    await checkAsync(`${tag}digest ${alg} empty ArrayBuffer`, async () => hexOf(await subtle.digest(alg, new ArrayBuffer(0))) === v[""]);
    await checkAsync(`${tag}digest ${alg} abc`, async () => hexOf(await subtle.digest(alg, ascii("abc"))) === v.abc);
    await checkAsync(`${tag}digest ${alg} abc {name}`, async () => hexOf(await subtle.digest({ name: alg }, ascii("abc").buffer)) === v.abc);
    await checkAsync(`${tag}digest ${alg} lower case`, async () => hexOf(await subtle.digest(alg.toLowerCase(), ascii("abc"))) === v.abc);
    await checkAsync(`${tag}digest ${alg} million a`, async () => hexOf(await subtle.digest(alg, million)) === v.million);
    await checkAsync(`${tag}digest ${alg} 1 MiB`, async () => hexOf(await subtle.digest(alg, mib)) === v.mib);
  }
  await checkAsync(`${tag}digest mixed case {name}`, async () => hexOf(await subtle.digest({ name: "ShA-256" }, ascii("abc"))) === vectors["SHA-256"].abc);
  await checkAsync(`${tag}digest resolves to an ArrayBuffer`, async () => {
    const r = await subtle.digest("SHA-256", ascii("abc"));
    return r instanceof ArrayBuffer && Object.prototype.toString.call(r) === "[object ArrayBuffer]" && r.byteLength === 32;
  });
  await checkAsync(`${tag}digest result lengths`, async () => {
    const lengths = [];
    for (const alg of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) lengths.push((await subtle.digest(alg, new Uint8Array(1))).byteLength);
    return lengths.join() === "20,32,48,64";
  });
  await checkAsync(`${tag}digest of a subarray view`, async () => {
    const big = ascii("xxabcxx");
    return hexOf(await subtle.digest("SHA-256", big.subarray(2, 5))) === vectors["SHA-256"].abc;
  });
  await checkAsync(`${tag}digest of a DataView`, async () => {
    const big = ascii("xxabcxx");
    return hexOf(await subtle.digest("SHA-1", new DataView(big.buffer, 2, 3))) === vectors["SHA-1"].abc;
  });
  await checkAsync(`${tag}digest of a Uint32Array`, async () => {
    const u32 = new Uint32Array(ascii("abcd").buffer);
    const expected = await subtle.digest("SHA-256", ascii("abcd"));
    return hexOf(await subtle.digest("SHA-256", u32)) === hexOf(expected);
  });
  await checkAsync(`${tag}digest copies data before returning`, async () => {
    const data = ascii("abc");
    const p = subtle.digest("SHA-256", data);
    data[0] = 0x7a;
    return hexOf(await p) === vectors["SHA-256"].abc;
  });
  await checkAsync(`${tag}digest returns distinct buffers`, async () => {
    const [a, b] = await Promise.all([subtle.digest("SHA-1", ascii("abc")), subtle.digest("SHA-1", ascii("abc"))]);
    return a !== b && hexOf(a) === hexOf(b);
  });
  await checkAsync(`${tag}digest algorithm extra members ignored`, async () =>
    hexOf(await subtle.digest({ name: "SHA-1", length: 5, hash: "x" }, ascii("abc"))) === vectors["SHA-1"].abc);
  await checkAsync(`${tag}digest String object algorithm is an object`, async () => {
    // (object or DOMString): a String object is an object without `name`.
    try { await subtle.digest(new String("SHA-1"), ascii("abc")); return "resolved"; } catch (e) { return e.name === "TypeError"; }
  });
  await checkAsync(`${tag}digest algorithm from toString`, async () =>
    hexOf(await subtle.digest({ name: { toString() { return "sha-1"; } } }, ascii("abc"))) === vectors["SHA-1"].abc);

  await rejectsName(`${tag}digest unknown algorithm`, "NotSupportedError", () => subtle.digest("SHA-3", ascii("abc")), 9);
  await rejectsName(`${tag}digest SHA256 without dash`, "NotSupportedError", () => subtle.digest("SHA256", ascii("abc")), 9);
  await rejectsName(`${tag}digest MD5`, "NotSupportedError", () => subtle.digest({ name: "MD5" }, ascii("abc")), 9);
  await rejectsName(`${tag}digest non-ASCII case folding`, "NotSupportedError", () => subtle.digest("\u017Fha-1", ascii("abc")));
  await rejectsName(`${tag}digest a non-digest algorithm`, "NotSupportedError", () => subtle.digest("HMAC", ascii("abc")));
  await rejectsName(`${tag}digest {} algorithm`, "TypeError", () => subtle.digest({}, ascii("abc")));
  await rejectsName(`${tag}digest null algorithm`, "NotSupportedError", () => subtle.digest(null, ascii("abc")));
  await rejectsName(`${tag}digest symbol algorithm`, "TypeError", () => subtle.digest(Symbol("x"), ascii("abc")));
  await rejectsName(`${tag}digest symbol name`, "TypeError", () => subtle.digest({ name: Symbol("x") }, ascii("abc")));
  await rejectsName(`${tag}digest string data`, "TypeError", () => subtle.digest("SHA-256", "abc"));
  await rejectsName(`${tag}digest array data`, "TypeError", () => subtle.digest("SHA-256", [1, 2, 3]));
  await rejectsName(`${tag}digest undefined data`, "TypeError", () => subtle.digest("SHA-256", undefined));
  await rejectsName(`${tag}digest one argument`, "TypeError", () => subtle.digest("SHA-256"));
  await rejectsName(`${tag}digest no arguments`, "TypeError", () => subtle.digest());
  await rejectsName(`${tag}digest wrong this`, "TypeError", () => SubtleCrypto.prototype.digest.call({}, "SHA-256", ascii("abc")));
  await rejectsName(`${tag}digest undefined this`, "TypeError", () => SubtleCrypto.prototype.digest.call(undefined, "SHA-256", ascii("abc")));
  if (typeof SharedArrayBuffer === "function") {
    await rejectsName(`${tag}digest SharedArrayBuffer view`, "TypeError", () => subtle.digest("SHA-256", new Uint8Array(new SharedArrayBuffer(4))));
  }
  await checkAsync(`${tag}digest name read twice (normalize converts twice)`, async () => {
    let reads = 0;
    await subtle.digest({ get name() { reads++; return "SHA-1"; } }, ascii("abc"));
    return reads === 2 || `reads=${reads}`;
  });
}

const integerTypes = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];

function randomTests(tag) {
  for (const T of integerTypes) {
    check(`${tag}getRandomValues ${T.name} returns the same array`, () => {
      const a = new T(8);
      return crypto.getRandomValues(a) === a;
    });
    check(`${tag}getRandomValues ${T.name} max size`, () => {
      const a = new T(65536 / T.BYTES_PER_ELEMENT);
      return crypto.getRandomValues(a) === a;
    });
    throwsName(`${tag}getRandomValues ${T.name} over quota`, "QuotaExceededError", () => crypto.getRandomValues(new T(65536 / T.BYTES_PER_ELEMENT + 1)), 22);
  }
  check(`${tag}getRandomValues fills bytes`, () => {
    const a = new Uint8Array(1024);
    crypto.getRandomValues(a);
    let zeros = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === 0) zeros++;
    return zeros < 40 || `zeros=${zeros}`;
  });
  check(`${tag}getRandomValues differs between calls`, () => {
    const a = crypto.getRandomValues(new Uint32Array(4));
    const b = crypto.getRandomValues(new Uint32Array(4));
    return a.join() !== b.join();
  });
  check(`${tag}getRandomValues fills the whole 64 KiB`, () => {
    const a = crypto.getRandomValues(new Uint8Array(65536));
    for (let i = 0; i < 65536; i += 4096) {
      let any = 0;
      for (let j = i; j < i + 4096; j++) any |= a[j];
      if (any === 0) return `zero block at ${i}`;
    }
    return true;
  });
  check(`${tag}getRandomValues only fills the view`, () => {
    const buffer = new ArrayBuffer(64);
    const view = new Uint8Array(buffer, 16, 32);
    crypto.getRandomValues(view);
    const all = new Uint8Array(buffer);
    for (let i = 0; i < 16; i++) if (all[i] !== 0 || all[48 + i] !== 0) return "wrote outside the view";
    return true;
  });
  check(`${tag}getRandomValues empty array`, () => {
    const a = new Uint8Array(0);
    return crypto.getRandomValues(a) === a;
  });
  check(`${tag}getRandomValues subclass`, () => {
    class MyArray extends Uint8Array {}
    const a = new MyArray(16);
    return crypto.getRandomValues(a) === a;
  });
  check(`${tag}getRandomValues quota uses byteLength of the view`, () => {
    const buffer = new ArrayBuffer(65536 * 2);
    const a = new Uint8Array(buffer, 100, 65536);
    return crypto.getRandomValues(a) === a;
  });
  throwsName(`${tag}getRandomValues Float32Array`, "TypeMismatchError", () => crypto.getRandomValues(new Float32Array(4)), 17);
  throwsName(`${tag}getRandomValues Float64Array`, "TypeMismatchError", () => crypto.getRandomValues(new Float64Array(4)), 17);
  throwsName(`${tag}getRandomValues DataView`, "TypeMismatchError", () => crypto.getRandomValues(new DataView(new ArrayBuffer(4))), 17);
  throwsName(`${tag}getRandomValues big Float64Array is TypeMismatch first`, "TypeMismatchError", () => crypto.getRandomValues(new Float64Array(100000)), 17);
  if (typeof SharedArrayBuffer === "function") {
    throwsName(`${tag}getRandomValues SharedArrayBuffer view`, "TypeError", () => crypto.getRandomValues(new Uint8Array(new SharedArrayBuffer(4))));
    throwsName(`${tag}getRandomValues SharedArrayBuffer DataView`, "TypeError", () => crypto.getRandomValues(new DataView(new SharedArrayBuffer(4))));
  }
  throwsName(`${tag}getRandomValues ArrayBuffer`, "TypeError", () => crypto.getRandomValues(new ArrayBuffer(4)));
  throwsName(`${tag}getRandomValues plain array`, "TypeError", () => crypto.getRandomValues([1, 2, 3]));
  throwsName(`${tag}getRandomValues look-alike object`, "TypeError", () => crypto.getRandomValues({ length: 4, byteLength: 4, BYTES_PER_ELEMENT: 1 }));
  throwsName(`${tag}getRandomValues null`, "TypeError", () => crypto.getRandomValues(null));
  throwsName(`${tag}getRandomValues no argument`, "TypeError", () => crypto.getRandomValues());
  throwsName(`${tag}getRandomValues wrong this`, "TypeError", () => Crypto.prototype.getRandomValues.call({}, new Uint8Array(4)));
  throwsName(`${tag}getRandomValues unbound`, "TypeError", () => { const f = crypto.getRandomValues; f(new Uint8Array(4)); });
  check(`${tag}getRandomValues error message names the operation`, () => {
    try { crypto.getRandomValues(new Uint8Array(65537)); } catch (e) { return e.message.includes("getRandomValues") || e.message; }
    return "no throw";
  });

  const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  check(`${tag}randomUUID format`, () => {
    for (let i = 0; i < 1000; i++) {
      const u = crypto.randomUUID();
      if (typeof u !== "string" || !uuidPattern.test(u)) return `bad uuid ${u}`;
    }
    return true;
  });
  check(`${tag}randomUUID unique over 1000 calls`, () => {
    const seen = new Set();
    for (let i = 0; i < 1000; i++) seen.add(crypto.randomUUID());
    return seen.size === 1000 || `size=${seen.size}`;
  });
  check(`${tag}randomUUID variant and version bits vary elsewhere`, () => {
    const firstChars = new Set();
    for (let i = 0; i < 200; i++) firstChars.add(crypto.randomUUID()[0]);
    return firstChars.size > 8;
  });
  throwsName(`${tag}randomUUID wrong this`, "TypeError", () => Crypto.prototype.randomUUID.call({}));
  check(`${tag}randomUUID ignores arguments`, () => uuidPattern.test(crypto.randomUUID(1, 2, 3)));
}

function shapeTests() {
  const method = (proto, name, length) => {
    check(`${name} is an enumerable writable configurable method`, () => {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      return d !== undefined && typeof d.value === "function" && d.enumerable && d.writable && d.configurable;
    });
    check(`${name}.length === ${length}`, () => proto[name].length === length);
    check(`${name}.name`, () => proto[name].name === name);
    throwsName(`${name} is not a constructor`, "TypeError", () => new proto[name]());
  };
  const iface = (Ctor, name) => {
    check(`${name} global descriptor`, () => {
      const d = Object.getOwnPropertyDescriptor(globalThis, name);
      return d !== undefined && d.value === Ctor && d.writable && d.configurable && !d.enumerable;
    });
    check(`${name}.name`, () => Ctor.name === name);
    check(`${name}.length === 0`, () => Ctor.length === 0);
    throwsName(`new ${name}() throws`, "TypeError", () => new Ctor());
    throwsName(`${name}() throws`, "TypeError", () => Ctor());
    check(`${name}.prototype toStringTag`, () => {
      const d = Object.getOwnPropertyDescriptor(Ctor.prototype, Symbol.toStringTag);
      return d !== undefined && d.value === name && !d.writable && !d.enumerable && d.configurable;
    });
    check(`${name}.prototype.constructor`, () => {
      const d = Object.getOwnPropertyDescriptor(Ctor.prototype, "constructor");
      return d.value === Ctor && d.writable && !d.enumerable && d.configurable;
    });
    check(`${name}.prototype descriptor`, () => {
      const d = Object.getOwnPropertyDescriptor(Ctor, "prototype");
      return !d.writable && !d.enumerable && !d.configurable;
    });
  };
  iface(Crypto, "Crypto");
  iface(SubtleCrypto, "SubtleCrypto");
  method(Crypto.prototype, "getRandomValues", 1);
  method(Crypto.prototype, "randomUUID", 0);
  method(SubtleCrypto.prototype, "digest", 2);
  check("Crypto.prototype.subtle accessor", () => {
    const d = Object.getOwnPropertyDescriptor(Crypto.prototype, "subtle");
    return d !== undefined && typeof d.get === "function" && d.set === undefined && d.enumerable && d.configurable &&
      d.get.name === "get subtle" && d.get.length === 0;
  });
  throwsName("subtle getter wrong this", "TypeError", () => Object.getOwnPropertyDescriptor(Crypto.prototype, "subtle").get.call({}));
  throwsName("subtle on the prototype", "TypeError", () => Crypto.prototype.subtle);
  check("crypto.subtle is [SameObject]", () => crypto.subtle === crypto.subtle);
  check("crypto.subtle instanceof SubtleCrypto", () => crypto.subtle instanceof SubtleCrypto);
  check("crypto instanceof Crypto", () => crypto instanceof Crypto);
  check("crypto is [SameObject]", () => globalThis.crypto === crypto && self.crypto === crypto);
  check("global crypto accessor", () => {
    const d = Object.getOwnPropertyDescriptor(globalThis, "crypto");
    return d !== undefined && typeof d.get === "function" && d.set === undefined && d.enumerable && d.configurable &&
      d.get.name === "get crypto" && d.get.length === 0;
  });
  check("global crypto getter with undefined this", () => Object.getOwnPropertyDescriptor(globalThis, "crypto").get.call(undefined) === crypto);
  throwsName("global crypto getter wrong this", "TypeError", () => Object.getOwnPropertyDescriptor(globalThis, "crypto").get.call({}));
  check("toString of crypto", () => Object.prototype.toString.call(crypto) === "[object Crypto]");
  check("toString of crypto.subtle", () => Object.prototype.toString.call(crypto.subtle) === "[object SubtleCrypto]");
  check("Crypto.prototype own keys", () => Object.keys(Crypto.prototype).sort().join() === "getRandomValues,randomUUID,subtle");
  check("SubtleCrypto.prototype own keys", () => Object.keys(SubtleCrypto.prototype).join() ===
    "encrypt,decrypt,sign,verify,digest,generateKey,deriveKey,deriveBits,importKey,exportKey,wrapKey,unwrapKey");
  check("crypto has no own properties", () => Reflect.ownKeys(crypto).length === 0 && Reflect.ownKeys(crypto.subtle).length === 0);
  check("Object.create(Crypto.prototype) is not a Crypto", () => {
    const fake = Object.create(Crypto.prototype);
    try { fake.randomUUID(); return "no throw"; } catch (e) { return e instanceof TypeError; }
  });
  check("getRandomValues is on the prototype, not the instance", () => !Object.prototype.hasOwnProperty.call(crypto, "getRandomValues"));
}

// Replace built-ins an app might patch; crypto must keep working.
async function hardenedTests() {
  const saved = [];
  const getDescriptor = Object.getOwnPropertyDescriptor;
  const defineProperty = Reflect.defineProperty;
  const patch = (obj, key, value) => {
    saved[saved.length] = [obj, key, getDescriptor(obj, key)];
    defineProperty(obj, key, { value, writable: true, configurable: true });
  };
  const boom = function () { throw new Error("patched built-in called"); };
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const savedPromise = Promise;
  patch(Uint8Array.prototype, "set", boom);
  patch(TypedArrayPrototype, "set", boom);
  patch(TypedArrayPrototype, "subarray", boom);
  patch(TypedArrayPrototype, "slice", boom);
  patch(TypedArrayPrototype, "fill", boom);
  patch(ArrayBuffer.prototype, "slice", boom);
  patch(Array.prototype, "map", boom);
  patch(Array.prototype, "push", boom);
  patch(Array.prototype, "join", boom);
  patch(Array.prototype, "indexOf", boom);
  patch(Array.prototype, "includes", boom);
  patch(Array.prototype, "find", boom);
  patch(Array.prototype, Symbol.iterator, boom);
  patch(String.prototype, "toLowerCase", boom);
  patch(String.prototype, "toUpperCase", boom);
  patch(String.prototype, "charCodeAt", boom);
  patch(String.prototype, "padStart", boom);
  patch(String.prototype, "slice", boom);
  patch(Number.prototype, "toString", boom);
  patch(Function.prototype, "call", boom);
  patch(Function.prototype, "apply", boom);
  patch(Function.prototype, "bind", boom);
  patch(Object, "defineProperty", boom);
  patch(Object, "freeze", boom);
  patch(Object, "keys", boom);
  patch(Reflect, "apply", boom);
  patch(ArrayBuffer, "isView", boom);
  patch(Promise, "resolve", boom);
  patch(Promise, "reject", boom);
  patch(Symbol.prototype, "toString", boom);
  patch(globalThis, "Uint8Array", boom);
  patch(globalThis, "ArrayBuffer", boom);
  patch(globalThis, "DOMException", boom);
  patch(globalThis, "Promise", boom);
  patch(globalThis, "Map", boom);
  patch(globalThis, "Set", boom);
  patch(globalThis, "WeakSet", boom);
  patch(globalThis, "String", boom);
  let results;
  let error;
  try {
    const digests = [];
    const algs = ["SHA-1", "sha-256", "Sha-384", "SHA-512"];
    for (let i = 0; i < algs.length; i++) digests[i] = crypto.subtle.digest({ name: algs[i] }, million);
    const unknown = crypto.subtle.digest("nope", million);
    const u8 = new (Object.getPrototypeOf(million).constructor)(32);
    const randomResult = crypto.getRandomValues(u8);
    let quotaName;
    try { crypto.getRandomValues(new Int8Array(70000)); } catch (e) { quotaName = e.name; }
    let typeName;
    try { crypto.getRandomValues(new Float32Array(4)); } catch (e) { typeName = e.name; }
    const uuids = [];
    for (let i = 0; i < 300; i++) uuids[i] = crypto.randomUUID();
    results = { digests, unknown, u8, randomResult, quotaName, typeName, uuids };
  } catch (e) {
    error = e;
  } finally {
    for (let i = saved.length - 1; i >= 0; i--) {
      const obj = saved[i][0], key = saved[i][1], desc = saved[i][2];
      if (desc === undefined) delete obj[key];
      else defineProperty(obj, key, desc);
    }
  }
  if (Promise !== savedPromise) { fail("hardened: restore", "Promise not restored"); return; }
  if (error !== undefined) { fail("hardened: crypto under patched built-ins", `threw ${error && error.message}`); return; }
  passed++;
  const keys = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];
  for (let i = 0; i < 4; i++) {
    await checkAsync(`hardened: digest ${keys[i]}`, async () => hexOf(await results.digests[i]) === vectors[keys[i]].million);
  }
  await checkAsync("hardened: unknown algorithm rejects NotSupportedError", async () => {
    try { await results.unknown; return "resolved"; } catch (e) { return e.name === "NotSupportedError" && e instanceof DOMException; }
  });
  check("hardened: getRandomValues returns its argument", () => results.randomResult === results.u8);
  check("hardened: QuotaExceededError", () => results.quotaName === "QuotaExceededError");
  check("hardened: TypeMismatchError", () => results.typeName === "TypeMismatchError");
  check("hardened: randomUUID", () => {
    const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const seen = new Set();
    for (const u of results.uuids) { if (!re.test(u)) return `bad ${u}`; seen.add(u); }
    return seen.size === results.uuids.length;
  });
  // Object.prototype pollution must not change algorithm normalization of strings.
  Object.defineProperty(Object.prototype, "name", { get() { return "SHA-512"; }, configurable: true });
  try {
    await checkAsync("hardened: Object.prototype.name does not override a string algorithm", async () =>
      (await crypto.subtle.digest("SHA-1", ascii("abc"))).byteLength === 20);
  } finally {
    delete Object.prototype.name;
  }
}

async function main() {
  shapeTests();
  randomTests("");
  await digestTests("");
  await hardenedTests();
  randomTests("after patching: ");
  await digestTests("after patching: ");
}

main().then(
  () => console.log(`${passed} passed, ${failed} failed`),
  (e) => { failed++; console.log(`not ok main: ${e && e.stack}`); console.log(`${passed} passed, ${failed} failed`); },
);
