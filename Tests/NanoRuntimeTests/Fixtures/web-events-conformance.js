// Conformance tests for NANO's DOMException, Event/EventTarget (and the global
// object as an event target), AbortController/AbortSignal, TextEncoder/
// TextDecoder and atob/btoa. Run as an ES module; prints `ok NAME` or
// `not ok NAME: REASON` per test and a final `N passed, M failed` line.
//
// The base64 vectors are the web-platform-tests' fetch/data-urls/resources/
// base64.json (the copy in ../shared/testdata/wpt/fetch-data-urls/), inlined.
// The single-byte "bad pointer" table is from WPT encoding/textdecoder-fatal-single-byte.any.js.

let passed = 0;
let failed = 0;
const G = globalThis;

function report(name, error) {
  if (error === undefined) {
    passed++;
    console.log(`ok ${name}`);
  } else {
    failed++;
    const reason = error && error.message !== undefined ? error.message : String(error);
    console.log(`not ok ${name}: ${reason}`);
  }
}

function test(name, fn) {
  try {
    fn();
    report(name);
  } catch (e) {
    report(name, e === undefined ? new Error("undefined thrown") : e);
  }
}

async function asyncTest(name, fn) {
  try {
    await fn();
    report(name);
  } catch (e) {
    report(name, e === undefined ? new Error("undefined thrown") : e);
  }
}

function fmt(v) {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "symbol") return v.toString();
  try { return String(v); } catch { return Object.prototype.toString.call(v); }
}

function assert(cond, message = "assertion failed") {
  if (!cond) throw new Error(message);
}
function assertEquals(actual, expected, message = "") {
  if (!Object.is(actual, expected)) {
    throw new Error(`${message ? message + ": " : ""}expected ${fmt(expected)}, got ${fmt(actual)}`);
  }
}
function assertArrayEquals(actual, expected, message = "") {
  const a = Array.from(actual);
  const b = Array.from(expected);
  if (a.length !== b.length || a.some((x, i) => !Object.is(x, b[i]))) {
    throw new Error(`${message ? message + ": " : ""}expected [${b.join(",")}], got [${a.join(",")}]`);
  }
}
// ErrorType is a constructor (TypeError, RangeError...) or a DOMException name.
function assertThrows(ErrorType, fn, message = "") {
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    if (typeof ErrorType === "string") {
      if (!(e instanceof DOMException)) throw new Error(`${message ? message + ": " : ""}expected DOMException ${ErrorType}, got ${fmt(e)}`);
      if (e.name !== ErrorType) throw new Error(`${message ? message + ": " : ""}expected DOMException ${ErrorType}, got ${e.name}`);
    } else if (!(e instanceof ErrorType) || e.constructor !== ErrorType) {
      throw new Error(`${message ? message + ": " : ""}expected ${ErrorType.name}, got ${fmt(e)}`);
    }
  }
  if (!threw) throw new Error(`${message ? message + ": " : ""}expected ${typeof ErrorType === "string" ? ErrorType : ErrorType.name} to be thrown`);
}
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// WebIDL shape of the interfaces
// ---------------------------------------------------------------------------

function checkInterface(spec) {
  const { name, length, parent = null, methods = {}, attributes = [], writable = [], statics = {}, constants = {}, instance } = spec;
  test(`${name}: global property`, () => {
    const d = Object.getOwnPropertyDescriptor(G, name);
    assert(d !== undefined, "missing");
    assertEquals(d.writable, true, "writable");
    assertEquals(d.enumerable, false, "enumerable");
    assertEquals(d.configurable, true, "configurable");
    assertEquals(typeof d.value, "function");
  });
  const I = G[name];
  if (typeof I !== "function") return;
  test(`${name}: interface object`, () => {
    assertEquals(I.name, name, "name");
    assertEquals(I.length, length, "length");
    assertEquals(Object.getPrototypeOf(I), parent === null ? Function.prototype : G[parent], "[[Prototype]]");
    const d = Object.getOwnPropertyDescriptor(I, "prototype");
    assertEquals(d.writable, false, "prototype writable");
    assertEquals(d.enumerable, false, "prototype enumerable");
    assertEquals(d.configurable, false, "prototype configurable");
    const c = Object.getOwnPropertyDescriptor(I.prototype, "constructor");
    assertEquals(c.value, I, "constructor");
    assertEquals(c.enumerable, false, "constructor enumerable");
    if (parent !== null) assertEquals(Object.getPrototypeOf(I.prototype), G[parent].prototype, "prototype chain");
  });
  test(`${name}: @@toStringTag`, () => {
    const d = Object.getOwnPropertyDescriptor(I.prototype, Symbol.toStringTag);
    assert(d !== undefined, "missing");
    assertEquals(d.value, name);
    assertEquals(d.writable, false, "writable");
    assertEquals(d.enumerable, false, "enumerable");
    assertEquals(d.configurable, true, "configurable");
    if (instance) assertEquals(Object.prototype.toString.call(instance()), `[object ${name}]`);
  });
  test(`${name}: constructor requires new`, () => {
    assertThrows(TypeError, () => I());
  });
  test(`${name}: operations`, () => {
    for (const [m, len] of Object.entries(methods)) {
      const d = Object.getOwnPropertyDescriptor(I.prototype, m);
      assert(d !== undefined, `${m} missing`);
      assertEquals(typeof d.value, "function", `${m} type`);
      assertEquals(d.writable && d.enumerable && d.configurable, true, `${m} descriptor`);
      assertEquals(d.value.length, len, `${m}.length`);
      assertEquals(d.value.name, m, `${m}.name`);
      assert(!("prototype" in d.value), `${m} has no prototype`);
      assertThrows(TypeError, () => new d.value(), `${m} is not a constructor`);
    }
    for (const [m, len] of Object.entries(statics)) {
      const d = Object.getOwnPropertyDescriptor(I, m);
      assert(d !== undefined, `static ${m} missing`);
      assertEquals(d.writable && d.enumerable && d.configurable, true, `static ${m} descriptor`);
      assertEquals(d.value.length, len, `static ${m}.length`);
      assertEquals(d.value.name, m, `static ${m}.name`);
    }
  });
  test(`${name}: attributes`, () => {
    for (const a of attributes) {
      const d = Object.getOwnPropertyDescriptor(I.prototype, a);
      assert(d !== undefined, `${a} missing`);
      assertEquals(typeof d.get, "function", `${a} getter`);
      assertEquals(d.get.name, `get ${a}`, `${a} getter name`);
      assertEquals(d.get.length, 0, `${a} getter length`);
      assertEquals(d.enumerable, true, `${a} enumerable`);
      assertEquals(d.configurable, true, `${a} configurable`);
      if (writable.includes(a)) {
        assertEquals(typeof d.set, "function", `${a} setter`);
        assertEquals(d.set.name, `set ${a}`, `${a} setter name`);
        assertEquals(d.set.length, 1, `${a} setter length`);
      } else {
        assertEquals(d.set, undefined, `${a} is readonly`);
      }
    }
  });
  test(`${name}: brand checks`, () => {
    const fakes = [undefined, null, 1, "x", {}, Object.create(I.prototype)];
    for (const a of attributes) {
      const d = Object.getOwnPropertyDescriptor(I.prototype, a);
      for (const fake of fakes) assertThrows(TypeError, () => d.get.call(fake), `${a} getter on ${fmt(fake)}`);
    }
    for (const m of Object.keys(methods)) {
      for (const fake of fakes) assertThrows(TypeError, () => I.prototype[m].call(fake), `${m} on ${fmt(fake)}`);
    }
  });
  if (Object.keys(constants).length > 0) {
    test(`${name}: constants`, () => {
      for (const [c, v] of Object.entries(constants)) {
        for (const o of [I, I.prototype]) {
          const d = Object.getOwnPropertyDescriptor(o, c);
          assert(d !== undefined, `${c} missing`);
          assertEquals(d.value, v, c);
          assertEquals(d.writable, false, `${c} writable`);
          assertEquals(d.enumerable, true, `${c} enumerable`);
          assertEquals(d.configurable, false, `${c} configurable`);
        }
      }
    });
  }
}

const domExceptionConstants = {
  INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
  INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8,
  NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
  INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15, VALIDATION_ERR: 16,
  TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20, URL_MISMATCH_ERR: 21,
  QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25,
};

checkInterface({ name: "DOMException", length: 0, attributes: ["name", "message", "code", "cause"], constants: domExceptionConstants, instance: () => new DOMException() });
checkInterface({
  name: "Event", length: 1,
  methods: { composedPath: 0, stopPropagation: 0, stopImmediatePropagation: 0, preventDefault: 0, initEvent: 1 },
  attributes: ["type", "target", "srcElement", "currentTarget", "eventPhase", "cancelBubble", "bubbles", "cancelable", "returnValue", "defaultPrevented", "composed", "timeStamp"],
  writable: ["cancelBubble", "returnValue"],
  constants: { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 },
  instance: () => new Event("x"),
});
checkInterface({ name: "EventTarget", length: 0, methods: { addEventListener: 2, removeEventListener: 2, dispatchEvent: 1 }, instance: () => new EventTarget() });
checkInterface({ name: "CustomEvent", length: 1, parent: "Event", methods: { initCustomEvent: 1 }, attributes: ["detail"], instance: () => new CustomEvent("x") });
checkInterface({ name: "ErrorEvent", length: 1, parent: "Event", attributes: ["message", "filename", "lineno", "colno", "error"], instance: () => new ErrorEvent("x") });
checkInterface({ name: "PromiseRejectionEvent", length: 2, parent: "Event", attributes: ["promise", "reason"], instance: () => new PromiseRejectionEvent("x", { promise: Promise.resolve() }) });
checkInterface({ name: "AbortController", length: 0, methods: { abort: 0 }, attributes: ["signal"], instance: () => new AbortController() });
checkInterface({
  name: "AbortSignal", length: 0, parent: "EventTarget",
  methods: { throwIfAborted: 0 }, attributes: ["aborted", "reason", "onabort"], writable: ["onabort"],
  statics: { abort: 0, timeout: 1, any: 1 }, instance: () => AbortSignal.abort(),
});
checkInterface({ name: "TextEncoder", length: 0, methods: { encode: 0, encodeInto: 2 }, attributes: ["encoding"], instance: () => new TextEncoder() });
checkInterface({ name: "TextDecoder", length: 0, methods: { decode: 0 }, attributes: ["encoding", "fatal", "ignoreBOM"], instance: () => new TextDecoder() });

test("global functions", () => {
  const fns = { atob: 1, btoa: 1, reportError: 1, addEventListener: 2, removeEventListener: 2, dispatchEvent: 1 };
  for (const [f, len] of Object.entries(fns)) {
    const d = Object.getOwnPropertyDescriptor(G, f);
    assert(d !== undefined, `${f} missing`);
    assertEquals(typeof d.value, "function", f);
    assertEquals(d.value.length, len, `${f}.length`);
    assertEquals(d.value.name, f, `${f}.name`);
    assertEquals(d.writable, true, `${f} writable`);
    assertEquals(d.configurable, true, `${f} configurable`);
  }
});

test("global event handler attributes", () => {
  for (const h of ["onerror", "onunhandledrejection"]) {
    const d = Object.getOwnPropertyDescriptor(G, h);
    assert(d !== undefined, `${h} missing`);
    assertEquals(d.get.name, `get ${h}`);
    assertEquals(d.set.name, `set ${h}`);
    assertEquals(d.enumerable, true, `${h} enumerable`);
    assertEquals(d.configurable, true, `${h} configurable`);
    assertEquals(G[h], null, `${h} initially null`);
  }
});

test("illegal constructor: AbortSignal", () => {
  assertThrows(TypeError, () => new AbortSignal());
  class Sub extends AbortSignal {}
  assertThrows(TypeError, () => new Sub());
});

// ---------------------------------------------------------------------------
// DOMException
// ---------------------------------------------------------------------------

test("DOMException: defaults", () => {
  const e = new DOMException();
  assertEquals(e.name, "Error");
  assertEquals(e.message, "");
  assertEquals(e.code, 0);
  const u = new DOMException(undefined, undefined);
  assertEquals(u.name, "Error");
  assertEquals(u.message, "");
  assertEquals(new DOMException(null).message, "null");
  assertEquals(new DOMException({ toString: () => "obj" }).message, "obj");
  assertThrows(TypeError, () => new DOMException(Symbol()));
  assertThrows(TypeError, () => new DOMException("", Symbol()));
});

test("DOMException: options dictionary and cause", () => {
  assertEquals(new DOMException("bar", {}).name, "Error");
  const a = new DOMException("bar", { name: "NotSupportedError", cause: "foo" });
  assertEquals(a.name, "NotSupportedError");
  assertEquals(a.code, 9);
  assertEquals(a.cause, "foo");
  assertEquals(new DOMException("bar", { cause: 0 }).cause, 0);
  assertEquals(new DOMException("bar", "SyntaxError").cause, undefined);
  assertEquals(new DOMException().cause, undefined);
  for (const e of [a, new DOMException()]) {
    for (const p of ["name", "message", "code", "cause"]) assertEquals(Object.prototype.hasOwnProperty.call(e, p), false, `own ${p}`);
  }
  const read = [];
  new DOMException("x", new Proxy({}, { get(_, k) { read.push(String(k)); return undefined; } }));
  assertEquals(read.join(), "cause,name");
  assertEquals(new DOMException("x", 5).name, "5", "non-objects are the name");
});

test("DOMException: code ignores a shadowing name; toString", () => {
  const e = new DOMException("message", "InvalidCharacterError");
  Object.defineProperty(e, "name", { value: "WrongDocumentError" });
  assertEquals(e.code, 5);
  assertEquals(e.toString(), "WrongDocumentError: message");
  assertThrows(TypeError, () => DOMException.prototype.toString());
});

test("DOMException: names and legacy codes", () => {
  const table = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
    InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
    URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
    EncodingError: 0, NotReadableError: 0, UnknownError: 0, ConstraintError: 0, DataError: 0,
    TransactionInactiveError: 0, ReadOnlyError: 0, VersionError: 0, OperationError: 0, NotAllowedError: 0,
    OptOutError: 0, "": 0, abortError: 0, "Anything else": 0, DOMStringSizeError: 0, NoDataAllowedError: 0, ValidationError: 0,
  };
  for (const [name, code] of Object.entries(table)) {
    const e = new DOMException("msg", name);
    assertEquals(e.name, name, "name");
    assertEquals(e.message, "msg", "message");
    assertEquals(e.code, code, `code of ${name}`);
  }
});

test("DOMException: Error-like", () => {
  const e = new DOMException("boom", "AbortError");
  assertEquals(Object.getPrototypeOf(DOMException.prototype), Error.prototype);
  assert(e instanceof Error, "instanceof Error");
  assert(e instanceof DOMException, "instanceof DOMException");
  assertEquals(typeof e.stack, "string", "stack");
  assert(e.stack.includes("boom"), "stack has the message");
  assertEquals(String(e), "AbortError: boom");
  assertEquals(Object.prototype.toString.call(e), "[object DOMException]");
  assertEquals(Object.prototype.hasOwnProperty.call(e, "name"), false, "no own name");
  assertEquals(Object.prototype.hasOwnProperty.call(e, "message"), false, "no own message");
  assertEquals(Object.prototype.hasOwnProperty.call(e, "code"), false, "no own code");
  assertEquals(Object.prototype.hasOwnProperty.call(DOMException.prototype, "toString"), false, "inherits toString");
});

test("DOMException: subclassing", () => {
  class MyError extends DOMException {
    constructor() { super("sub", "NotFoundError"); }
  }
  const e = new MyError();
  assertEquals(e.name, "NotFoundError");
  assertEquals(e.code, 8);
  assert(e instanceof MyError && e instanceof DOMException && e instanceof Error);
});

// ---------------------------------------------------------------------------
// Event
// ---------------------------------------------------------------------------

test("Event: defaults", () => {
  const e = new Event("test");
  assertEquals(e.type, "test");
  assertEquals(e.target, null);
  assertEquals(e.srcElement, null);
  assertEquals(e.currentTarget, null);
  assertEquals(e.eventPhase, Event.NONE);
  assertEquals(e.bubbles, false);
  assertEquals(e.cancelable, false);
  assertEquals(e.composed, false);
  assertEquals(e.defaultPrevented, false);
  assertEquals(e.returnValue, true);
  assertEquals(e.cancelBubble, false);
  assertEquals(e.isTrusted, false);
  assertEquals(typeof e.timeStamp, "number");
  assert(e.timeStamp > 0, "timeStamp > 0");
  assertArrayEquals(e.composedPath(), []);
});

test("Event: constructor arguments", () => {
  assertThrows(TypeError, () => new Event());
  assertEquals(new Event(undefined).type, "undefined");
  assertEquals(new Event(null).type, "null");
  assertEquals(new Event("").type, "");
  assertThrows(TypeError, () => new Event(Symbol("x")));
  assertThrows(TypeError, () => new Event("x", 1));
  assertThrows(TypeError, () => new Event("x", "bubbles"));
  const e = new Event("x", { bubbles: 1, cancelable: "yes", composed: {} });
  assertEquals(e.bubbles, true);
  assertEquals(e.cancelable, true);
  assertEquals(e.composed, true);
  const n = new Event("x", null);
  assertEquals(n.bubbles, false);
});

test("Event: dictionary members are read in lexicographic order", () => {
  const read = [];
  const dict = new Proxy({}, { get(_, key) { read.push(String(key)); return undefined; } });
  new Event("x", dict);
  assertEquals(read.join(), "bubbles,cancelable,composed", "EventInit");
  read.length = 0;
  new CustomEvent("x", dict);
  assertEquals(read.join(), "bubbles,cancelable,composed,detail", "CustomEventInit");
  read.length = 0;
  new ErrorEvent("x", dict);
  assertEquals(read.join(), "bubbles,cancelable,composed,colno,error,filename,lineno,message", "ErrorEventInit");
});

test("Event: isTrusted is an own unforgeable accessor", () => {
  const e = new Event("x");
  const d = Object.getOwnPropertyDescriptor(e, "isTrusted");
  assert(d !== undefined, "own property");
  assertEquals(typeof d.get, "function");
  assertEquals(d.get.name, "get isTrusted");
  assertEquals(d.set, undefined);
  assertEquals(d.enumerable, true);
  assertEquals(d.configurable, false);
  assertEquals(Object.getOwnPropertyDescriptor(Event.prototype, "isTrusted"), undefined, "not on the prototype");
  assertThrows(TypeError, () => d.get.call({}));
  assertEquals(Object.getOwnPropertyDescriptor(new Event("y"), "isTrusted").get, d.get, "same getter");
});

test("Event: preventDefault, returnValue and cancelable", () => {
  const a = new Event("x");
  a.preventDefault();
  assertEquals(a.defaultPrevented, false, "not cancelable");
  a.returnValue = false;
  assertEquals(a.defaultPrevented, false, "not cancelable (returnValue)");
  const b = new Event("x", { cancelable: true });
  b.preventDefault();
  assertEquals(b.defaultPrevented, true);
  assertEquals(b.returnValue, false);
  b.returnValue = true;
  assertEquals(b.defaultPrevented, true, "returnValue = true does not uncancel");
  const c = new Event("x", { cancelable: true });
  c.returnValue = false;
  assertEquals(c.defaultPrevented, true);
});

test("Event: cancelBubble and stopPropagation", () => {
  const e = new Event("x");
  e.cancelBubble = false;
  assertEquals(e.cancelBubble, false);
  e.cancelBubble = true;
  assertEquals(e.cancelBubble, true);
  e.cancelBubble = false;
  assertEquals(e.cancelBubble, true, "cannot be unset");
  const f = new Event("x");
  f.stopPropagation();
  assertEquals(f.cancelBubble, true);
  const g = new Event("x");
  g.stopImmediatePropagation();
  assertEquals(g.cancelBubble, true);
});

test("Event: initEvent", () => {
  const e = new Event("x", { cancelable: true });
  e.preventDefault();
  e.stopPropagation();
  e.initEvent("y", true, true);
  assertEquals(e.type, "y");
  assertEquals(e.bubbles, true);
  assertEquals(e.cancelable, true);
  assertEquals(e.defaultPrevented, false, "canceled flag unset");
  assertEquals(e.cancelBubble, false, "stop propagation unset");
  assertThrows(TypeError, () => e.initEvent());
  e.initEvent("z");
  assertEquals(e.bubbles, false);
  assertEquals(e.cancelable, false);
});

test("Event: initEvent while dispatching does nothing", () => {
  const t = new EventTarget();
  const e = new Event("x");
  t.addEventListener("x", () => {
    e.initEvent("changed", true, true);
    assertEquals(e.type, "x");
    assertEquals(e.bubbles, false);
  });
  t.dispatchEvent(e);
});

test("Event: constants", () => {
  assertEquals(Event.NONE, 0);
  assertEquals(Event.CAPTURING_PHASE, 1);
  assertEquals(Event.AT_TARGET, 2);
  assertEquals(Event.BUBBLING_PHASE, 3);
  assertEquals(new Event("x").AT_TARGET, 2);
});

test("CustomEvent", () => {
  assertEquals(new CustomEvent("x").detail, null);
  const detail = { a: 1 };
  const e = new CustomEvent("x", { detail, cancelable: true });
  assertEquals(e.detail, detail);
  assertEquals(e.cancelable, true);
  assert(e instanceof Event);
  e.initCustomEvent("y", true, false, 42);
  assertEquals(e.type, "y");
  assertEquals(e.bubbles, true);
  assertEquals(e.detail, 42);
  assertThrows(TypeError, () => new CustomEvent());
});

test("ErrorEvent", () => {
  const e = new ErrorEvent("error");
  assertEquals(e.message, "");
  assertEquals(e.filename, "");
  assertEquals(e.lineno, 0);
  assertEquals(e.colno, 0);
  assertEquals(e.error, undefined);
  const err = new Error("x");
  const f = new ErrorEvent("error", { message: "m", filename: "f\uD800.js", lineno: -1, colno: 2 ** 32 + 5, error: err });
  assertEquals(f.message, "m");
  assertEquals(f.filename, "f\uFFFD.js", "USVString");
  assertEquals(f.lineno, 4294967295, "unsigned long wraps");
  assertEquals(f.colno, 5, "unsigned long wraps");
  assertEquals(f.error, err);
});

test("PromiseRejectionEvent", () => {
  const p = Promise.resolve();
  const e = new PromiseRejectionEvent("unhandledrejection", { promise: p, reason: 7, cancelable: true });
  assertEquals(e.promise, p);
  assertEquals(e.reason, 7);
  assertEquals(e.cancelable, true);
  assertEquals(new PromiseRejectionEvent("x", { promise: p }).reason, undefined);
  assertThrows(TypeError, () => new PromiseRejectionEvent("x"));
  assertThrows(TypeError, () => new PromiseRejectionEvent("x", {}));
  assertThrows(TypeError, () => new PromiseRejectionEvent("x", { promise: 1 }));
});

// ---------------------------------------------------------------------------
// EventTarget
// ---------------------------------------------------------------------------

test("EventTarget: dispatch at target", () => {
  const t = new EventTarget();
  const e = new Event("x");
  let calls = 0;
  t.addEventListener("x", function (ev) {
    calls++;
    assertEquals(this, t, "this");
    assertEquals(ev, e);
    assertEquals(ev.target, t, "target");
    assertEquals(ev.currentTarget, t, "currentTarget");
    assertEquals(ev.eventPhase, Event.AT_TARGET, "eventPhase");
    assertArrayEquals(ev.composedPath(), [t], "composedPath");
    assertEquals(ev.isTrusted, false, "isTrusted");
  });
  assertEquals(t.dispatchEvent(e), true);
  assertEquals(calls, 1);
  assertEquals(e.target, t, "target after dispatch");
  assertEquals(e.currentTarget, null, "currentTarget after dispatch");
  assertEquals(e.eventPhase, Event.NONE, "eventPhase after dispatch");
  assertArrayEquals(e.composedPath(), [], "composedPath after dispatch");
});

test("EventTarget: capture listeners run first at the target", () => {
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", () => order.push("bubble1"));
  t.addEventListener("x", () => order.push("capture1"), true);
  t.addEventListener("x", () => order.push("bubble2"), { capture: false });
  t.addEventListener("x", () => order.push("capture2"), { capture: true });
  t.dispatchEvent(new Event("x"));
  assertEquals(order.join(), "capture1,capture2,bubble1,bubble2");
});

test("EventTarget: duplicates and removal", () => {
  const t = new EventTarget();
  let n = 0;
  const f = () => n++;
  t.addEventListener("x", f);
  t.addEventListener("x", f);
  t.addEventListener("x", f, { once: true });
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1, "same callback and capture added once");
  t.addEventListener("x", f, true);
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 3, "capture listener is distinct");
  t.removeEventListener("x", f, true);
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 4);
  t.removeEventListener("x", f, { capture: true });
  t.removeEventListener("x", f, { capture: false });
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 4);
  t.removeEventListener("x", null);
  t.removeEventListener("never", f);
});

test("EventTarget: null callback is ignored, non-objects throw", () => {
  const t = new EventTarget();
  t.addEventListener("x", null);
  t.addEventListener("x", undefined);
  assertThrows(TypeError, () => t.addEventListener("x", 1));
  assertThrows(TypeError, () => t.addEventListener("x", "f"));
  assertThrows(TypeError, () => t.addEventListener("x"));
  assertThrows(TypeError, () => t.removeEventListener("x"));
  assertThrows(TypeError, () => t.dispatchEvent());
  assertThrows(TypeError, () => t.dispatchEvent({ type: "x" }));
  assertEquals(t.dispatchEvent(new Event("x")), true);
});

test("EventTarget: handleEvent objects", () => {
  const t = new EventTarget();
  const e = new Event("x");
  const calls = [];
  const listener = {
    handleEvent(ev) { calls.push(this === listener && ev === e); },
  };
  t.addEventListener("x", listener);
  t.dispatchEvent(e);
  listener.handleEvent = function () { calls.push("replaced"); };
  t.dispatchEvent(e);
  assertEquals(calls.join(), "true,replaced", "handleEvent looked up at dispatch time");
  // A callable listener is called directly, even if it has handleEvent.
  const fn = function () { calls.push("fn"); };
  fn.handleEvent = () => calls.push("handleEvent");
  t.addEventListener("y", fn);
  t.dispatchEvent(new Event("y"));
  assertEquals(calls[calls.length - 1], "fn");
});

test("EventTarget: once", () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener("x", () => { n++; t.dispatchEvent(new Event("x")); }, { once: true });
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1, "removed before it is called");
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1);
});

test("EventTarget: stopImmediatePropagation", () => {
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", (e) => { order.push(1); e.stopPropagation(); });
  t.addEventListener("x", (e) => { order.push(2); e.stopImmediatePropagation(); });
  t.addEventListener("x", () => order.push(3));
  const e = new Event("x");
  t.dispatchEvent(e);
  assertEquals(order.join(), "1,2");
  assertEquals(e.cancelBubble, false, "flags are cleared after dispatch");
  t.dispatchEvent(e);
  assertEquals(order.join(), "1,2,1,2", "redispatch works");
});

test("EventTarget: stopPropagation before dispatch", () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener("x", () => n++);
  const e = new Event("x");
  e.stopPropagation();
  t.dispatchEvent(e);
  assertEquals(n, 0);
  assertEquals(e.target, t, "target is set");
});

test("EventTarget: preventDefault and dispatchEvent's result", () => {
  const t = new EventTarget();
  t.addEventListener("x", (e) => e.preventDefault());
  assertEquals(t.dispatchEvent(new Event("x", { cancelable: true })), false);
  assertEquals(t.dispatchEvent(new Event("x")), true);
  const e = new Event("x", { cancelable: true });
  t.dispatchEvent(e);
  assertEquals(e.defaultPrevented, true, "defaultPrevented after dispatch");
});

test("EventTarget: passive listeners cannot cancel", () => {
  const t = new EventTarget();
  let seen;
  t.addEventListener("x", (e) => { e.preventDefault(); e.returnValue = false; seen = e.defaultPrevented; }, { passive: true });
  assertEquals(t.dispatchEvent(new Event("x", { cancelable: true })), true);
  assertEquals(seen, false);
  const u = new EventTarget();
  u.addEventListener("x", (e) => e.preventDefault(), { passive: true });
  u.addEventListener("x", (e) => e.preventDefault(), { passive: false });
  assertEquals(u.dispatchEvent(new Event("x", { cancelable: true })), false, "a non-passive one can");
});

test("EventTarget: listeners added or removed during dispatch", () => {
  const t = new EventTarget();
  const order = [];
  const late = () => order.push("late");
  const removed = () => order.push("removed");
  t.addEventListener("x", () => { order.push("first"); t.addEventListener("x", late); t.removeEventListener("x", removed); });
  t.addEventListener("x", removed);
  t.dispatchEvent(new Event("x"));
  assertEquals(order.join(), "first");
  t.dispatchEvent(new Event("x"));
  assertEquals(order.join(), "first,first,late");
});

test("EventTarget: removing and re-adding during dispatch does not run it again", () => {
  const t = new EventTarget();
  let n = 0;
  const f = () => n++;
  t.addEventListener("x", () => { t.removeEventListener("x", f); t.addEventListener("x", f); });
  t.addEventListener("x", f);
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 0);
});

test("EventTarget: nested dispatch with once listeners", () => {
  const t = new EventTarget();
  const calls = [0, 0, 0];
  const l3 = () => calls[2]++;
  const l2 = () => calls[1]++;
  const l1 = () => {
    calls[0]++;
    t.dispatchEvent(new Event("x"));
    assertEquals(calls.join(), "1,1,0", "inner dispatch");
    t.addEventListener("x", l3);
  };
  t.addEventListener("x", l1, { once: true });
  t.addEventListener("x", l2, { once: true });
  t.dispatchEvent(new Event("x"));
  assertEquals(calls.join(), "1,1,0");
  t.dispatchEvent(new Event("x"));
  assertEquals(calls.join(), "1,1,1");
});

test("EventTarget: aborting the signal from a (nested) listener removes it", () => {
  const t = new EventTarget();
  const c = new AbortController();
  let n = 0;
  t.addEventListener("x", () => c.abort(), { signal: c.signal });
  t.addEventListener("x", () => n++, { signal: c.signal });
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 0, "future listener not called");
  const u = new EventTarget();
  const ac = new AbortController();
  let count = 0;
  u.addEventListener("foo", () => {
    u.addEventListener("foo", () => {
      count++;
      if (count > 5) ac.abort();
      u.dispatchEvent(new Event("foo"));
    }, { signal: ac.signal });
    u.dispatchEvent(new Event("foo"));
  }, { once: true });
  u.dispatchEvent(new Event("foo"));
  assertEquals(count, 6);
});

test("EventTarget: dispatching an event that is being dispatched throws", () => {
  const t = new EventTarget();
  const e = new Event("x");
  let error;
  t.addEventListener("x", () => {
    try { t.dispatchEvent(e); } catch (err) { error = err; }
  });
  t.dispatchEvent(e);
  assert(error instanceof DOMException, "DOMException");
  assertEquals(error.name, "InvalidStateError");
  assertEquals(error.code, 11);
});

test("EventTarget: options are read in order, remove reads only capture", () => {
  const read = [];
  const options = new Proxy({}, { get(_, key) { read.push(String(key)); return undefined; } });
  const t = new EventTarget();
  t.addEventListener("x", () => {}, options);
  assertEquals(read.join(), "capture,once,passive,signal");
  read.length = 0;
  t.removeEventListener("x", () => {}, options);
  assertEquals(read.join(), "capture");
});

test("EventTarget: non-object options are booleans", () => {
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", () => order.push("b"), 0);
  t.addEventListener("x", () => order.push("c"), "yes");
  t.dispatchEvent(new Event("x"));
  assertEquals(order.join(), "c,b");
});

test("EventTarget: signal option", () => {
  const t = new EventTarget();
  const c = new AbortController();
  let n = 0;
  const f = () => n++;
  t.addEventListener("x", f, { signal: c.signal });
  t.dispatchEvent(new Event("x"));
  c.abort();
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1, "removed on abort");
  t.addEventListener("x", f, { signal: c.signal });
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1, "not added with an aborted signal");
  assertThrows(TypeError, () => t.addEventListener("x", f, { signal: null }));
  assertThrows(TypeError, () => t.addEventListener("x", f, { signal: {} }));
  // Removing then re-adding with another signal: the first abort does not remove it.
  const c1 = new AbortController();
  const c2 = new AbortController();
  t.addEventListener("y", f, { signal: c1.signal });
  t.removeEventListener("y", f);
  t.addEventListener("y", f, { signal: c2.signal });
  c1.abort();
  t.dispatchEvent(new Event("y"));
  assertEquals(n, 2);
});

test("EventTarget: subclassing", () => {
  class Emitter extends EventTarget {
    constructor() { super(); this.seen = 0; }
  }
  const e = new Emitter();
  e.addEventListener("x", function () { this.seen++; });
  e.dispatchEvent(new CustomEvent("x"));
  assertEquals(e.seen, 1);
  assert(e instanceof EventTarget);
});

test("EventTarget: event type is case-sensitive and any string", () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener("Click", () => n++);
  t.dispatchEvent(new Event("click"));
  assertEquals(n, 0);
  t.addEventListener("", () => n++);
  t.dispatchEvent(new Event(""));
  assertEquals(n, 1);
});

// ---------------------------------------------------------------------------
// The global object, reportError, onerror
// ---------------------------------------------------------------------------

test("global: addEventListener / dispatchEvent / removeEventListener", () => {
  let self;
  let target;
  const f = function (e) { self = this; target = e.target; };
  addEventListener("nano-test", f);
  const e = new Event("nano-test");
  assertEquals(dispatchEvent(e), true);
  assertEquals(self, globalThis, "this");
  assertEquals(target, globalThis, "target");
  assertEquals(globalThis.dispatchEvent(new Event("nano-test")), true);
  removeEventListener("nano-test", f);
  self = undefined;
  dispatchEvent(new Event("nano-test"));
  assertEquals(self, undefined);
  assertThrows(TypeError, () => addEventListener("x"));
});

test("reportError: fires a cancelable, trusted ErrorEvent at the global", () => {
  const error = new Error("reported");
  let event;
  const listener = (e) => { event = e; e.preventDefault(); };
  addEventListener("error", listener);
  try {
    reportError(error);
  } finally {
    removeEventListener("error", listener);
  }
  assert(event instanceof ErrorEvent, "ErrorEvent");
  assertEquals(event.type, "error");
  assertEquals(event.error, error);
  assertEquals(event.cancelable, true);
  assertEquals(event.isTrusted, true);
  assertEquals(event.target, globalThis);
  assertEquals(typeof event.message, "string");
  assert(event.message.includes("reported"), "message mentions the error");
  assertThrows(TypeError, () => reportError());
});

test("listener exceptions are reported and do not stop other listeners", () => {
  const t = new EventTarget();
  const boom = new Error("listener failed");
  const order = [];
  let reported;
  const onError = (e) => { reported = e.error; e.preventDefault(); };
  addEventListener("error", onError);
  try {
    t.addEventListener("x", () => { order.push(1); throw boom; });
    t.addEventListener("x", { handleEvent: 5 });
    t.addEventListener("x", () => order.push(3));
    t.dispatchEvent(new Event("x"));
  } finally {
    removeEventListener("error", onError);
  }
  assertEquals(order.join(), "1,3");
  assert(reported instanceof TypeError, "non-callable handleEvent reported last as TypeError");
});

test("onerror: special error event handler arguments and return true cancels", () => {
  const error = new RangeError("via onerror");
  let args;
  let canceled;
  onerror = function (message, filename, lineno, colno, err) {
    args = [typeof message, typeof filename, typeof lineno, typeof colno, err, this];
    return true;
  };
  const after = (e) => { canceled = e.defaultPrevented; e.preventDefault(); };
  addEventListener("error", after);
  try {
    assertEquals(typeof onerror, "function");
    reportError(error);
  } finally {
    onerror = null;
    removeEventListener("error", after);
  }
  assertEquals(args.slice(0, 4).join(), "string,string,number,number");
  assertEquals(args[4], error);
  assertEquals(args[5], globalThis);
  assertEquals(canceled, true);
  assertEquals(onerror, null);
});

test("event handler attributes: non-objects become null, order is kept", () => {
  const order = [];
  const t = AbortSignal.abort(); // an EventTarget with onabort
  const c = new AbortController();
  const s = c.signal;
  s.addEventListener("abort", () => order.push("a"));
  s.onabort = () => order.push("handler1");
  s.addEventListener("abort", () => order.push("b"));
  s.onabort = () => order.push("handler2"); // keeps the first position
  assertEquals(typeof s.onabort, "function");
  c.abort();
  assertEquals(order.join(), "a,handler2,b");
  s.onabort = 5;
  assertEquals(s.onabort, null);
  const obj = {};
  s.onabort = obj;
  assertEquals(s.onabort, obj, "objects are kept even if not callable");
  assertEquals(t.onabort, null);
});

test("event handler: returning false cancels", () => {
  const c = new AbortController();
  const s = c.signal;
  s.onabort = () => false;
  const e = new Event("abort", { cancelable: true });
  assertEquals(s.dispatchEvent(e), false);
});

// ---------------------------------------------------------------------------
// AbortController / AbortSignal
// ---------------------------------------------------------------------------

test("AbortController: initial state", () => {
  const c = new AbortController();
  const s = c.signal;
  assertEquals(c.signal, s, "same object");
  assert(s instanceof AbortSignal && s instanceof EventTarget);
  assertEquals(s.aborted, false);
  assertEquals(s.reason, undefined);
  assertEquals(s.onabort, null);
  s.throwIfAborted();
});

test("AbortController: abort() fires a trusted abort event once, synchronously", () => {
  const c = new AbortController();
  const s = c.signal;
  const events = [];
  s.addEventListener("abort", (e) => {
    events.push(e);
    assertEquals(s.aborted, true, "aborted before the event");
    assert(s.reason instanceof DOMException, "reason set before the event");
  });
  let handler = 0;
  s.onabort = () => handler++;
  c.abort();
  c.abort("again");
  assertEquals(events.length, 1);
  assertEquals(handler, 1);
  const e = events[0];
  assertEquals(e.type, "abort");
  assertEquals(e.target, s);
  assertEquals(e.isTrusted, true);
  assertEquals(e.bubbles, false);
  assertEquals(e.cancelable, false);
  assertEquals(s.reason.name, "AbortError");
  assertEquals(s.reason.code, 20);
  assertEquals(s.reason.message, "This operation was aborted");
});

test("AbortController: abort reasons", () => {
  const c = new AbortController();
  const reason = { why: "because" };
  c.abort(reason);
  assertEquals(c.signal.reason, reason);
  let thrown;
  try { c.signal.throwIfAborted(); } catch (e) { thrown = e; }
  assertEquals(thrown, reason);
  const d = new AbortController();
  d.abort(undefined);
  assertEquals(d.signal.reason.name, "AbortError", "undefined gives the default reason");
  const e = new AbortController();
  e.abort(null);
  assertEquals(e.signal.reason, null, "null is a reason");
  assertEquals(e.signal.aborted, true);
});

test("AbortSignal.abort()", () => {
  const s = AbortSignal.abort();
  assertEquals(s.aborted, true);
  assertEquals(s.reason.name, "AbortError");
  assertEquals(AbortSignal.abort("r").reason, "r");
  assert(AbortSignal.abort() !== AbortSignal.abort(), "new object each time");
  let fired = false;
  s.onabort = () => { fired = true; };
  assertEquals(fired, false, "no event for an already aborted signal");
});

test("AbortSignal.timeout: argument conversion", () => {
  assertThrows(TypeError, () => AbortSignal.timeout());
  assertThrows(TypeError, () => AbortSignal.timeout(-1));
  assertThrows(TypeError, () => AbortSignal.timeout(NaN));
  assertThrows(TypeError, () => AbortSignal.timeout(Infinity));
  assertThrows(TypeError, () => AbortSignal.timeout(2 ** 53));
  assertThrows(TypeError, () => AbortSignal.timeout(Symbol()));
});

test("AbortSignal.any: empty and already aborted", () => {
  assertEquals(AbortSignal.any([]).aborted, false);
  const c1 = new AbortController();
  const c2 = new AbortController();
  const c3 = new AbortController();
  c2.abort("reason 2");
  c3.abort("reason 3");
  const s = AbortSignal.any([c1.signal, c2.signal, c3.signal]);
  assertEquals(s.aborted, true);
  assertEquals(s.reason, "reason 2", "first aborted signal's reason");
});

test("AbortSignal.any: follows its signals", () => {
  for (let i = 0; i < 3; i++) {
    const cs = [new AbortController(), new AbortController(), new AbortController()];
    const s = AbortSignal.any(cs.map((c) => c.signal));
    assert(s !== cs[0].signal, "a new signal");
    let fired = 0;
    s.onabort = (e) => { fired++; assertEquals(e.target, s); };
    cs[i].abort(`reason ${i}`);
    assertEquals(fired, 1);
    assertEquals(s.aborted, true);
    assertEquals(s.reason, `reason ${i}`);
    cs[(i + 1) % 3].abort();
    assertEquals(fired, 1, "only once");
  }
});

test("AbortSignal.any: same signal twice, composition, intermediates", () => {
  const c = new AbortController();
  const twice = AbortSignal.any([c.signal, c.signal]);
  let combined = AbortSignal.any([c.signal]);
  combined = AbortSignal.any([combined]);
  combined = AbortSignal.any([combined]);
  const c2 = new AbortController();
  const composed = AbortSignal.any([AbortSignal.any([c2.signal]), new AbortController().signal]);
  let fired = 0;
  combined.onabort = () => fired++;
  c.abort("the reason");
  assertEquals(twice.reason, "the reason");
  assertEquals(combined.reason, "the reason");
  assertEquals(fired, 1);
  c2.abort();
  assertEquals(composed.aborted, true);
  assertEquals(composed.reason, c2.signal.reason, "the same DOMException instance");
});

test("AbortSignal.any: abort events fire in order, dependents marked aborted first", () => {
  const c = new AbortController();
  const signals = [c.signal];
  signals.push(AbortSignal.any([c.signal]));
  signals.push(AbortSignal.any([c.signal]));
  signals.push(AbortSignal.any([signals[0]]));
  signals.push(AbortSignal.any([signals[1]]));
  let result = "";
  let allAborted = true;
  c.signal.addEventListener("abort", () => { allAborted = signals.every((s) => s.aborted); });
  signals.forEach((s, i) => s.addEventListener("abort", () => { result += i; }));
  c.abort();
  assertEquals(result, "01234");
  assertEquals(allAborted, true);
});

test("AbortSignal.any: reentrant aborts", () => {
  const c1 = new AbortController();
  const c2 = new AbortController();
  const s = AbortSignal.any([c1.signal, c2.signal]);
  let count = 0;
  c1.signal.addEventListener("abort", () => c2.abort("reason 2"));
  s.addEventListener("abort", () => count++);
  c1.abort("reason 1");
  assertEquals(count, 1);
  assertEquals(s.reason, "reason 1");
});

test("AbortSignal.any: argument conversion", () => {
  assertThrows(TypeError, () => AbortSignal.any());
  assertThrows(TypeError, () => AbortSignal.any(1));
  assertThrows(TypeError, () => AbortSignal.any([{}]));
  assertThrows(TypeError, () => AbortSignal.any({}));
  const c = new AbortController();
  const fromSet = AbortSignal.any(new Set([c.signal]));
  c.abort();
  assertEquals(fromSet.aborted, true, "any iterable");
});

await asyncTest("AbortSignal.timeout: aborts with a TimeoutError", async () => {
  const s = AbortSignal.timeout(5);
  let event;
  s.onabort = (e) => { event = e; };
  assertEquals(s.aborted, false);
  await delay(40);
  assertEquals(s.aborted, true);
  assert(s.reason instanceof DOMException, "DOMException");
  assertEquals(s.reason.name, "TimeoutError");
  assertEquals(s.reason.code, 23);
  assert(event !== undefined && event.isTrusted, "trusted abort event");
});

await asyncTest("AbortSignal.any with AbortSignal.timeout", async () => {
  const c = new AbortController();
  const s = AbortSignal.any([c.signal, AbortSignal.timeout(5)]);
  await delay(40);
  assertEquals(s.aborted, true);
  assertEquals(s.reason.name, "TimeoutError");
});

// ---------------------------------------------------------------------------
// TextEncoder
// ---------------------------------------------------------------------------

const bytes = (...b) => new Uint8Array(b);

test("TextEncoder: encode", () => {
  const enc = new TextEncoder();
  assertEquals(enc.encoding, "utf-8");
  const empty = enc.encode();
  assert(empty instanceof Uint8Array, "Uint8Array");
  assertEquals(empty.length, 0);
  assertEquals(enc.encode(undefined).length, 0);
  assertArrayEquals(enc.encode(null), [110, 117, 108, 108]);
  assertArrayEquals(enc.encode("A\u00E9\u20AC\uD834\uDF06"), [0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9D, 0x8C, 0x86]);
  assertArrayEquals(enc.encode("\uD800"), [0xEF, 0xBF, 0xBD], "lone lead surrogate");
  assertArrayEquals(enc.encode("\uDC00x"), [0xEF, 0xBF, 0xBD, 0x78], "lone trail surrogate");
  assertArrayEquals(enc.encode("\uDC00\uD800"), [0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD], "reversed pair");
  assertArrayEquals(enc.encode("\u0000\u007F\u0080\u07FF\u0800\uFFFF"), [0, 0x7F, 0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF]);
  assertEquals(enc.encode("abc").buffer.byteLength, 3, "exact buffer");
  assertThrows(TypeError, () => enc.encode(Symbol()));
});

test("TextEncoder: encodeInto", () => {
  const enc = new TextEncoder();
  const cases = [
    ["Hi", 10, 2, 2, [0x48, 0x69]],
    ["A\u20AC", 3, 1, 1, [0x41]],
    ["A\u20AC", 4, 2, 4, [0x41, 0xE2, 0x82, 0xAC]],
    ["\uD834\uDF06", 3, 0, 0, []],
    ["\uD834\uDF06", 4, 2, 4, [0xF0, 0x9D, 0x8C, 0x86]],
    ["\uD800", 3, 1, 3, [0xEF, 0xBF, 0xBD]],
    ["\u00E9\u00E9", 3, 1, 2, [0xC3, 0xA9]],
    ["", 0, 0, 0, []],
  ];
  for (const [input, size, read, written, expected] of cases) {
    const dest = new Uint8Array(size);
    const result = enc.encodeInto(input, dest);
    assertEquals(Object.getPrototypeOf(result), Object.prototype);
    assertArrayEquals(Object.keys(result), ["read", "written"]);
    assertEquals(result.read, read, `read for ${JSON.stringify(input)}`);
    assertEquals(result.written, written, `written for ${JSON.stringify(input)}`);
    assertArrayEquals(dest.subarray(0, written), expected);
  }
  const buffer = new Uint8Array(8);
  const view = buffer.subarray(2, 5);
  enc.encodeInto("xyz!", view);
  assertArrayEquals(buffer, [0, 0, 0x78, 0x79, 0x7A, 0, 0, 0], "into a subarray");
  assertThrows(TypeError, () => enc.encodeInto("x", new Uint16Array(4)));
  assertThrows(TypeError, () => enc.encodeInto("x", new ArrayBuffer(4)));
  assertThrows(TypeError, () => enc.encodeInto("x"));
});

// ---------------------------------------------------------------------------
// TextDecoder
// ---------------------------------------------------------------------------

test("TextDecoder: defaults and labels", () => {
  const d = new TextDecoder();
  assertEquals(d.encoding, "utf-8");
  assertEquals(d.fatal, false);
  assertEquals(d.ignoreBOM, false);
  const labels = {
    "utf-8": "utf-8", " UTF8 ": "utf-8", "\t\n\f\rutf-8\r\n": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unicode20utf8": "utf-8",
    "utf-16": "utf-16le", "UTF-16LE": "utf-16le", "ucs-2": "utf-16le", "unicodefffe": "utf-16be", "utf-16be": "utf-16be",
    "latin1": "windows-1252", "ascii": "windows-1252", "us-ascii": "windows-1252", "iso-8859-1": "windows-1252",
    "iso-8859-9": "windows-1254", "l2": "iso-8859-2", "ISO_8859-16": null, "iso-8859-16": "iso-8859-16",
    "logical": "iso-8859-8-i", "koi8-ru": "koi8-u", "x-mac-ukrainian": "x-mac-cyrillic", "mac": "macintosh",
    "tis-620": "windows-874", "x-user-defined": "x-user-defined", "cp866": "ibm866",
  };
  for (const [label, name] of Object.entries(labels)) {
    if (name === null) {
      assertThrows(RangeError, () => new TextDecoder(label), label);
    } else {
      assertEquals(new TextDecoder(label).encoding, name, label);
    }
  }
  const options = new TextDecoder("utf-8", { fatal: 1, ignoreBOM: "x" });
  assertEquals(options.fatal, true);
  assertEquals(options.ignoreBOM, true);
});

test("TextDecoder: invalid and replacement labels throw RangeError", () => {
  for (const label of ["", "foo", "utf-7", "unicode-1-1-utf-7", "\u00A0utf-8", "utf-8\u0000", "replacement", "iso-2022-kr", "hz-gb-2312", "iso-2022-cn"]) {
    assertThrows(RangeError, () => new TextDecoder(label), JSON.stringify(label));
  }
  assertThrows(TypeError, () => new TextDecoder(Symbol()));
  assertThrows(TypeError, () => new TextDecoder("utf-8", 5));
});

test("TextDecoder: UTF-8 decoding", () => {
  const d = new TextDecoder();
  assertEquals(d.decode(), "");
  assertEquals(d.decode(undefined), "");
  assertEquals(d.decode(bytes(0x68, 0x69)), "hi");
  assertEquals(d.decode(bytes(0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9D, 0x8C, 0x86)), "\u00E9\u20AC\uD834\uDF06");
  assertEquals(d.decode(bytes(0x61, 0x62).buffer), "ab", "ArrayBuffer");
  assertEquals(d.decode(new DataView(bytes(0x61, 0x62, 0x63).buffer, 1)), "bc", "DataView");
  assertEquals(d.decode(new Uint16Array([0x6261])), "ab", "other views are bytes");
  assertEquals(d.decode(bytes(0x78, 0x79, 0x7A).subarray(1, 2)), "y", "view offset");
  assertThrows(TypeError, () => d.decode("abc"));
  assertThrows(TypeError, () => d.decode([0x61]));
  assertThrows(TypeError, () => d.decode(null));
});

test("TextDecoder: UTF-8 errors become U+FFFD per the spec", () => {
  const d = new TextDecoder();
  const cases = [
    [[0xFF], "\uFFFD"],
    [[0x80], "\uFFFD"],
    [[0xE2, 0x82], "\uFFFD"],
    [[0xE2, 0x82, 0x41], "\uFFFDA"],
    [[0xF0, 0x80, 0x80, 0x80], "\uFFFD\uFFFD\uFFFD\uFFFD"],
    [[0xC0, 0x80], "\uFFFD\uFFFD"],
    [[0xE0, 0x80, 0x80], "\uFFFD\uFFFD\uFFFD"],
    [[0xED, 0xA0, 0x80], "\uFFFD\uFFFD\uFFFD"],
    [[0xF4, 0x90, 0x80, 0x80], "\uFFFD\uFFFD\uFFFD\uFFFD"],
    [[0xF0, 0x9D, 0x8C], "\uFFFD"],
    [[0xF0, 0x9D, 0x8C, 0xF0, 0x9D, 0x8C, 0x86], "\uFFFD\uD834\uDF06"],
    [[0xF8, 0x88, 0x80, 0x80, 0x80], "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"],
    [[0xEF, 0xBF, 0xBF], "\uFFFF"],
    [[0xF4, 0x8F, 0xBF, 0xBF], "\uDBFF\uDFFF"],
  ];
  for (const [input, expected] of cases) {
    assertEquals(d.decode(new Uint8Array(input)), expected, input.map((b) => b.toString(16)).join(" "));
  }
});

test("TextDecoder: BOM handling", () => {
  assertEquals(new TextDecoder().decode(bytes(0xEF, 0xBB, 0xBF, 0x41)), "A");
  assertEquals(new TextDecoder().decode(bytes(0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF)), "\uFEFF", "only one BOM");
  assertEquals(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes(0xEF, 0xBB, 0xBF, 0x41)), "\uFEFFA");
  assertEquals(new TextDecoder("utf-16le").decode(bytes(0xFF, 0xFE, 0x41, 0x00)), "A");
  assertEquals(new TextDecoder("utf-16be").decode(bytes(0xFE, 0xFF, 0x00, 0x41)), "A");
  assertEquals(new TextDecoder("utf-16le").decode(bytes(0xFE, 0xFF, 0x41, 0x00)), "\uFFFEA", "BE BOM in LE is not a BOM");
  assertEquals(new TextDecoder("windows-1252").decode(bytes(0xEF, 0xBB, 0xBF)), "\u00EF\u00BB\u00BF", "no BOM sniffing");
  const d = new TextDecoder();
  assertEquals(d.decode(bytes(0xEF, 0xBB), { stream: true }), "");
  assertEquals(d.decode(bytes(0xBF, 0x41), { stream: true }), "A", "BOM split across chunks");
  assertEquals(d.decode(bytes(0xEF, 0xBB, 0xBF)), "\uFEFF", "not at the start of the stream");
  assertEquals(d.decode(bytes(0xEF, 0xBB, 0xBF, 0x42)), "B", "a new stream after a non-stream call");
});

test("TextDecoder: streaming split multi-byte sequences", () => {
  const text = "a\u00E9\u20AC\uD834\uDF06z";
  const encoded = new TextEncoder().encode(text);
  for (let chunkSize = 1; chunkSize <= encoded.length; chunkSize++) {
    const d = new TextDecoder();
    let out = "";
    for (let i = 0; i < encoded.length; i += chunkSize) {
      out += d.decode(encoded.subarray(i, i + chunkSize), { stream: true });
    }
    out += d.decode();
    assertEquals(out, text, `chunk size ${chunkSize}`);
  }
  const d = new TextDecoder();
  assertEquals(d.decode(bytes(0xE2), { stream: true }), "");
  assertEquals(d.decode(bytes(0x82), { stream: true }), "");
  assertEquals(d.decode(bytes(0xAC)), "\u20AC");
  assertEquals(d.decode(bytes(0xF0, 0x9D), { stream: true }), "");
  assertEquals(d.decode(), "\uFFFD", "incomplete sequence at the end of the stream");
  assertEquals(d.decode(bytes(0xF0, 0x9D), { stream: true }), "");
  assertEquals(d.decode(bytes(0x41)), "\uFFFDA");
});

test("TextDecoder: UTF-16 streaming", () => {
  for (const [label, be] of [["utf-16le", false], ["utf-16be", true]]) {
    const text = "a\u00E9\u20AC\uD834\uDF06z";
    const units = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      units.push(...(be ? [c >> 8, c & 0xFF] : [c & 0xFF, c >> 8]));
    }
    const encoded = new Uint8Array(units);
    for (let chunkSize = 1; chunkSize <= 5; chunkSize++) {
      const d = new TextDecoder(label);
      let out = "";
      for (let i = 0; i < encoded.length; i += chunkSize) out += d.decode(encoded.subarray(i, i + chunkSize), { stream: true });
      out += d.decode();
      assertEquals(out, text, `${label}, chunk size ${chunkSize}`);
    }
  }
});

test("TextDecoder: UTF-16 errors", () => {
  const le = new TextDecoder("utf-16le");
  assertEquals(le.decode(bytes(0x41)), "\uFFFD", "odd byte");
  assertEquals(le.decode(bytes(0x41, 0x00, 0x42)), "A\uFFFD");
  assertEquals(le.decode(bytes(0x00, 0xD8)), "\uFFFD", "lone lead surrogate at the end");
  assertEquals(le.decode(bytes(0x00, 0xD8, 0x41, 0x00)), "\uFFFDA", "lead surrogate then BMP");
  assertEquals(le.decode(bytes(0x00, 0xDC, 0x41, 0x00)), "\uFFFDA", "lone trail surrogate");
  assertEquals(le.decode(bytes(0x00, 0xD8, 0x00, 0xD8, 0x00, 0xDC)), "\uFFFD\uD800\uDC00");
  assertEquals(le.decode(bytes(0x00, 0xD8, 0x41)), "\uFFFD", "lead surrogate and an odd byte: one error");
  const fatal = new TextDecoder("utf-16le", { fatal: true });
  assertEquals(fatal.decode(bytes(0x00), { stream: true }), "");
  assertEquals(fatal.decode(bytes(0x00)), "\u0000");
  assertThrows(TypeError, () => { fatal.decode(bytes(0x00, 0x00), { stream: true }); fatal.decode(bytes(0x00)); });
  assertThrows(TypeError, () => { fatal.decode(bytes(0x00), { stream: true }); fatal.decode(bytes(0x00, 0x00)); });
  assertEquals(fatal.decode(bytes(0x00, 0x00), { stream: true }), "\u0000");
  assertEquals(fatal.decode(bytes(0x00, 0x00)), "\u0000");
});

test("TextDecoder: fatal", () => {
  const d = new TextDecoder("utf-8", { fatal: true });
  for (const input of [[0xFF], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0x41, 0x80]]) {
    assertThrows(TypeError, () => d.decode(new Uint8Array(input)), input.join(" "));
  }
  assertEquals(d.decode(bytes(0xE2, 0x82), { stream: true }), "", "incomplete while streaming is fine");
  assertThrows(TypeError, () => d.decode(), "but not at the end");
  assertEquals(d.decode(bytes(0x41)), "A", "usable after an error");
  assertEquals(d.decode(bytes(0xE2), { stream: true }), "");
  assertThrows(TypeError, () => d.decode(bytes(0x41), { stream: true }), "invalid continuation while streaming");
});

test("TextDecoder: decode options are read after the input", () => {
  const d = new TextDecoder();
  const read = [];
  d.decode(bytes(0x41), new Proxy({}, { get(_, k) { read.push(String(k)); return undefined; } }));
  assertEquals(read.join(), "stream");
  assertThrows(TypeError, () => d.decode(bytes(0x41), 5));
});

test("TextDecoder: large inputs", () => {
  const ascii = "0123456789abcdef".repeat(10000);
  assertEquals(new TextDecoder().decode(new TextEncoder().encode(ascii)), ascii, "ASCII");
  const mixed = "\u00E9a\u20AC\uD83D\uDE00".repeat(9000);
  const encoded = new TextEncoder().encode(mixed);
  assertEquals(new TextDecoder().decode(encoded), mixed, "mixed");
  let streamed = "";
  const d = new TextDecoder();
  for (let i = 0; i < encoded.length; i += 8191) streamed += d.decode(encoded.subarray(i, i + 8191), { stream: true });
  streamed += d.decode();
  assertEquals(streamed, mixed, "mixed, streamed");
  const latin = new Uint8Array(70000).map((_, i) => i & 0xFF);
  const text = new TextDecoder("windows-1252").decode(latin);
  assertEquals(text.length, 70000);
  assertEquals(text.charCodeAt(0x80), 0x20AC);
  assertEquals(text.charCodeAt(0x1FF), 0xFF);
});

test("TextEncoder/TextDecoder round trips", () => {
  let seed = 42;
  const random = () => { seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF; return seed / 0x7FFFFFFF; };
  const enc = new TextEncoder();
  const dec = new TextDecoder("utf-8", { fatal: true });
  for (let n = 0; n < 200; n++) {
    let s = "";
    const len = Math.floor(random() * 40);
    for (let i = 0; i < len; i++) {
      const r = random();
      if (r < 0.4) s += String.fromCharCode(Math.floor(random() * 0x80));
      else if (r < 0.6) s += String.fromCharCode(0x80 + Math.floor(random() * 0x780));
      else if (r < 0.8) {
        let c = 0x800 + Math.floor(random() * 0xF800);
        if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
        s += String.fromCharCode(c);
      } else s += String.fromCodePoint(0x10000 + Math.floor(random() * 0x100000));
    }
    const encoded = enc.encode(s);
    assertEquals(dec.decode(encoded), s, `string #${n}`);
    const into = new Uint8Array(encoded.length);
    const r = enc.encodeInto(s, into);
    assertEquals(r.read, s.length);
    assertEquals(r.written, encoded.length);
    assertArrayEquals(into, encoded);
  }
});

test("TextDecoder: single-byte encodings", () => {
  assertEquals(new TextDecoder("windows-1252").decode(bytes(0x80, 0x81, 0x9F, 0xA0, 0xFF)), "\u20AC\u0081\u0178\u00A0\u00FF");
  assertEquals(new TextDecoder("iso-8859-2").decode(bytes(0xA1, 0xFF)), "\u0104\u02D9");
  assertEquals(new TextDecoder("iso-8859-5").decode(bytes(0xB0)), "\u0410");
  assertEquals(new TextDecoder("koi8-r").decode(bytes(0xC1)), "\u0430");
  assertEquals(new TextDecoder("windows-1251").decode(bytes(0xC0)), "\u0410");
  assertEquals(new TextDecoder("macintosh").decode(bytes(0x80, 0xDB)), "\u00C4\u20AC");
  assertEquals(new TextDecoder("ibm866").decode(bytes(0x80)), "\u0410");
  assertEquals(new TextDecoder("windows-1253").decode(bytes(0xAA)), "\uFFFD");
  assertEquals(new TextDecoder("x-user-defined").decode(bytes(0x41, 0x80, 0xFF)), "A\uF780\uF7FF");
  assertEquals(new TextDecoder("iso-8859-8-i").encoding, "iso-8859-8-i");
  assertEquals(new TextDecoder("iso-8859-8-i").decode(bytes(0xE0)), "\u05D0");
});

test("TextDecoder: single-byte encodings, fatal flag (WPT table)", () => {
  const table = [
    ["IBM866", []], ["ISO-8859-2", []], ["ISO-8859-3", [0xA5, 0xAE, 0xBE, 0xC3, 0xD0, 0xE3, 0xF0]], ["ISO-8859-4", []],
    ["ISO-8859-5", []],
    ["ISO-8859-6", [0xA1, 0xA2, 0xA3, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAE, 0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE, 0xC0, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF]],
    ["ISO-8859-7", [0xAE, 0xD2, 0xFF]],
    ["ISO-8859-8", [0xA1, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xFB, 0xFC, 0xFF]],
    ["ISO-8859-8-I", [0xA1, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xFB, 0xFC, 0xFF]],
    ["ISO-8859-10", []], ["ISO-8859-13", []], ["ISO-8859-14", []], ["ISO-8859-15", []], ["ISO-8859-16", []],
    ["KOI8-R", []], ["KOI8-U", []], ["macintosh", []], ["windows-874", [0xDB, 0xDC, 0xDD, 0xDE, 0xFC, 0xFD, 0xFE, 0xFF]],
    ["windows-1250", []], ["windows-1251", []], ["windows-1252", []], ["windows-1253", [0xAA, 0xD2, 0xFF]],
    ["windows-1254", []], ["windows-1255", [0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0xFB, 0xFC, 0xFF]],
    ["windows-1256", []], ["windows-1257", [0xA1, 0xA5]], ["windows-1258", []], ["x-mac-cyrillic", []],
  ];
  for (const [encoding, bad] of table) {
    const d = new TextDecoder(encoding, { fatal: true });
    for (let i = 0; i < 256; i++) {
      if (bad.includes(i)) {
        assertThrows(TypeError, () => d.decode(new Uint8Array([i])), `${encoding} ${i}`);
      } else {
        assertEquals(typeof d.decode(new Uint8Array([i])), "string", `${encoding} ${i}`);
      }
    }
  }
});

// ---------------------------------------------------------------------------
// atob / btoa
// ---------------------------------------------------------------------------

const base64Vectors = [
  ["", []],
  ["abcd", [105, 183, 29]],
  [" abcd", [105, 183, 29]],
  ["abcd ", [105, 183, 29]],
  [" abcd===", null],
  ["abcd=== ", null],
  ["abcd ===", null],
  ["a", null],
  ["ab", [105]],
  ["abc", [105, 183]],
  ["abcde", null],
  ["\ud800\udc00", null],
  ["=", null],
  ["==", null],
  ["===", null],
  ["====", null],
  ["=====", null],
  ["a=", null],
  ["a==", null],
  ["a===", null],
  ["a====", null],
  ["a=====", null],
  ["ab=", null],
  ["ab==", [105]],
  ["ab===", null],
  ["ab====", null],
  ["ab=====", null],
  ["abc=", [105, 183]],
  ["abc==", null],
  ["abc===", null],
  ["abc====", null],
  ["abc=====", null],
  ["abcd=", null],
  ["abcd==", null],
  ["abcd===", null],
  ["abcd====", null],
  ["abcd=====", null],
  ["abcde=", null],
  ["abcde==", null],
  ["abcde===", null],
  ["abcde====", null],
  ["abcde=====", null],
  ["=a", null],
  ["=a=", null],
  ["a=b", null],
  ["a=b=", null],
  ["ab=c", null],
  ["ab=c=", null],
  ["abc=d", null],
  ["abc=d=", null],
  ["ab\u000bcd", null],
  ["ab\u3000cd", null],
  ["ab\u3001cd", null],
  ["ab\tcd", [105, 183, 29]],
  ["ab\ncd", [105, 183, 29]],
  ["ab\fcd", [105, 183, 29]],
  ["ab\rcd", [105, 183, 29]],
  ["ab cd", [105, 183, 29]],
  ["ab\u00a0cd", null],
  ["ab\t\n\f\r cd", [105, 183, 29]],
  [" \t\n\f\r ab\t\n\f\r cd\t\n\f\r ", [105, 183, 29]],
  ["ab\t\n\f\r =\t\n\f\r =\t\n\f\r ", [105]],
  ["A", null],
  ["/A", [252]],
  ["//A", [255, 240]],
  ["///A", [255, 255, 192]],
  ["////A", null],
  ["/", null],
  ["A/", [3]],
  ["AA/", [0, 15]],
  ["AAAA/", null],
  ["AAA/", [0, 0, 63]],
  ["\u0000nonsense", null],
  ["abcd\u0000nonsense", null],
  ["YQ", [97]],
  ["YR", [97]],
  ["~~", null],
  ["..", null],
  ["--", null],
  ["__", null],
];

test(`atob: WPT forgiving-base64 vectors (${base64Vectors.length})`, () => {
  const failures = [];
  for (const [input, expected] of base64Vectors) {
    let result;
    let error;
    try { result = atob(input); } catch (e) { error = e; }
    if (expected === null) {
      if (!(error instanceof DOMException) || error.name !== "InvalidCharacterError" || error.code !== 5) {
        failures.push(`${JSON.stringify(input)}: expected InvalidCharacterError, got ${error === undefined ? JSON.stringify(result) : error}`);
      }
    } else if (error !== undefined) {
      failures.push(`${JSON.stringify(input)}: threw ${error}`);
    } else {
      const actual = Array.from(result, (c) => c.charCodeAt(0));
      if (actual.join() !== expected.join()) failures.push(`${JSON.stringify(input)}: got [${actual}]`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} failed: ${failures.slice(0, 5).join("; ")}`);
});

test("atob: argument conversion", () => {
  assertThrows("InvalidCharacterError", () => atob(undefined), "undefined is 9 characters");
  assertEquals(atob(null), "\x9E\xE9\x65", "null");
  assertEquals(atob(12), "\xD7", "number");
  assertThrows(TypeError, () => atob());
  assertThrows(TypeError, () => atob(Symbol()));
  assertEquals(atob(" Y W J j "), "abc", "whitespace");
  assertThrows("InvalidCharacterError", () => atob("YW\u00A0Jj"), "NBSP is not ASCII whitespace");
});

test("btoa", () => {
  assertEquals(btoa(""), "");
  assertEquals(btoa("f"), "Zg==");
  assertEquals(btoa("fo"), "Zm8=");
  assertEquals(btoa("foo"), "Zm9v");
  assertEquals(btoa("foob"), "Zm9vYg==");
  assertEquals(btoa("\xFF\xFE\x00"), "//4A");
  assertEquals(btoa(undefined), "dW5kZWZpbmVk");
  assertEquals(btoa(null), "bnVsbA==");
  assertThrows("InvalidCharacterError", () => btoa("\u20AC"));
  assertThrows("InvalidCharacterError", () => btoa("a\u0100"));
  assertThrows(TypeError, () => btoa());
  let all = "";
  for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
  for (let n = 0; n <= 256; n += 7) assertEquals(atob(btoa(all.slice(0, n))), all.slice(0, n), `round trip ${n}`);
  const big = all.repeat(100);
  assertEquals(atob(btoa(big)), big, "large round trip");
});

// ---------------------------------------------------------------------------
// Robustness: the runtime keeps working when an app replaces built-ins.
// ---------------------------------------------------------------------------

test("runtime code does not depend on mutable built-ins", () => {
  const defineProperty = Object.defineProperty;
  const saved = [
    [Array.prototype, "push"], [Array.prototype, "slice"], [Array.prototype, "splice"], [Array.prototype, "indexOf"],
    [Array.prototype, "join"], [Map.prototype, "get"], [Map.prototype, "set"], [Map.prototype, "forEach"],
    [Map.prototype, "delete"], [Map.prototype, "has"], [Function.prototype, "call"], [Function.prototype, "apply"],
    [Function.prototype, "bind"], [String.prototype, "charCodeAt"], [String.prototype, "slice"], [String, "fromCharCode"],
    [Object, "defineProperty"], [Object, "freeze"], [Object, "create"], [Reflect, "apply"], [Promise.prototype, "then"],
    [WeakRef.prototype, "deref"], [Array.prototype, Symbol.iterator],
  ].map(([o, k]) => [o, k, Object.getOwnPropertyDescriptor(o, k)]);
  const poison = function () { throw new Error("poisoned built-in called"); };
  const count = saved.length;
  for (let i = 0; i < count; i++) defineProperty(saved[i][0], saved[i][1], { value: poison, writable: true, configurable: true });
  let results;
  try {
    const t = new EventTarget();
    let n = 0;
    t.addEventListener("x", () => { n++; }, { once: true });
    t.dispatchEvent(new Event("x", { cancelable: true }));
    const c = new AbortController();
    const signals = { *[Symbol.iterator]() { yield c.signal; } };
    const any = AbortSignal.any(signals);
    let aborted = 0;
    any.onabort = () => { aborted++; };
    c.abort();
    const encoded = new TextEncoder().encode("h\u00E9llo \uD834\uDF06");
    const decoded = new TextDecoder().decode(encoded);
    const single = new Uint8Array(1);
    single[0] = 0xA1;
    const latin = new TextDecoder("iso-8859-2").decode(single);
    results = n + "|" + aborted + "|" + any.reason.name + "|" + decoded + "|" + latin + "|" + atob("aGk=") + "|" + btoa("hi") + "|" + new DOMException("m", "SyntaxError").code;
  } finally {
    for (let i = 0; i < count; i++) defineProperty(saved[i][0], saved[i][1], saved[i][2]);
  }
  assertEquals(results, "1|1|AbortError|h\u00E9llo \uD834\uDF06|\u0104|hi|aGk=|12");
});

// ---------------------------------------------------------------------------
// Unhandled rejections (needs the host to call nano.hooks.unhandledRejection)
// ---------------------------------------------------------------------------

await asyncTest("unhandledrejection: a canceled PromiseRejectionEvent marks the rejection handled", async () => {
  let event;
  let handlerArg;
  const reason = new Error("nobody handles this");
  const listener = (e) => { event = e; e.preventDefault(); };
  addEventListener("unhandledrejection", listener);
  onunhandledrejection = (e) => { handlerArg = e; };
  let promise;
  try {
    promise = Promise.reject(reason);
    await delay(20);
  } finally {
    removeEventListener("unhandledrejection", listener);
    onunhandledrejection = null;
  }
  assert(event !== undefined, "event fired");
  assert(event instanceof PromiseRejectionEvent, "PromiseRejectionEvent");
  assertEquals(event.promise, promise);
  assertEquals(event.reason, reason);
  assertEquals(event.cancelable, true);
  assertEquals(event.isTrusted, true);
  assertEquals(handlerArg, event, "onunhandledrejection called too");
});

console.log(`${passed} passed, ${failed} failed`);
