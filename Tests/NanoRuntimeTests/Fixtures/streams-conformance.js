// Conformance checks of the Streams Standard (ReadableStream, WritableStream, TransformStream,
// queuing strategies, TextEncoderStream / TextDecoderStream) as NANO implements them: a port of
// much of the web-platform-tests streams suite (readable-streams, readable-byte-streams,
// writable-streams, transform-streams, piping, queuing-strategies) onto a tiny testharness.
// Runs as an ES module; prints `ok NAME` / `not ok NAME: REASON` per case and
// `N passed, M failed` at the end.

const tests = [];
let currentGroup = "";
function group(name) { currentGroup = name; }
function test(fn, name) { tests.push({ name: `${currentGroup}: ${name}`, fn, async: false }); }
function promise_test(fn, name) { tests.push({ name: `${currentGroup}: ${name}`, fn, async: true }); }

class AssertionError extends Error {}
function show(v) {
  try {
    if (typeof v === "string") return JSON.stringify(v);
    if (Array.isArray(v)) return "[" + v.map(show).join(", ") + "]";
    if (v instanceof Error) return `${v.name}: ${v.message}`;
    return String(v);
  } catch { return "<unprintable>"; }
}
function fail(msg) { throw new AssertionError(msg); }
function assert_true(v, d = "") { if (v !== true) fail(`${d}: expected true, got ${show(v)}`); }
function assert_false(v, d = "") { if (v !== false) fail(`${d}: expected false, got ${show(v)}`); }
function assert_equals(a, e, d = "") { if (!Object.is(a, e)) fail(`${d}: expected ${show(e)}, got ${show(a)}`); }
function assert_not_equals(a, e, d = "") { if (Object.is(a, e)) fail(`${d}: got disallowed value ${show(a)}`); }
function assert_less_than(a, e, d = "") { if (!(a < e)) fail(`${d}: expected < ${e}, got ${show(a)}`); }
function assert_greater_than(a, e, d = "") { if (!(a > e)) fail(`${d}: expected > ${e}, got ${show(a)}`); }
function assert_unreached(d = "") { fail(`reached unreachable code: ${d}`); }
function assert_array_equals(a, e, d = "") {
  if (a === null || typeof a !== "object" || a.length !== e.length) fail(`${d}: expected ${show(e)}, got ${show(a)}`);
  for (let i = 0; i < e.length; i++) if (!Object.is(a[i], e[i])) fail(`${d}: index ${i}: expected ${show(e)}, got ${show(Array.from(a))}`);
}
function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (ArrayBuffer.isView(a)) return a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual(a[k], b[k]));
}
function assert_object_equals(a, e, d = "") { if (!deepEqual(a, e)) fail(`${d}: objects differ: ${show(JSON.stringify(a))} vs ${show(JSON.stringify(e))}`); }
function assert_class_string(o, name, d = "") { assert_equals(Object.prototype.toString.call(o), `[object ${name}]`, d); }
function assert_typed_array_equals(a, e, d = "") {
  assert_equals(Object.getPrototypeOf(a), Object.getPrototypeOf(e), `${d} prototype`);
  assert_array_equals(a, e, d);
}
function checkError(e, Ctor, d) {
  if (typeof e !== "object" || e === null) fail(`${d}: expected ${Ctor.name}, got ${show(e)}`);
  if (e.constructor !== Ctor) fail(`${d}: expected ${Ctor.name}, got ${e.name}: ${e.message}`);
}
function assert_throws_js(Ctor, fn, d = "") {
  try { fn(); } catch (e) { checkError(e, Ctor, d); return; }
  fail(`${d}: expected ${Ctor.name} to be thrown`);
}
function assert_throws_exactly(v, fn, d = "") {
  try { fn(); } catch (e) { if (!Object.is(e, v)) fail(`${d}: expected ${show(v)} thrown, got ${show(e)}`); return; }
  fail(`${d}: expected ${show(v)} to be thrown`);
}
function assert_throws_dom(name, fn, d = "") {
  try { fn(); } catch (e) { if (!(e instanceof DOMException) || e.name !== name) fail(`${d}: expected DOMException ${name}, got ${show(e)}`); return; }
  fail(`${d}: expected DOMException ${name}`);
}
function promise_rejects_js(t, Ctor, p, d = "") {
  return p.then(() => fail(`${d}: expected rejection with ${Ctor.name}`), (e) => checkError(e, Ctor, d));
}
function promise_rejects_exactly(t, v, p, d = "") {
  return p.then(() => fail(`${d}: expected rejection with ${show(v)}`), (e) => { if (!Object.is(e, v)) fail(`${d}: expected rejection ${show(v)}, got ${show(e)}`); });
}
function promise_rejects_dom(t, name, p, d = "") {
  return p.then(() => fail(`${d}: expected rejection`), (e) => { if (!(e instanceof DOMException) || e.name !== name) fail(`${d}: expected DOMException ${name}, got ${show(e)}`); });
}

class Test {
  constructor() { this.cleanups = []; this.failure = null; }
  step_func(fn) {
    return (...args) => {
      try { return fn(...args); } catch (e) { if (this.failure === null) this.failure = e; throw e; }
    };
  }
  step_func_done(fn) { return this.step_func(fn); }
  unreached_func(d = "") {
    return () => { const e = new AssertionError(`unreached_func called: ${d}`); if (this.failure === null) this.failure = e; throw e; };
  }
  step_timeout(fn, ms) { return setTimeout(this.step_func(fn), ms); }
  add_cleanup(fn) { this.cleanups.push(fn); }
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const flushAsyncEvents = () => delay(0).then(() => delay(0)).then(() => delay(0)).then(() => delay(0));
const error1 = new Error("error1"); error1.name = "error1";
const error2 = new Error("error2"); error2.name = "error2";
const error3 = new Error("error3"); error3.name = "error3";
const garbageCollect = () => {};

// WPT resources/recording-streams.js
function recordingReadableStream(extras = {}, strategy) {
  let controllerToCopyOver;
  const stream = new ReadableStream({
    type: extras.type,
    start(controller) {
      controllerToCopyOver = controller;
      if (extras.start) return extras.start(controller);
      return undefined;
    },
    pull(controller) {
      stream.events.push("pull");
      if (extras.pull) return extras.pull(controller);
      return undefined;
    },
    cancel(reason) {
      stream.events.push("cancel", reason);
      stream.eventsWithoutPulls.push("cancel", reason);
      if (extras.cancel) return extras.cancel(reason);
      return undefined;
    },
  }, strategy);
  stream.controller = controllerToCopyOver;
  stream.events = [];
  stream.eventsWithoutPulls = [];
  return stream;
}
function recordingWritableStream(extras = {}, strategy) {
  let controllerToCopyOver;
  const stream = new WritableStream({
    type: extras.type,
    start(controller) {
      controllerToCopyOver = controller;
      if (extras.start) return extras.start(controller);
      return undefined;
    },
    write(chunk, controller) {
      stream.events.push("write", chunk);
      if (extras.write) return extras.write(chunk, controller);
      return undefined;
    },
    close() {
      stream.events.push("close");
      if (extras.close) return extras.close();
      return undefined;
    },
    abort(e) {
      stream.events.push("abort", e);
      if (extras.abort) return extras.abort(e);
      return undefined;
    },
  }, strategy);
  stream.controller = controllerToCopyOver;
  stream.events = [];
  return stream;
}
function recordingTransformStream(extras = {}, writableStrategy, readableStrategy) {
  let controllerToCopyOver;
  const stream = new TransformStream({
    start(controller) {
      controllerToCopyOver = controller;
      if (extras.start) return extras.start(controller);
      return undefined;
    },
    transform(chunk, controller) {
      stream.events.push("transform", chunk);
      if (extras.transform) return extras.transform(chunk, controller);
      controller.enqueue(chunk);
      return undefined;
    },
    flush(controller) {
      stream.events.push("flush");
      if (extras.flush) return extras.flush(controller);
      return undefined;
    },
  }, writableStrategy, readableStrategy);
  stream.controller = controllerToCopyOver;
  stream.events = [];
  return stream;
}
// WPT resources/rs-utils.js
function readableStreamToArray(readable, writable) {
  const chunks = [];
  if (writable === undefined) writable = new WritableStream({ write(chunk) { chunks.push(chunk); } });
  return readable.pipeTo(writable).then(() => chunks);
}
async function readableStreamToArrayByReading(stream) {
  const reader = stream.getReader();
  const chunks = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}
function readRepeatedly(reader) {
  const chunks = [];
  return (function pump() {
    return reader.read().then(({ value, done }) => {
      if (done) return chunks;
      chunks.push(value);
      return pump();
    });
  })();
}
class RandomPushSource {
  constructor(toPush) {
    this.pushed = 0; this.toPush = toPush; this.started = false; this.paused = false; this.closed = false;
    this._intervalHandle = null;
  }
  readStart() {
    if (this.closed) return;
    if (!this.started) { this._intervalHandle = setInterval(writeChunk, 2); this.started = true; }
    if (this.paused) { this._intervalHandle = setInterval(writeChunk, 2); this.paused = false; }
    const source = this;
    function writeChunk() {
      if (source.paused) return;
      source.pushed++;
      if (source.toPush > 0 && source.pushed > source.toPush) {
        if (source._intervalHandle) { clearInterval(source._intervalHandle); source._intervalHandle = undefined; }
        source.closed = true;
        source.onend();
      } else {
        source.ondata(randomChunk(128));
      }
    }
  }
  readStop() {
    if (this.paused) return;
    if (this.started) { this.paused = true; clearInterval(this._intervalHandle); this._intervalHandle = undefined; }
  }
}
function randomChunk(size) {
  let chunk = "";
  for (let i = 0; i < size; ++i) chunk += String.fromCharCode(Math.round(Math.random() * 84) + 32);
  return chunk;
}
class SequentialPullSource {
  constructor(limit, options = {}) {
    const async = options.async;
    this.current = 0; this.limit = limit; this.opened = false; this.closed = false;
    this._exec = (f) => f();
    if (async) this._exec = (f) => setTimeout(f, 0);
  }
  open(cb) { this._exec(() => { this.opened = true; cb(); }); }
  read(cb) {
    this._exec(() => {
      if (++this.current <= this.limit) cb(null, false, this.current);
      else cb(null, true, null);
    });
  }
  close(cb) { this._exec(() => { this.closed = true; cb(); }); }
}
function sequentialReadableStream(limit, options) {
  const sequentialSource = new SequentialPullSource(limit, options);
  const stream = new ReadableStream({
    start() {
      return new Promise((resolve, reject) => {
        sequentialSource.open((err) => { if (err) reject(err); resolve(); });
      });
    },
    pull(c) {
      return new Promise((resolve, reject) => {
        sequentialSource.read((err, done, chunk) => {
          if (err) reject(err);
          else if (done) sequentialSource.close((err2) => { if (err2) reject(err2); c.close(); resolve(); });
          else { c.enqueue(chunk); resolve(); }
        });
      });
    },
  });
  stream.source = sequentialSource;
  return stream;
}
const setInterval = globalThis.setInterval || ((fn, ms) => { const h = { on: true }; (function tick() { setTimeout(() => { if (h.on) { fn(); tick(); } }, ms); })(); return h; });
const clearInterval = globalThis.clearInterval || ((h) => { if (h) h.on = false; });

function methodDescriptor(o, name) { return Object.getOwnPropertyDescriptor(o, name); }
// ---------------------------------------------------------------------------------------------
group("readable-streams/general");

test(() => { new ReadableStream(); new ReadableStream({}); new ReadableStream({ type: undefined }); }, "ReadableStream can be constructed with no errors");
test(() => {
  assert_throws_js(TypeError, () => new ReadableStream(null), "null");
  assert_throws_js(TypeError, () => new ReadableStream(1), "number");
}, "ReadableStream can't be constructed with garbage");
test(() => {
  assert_throws_js(TypeError, () => new ReadableStream({ type: null }));
  assert_throws_js(TypeError, () => new ReadableStream({ type: "" }));
  assert_throws_js(TypeError, () => new ReadableStream({ type: "asdf" }));
  assert_throws_js(TypeError, () => new ReadableStream({ type: "bytes " }));
}, "ReadableStream can't be constructed with an invalid type");
test(() => {
  const methods = ["cancel", "constructor", "getReader", "pipeThrough", "pipeTo", "tee", "values"];
  const properties = methods.concat(["locked"]).sort();
  const rs = new ReadableStream();
  const proto = Object.getPrototypeOf(rs);
  const own = Object.getOwnPropertyNames(proto).sort();
  assert_array_equals(own, properties, "prototype property names");
  for (const m of ["cancel", "getReader", "pipeThrough", "pipeTo", "tee", "values"]) {
    const d = Object.getOwnPropertyDescriptor(proto, m);
    assert_true(d.enumerable && d.configurable && d.writable, m + " attributes");
    assert_equals(typeof rs[m], "function", m);
  }
  const locked = Object.getOwnPropertyDescriptor(proto, "locked");
  assert_true(locked.enumerable && locked.configurable, "locked attributes");
  assert_equals(locked.set, undefined, "locked setter");
  assert_equals(typeof locked.get, "function");
  assert_equals(rs.cancel.length, 0); assert_equals(rs.getReader.length, 0); assert_equals(rs.pipeThrough.length, 1);
  assert_equals(rs.pipeTo.length, 1); assert_equals(rs.tee.length, 0); assert_equals(rs.values.length, 0);
  assert_equals(ReadableStream.length, 0); assert_equals(ReadableStream.from.length, 1);
  assert_equals(proto[Symbol.asyncIterator], proto.values, "@@asyncIterator === values");
  assert_false(Object.getOwnPropertyDescriptor(proto, Symbol.asyncIterator).enumerable, "@@asyncIterator not enumerable");
  assert_class_string(rs, "ReadableStream");
}, "ReadableStream instances should have the correct list of properties");
test(() => {
  assert_throws_js(TypeError, () => ReadableStream(), "without new");
  assert_throws_js(TypeError, () => new ReadableStreamDefaultController(), "controller");
  assert_throws_js(TypeError, () => new ReadableByteStreamController(), "byte controller");
  assert_throws_js(TypeError, () => new ReadableStreamBYOBRequest(), "byob request");
}, "constructors need new / are illegal");
test(() => {
  const underlyingSource = { get start() { throw error1; } };
  const queuingStrategy = { highWaterMark: 0, get size() { throw error2; } };
  assert_throws_exactly(error2, () => new ReadableStream(underlyingSource, queuingStrategy));
}, "underlyingSource argument should be converted after queuingStrategy argument");
test(() => {
  const log = [];
  new ReadableStream({
    get autoAllocateChunkSize() { log.push("autoAllocateChunkSize"); return undefined; },
    get cancel() { log.push("cancel"); return undefined; },
    get pull() { log.push("pull"); return undefined; },
    get start() { log.push("start"); return undefined; },
    get type() { log.push("type"); return undefined; },
  }, { get highWaterMark() { log.push("highWaterMark"); return 1; }, get size() { log.push("size"); return undefined; } });
  assert_array_equals(log, ["highWaterMark", "size", "autoAllocateChunkSize", "cancel", "pull", "start", "type"]);
}, "members are read in order: strategy first, then underlying source lexicographically");
test(() => {
  let startCalled = false;
  const source = {
    start(controller) {
      assert_equals(this, source, "source is this during start");
      const methods = ["close", "enqueue", "error", "constructor"];
      const properties = ["close", "constructor", "desiredSize", "enqueue", "error"];
      const proto = Object.getPrototypeOf(controller);
      assert_array_equals(Object.getOwnPropertyNames(proto).sort(), properties);
      for (const m of ["close", "enqueue", "error"]) {
        const d = Object.getOwnPropertyDescriptor(proto, m);
        assert_true(d.enumerable && d.configurable && d.writable, m);
      }
      assert_equals(controller.close.length, 0); assert_equals(controller.enqueue.length, 0); assert_equals(controller.error.length, 0);
      assert_class_string(controller, "ReadableStreamDefaultController");
      startCalled = true;
    },
  };
  new ReadableStream(source);
  assert_true(startCalled);
}, "ReadableStream start should be called with the proper thisArg and a controller with the right shape");
test(() => {
  let startCalled = false;
  new ReadableStream({ start(c) { assert_equals(c.desiredSize, 10, "desiredSize should start at 10"); c.enqueue("a"); assert_equals(c.desiredSize, 9); startCalled = true; } }, { highWaterMark: 10 });
  assert_true(startCalled);
}, "ReadableStream constructor should accept a strategy with a highWaterMark");
test(() => {
  for (const hwm of [-1, -Infinity, NaN, "foo", {}]) assert_throws_js(RangeError, () => new ReadableStream({}, { size() { return 1; }, highWaterMark: hwm }), String(hwm));
}, "ReadableStream constructor should throw RangeError for invalid highWaterMark");
test(() => {
  assert_throws_js(TypeError, () => new ReadableStream({}, { size: "not a function" }));
  assert_throws_js(TypeError, () => new ReadableStream({ start: "potato" }));
  assert_throws_js(TypeError, () => new ReadableStream({ cancel: "2" }));
  assert_throws_js(TypeError, () => new ReadableStream({ pull: {} }));
}, "ReadableStream constructor should throw for non-function start/pull/cancel/size");
test(() => {
  assert_throws_exactly(error1, () => new ReadableStream({ start() { throw error1; } }));
}, "ReadableStream constructor will not tolerate initial garbage as cancel argument / start throwing");
promise_test(() => {
  let pullCount = 0;
  const startPromise = Promise.resolve();
  new ReadableStream({ start() { return startPromise; }, pull() { pullCount++; } });
  return startPromise.then(() => { assert_equals(pullCount, 1, "pull should be called once start finishes"); return delay(10); }).then(() => { assert_equals(pullCount, 1, "pull should be called exactly once"); });
}, "ReadableStream: should only call pull once upon starting the stream");
promise_test(() => {
  let pullCount = 0;
  const rs = new ReadableStream({ pull(c) { if (pullCount > 0) c.enqueue(pullCount); ++pullCount; } }, { highWaterMark: 1 });
  return flushAsyncEvents().then(() => { assert_equals(pullCount, 1, "pull should be called once start finishes"); }).then(() => {
    const reader = rs.getReader();
    const read = reader.read();
    assert_equals(pullCount, 2, "pull should be called when read is called");
    return read;
  }).then((result) => { assert_equals(pullCount, 3); assert_object_equals(result, { value: 1, done: false }); });
}, "ReadableStream: should call pull when trying to read from a started, empty stream");
promise_test(() => {
  let pullCount = 0;
  const startPromise = Promise.resolve();
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); return startPromise; }, pull() { pullCount++; } });
  const read = rs.getReader().read();
  assert_equals(pullCount, 0, "calling read() should not cause pull to be called yet");
  return startPromise.then(() => { assert_equals(pullCount, 1, "pull should be called once start finishes"); return read; }).then((r) => {
    assert_object_equals(r, { value: "a", done: false }); assert_equals(pullCount, 1); return delay(10);
  }).then(() => { assert_equals(pullCount, 1, "pull should be called exactly once"); });
}, "ReadableStream: should only call pull once on a non-empty stream read from before start fulfills");
promise_test(() => {
  let pullCount = 0;
  const startPromise = Promise.resolve();
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); return startPromise; }, pull() { pullCount++; } });
  return startPromise.then(() => {
    assert_equals(pullCount, 0, "pull should not be called once start finishes, since the queue is full");
    const read = rs.getReader().read();
    assert_equals(pullCount, 1, "calling read() should cause pull to be called immediately");
    return read;
  }).then((r) => { assert_object_equals(r, { value: "a", done: false }); return delay(10); }).then(() => assert_equals(pullCount, 1));
}, "ReadableStream: should only call pull once on a non-empty stream read from after start fulfills");
promise_test(() => {
  let pullCount = 0;
  let controller;
  const startPromise = Promise.resolve();
  const rs = new ReadableStream({ start(c) { controller = c; return startPromise; }, pull() { ++pullCount; } });
  const reader = rs.getReader();
  return startPromise.then(() => {
    assert_equals(pullCount, 1, "pull should have been called once by the time the stream starts");
    controller.enqueue("a");
    assert_equals(pullCount, 1, "pull should not have been called again after enqueue");
    return reader.read();
  }).then(() => { assert_equals(pullCount, 2, "pull should have been called again after read"); return delay(10); }).then(() => assert_equals(pullCount, 2));
}, "ReadableStream: should call pull in reaction to read()ing the last chunk, if not draining");
promise_test(() => {
  let pullCount = 0;
  let controller;
  const startPromise = Promise.resolve();
  const rs = new ReadableStream({ start(c) { controller = c; return startPromise; }, pull() { ++pullCount; } });
  const reader = rs.getReader();
  return startPromise.then(() => {
    assert_equals(pullCount, 1);
    controller.enqueue("a"); assert_equals(pullCount, 1);
    controller.close();
    return reader.read();
  }).then(() => { assert_equals(pullCount, 1, "pull should not have been called a second time"); return delay(10); }).then(() => assert_equals(pullCount, 1));
}, "ReadableStream: should not call pull() in reaction to read()ing the last chunk, if draining");
promise_test(() => {
  let resolve;
  let returnedPromise;
  let timesCalled = 0;
  const startPromise = Promise.resolve();
  const rs = new ReadableStream({
    start() { return startPromise; },
    pull(c) { c.enqueue(++timesCalled); returnedPromise = new Promise((r) => { resolve = r; }); return returnedPromise; },
  });
  const reader = rs.getReader();
  return startPromise.then(() => reader.read()).then((result1) => {
    assert_equals(timesCalled, 1); assert_object_equals(result1, { value: 1, done: false });
    setTimeout(resolve, 5);
    return returnedPromise;
  }).then(() => reader.read()).then((result2) => { assert_equals(timesCalled, 2); assert_object_equals(result2, { value: 2, done: false }); });
}, "ReadableStream: should not call pull until the previous pull call's promise fulfills");
promise_test(() => {
  let timesCalled = 0;
  const startPromise = Promise.resolve();
  const rs = new ReadableStream({
    start(c) { c.enqueue("a"); c.enqueue("b"); c.enqueue("c"); return startPromise; },
    pull() { ++timesCalled; },
  }, { size() { return 1; }, highWaterMark: Infinity });
  const reader = rs.getReader();
  return startPromise.then(() => reader.read()).then((r1) => {
    assert_object_equals(r1, { value: "a", done: false }); return reader.read();
  }).then((r2) => { assert_object_equals(r2, { value: "b", done: false }); return reader.read(); }).then((r3) => {
    assert_object_equals(r3, { value: "c", done: false }); return delay(10);
  }).then(() => { assert_equals(timesCalled, 4, "start() should have been called once and pull() four times... rather pull() 4 times"); });
}, "ReadableStream: should pull after start, and after every read");
promise_test(() => {
  const startPromise = Promise.resolve();
  const rs = new ReadableStream({ start(c) { c.close(); return startPromise; }, pull() { assert_unreached("pull should not be called"); } });
  return startPromise.then(() => delay(10)).then(() => rs.getReader().read()).then((r) => assert_object_equals(r, { value: undefined, done: true }));
}, "ReadableStream: should not call pull after start if the stream is now closed");
promise_test(() => {
  let timesCalled = 0;
  const rs = new ReadableStream({ pull(c) { c.enqueue(++timesCalled); } }, { size() { return 1; }, highWaterMark: 4 });
  return flushAsyncEvents().then(() => { assert_equals(timesCalled, 4, "pull() should have been called four times"); });
}, "ReadableStream: should call pull after enqueueing from inside pull (with no read requests), if strategy allows");
promise_test(() => {
  let pullCalled = false;
  const rs = new ReadableStream({ pull(c) { pullCalled = true; c.enqueue("a"); c.enqueue("b"); } }, { highWaterMark: 0 });
  return delay(10).then(() => { assert_false(pullCalled, "pull should not be called with hwm 0"); return rs.getReader().read(); }).then((r) => {
    assert_true(pullCalled); assert_object_equals(r, { value: "a", done: false });
  });
}, "ReadableStream pull should be able to close a stream / hwm 0 does not pull before read");
promise_test((t) => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  rs.getReader().read().then(t.unreached_func("read should not fulfill"), () => {});
  controller.error(error1);
  const reader2 = new ReadableStream({ start(c) { c.error(error1); } }).getReader();
  return promise_rejects_exactly(t, error1, reader2.read());
}, "ReadableStream: errored stream rejects reads");
test(() => {
  let controller;
  new ReadableStream({ start(c) { controller = c; } });
  assert_equals(controller.desiredSize, 1, "desiredSize should start at 1");
  controller.enqueue("a"); assert_equals(controller.desiredSize, 0);
  controller.enqueue("b"); assert_equals(controller.desiredSize, -1);
  controller.enqueue("c"); assert_equals(controller.desiredSize, -2);
  controller.enqueue("d"); assert_equals(controller.desiredSize, -3);
}, "ReadableStream strategies: the default strategy should give desiredSize of 1 to start, decreasing by 1 per enqueue");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const reader = rs.getReader();
  assert_equals(controller.desiredSize, 1);
  controller.enqueue("a"); assert_equals(controller.desiredSize, 0);
  return reader.read().then((r) => { assert_object_equals(r, { value: "a", done: false }); assert_equals(controller.desiredSize, 1); controller.enqueue("b"); assert_equals(controller.desiredSize, 0); return reader.read(); }).then((r) => {
    assert_object_equals(r, { value: "b", done: false }); assert_equals(controller.desiredSize, 1);
  });
}, "ReadableStream strategies: the default strategy should continue giving desiredSize of 1 if the chunks are read immediately");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const reader = rs.getReader();
  const p1 = reader.read(); const p2 = reader.read();
  controller.enqueue("a"); controller.enqueue("b");
  assert_equals(controller.desiredSize, 1, "chunks went straight to the read requests");
  return Promise.all([p1, p2]).then(([r1, r2]) => { assert_object_equals(r1, { value: "a", done: false }); assert_object_equals(r2, { value: "b", done: false }); });
}, "ReadableStream: enqueue fulfills pending reads directly");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  controller.close();
  assert_equals(controller.desiredSize, 0, "desiredSize is 0 after close");
  assert_throws_js(TypeError, () => controller.enqueue("a"), "enqueue after close");
  assert_throws_js(TypeError, () => controller.close(), "close after close");
  return rs.getReader().closed;
}, "ReadableStream: enqueue/close after close throws TypeError");
test(() => {
  let controller;
  new ReadableStream({ start(c) { controller = c; } });
  controller.error(error1);
  assert_equals(controller.desiredSize, null, "desiredSize is null when errored");
  assert_throws_js(TypeError, () => controller.enqueue("a"));
  assert_throws_js(TypeError, () => controller.close());
  controller.error(error2); // no-op
}, "ReadableStream: errored controller");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); } });
  const reader = rs.getReader();
  return reader.read().then((r) => { assert_object_equals(r, { value: "a", done: false }); return reader.read(); }).then((r) => {
    assert_object_equals(r, { value: undefined, done: true }); return reader.closed;
  });
}, "ReadableStream: should fulfill read after close with done");
promise_test(() => {
  const randomSource = new RandomPushSource(8);
  const rs = new ReadableStream({
    start(c) {
      randomSource.ondata = (chunk) => { if (!c.enqueue(chunk) && c.desiredSize <= 0) randomSource.readStop(); };
      randomSource.onend = c.close.bind(c);
      randomSource.onerror = c.error.bind(c);
    },
    pull() { randomSource.readStart(); },
  });
  return readableStreamToArray(rs).then((chunks) => {
    assert_equals(chunks.length, 8, "8 chunks should be read");
    for (const chunk of chunks) assert_equals(chunk.length, 128, "chunk should have 128 bytes");
  });
}, "ReadableStream: should work with a push source (RandomPushSource)");
promise_test(() => {
  return readableStreamToArrayByReading(sequentialReadableStream(10)).then((chunks) => {
    assert_array_equals(chunks, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
}, "ReadableStream integration test: adapting a sync pull source");
promise_test(() => {
  return readableStreamToArrayByReading(sequentialReadableStream(10, { async: true })).then((chunks) => {
    assert_array_equals(chunks, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
}, "ReadableStream integration test: adapting an async pull source");
promise_test(() => {
  let pullCount = 0;
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; }, pull() { pullCount++; } }, { highWaterMark: 1 });
  return delay(1).then(() => {
    assert_equals(pullCount, 1);
    controller.enqueue("a"); controller.enqueue("b");
    const reader = rs.getReader();
    return reader.read();
  }).then(() => { assert_equals(pullCount, 1, "desiredSize still <= 0"); });
}, "ReadableStream: pull not called while queue is over the highWaterMark");
test(() => {
  const rs = new ReadableStream();
  assert_false(rs.locked);
  const reader = rs.getReader();
  assert_true(rs.locked);
  assert_throws_js(TypeError, () => rs.getReader(), "second getReader");
  reader.releaseLock();
  assert_false(rs.locked);
  assert_throws_js(TypeError, () => rs.getReader({ mode: "byob" }), "byob reader for a default stream");
  assert_throws_js(TypeError, () => rs.getReader({ mode: "potato" }), "invalid mode");
  rs.getReader({ mode: undefined }).releaseLock();
  rs.getReader({}).releaseLock();
  rs.getReader(undefined).releaseLock();
  assert_throws_js(TypeError, () => rs.getReader(1), "non-object options");
}, "ReadableStream getReader() options and locking");
test(() => {
  const getter = Object.getOwnPropertyDescriptor(ReadableStream.prototype, "locked").get;
  assert_throws_js(TypeError, () => getter.call({}), "locked");
  assert_throws_js(TypeError, () => ReadableStream.prototype.getReader.call({}), "getReader");
  assert_throws_js(TypeError, () => ReadableStream.prototype.tee.call({}), "tee");
  assert_throws_js(TypeError, () => ReadableStream.prototype.values.call({}), "values");
  assert_throws_js(TypeError, () => ReadableStream.prototype.pipeThrough.call({}, { readable: new ReadableStream(), writable: new WritableStream() }), "pipeThrough");
}, "ReadableStream brand checks (sync)");
promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, ReadableStream.prototype.cancel.call({}), "cancel");
  await promise_rejects_js(t, TypeError, ReadableStream.prototype.pipeTo.call({}, new WritableStream()), "pipeTo");
  await promise_rejects_js(t, TypeError, new ReadableStream().pipeTo(), "pipeTo without args");
  await promise_rejects_js(t, TypeError, new ReadableStream().pipeTo({}), "pipeTo with garbage");
}, "ReadableStream brand checks (promise-returning methods reject)");
// ---------------------------------------------------------------------------------------------
group("readable-streams/default-reader");
test(() => {
  assert_throws_js(TypeError, () => new ReadableStreamDefaultReader("potato"));
  assert_throws_js(TypeError, () => new ReadableStreamDefaultReader({}));
  assert_throws_js(TypeError, () => new ReadableStreamDefaultReader());
}, "ReadableStreamDefaultReader constructor should get a ReadableStream object as argument");
test(() => {
  const proto = ReadableStreamDefaultReader.prototype;
  assert_array_equals(Object.getOwnPropertyNames(proto).sort(), ["cancel", "closed", "constructor", "read", "releaseLock"]);
  assert_equals(ReadableStreamDefaultReader.length, 1);
  assert_equals(proto.cancel.length, 0); assert_equals(proto.read.length, 0); assert_equals(proto.releaseLock.length, 0);
  const closed = Object.getOwnPropertyDescriptor(proto, "closed");
  assert_true(closed.enumerable && closed.configurable); assert_equals(closed.get.name, "get closed");
  assert_equals(proto[Symbol.toStringTag], "ReadableStreamDefaultReader");
  const rd = new ReadableStreamDefaultReader(new ReadableStream());
  assert_class_string(rd, "ReadableStreamDefaultReader");
}, "ReadableStreamDefaultReader instances should have the correct list of properties");
test(() => {
  const rs = new ReadableStream();
  new ReadableStreamDefaultReader(rs);
  assert_throws_js(TypeError, () => new ReadableStreamDefaultReader(rs), "constructing a second reader should fail");
}, "ReadableStreamDefaultReader closed should always return the same promise object / locking");
test(() => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  assert_equals(reader.closed, reader.closed, "closed is the same promise each time");
  assert_throws_js(TypeError, () => rs.getReader());
  assert_throws_js(TypeError, () => new ReadableStreamDefaultReader(rs));
}, "Constructing a ReadableStreamDefaultReader directly should fail if the stream is already locked (via getReader)");
promise_test((t) => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  const closed = reader.closed;
  reader.releaseLock();
  assert_not_equals(reader.closed, undefined);
  return promise_rejects_js(t, TypeError, closed, "closed rejects after releaseLock");
}, "ReadableStreamDefaultReader: releasing the lock rejects closed with TypeError");
promise_test((t) => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const reader = rs.getReader();
  const p1 = reader.read(); const p2 = reader.read();
  reader.releaseLock();
  return Promise.all([promise_rejects_js(t, TypeError, p1), promise_rejects_js(t, TypeError, p2), promise_rejects_js(t, TypeError, reader.read(), "read after release")]);
}, "ReadableStreamDefaultReader: releaseLock() rejects pending read requests");
promise_test((t) => {
  const rs = new ReadableStream({ start(c) { c.close(); } });
  const reader = rs.getReader();
  reader.releaseLock();
  return Promise.all([promise_rejects_js(t, TypeError, reader.closed), promise_rejects_js(t, TypeError, reader.cancel())]);
}, "ReadableStreamDefaultReader: closed and cancel after releasing a closed stream's lock");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const reader1 = rs.getReader();
  reader1.releaseLock();
  const reader2 = rs.getReader();
  controller.close();
  return reader2.closed;
}, "Getting a second reader after releasing the first should succeed and see close");
promise_test((t) => {
  const rs = new ReadableStream({ start(c) { c.error(error1); } });
  const reader = rs.getReader();
  return Promise.all([promise_rejects_exactly(t, error1, reader.closed), promise_rejects_exactly(t, error1, reader.read())]);
}, "ReadableStreamDefaultReader: errored stream");
promise_test((t) => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const reader = rs.getReader();
  const p = reader.read();
  controller.error(error1);
  return Promise.all([promise_rejects_exactly(t, error1, p), promise_rejects_exactly(t, error1, reader.closed)]);
}, "Reading twice... erroring rejects pending reads");
promise_test(async (t) => {
  const getter = Object.getOwnPropertyDescriptor(ReadableStreamDefaultReader.prototype, "closed").get;
  await promise_rejects_js(t, TypeError, getter.call({}), "closed");
  await promise_rejects_js(t, TypeError, ReadableStreamDefaultReader.prototype.read.call({}), "read");
  await promise_rejects_js(t, TypeError, ReadableStreamDefaultReader.prototype.cancel.call({}), "cancel");
  assert_throws_js(TypeError, () => ReadableStreamDefaultReader.prototype.releaseLock.call({}), "releaseLock");
  await promise_rejects_js(t, TypeError, ReadableStreamDefaultReader.prototype.read.call(new ReadableStream().getReader({ mode: undefined }).constructor === ReadableStreamDefaultReader ? Object.create(ReadableStreamDefaultReader.prototype) : {}), "fake");
}, "ReadableStreamDefaultReader brand checks");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } });
  const reader = rs.getReader();
  return Promise.all([reader.read(), reader.read(), reader.read(), reader.read()]).then((rs) => {
    assert_object_equals(rs[0], { value: "a", done: false });
    assert_object_equals(rs[1], { value: "b", done: false });
    assert_object_equals(rs[2], { value: undefined, done: true });
    assert_object_equals(rs[3], { value: undefined, done: true });
  });
}, "Reading twice on a stream that gets closed");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); } });
  return rs.getReader().read().then((r) => {
    assert_equals(Object.getPrototypeOf(r), Object.prototype, "prototype");
    assert_array_equals(Object.getOwnPropertyNames(r), ["value", "done"], "property order");
    const d = Object.getOwnPropertyDescriptor(r, "value");
    assert_true(d.writable && d.enumerable && d.configurable);
  });
}, "ReadableStreamDefaultReader read() result objects are plain objects with value then done");

group("readable-streams/cancel");
promise_test(() => {
  let cancelReason;
  const rs = new ReadableStream({ cancel(r) { cancelReason = r; } });
  return rs.cancel(error1).then((v) => { assert_equals(v, undefined); assert_equals(cancelReason, error1); });
}, "ReadableStream cancellation: cancel(reason) should pass through the given reason to the underlying source");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); }, cancel() { assert_unreached("underlying source cancel() should not have been called"); } });
  const reader = rs.getReader();
  return rs.cancel().then(assert_unreached, (e) => assert_equals(e.constructor, TypeError)).then(() => reader.read()).then((r) => {
    assert_object_equals(r, { value: "a", done: false });
  });
}, "ReadableStream cancellation: cancel() on a locked stream should fail and not call the underlying source cancel");
promise_test(() => {
  let cancelCalled = false;
  const rs = new ReadableStream({ cancel() { cancelCalled = true; return "Hello"; } });
  return rs.cancel().then((v) => { assert_true(cancelCalled); assert_equals(v, undefined, "fulfilled with undefined"); });
}, "ReadableStream cancellation: should fulfill promise when cancel callback went fine");
promise_test((t) => {
  const rs = new ReadableStream({ cancel() { throw error1; } });
  return promise_rejects_exactly(t, error1, rs.cancel(), "cancel rejects");
}, "ReadableStream cancellation: should reject promise when cancel callback raises an exception");
promise_test(() => {
  let resolveSourceCancelPromise;
  let sourceCancelPromiseHasFulfilled = false;
  const rs = new ReadableStream({ cancel() { return new Promise((r) => { resolveSourceCancelPromise = r; }).then(() => { sourceCancelPromiseHasFulfilled = true; }); } });
  setTimeout(() => resolveSourceCancelPromise("Hello"), 10);
  return rs.cancel().then((v) => { assert_true(sourceCancelPromiseHasFulfilled); assert_equals(v, undefined); });
}, "ReadableStream cancellation: returning a value from the underlying source's cancel should not affect the fulfillment value");
promise_test((t) => {
  let rejectSourceCancelPromise;
  const rs = new ReadableStream({ cancel() { return new Promise((_, reject) => { rejectSourceCancelPromise = reject; }); } });
  setTimeout(() => rejectSourceCancelPromise(error1), 10);
  return promise_rejects_exactly(t, error1, rs.cancel());
}, "ReadableStream cancellation: should reject promise when cancel callback returns a rejected promise");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); }, pull() { assert_unreached(); } });
  const reader = rs.getReader();
  return reader.cancel().then(() => reader.read()).then((r) => assert_object_equals(r, { value: undefined, done: true }));
}, "ReadableStream cancellation: cancel discards queued chunks; reads then see done");
promise_test(() => {
  let cancelCalled = 0;
  const rs = new ReadableStream({ cancel() { cancelCalled++; } });
  return rs.cancel().then(() => rs.cancel()).then(() => assert_equals(cancelCalled, 1, "cancel only called once"));
}, "ReadableStream cancellation: cancel on a closed stream is a no-op");
promise_test((t) => {
  const rs = new ReadableStream({ start(c) { c.error(error1); } });
  return promise_rejects_exactly(t, error1, rs.cancel());
}, "ReadableStream cancellation: cancel on an errored stream rejects with the stored error");
promise_test(() => {
  let pullCalled = false;
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; }, pull() { pullCalled = true; }, cancel() {} }, { highWaterMark: 0 });
  return rs.cancel().then(() => { assert_throws_js(TypeError, () => controller.enqueue("a")); assert_equals(controller.desiredSize, 0); });
}, "ReadableStream cancellation: integration with the controller");
promise_test(() => {
  const rs = new ReadableStream();
  assert_false(rs.locked);
  const p = rs.cancel();
  return p.then(() => rs.getReader().closed);
}, "ReadableStream cancellation: closed after cancel");

group("readable-streams/bad-strategies");
test(() => {
  const theError = new Error("a unique string");
  assert_throws_exactly(theError, () => new ReadableStream({}, { get size() { throw theError; }, highWaterMark: 5 }));
}, "Readable stream: throwing strategy.size getter");
promise_test((t) => {
  const controllerError = { name: "controller error" };
  const thrownError = { name: "thrown error" };
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { controller.error(controllerError); throw thrownError; }, highWaterMark: 5 });
  assert_throws_exactly(thrownError, () => controller.enqueue("a"), "enqueue should re-throw the error");
  return promise_rejects_exactly(t, controllerError, rs.getReader().closed);
}, "Readable stream: strategy.size errors the stream and then throws");
promise_test((t) => {
  const theError = new Error("a unique string");
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { controller.error(theError); return Infinity; }, highWaterMark: 5 });
  assert_throws_js(RangeError, () => controller.enqueue("a"), "enqueue should throw a RangeError");
  return promise_rejects_exactly(t, theError, rs.getReader().closed);
}, "Readable stream: strategy.size errors the stream and then returns Infinity");
promise_test(() => {
  const theError = new Error("a unique string");
  const rs = new ReadableStream({ start(c) { assert_throws_exactly(theError, () => c.enqueue("a")); } }, { size() { throw theError; }, highWaterMark: 5 });
  return rs.getReader().closed.then(assert_unreached, (e) => assert_equals(e, theError));
}, "Readable stream: throwing strategy.size method");
test(() => {
  const theError = new Error("a unique string");
  assert_throws_exactly(theError, () => new ReadableStream({}, { size() { return 1; }, get highWaterMark() { throw theError; } }));
}, "Readable stream: throwing strategy.highWaterMark getter");
test(() => {
  for (const highWaterMark of [-1, -Infinity, NaN, "foo", {}]) {
    assert_throws_js(RangeError, () => new ReadableStream({}, { size() { return 1; }, highWaterMark }), `for ${highWaterMark}`);
  }
}, "Readable stream: invalid strategy.highWaterMark");
promise_test(() => {
  const promises = [];
  for (const size of [NaN, -Infinity, Infinity, -1]) {
    let theError;
    const rs = new ReadableStream({ start(c) { try { c.enqueue("hi"); assert_unreached("enqueue didn't throw"); } catch (error) { assert_equals(error.name, "RangeError", "enqueue should throw a RangeError for " + size); theError = error; } } }, { size() { return size; }, highWaterMark: 5 });
    promises.push(rs.getReader().closed.catch((e) => { assert_equals(e, theError, "closed should reject with the error for " + size); }));
  }
  return Promise.all(promises);
}, "Readable stream: invalid strategy.size return value");
test(() => {
  for (const size of [Symbol(), 1n]) {
    let threw;
    new ReadableStream({ start(c) { try { c.enqueue("x"); } catch (e) { threw = e; } } }, { size() { return size; } });
    assert_equals(threw.constructor, TypeError, "size returning " + typeof size);
  }
}, "Readable stream: strategy.size returning a Symbol or BigInt throws TypeError (unrestricted double conversion)");
promise_test(() => {
  let thisValue;
  let args;
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); } }, { size(...a) { thisValue = this; args = a; return 1; } });
  assert_equals(thisValue, undefined, "size is called with undefined this");
  assert_array_equals(args, ["a"]);
  return Promise.resolve();
}, "Readable stream: strategy.size is called with this undefined and one argument");

group("readable-streams/bad-underlying-sources");
test(() => {
  const theError = new Error("a unique string");
  assert_throws_exactly(theError, () => new ReadableStream({ get start() { throw theError; } }));
}, "Underlying source start: throwing getter");
test(() => {
  const theError = new Error("a unique string");
  assert_throws_exactly(theError, () => new ReadableStream({ start() { throw theError; } }));
}, "Underlying source start: throwing method");
test(() => {
  const theError = new Error("a unique string");
  assert_throws_exactly(theError, () => new ReadableStream({ get pull() { throw theError; } }));
}, "Underlying source: throwing pull getter (initial pull)");
promise_test((t) => {
  const theError = new Error("a unique string");
  const rs = new ReadableStream({ pull() { throw theError; } });
  return promise_rejects_exactly(t, theError, rs.getReader().closed);
}, "Underlying source: throwing pull method (initial pull)");
promise_test((t) => {
  const theError = new Error("a unique string");
  let counter = 0;
  const rs = new ReadableStream({ pull(c) { ++counter; if (counter === 1) { c.enqueue("a"); return; } throw theError; } }, { highWaterMark: 1, size() { return 1; } });
  const reader = rs.getReader();
  return Promise.all([reader.read().then((r) => assert_object_equals(r, { value: "a", done: false })), promise_rejects_exactly(t, theError, reader.closed)]);
}, "Underlying source pull: throwing method (second pull)");
test(() => {
  const theError = new Error("a unique string");
  assert_throws_exactly(theError, () => new ReadableStream({ get cancel() { throw theError; } }));
}, "Underlying source cancel: throwing getter");
promise_test((t) => {
  const theError = new Error("a unique string");
  const rs = new ReadableStream({ cancel() { throw theError; } });
  return promise_rejects_exactly(t, theError, rs.cancel());
}, "Underlying source cancel: throwing method");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  rs.cancel();
  assert_throws_js(TypeError, () => controller.enqueue("a"), "Calling enqueue after canceling should throw");
  return rs.getReader().closed;
}, "Underlying source: calling enqueue on an empty canceled stream should throw");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); controller = c; } });
  rs.cancel();
  assert_throws_js(TypeError, () => controller.enqueue("c"), "Calling enqueue after canceling should throw");
  return rs.getReader().closed;
}, "Underlying source: calling enqueue on a non-empty canceled stream should throw");
promise_test(() => {
  return new ReadableStream({ start(c) { c.close(); assert_throws_js(TypeError, () => c.enqueue("a")); } }).getReader().closed;
}, "Underlying source: calling enqueue on a closed stream should throw");
promise_test((t) => {
  const theError = new Error("boo");
  const closed = new ReadableStream({ start(c) { c.error(theError); assert_throws_js(TypeError, () => c.enqueue("a")); } }).getReader().closed;
  return promise_rejects_exactly(t, theError, closed);
}, "Underlying source: calling enqueue on an errored stream should throw");
promise_test(() => {
  return new ReadableStream({ start(c) { c.close(); assert_throws_js(TypeError, () => c.close()); } }).getReader().closed;
}, "Underlying source: calling close twice on an empty stream should throw the second time");
promise_test(() => {
  let startCalled = false;
  let readCalled = false;
  const reader = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); assert_throws_js(TypeError, () => c.close()); startCalled = true; } }).getReader();
  return Promise.all([reader.read().then((r) => { assert_object_equals(r, { value: "a", done: false }); readCalled = true; }), reader.closed.then(() => { assert_true(startCalled); assert_true(readCalled); })]);
}, "Underlying source: calling close twice on a non-empty stream should throw the second time");
promise_test((t) => {
  let controller;
  let startCalled = false;
  const rs = new ReadableStream({ start(c) { controller = c; startCalled = true; } });
  rs.cancel();
  assert_throws_js(TypeError, () => controller.close(), "close after cancel");
  assert_true(startCalled);
  return rs.getReader().closed;
}, "Underlying source: calling close on an empty canceled stream should throw");
promise_test((t) => {
  const theError = new Error("boo");
  const closed = new ReadableStream({ start(c) { c.error(theError); assert_throws_js(TypeError, () => c.close()); } }).getReader().closed;
  return promise_rejects_exactly(t, theError, closed);
}, "Underlying source: calling close after error should throw");
promise_test((t) => {
  const theError = new Error("boo");
  const closed = new ReadableStream({ start(c) { c.error(theError); c.error(); } }).getReader().closed;
  return promise_rejects_exactly(t, theError, closed);
}, "Underlying source: calling error twice should not throw");
promise_test(() => {
  const closed = new ReadableStream({ start(c) { c.close(); c.error(); } }).getReader().closed;
  return closed;
}, "Underlying source: calling error after close should not throw");
promise_test((t) => {
  const firstError = new Error("1"); const secondError = new Error("2");
  const closed = new ReadableStream({ start(c) { c.error(firstError); }, pull() { throw secondError; } }).getReader().closed;
  return promise_rejects_exactly(t, firstError, closed);
}, "Underlying source: calling error and returning a rejected promise from pull should cause the stream to error with the first error");
promise_test((t) => {
  const firstError = new Error("1"); const secondError = new Error("2");
  const closed = new ReadableStream({ start(c) { c.error(firstError); return Promise.reject(secondError); } }).getReader().closed;
  return promise_rejects_exactly(t, firstError, closed);
}, "Underlying source: calling error and returning a rejected promise from start should cause the stream to error with the first error");
promise_test((t) => {
  const theError = new Error("boo");
  const rs = new ReadableStream({ start() { return Promise.reject(theError); } });
  return promise_rejects_exactly(t, theError, rs.getReader().closed);
}, "Underlying source start: returning a rejected promise errors the stream");
test(() => {
  const calls = [];
  const source = {
    start(...a) { calls.push(["start", this === source, a.length]); },
    pull(...a) { calls.push(["pull", this === source, a.length]); },
    cancel(...a) { calls.push(["cancel", this === source, a.length]); },
  };
  const rs = new ReadableStream(source);
  assert_equals(JSON.stringify(calls), JSON.stringify([["start", true, 1]]));
}, "Underlying source methods are called with the source as this and the right number of arguments");
promise_test(async () => {
  const calls = [];
  const source = {
    pull(...a) { calls.push(["pull", this === source, a.length]); },
    cancel(...a) { calls.push(["cancel", this === source, a.length, a[0]]); },
  };
  const rs = new ReadableStream(source);
  await delay(0);
  await rs.cancel("r");
  assert_equals(JSON.stringify(calls), JSON.stringify([["pull", true, 1], ["cancel", true, 1, "r"]]));
}, "Underlying source pull/cancel are called with the source as this");

group("readable-streams/count-queuing-strategy-integration");
test(() => { new ReadableStream({}, new CountQueuingStrategy({ highWaterMark: 4 })); }, "Can construct a readable stream with a valid CountQueuingStrategy");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, new CountQueuingStrategy({ highWaterMark: 0 }));
  const reader = rs.getReader();
  assert_equals(controller.desiredSize, 0, "0 reads, 0 enqueues: desiredSize should be 0");
  controller.enqueue("a"); assert_equals(controller.desiredSize, -1);
  controller.enqueue("b"); assert_equals(controller.desiredSize, -2);
  controller.enqueue("c"); assert_equals(controller.desiredSize, -3);
  controller.enqueue("d"); assert_equals(controller.desiredSize, -4);
  return reader.read().then((r) => { assert_object_equals(r, { value: "a", done: false }); assert_equals(controller.desiredSize, -3); return reader.read(); })
    .then((r) => { assert_object_equals(r, { value: "b", done: false }); assert_equals(controller.desiredSize, -2); return reader.read(); })
    .then((r) => { assert_object_equals(r, { value: "c", done: false }); assert_equals(controller.desiredSize, -1); return reader.read(); })
    .then((r) => { assert_object_equals(r, { value: "d", done: false }); assert_equals(controller.desiredSize, 0); controller.enqueue("e"); assert_equals(controller.desiredSize, -1); return reader.read(); })
    .then((r) => { assert_object_equals(r, { value: "e", done: false }); assert_equals(controller.desiredSize, 0); });
}, "Correctly governs a ReadableStreamController's desiredSize property (HWM = 0)");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, new CountQueuingStrategy({ highWaterMark: 4 }));
  const reader = rs.getReader();
  assert_equals(controller.desiredSize, 4);
  controller.enqueue("a"); assert_equals(controller.desiredSize, 3);
  controller.enqueue("b"); controller.enqueue("c"); controller.enqueue("d"); assert_equals(controller.desiredSize, 0);
  controller.enqueue("e"); assert_equals(controller.desiredSize, -1);
  return reader.read().then(() => { assert_equals(controller.desiredSize, 0); return reader.read(); }).then(() => { assert_equals(controller.desiredSize, 1); });
}, "Correctly governs a ReadableStreamController's desiredSize property (HWM = 4)");

group("readable-streams/floating-point-total-queue-size");
promise_test(() => {
  const { reader, controller } = setupTestStream();
  controller.enqueue(2); assert_equals(controller.desiredSize, 0 - 2);
  controller.enqueue(Number.MAX_SAFE_INTEGER); assert_equals(controller.desiredSize, 0 - Number.MAX_SAFE_INTEGER - 2);
  reader.read();
  assert_equals(controller.desiredSize, 0 - Number.MAX_SAFE_INTEGER - 2 + 2, "[[queueTotalSize]] must clamp to 0 if it becomes negative");
  reader.read();
  assert_equals(controller.desiredSize, 0, "[[queueTotalSize]] must clamp to 0 if it becomes negative");
  return Promise.resolve();
}, "Floating point arithmetic must manifest near NUMBER.MAX_SAFE_INTEGER (total ends up positive)");
promise_test(() => {
  const { reader, controller } = setupTestStream();
  controller.enqueue(1e-16); assert_equals(controller.desiredSize, 0 - 1e-16);
  controller.enqueue(1); assert_equals(controller.desiredSize, 0 - 1e-16 - 1);
  reader.read(); assert_equals(controller.desiredSize, 0 - 1e-16 - 1 + 1e-16);
  reader.read(); assert_equals(controller.desiredSize, 0, "[[queueTotalSize]] must clamp to 0 if it becomes negative");
  return Promise.resolve();
}, "Floating point arithmetic must manifest near 0 (total ends up positive, but clamped)");
promise_test(() => {
  const { reader, controller } = setupTestStream();
  controller.enqueue(1e-16); assert_equals(controller.desiredSize, 0 - 1e-16);
  controller.enqueue(1); assert_equals(controller.desiredSize, 0 - 1e-16 - 1);
  controller.enqueue(2e-16); assert_equals(controller.desiredSize, 0 - 1e-16 - 1 - 2e-16);
  reader.read(); assert_equals(controller.desiredSize, 0 - 1e-16 - 1 - 2e-16 + 1e-16);
  reader.read(); assert_equals(controller.desiredSize, 0 - 1e-16 - 1 - 2e-16 + 1e-16 + 1);
  reader.read(); assert_equals(controller.desiredSize, 0 - 1e-16 - 1 - 2e-16 + 1e-16 + 1 + 2e-16);
  return Promise.resolve();
}, "Floating point arithmetic must manifest near 0 (total ends up positive, and not clamped)");
promise_test(() => {
  const { reader, controller } = setupTestStream();
  controller.enqueue(2e-16); assert_equals(controller.desiredSize, 0 - 2e-16);
  controller.enqueue(1); assert_equals(controller.desiredSize, 0 - 2e-16 - 1);
  reader.read(); assert_equals(controller.desiredSize, 0 - 2e-16 - 1 + 2e-16);
  reader.read(); assert_equals(controller.desiredSize, 0, "[[queueTotalSize]] must clamp to 0 if it becomes negative");
  return Promise.resolve();
}, "Floating point arithmetic must manifest near 0 (total ends up zero)");
function setupTestStream() {
  const strategy = { size(x) { return x; }, highWaterMark: 0 };
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, strategy);
  return { reader: rs.getReader(), controller };
}

group("readable-streams/reentrant-strategies");
promise_test(() => {
  let controller;
  let calls = 0;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { ++calls; if (calls < 2) controller.enqueue("b"); return 1; } });
  controller.enqueue("a");
  controller.close();
  return readableStreamToArray(rs).then((array) => assert_array_equals(array, ["b", "a"], "array should contain two chunks"));
}, "enqueue() inside size() should work");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { controller.close(); return 1; } });
  controller.enqueue("a");
  return readableStreamToArray(rs).then((array) => assert_array_equals(array, [], "array should contain no chunks"));
}, "close() inside size() should not crash");
promise_test(() => {
  let controller;
  let calls = 0;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { ++calls; if (calls === 2) controller.close(); return 1; } });
  controller.enqueue("a"); controller.enqueue("b");
  return readableStreamToArray(rs).then((array) => assert_array_equals(array, ["a", "b"], "array should contain two chunks"));
}, "close request inside size() should work");
promise_test((t) => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { controller.error(error1); return 1; } });
  controller.enqueue("a");
  return promise_rejects_exactly(t, error1, rs.getReader().read(), "read() should reject");
}, "error() inside size() should work");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { assert_equals(controller.desiredSize, 1, "desiredSize should be 1"); return 1; }, highWaterMark: 1 });
  controller.enqueue("a"); controller.close();
  return readableStreamToArray(rs).then((array) => assert_array_equals(array, ["a"], "array should contain one chunk"));
}, "desiredSize inside size() should work");
promise_test((t) => {
  let cancelPromise;
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; }, cancel: t.step_func((reason) => { assert_equals(reason, error1, "reason should be error1"); assert_throws_js(TypeError, () => controller.enqueue(), "enqueue() should throw"); }) }, { size() { cancelPromise = rs.cancel(error1); return 1; }, highWaterMark: Infinity });
  controller.enqueue("a");
  const reader = rs.getReader();
  return Promise.all([reader.closed, cancelPromise]);
}, "cancel() inside size() should work");
promise_test(() => {
  let controller;
  let pipeToPromise;
  const ws = recordingWritableStream();
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { if (!pipeToPromise) pipeToPromise = rs.pipeTo(ws); return 1; }, highWaterMark: 1 });
  controller.enqueue("a");
  assert_not_equals(pipeToPromise, undefined);
  return delay(0).then(() => { controller.close(); return pipeToPromise; }).then(() => { assert_array_equals(ws.events, ["write", "a", "close"], "write and close should happen"); });
}, "pipeTo() inside size() should behave as expected");
promise_test(() => {
  let controller;
  let readPromise;
  let calls = 0;
  let readResolved = false;
  let reader;
  const rs = new ReadableStream({ start(c) { controller = c; } }, {
    size() {
      if (calls === 0) readPromise = reader.read().then(() => { readResolved = true; });
      ++calls;
      return 1;
    },
    highWaterMark: Infinity,
  });
  reader = rs.getReader();
  controller.enqueue("a");
  controller.enqueue("b");
  return delay(0).then(() => readPromise).then(() => assert_true(readResolved));
}, "read() inside of size() should behave as expected");
promise_test(() => {
  let controller;
  let reader;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { reader = rs.getReader(); return 1; } });
  controller.enqueue("a");
  return reader.read().then((r) => assert_object_equals(r, { value: "a", done: false }));
}, "getReader() inside size() should work");
promise_test(() => {
  let controller;
  let branch1; let branch2;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { [branch1, branch2] = rs.tee(); return 1; } });
  controller.enqueue("a");
  assert_true(rs.locked, "rs should be locked");
  controller.close();
  return Promise.all([readableStreamToArray(branch1).then((array) => assert_array_equals(array, ["a"])), readableStreamToArray(branch2).then((array) => assert_array_equals(array, ["a"]))]);
}, "tee() inside size() should work");
// ---------------------------------------------------------------------------------------------
group("readable-streams/tee");
test(() => {
  const rs = new ReadableStream();
  const result = rs.tee();
  assert_true(Array.isArray(result), "return value should be an array");
  assert_equals(result.length, 2, "array should have length 2");
  assert_equals(result[0].constructor, ReadableStream, "0th element should be a ReadableStream");
  assert_equals(result[1].constructor, ReadableStream, "1st element should be a ReadableStream");
  assert_true(rs.locked, "original is locked");
}, "ReadableStream teeing: rs.tee() returns an array of two ReadableStreams");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } });
  const [branch1, branch2] = rs.tee();
  const reader1 = branch1.getReader(); const reader2 = branch2.getReader();
  reader2.closed.then(() => {}, () => assert_unreached("branch2 should not be errored"));
  return Promise.all([readRepeatedly(reader1).then((chunks) => assert_array_equals(chunks, ["a", "b"])), reader1.closed,
    reader2.read().then((r) => assert_object_equals(r, { value: "a", done: false }, "first chunk from branch2 should be correct"))]);
}, "ReadableStream teeing: should be able to read one branch to the end without affecting the other");
promise_test(() => {
  const theObject = { the: "test object" };
  const rs = new ReadableStream({ start(c) { c.enqueue(theObject); } });
  const [branch1, branch2] = rs.tee();
  return Promise.all([branch1.getReader().read(), branch2.getReader().read()]).then(([r1, r2]) => {
    assert_equals(r1.value, r2.value, "the first chunk from each branch should be the same object");
    assert_equals(r1.value, theObject);
  });
}, "ReadableStream teeing: values should be equal across each branch");
promise_test((t) => {
  const theError = { name: "boo!" };
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); }, pull() { throw theError; } });
  const [branch1, branch2] = rs.tee();
  const reader1 = branch1.getReader(); const reader2 = branch2.getReader();
  reader1.label = "reader1"; reader2.label = "reader2";
  return Promise.all([promise_rejects_exactly(t, theError, reader1.closed), promise_rejects_exactly(t, theError, reader2.closed),
    reader1.read().then((r) => assert_object_equals(r, { value: "a", done: false })),
    reader1.read().then((r) => assert_object_equals(r, { value: "b", done: false })),
    promise_rejects_exactly(t, theError, reader2.read())]).catch(() => {});
}, "ReadableStream teeing: errors in the source should propagate to both branches");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } });
  const [branch1, branch2] = rs.tee();
  branch1.cancel();
  return Promise.all([readableStreamToArray(branch1).then((chunks) => assert_array_equals(chunks, [], "branch1 should have no chunks")),
    readableStreamToArray(branch2).then((chunks) => assert_array_equals(chunks, ["a", "b"], "branch2 should have two chunks"))]);
}, "ReadableStream teeing: canceling branch1 should not impact branch2");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } });
  const [branch1, branch2] = rs.tee();
  branch2.cancel();
  return Promise.all([readableStreamToArray(branch1).then((chunks) => assert_array_equals(chunks, ["a", "b"])), readableStreamToArray(branch2).then((chunks) => assert_array_equals(chunks, []))]);
}, "ReadableStream teeing: canceling branch2 should not impact branch1");
promise_test(() => {
  const reason1 = new Error("We're wanted men."); const reason2 = new Error("I have the death sentence on twelve systems.");
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  const rs = new ReadableStream({ cancel(reason) { assert_array_equals(reason, [reason1, reason2], "the cancel reason should be an array containing those from the branches"); resolve(); } });
  const [branch1, branch2] = rs.tee();
  branch1.cancel(reason1); branch2.cancel(reason2);
  return promise;
}, "ReadableStream teeing: canceling both branches should aggregate the cancel reasons into an array");
promise_test(() => {
  const reason1 = new Error("a"); const reason2 = new Error("b");
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  const rs = new ReadableStream({ cancel(reason) { assert_array_equals(reason, [reason1, reason2]); resolve(); } });
  const [branch1, branch2] = rs.tee();
  branch2.cancel(reason2); branch1.cancel(reason1);
  return promise;
}, "ReadableStream teeing: canceling both branches in reverse order should aggregate the cancel reasons into an array");
promise_test((t) => {
  const theError = { name: "I'll be careful." };
  const rs = new ReadableStream({ cancel() { throw theError; } });
  const [branch1, branch2] = rs.tee();
  return Promise.all([promise_rejects_exactly(t, theError, branch1.cancel()), promise_rejects_exactly(t, theError, branch2.cancel())]);
}, "ReadableStream teeing: failing to cancel the original stream should cause cancel() to reject on branches");
promise_test(() => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const [branch1, branch2] = rs.tee();
  const promise = Promise.all([branch1.getReader().closed, branch2.getReader().closed]);
  controller.close();
  return promise;
}, "ReadableStream teeing: closing the original should immediately close the branches");
promise_test((t) => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const [branch1, branch2] = rs.tee();
  const promise = Promise.all([promise_rejects_exactly(t, error1, branch1.getReader().closed), promise_rejects_exactly(t, error1, branch2.getReader().closed)]);
  controller.error(error1);
  return promise;
}, "ReadableStream teeing: erroring the original should immediately error the branches");
promise_test(async (t) => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const [branch1, branch2] = rs.tee();
  const cancelPromise = Promise.all([branch1.cancel(), branch2.cancel()]);
  controller.error(error1);
  await cancelPromise;
}, "ReadableStream teeing: canceling both branches in sequence with delay... erroring after cancel resolves cancel");
promise_test(async () => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const [branch1, branch2] = rs.tee();
  const reader1 = branch1.getReader(); const reader2 = branch2.getReader();
  const p1 = reader1.read(); const p2 = reader2.read();
  controller.enqueue("x");
  const [r1, r2] = await Promise.all([p1, p2]);
  assert_object_equals(r1, { value: "x", done: false }); assert_object_equals(r2, { value: "x", done: false });
}, "ReadableStream teeing: pending reads on both branches are fulfilled");
promise_test(async () => {
  let pullCount = 0;
  const rs = new ReadableStream({ pull(c) { pullCount++; c.enqueue(pullCount); } }, { highWaterMark: 0 });
  const [b1, b2] = rs.tee();
  await delay(10);
  assert_equals(pullCount, 1, "branches with hwm 1 pull once at start");
  const r = await b1.getReader().read();
  assert_equals(r.value, 1);
}, "ReadableStream teeing: branches pull from the source as needed");
promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); } });
  const [b1, b2] = rs.tee();
  const saved = globalThis.ReadableStream;
  globalThis.ReadableStream = function () { throw new Error("patched"); };
  try {
    const [c1, c2] = b1.tee();
    assert_array_equals(await readableStreamToArray(c1), ["a"]);
  } finally {
    globalThis.ReadableStream = saved;
  }
}, "ReadableStream tee() should not call the global ReadableStream");
test((t) => {
  const rs = new ReadableStream();
  const trappedProperties = ["highWaterMark", "size", "start", "type", "mode"];
  for (const property of trappedProperties) {
    Object.defineProperty(Object.prototype, property, { get() { throw new Error(`${property} getter called`); }, configurable: true });
  }
  t.add_cleanup(() => { for (const property of trappedProperties) delete Object.prototype[property]; });
  rs.tee();
}, "ReadableStream tee() should not touch Object.prototype properties");

group("readable-streams/async-iterator");
test(() => {
  const s = new ReadableStream();
  const it = s.values();
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const proto = Object.getPrototypeOf(it);
  assert_equals(Object.getPrototypeOf(proto), AsyncIteratorPrototype, "[[Prototype]] is %AsyncIteratorPrototype%");
  assert_array_equals(Object.getOwnPropertyNames(proto).sort(), ["next", "return"]);
  for (const m of ["next", "return"]) {
    const d = Object.getOwnPropertyDescriptor(proto, m);
    assert_true(d.enumerable && d.writable && d.configurable, m);
  }
  assert_equals(proto.next.length, 0); assert_equals(proto.return.length, 1);
  assert_equals(proto[Symbol.toStringTag], "ReadableStream AsyncIterator");
  assert_equals(Object.getPrototypeOf(new ReadableStream()[Symbol.asyncIterator]()), proto, "@@asyncIterator gives the same kind of iterator");
  assert_equals(ReadableStream.prototype.values.name, "values");
}, "Async iterator instances should have the correct list of properties");
promise_test(async () => {
  const s = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.enqueue(3); c.close(); } });
  const chunks = [];
  for await (const chunk of s) chunks.push(chunk);
  assert_array_equals(chunks, [1, 2, 3]);
}, "Async-iterating a push source");
promise_test(async () => {
  let i = 1;
  const s = new ReadableStream({ pull(c) { c.enqueue(i); if (i >= 3) c.close(); i += 1; } });
  const chunks = [];
  for await (const chunk of s) chunks.push(chunk);
  assert_array_equals(chunks, [1, 2, 3]);
}, "Async-iterating a pull source");
promise_test(async () => {
  const s = new ReadableStream({ start(c) { c.enqueue(undefined); c.enqueue(undefined); c.close(); } });
  const chunks = [];
  for await (const chunk of s) chunks.push(chunk);
  assert_array_equals(chunks, [undefined, undefined]);
}, "Async-iterating a push source with undefined values");
promise_test(async () => {
  let i = 1;
  const s = new ReadableStream({ pull(c) { c.enqueue(i); if (i >= 3) c.close(); i += 1; } }, new CountQueuingStrategy({ highWaterMark: 0 }));
  const it = s.values();
  assert_equals(i, 1, "pull() should not have been called yet");
  const iterResults = await Promise.all([it.next(), it.next(), it.next(), it.next()]);
  assert_array_equals(iterResults.map((r) => r.value), [1, 2, 3, undefined]);
  assert_array_equals(iterResults.map((r) => r.done), [false, false, false, true]);
}, "Async-iterating a pull source manually");
promise_test(async (t) => {
  const s = new ReadableStream({ start(c) { c.error("e"); } });
  try {
    for await (const chunk of s) {}
    assert_unreached();
  } catch (e) {
    assert_equals(e, "e");
  }
}, "Async-iterating an errored stream throws");
promise_test(async () => {
  const s = new ReadableStream({ start(c) { c.close(); } });
  for await (const chunk of s) assert_unreached();
}, "Async-iterating a closed stream never executes the loop body, but works fine");
promise_test(async () => {
  const s = new ReadableStream();
  const loop = (async () => { for await (const chunk of s) assert_unreached(); assert_unreached(); })();
  await Promise.race([loop, flushAsyncEvents()]);
}, "Async-iterating an empty but not closed/errored stream never executes the loop body and stalls the async function");
promise_test(async () => {
  const s = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.enqueue(3); c.close(); } });
  const reader = s.getReader();
  const readResult = await reader.read();
  assert_object_equals(readResult, { value: 1, done: false });
  reader.releaseLock();
  const chunks = [];
  for await (const chunk of s) chunks.push(chunk);
  assert_array_equals(chunks, [2, 3]);
}, "Async-iterating a partially consumed stream");
for (const type of ["throw", "break", "return"]) {
  for (const preventCancel of [false, true]) {
    promise_test(async () => {
      const s = recordingReadableStream({ start(c) { c.enqueue(0); } });
      (async () => {
        for await (const c of s.values({ preventCancel })) {
          if (type === "throw") throw new Error();
          else if (type === "break") break;
          else if (type === "return") return;
        }
      })().catch(() => {});
      await flushAsyncEvents();
      if (preventCancel) {
        assert_array_equals(s.events, ["pull"], "cancel() should not be called");
      } else {
        assert_array_equals(s.events, ["pull", "cancel", undefined], "cancel() should be called");
      }
    }, `Cancellation behavior when ${type}ing inside loop body; preventCancel = ${preventCancel}`);
  }
}
for (const preventCancel of [false, true]) {
  promise_test(async () => {
    const s = recordingReadableStream();
    const it = s.values({ preventCancel });
    await it.return();
    if (preventCancel) assert_array_equals(s.eventsWithoutPulls, [], "cancel() should not be called");
    else assert_array_equals(s.eventsWithoutPulls, ["cancel", undefined], "cancel() should be called");
  }, `Cancellation behavior when manually calling return(); preventCancel = ${preventCancel}`);
}
promise_test(async (t) => {
  let timesPulled = 0;
  const s = new ReadableStream({ pull(c) { if (timesPulled === 0) { c.enqueue(0); ++timesPulled; } else { c.error(error1); } } });
  const it = s[Symbol.asyncIterator]();
  const iterResult1 = await it.next();
  assert_object_equals(iterResult1, { value: 0, done: false }, "1st next()");
  await promise_rejects_exactly(t, error1, it.next(), "2nd next()");
}, "next() rejects if the stream errors");
promise_test(async () => {
  let timesPulled = 0;
  const s = new ReadableStream({ pull(c) { if (timesPulled === 0) { c.enqueue(0); ++timesPulled; } else { c.error(error1); } } }, { highWaterMark: 0 });
  const it = s[Symbol.asyncIterator]();
  const iterResult1 = await it.next();
  assert_object_equals(iterResult1, { value: 0, done: false });
  const iterResult2 = await it.return("return value");
  assert_object_equals(iterResult2, { value: "return value", done: true }, "return()");
}, "return() does not rejects if the stream has not errored yet");
promise_test(async (t) => {
  let timesPulled = 0;
  const s = new ReadableStream({ pull(c) { c.error(error1); } });
  const it = s[Symbol.asyncIterator]();
  await promise_rejects_exactly(t, error1, it.next(), "next()");
  const r = await it.return("v");
  assert_object_equals(r, { value: "v", done: true });
}, "return() after next() rejection fulfills (iterator finished)");
promise_test(async () => {
  const s = new ReadableStream({ start(c) { c.enqueue(0); c.close(); } });
  const it = s[Symbol.asyncIterator]();
  const iterResult1 = await it.next();
  assert_object_equals(iterResult1, { value: 0, done: false });
  const iterResult2 = await it.next();
  assert_object_equals(iterResult2, { value: undefined, done: true });
  const iterResult3 = await it.next();
  assert_object_equals(iterResult3, { value: undefined, done: true });
}, "next() after close keeps returning done");
promise_test(async () => {
  const s = new ReadableStream({ start(c) { c.enqueue(0); c.close(); } });
  const it = s[Symbol.asyncIterator]();
  const r1 = await it.next(); assert_object_equals(r1, { value: 0, done: false });
  const r2 = await it.next(); assert_object_equals(r2, { value: undefined, done: true });
  const r3 = await it.return("return value"); assert_object_equals(r3, { value: "return value", done: true });
}, "return() after next() returned done");
promise_test(async () => {
  const rs = new ReadableStream();
  const it = rs.values();
  const iterResults = await Promise.all([it.return("a"), it.return("b")]);
  assert_object_equals(iterResults[0], { value: "a", done: true });
  assert_object_equals(iterResults[1], { value: "b", done: true });
}, "return(); return() [no awaiting]");
promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); } });
  const it = rs.values();
  const [r1, r2, r3] = await Promise.all([it.next(), it.return("x"), it.next()]);
  assert_object_equals(r1, { value: "a", done: false }); assert_object_equals(r2, { value: "x", done: true }); assert_object_equals(r3, { value: undefined, done: true });
}, "next(); return(); next() [no awaiting]");
promise_test(async () => {
  const s = new ReadableStream({ start(c) { c.enqueue(0); c.enqueue(1); c.close(); } });
  const it = s.values();
  await it.next();
  await it.return();
  assert_false(s.locked, "stream unlocked after return()");
}, "return() unlocks the stream");
promise_test(async () => {
  const s = new ReadableStream({ start(c) { c.close(); } });
  const it = s.values();
  await it.next();
  assert_false(s.locked, "stream unlocked after the iterator sees the end");
}, "the iterator releases the lock when the stream is done");
test(() => {
  const s = new ReadableStream();
  s.getReader();
  assert_throws_js(TypeError, () => s.values(), "values() on a locked stream throws");
  assert_throws_js(TypeError, () => s[Symbol.asyncIterator](), "@@asyncIterator on a locked stream throws");
}, "values() throws if there's already a lock");
promise_test(async (t) => {
  const it = new ReadableStream().values();
  const proto = Object.getPrototypeOf(it);
  await promise_rejects_js(t, TypeError, proto.next.call({}), "next");
  await promise_rejects_js(t, TypeError, proto.return.call({}), "return");
}, "async iterator next/return brand checks");
promise_test(async (t) => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } });
  const originals = [ReadableStream.prototype.getReader, ReadableStreamDefaultReader.prototype.read, ReadableStreamDefaultReader.prototype.releaseLock, ReadableStreamDefaultReader.prototype.cancel];
  ReadableStream.prototype.getReader = t.unreached_func("getReader");
  ReadableStreamDefaultReader.prototype.read = t.unreached_func("read");
  ReadableStreamDefaultReader.prototype.releaseLock = t.unreached_func("releaseLock");
  ReadableStreamDefaultReader.prototype.cancel = t.unreached_func("cancel");
  t.add_cleanup(() => {
    [ReadableStream.prototype.getReader, ReadableStreamDefaultReader.prototype.read, ReadableStreamDefaultReader.prototype.releaseLock, ReadableStreamDefaultReader.prototype.cancel] = originals;
  });
  const chunks = [];
  for await (const chunk of rs) chunks.push(chunk);
  assert_array_equals(chunks, [1]);
}, "ReadableStream async iterator should use the original values of getReader() and ReadableStreamDefaultReader methods");
promise_test(async () => {
  const s = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } });
  const it = s.values({ preventCancel: true });
  const r = await it.next();
  assert_equals(r.value, 1);
  await it.return();
  const rest = [];
  for await (const x of s) rest.push(x);
  assert_array_equals(rest, [2], "the stream keeps the remaining chunk with preventCancel");
}, "values({ preventCancel: true }) lets another consumer continue");

group("readable-streams/from");
const iterableFactories = [
  ["an array of values", () => ["a", "b"]],
  ["an array of promises", () => [Promise.resolve("a"), Promise.resolve("b")]],
  ["an array iterator", () => ["a", "b"][Symbol.iterator]()],
  ["a string", () => "ab"],
  ["a Set", () => new Set(["a", "b"])],
  ["a Set iterator", () => new Set(["a", "b"])[Symbol.iterator]()],
  ["a sync generator", () => (function* () { yield "a"; yield "b"; })()],
  ["an async generator", () => (async function* () { yield "a"; yield "b"; })()],
  ["a sync iterable of values", () => { const chunks = ["a", "b"]; return { [Symbol.iterator]() { return { next() { return { done: chunks.length === 0, value: chunks.shift() }; } }; } }; }],
  ["a sync iterable of promises", () => { const chunks = ["a", "b"]; return { [Symbol.iterator]() { return { next() { return { done: chunks.length === 0, value: Promise.resolve(chunks.shift()) }; } }; } }; }],
  ["an async iterable", () => { const chunks = ["a", "b"]; return { [Symbol.asyncIterator]() { return { next() { return Promise.resolve({ done: chunks.length === 0, value: chunks.shift() }); } }; } }; }],
  ["a ReadableStream", () => new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } })],
  ["a ReadableStream async iterator", () => new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } })[Symbol.asyncIterator]()],
];
for (const [label, factory] of iterableFactories) {
  promise_test(async () => {
    const iterable = factory();
    const rs = ReadableStream.from(iterable);
    assert_equals(rs.constructor, ReadableStream, "from() should return a ReadableStream");
    const reader = rs.getReader();
    assert_object_equals(await reader.read(), { value: "a", done: false }, "first read should be correct");
    assert_object_equals(await reader.read(), { value: "b", done: false }, "second read should be correct");
    assert_object_equals(await reader.read(), { value: undefined, done: true }, "third read should be done");
    await reader.closed;
  }, `ReadableStream.from accepts ${label}`);
}
const badIterables = [
  ["null", null], ["undefined", undefined], ["0", 0], ["NaN", NaN], ["true", true], ["{}", {}],
  ["Object.create(null)", Object.create(null)], ["a function", () => 42], ["a symbol", Symbol()],
  ["an object with a non-callable @@iterator method", { [Symbol.iterator]: 42 }],
  ["an object with a non-callable @@asyncIterator method", { [Symbol.asyncIterator]: 42 }],
  ["an object with an @@iterator method returning a non-object", { [Symbol.iterator]: () => 42 }],
  ["an object with an @@asyncIterator method returning a non-object", { [Symbol.asyncIterator]: () => 42 }],
];
for (const [label, iterable] of badIterables) {
  test(() => { assert_throws_js(TypeError, () => ReadableStream.from(iterable), "from() should throw a TypeError"); }, `ReadableStream.from throws on invalid iterables; specifically ${label}`);
}
test(() => {
  const theError = new Error("a unique string");
  const iterable = { [Symbol.asyncIterator]() { throw theError; } };
  assert_throws_exactly(theError, () => ReadableStream.from(iterable), "from() should re-throw the error");
}, "ReadableStream.from re-throws errors from calling the @@asyncIterator method");
test(() => {
  const theError = new Error("a unique string");
  const iterable = { [Symbol.iterator]() { throw theError; } };
  assert_throws_exactly(theError, () => ReadableStream.from(iterable), "from() should re-throw the error");
}, "ReadableStream.from re-throws errors from calling the @@iterator method");
test(() => {
  let reached = false;
  const iterable = { [Symbol.asyncIterator]() { reached = true; return { next() {} }; }, [Symbol.iterator]() { assert_unreached(); } };
  ReadableStream.from(iterable);
  assert_true(reached, "@@asyncIterator should be called");
}, "ReadableStream.from ignores @@iterator if @@asyncIterator exists");
promise_test(async (t) => {
  const theError = new Error("a unique string");
  const iterable = { [Symbol.asyncIterator]() { return { next() { throw theError; } }; } };
  const rs = ReadableStream.from(iterable);
  const reader = rs.getReader();
  await Promise.all([promise_rejects_exactly(t, theError, reader.read()), promise_rejects_exactly(t, theError, reader.closed)]);
}, "ReadableStream.from: stream errors when next() rejects (throws)");
promise_test(async (t) => {
  const theError = new Error("a unique string");
  const iterable = { [Symbol.asyncIterator]() { return { next() { return Promise.reject(theError); } }; } };
  const reader = ReadableStream.from(iterable).getReader();
  await Promise.all([promise_rejects_exactly(t, theError, reader.read()), promise_rejects_exactly(t, theError, reader.closed)]);
}, "ReadableStream.from: stream errors when next() rejects");
promise_test(async (t) => {
  const iterable = { [Symbol.asyncIterator]() { return { next() { return Promise.resolve(42); } }; } };
  const reader = ReadableStream.from(iterable).getReader();
  await Promise.all([promise_rejects_js(t, TypeError, reader.read()), promise_rejects_js(t, TypeError, reader.closed)]);
}, "ReadableStream.from: stream errors when next() fulfills with a non-object");
promise_test(async () => {
  let nextCalls = 0;
  let nextArgs;
  const iterable = { [Symbol.asyncIterator]() { return { next(...args) { nextCalls += 1; nextArgs = args; return Promise.resolve({ value: "a", done: false }); } }; } };
  const rs = ReadableStream.from(iterable);
  const reader = rs.getReader();
  await flushAsyncEvents();
  assert_equals(nextCalls, 0, "next() should not be called yet (hwm 0)");
  const read1 = reader.read();
  await flushAsyncEvents();
  assert_equals(nextCalls, 1, "next() should be called after first read()");
  assert_array_equals(nextArgs, [], "next() should be called with no arguments");
  assert_object_equals(await read1, { value: "a", done: false });
}, "ReadableStream.from: calls next() after first read()");
promise_test(async () => {
  const reason = new Error("the reason");
  let returnCalls = 0; let returnArgs;
  const iterable = { [Symbol.asyncIterator]() { return { next() { return new Promise(() => {}); }, return(...args) { returnCalls += 1; returnArgs = args; return Promise.resolve({}); } }; } };
  const rs = ReadableStream.from(iterable);
  await rs.cancel(reason);
  assert_equals(returnCalls, 1, "return() should be called");
  assert_array_equals(returnArgs, [reason], "return() should be called with cancel reason");
}, "ReadableStream.from: cancelling the returned stream calls and awaits return()");
promise_test(async (t) => {
  const theError = new Error("a unique string");
  const iterable = { [Symbol.asyncIterator]() { return { next() {}, return() { return Promise.reject(theError); } }; } };
  const rs = ReadableStream.from(iterable);
  await promise_rejects_exactly(t, theError, rs.cancel(), "cancel() should reject with error from return()");
}, "ReadableStream.from: return() rejects");
promise_test(async (t) => {
  const iterable = { [Symbol.asyncIterator]() { return { next() {}, return() { return 42; } }; } };
  const rs = ReadableStream.from(iterable);
  await promise_rejects_js(t, TypeError, rs.cancel(), "cancel() should reject with a TypeError");
}, "ReadableStream.from: return() fulfills with a non-object");
promise_test(async () => {
  const iterable = { [Symbol.asyncIterator]() { return { next() {} }; } };
  await ReadableStream.from(iterable).cancel();
}, "ReadableStream.from: cancel() resolves when return() method is missing");
promise_test(async (t) => {
  const iterable = { [Symbol.asyncIterator]() { return { next() {}, return: 42 }; } };
  await promise_rejects_js(t, TypeError, ReadableStream.from(iterable).cancel());
}, "ReadableStream.from: cancel() rejects when return() is not a method");
promise_test(async () => {
  let returned = false;
  const gen = (function* () { try { yield 1; yield 2; } finally { returned = true; } })();
  const rs = ReadableStream.from(gen);
  const reader = rs.getReader();
  assert_object_equals(await reader.read(), { value: 1, done: false });
  await reader.cancel();
  assert_true(returned, "the sync generator was closed");
}, "ReadableStream.from: cancel() closes a sync iterator");
promise_test(async () => {
  const array = ["a", "b"];
  const reader = ReadableStream.from(array).getReader();
  const read1 = await reader.read();
  assert_object_equals(read1, { value: "a", done: false });
  array.push("c");
  const read2 = await reader.read();
  assert_object_equals(read2, { value: "b", done: false });
  const read3 = await reader.read();
  assert_object_equals(read3, { value: "c", done: false });
  assert_object_equals(await reader.read(), { value: undefined, done: true });
}, "ReadableStream.from(array), push() to array while reading");
// ---------------------------------------------------------------------------------------------
group("readable-byte-streams/general");
test(() => {
  assert_throws_js(TypeError, () => new ReadableStreamBYOBReader("potato"));
  assert_throws_js(TypeError, () => new ReadableStreamBYOBReader({}));
  assert_throws_js(TypeError, () => new ReadableStreamBYOBReader());
}, "getReader({mode: \"byob\"}) throws on non-bytes streams / BYOBReader constructor needs a ReadableStream");
test(() => {
  assert_throws_js(TypeError, () => new ReadableStreamBYOBReader(new ReadableStream()), "default stream");
  new ReadableStreamBYOBReader(new ReadableStream({ type: "bytes" }));
}, "ReadableStreamBYOBReader can be constructed directly only with a byte stream");
test(() => {
  const proto = ReadableStreamBYOBReader.prototype;
  assert_array_equals(Object.getOwnPropertyNames(proto).sort(), ["cancel", "closed", "constructor", "read", "releaseLock"]);
  assert_equals(proto.read.length, 1); assert_equals(ReadableStreamBYOBReader.length, 1);
  const cproto = ReadableByteStreamController.prototype;
  assert_array_equals(Object.getOwnPropertyNames(cproto).sort(), ["byobRequest", "close", "constructor", "desiredSize", "enqueue", "error"]);
  assert_equals(cproto.enqueue.length, 1); assert_equals(cproto.close.length, 0); assert_equals(cproto.error.length, 0);
  const rproto = ReadableStreamBYOBRequest.prototype;
  assert_array_equals(Object.getOwnPropertyNames(rproto).sort(), ["constructor", "respond", "respondWithNewView", "view"]);
  assert_equals(rproto.respond.length, 1); assert_equals(rproto.respondWithNewView.length, 1);
}, "byte stream classes have the right shape");
test(() => {
  new ReadableStream({ type: "bytes" });
  let controller;
  new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  assert_class_string(controller, "ReadableByteStreamController");
  assert_equals(controller.desiredSize, 0, "default hwm of a byte stream is 0");
  assert_equals(controller.byobRequest, null);
}, "ReadableStream with byte source can be constructed with no errors");
test(() => {
  assert_throws_js(RangeError, () => new ReadableStream({ type: "bytes" }, { size() { return 1; } }), "size");
  assert_throws_js(TypeError, () => new ReadableStream({ type: "bytes", autoAllocateChunkSize: 0 }), "autoAllocateChunkSize 0");
  assert_throws_js(TypeError, () => new ReadableStream({ type: "bytes", autoAllocateChunkSize: -1 }), "negative autoAllocateChunkSize");
  assert_throws_js(TypeError, () => new ReadableStream({ type: "bytes", autoAllocateChunkSize: NaN }), "NaN autoAllocateChunkSize");
  new ReadableStream({ type: "bytes", autoAllocateChunkSize: 16 });
}, "ReadableStream with byte source: construction errors");
test(() => {
  const stream = new ReadableStream({ type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  assert_class_string(reader, "ReadableStreamBYOBReader");
  assert_throws_js(TypeError, () => stream.getReader(), "locked");
  reader.releaseLock();
  stream.getReader();
}, "ReadableStream with byte source: getReader() with mode set to byob, then releaseLock()");
promise_test(() => {
  const stream = new ReadableStream({ start(c) { c.close(); }, pull() { assert_unreached("pull must not be called"); }, type: "bytes" });
  const reader = stream.getReader();
  return reader.closed.then(() => reader.releaseLock());
}, "ReadableStream with byte source: Test that closing a stream does not release a reader automatically");
promise_test((t) => {
  const stream = new ReadableStream({ start(c) { c.error(error1); }, pull: t.unreached_func("pull() should not be called"), type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  return promise_rejects_exactly(t, error1, reader.closed, "closed must reject");
}, "ReadableStream with byte source: Test that erroring a stream does not release a BYOB reader automatically");
promise_test(async (t) => {
  const stream = new ReadableStream({ type: "bytes" });
  const reader = stream.getReader();
  reader.releaseLock();
  await promise_rejects_js(t, TypeError, reader.closed, "closed must reject");
}, "ReadableStream with byte source: releaseLock() on ReadableStreamDefaultReader must reject pending read()");
promise_test(() => {
  let pullCount = 0;
  const stream = new ReadableStream({ pull() { ++pullCount; }, type: "bytes" }, { highWaterMark: 8 });
  stream.getReader();
  assert_equals(pullCount, 0, "No pull as start() just finished and is not yet reflected to the state of the stream");
  return Promise.resolve().then(() => { assert_equals(pullCount, 1, "pull must be invoked"); });
}, "ReadableStream with byte source: Automatic pull() after start()");
promise_test(() => {
  let pullCount = 0;
  const stream = new ReadableStream({ pull() { ++pullCount; }, type: "bytes" }, { highWaterMark: 0 });
  const reader = stream.getReader();
  reader.read();
  assert_equals(pullCount, 0, "No pull as start() just finished and is not yet reflected to the state of the stream");
  return Promise.resolve().then(() => { assert_equals(pullCount, 1, "pull must be invoked"); });
}, "ReadableStream with byte source: Automatic pull() after start() and read()");
promise_test(() => {
  let pullCount = 0;
  let controller;
  const stream = new ReadableStream({
    start(c) { controller = c; },
    pull() {
      if (pullCount === 0) {
        const byobRequest = controller.byobRequest;
        assert_not_equals(byobRequest, null, "byobRequest should not be null");
        assert_equals(byobRequest.view.byteLength, 16, "byobRequest.view.byteLength should be 16");
        const view = new Uint8Array(byobRequest.view.buffer, byobRequest.view.byteOffset, 4);
        view[0] = 0x01; view[1] = 0x02; view[2] = 0x03; view[3] = 0x04;
        byobRequest.respond(4);
      }
      ++pullCount;
    },
    type: "bytes",
    autoAllocateChunkSize: 16,
  }, { highWaterMark: 0 });
  const reader = stream.getReader();
  const readPromise = reader.read();
  assert_equals(pullCount, 0, "No pull() as start() just finished and is not yet reflected to the state of the stream");
  return Promise.resolve().then(() => { assert_equals(pullCount, 1, "pull() must have been invoked once"); return readPromise; }).then((result) => {
    assert_false(result.done);
    assert_equals(result.value.constructor, Uint8Array);
    assert_equals(result.value.buffer.byteLength, 16, "value.buffer.byteLength");
    assert_equals(result.value.byteOffset, 0); assert_equals(result.value.byteLength, 4);
    assert_array_equals(result.value, [1, 2, 3, 4]);
  });
}, "ReadableStream with byte source: autoAllocateChunkSize");
promise_test(() => {
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const reader = stream.getReader();
  controller.enqueue(new Uint8Array(16));
  return reader.read().then((result) => {
    assert_false(result.done); assert_equals(result.value.constructor, Uint8Array);
    assert_equals(result.value.byteLength, 16);
  });
}, "ReadableStream with byte source: enqueue(), getReader(), then read()");
promise_test(() => {
  const stream = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint16Array(16)); } });
  const reader = stream.getReader();
  return reader.read().then((result) => {
    assert_equals(result.value.constructor, Uint8Array, "a default reader always gets Uint8Array");
    assert_equals(result.value.byteLength, 32);
  });
}, "ReadableStream with byte source: enqueue a Uint16Array, read with a default reader");
promise_test(() => {
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  const chunk = new Uint8Array(16); chunk.fill(7);
  controller.enqueue(chunk);
  assert_equals(chunk.byteLength, 0, "enqueue() transfers the chunk's buffer");
  return reader.read(new Uint8Array(8)).then((result) => {
    assert_false(result.done); assert_equals(result.value.byteLength, 8);
    assert_array_equals(result.value, [7, 7, 7, 7, 7, 7, 7, 7]);
    return reader.read(new Uint8Array(16));
  }).then((result) => { assert_equals(result.value.byteLength, 8, "the remaining 8 bytes"); });
}, "ReadableStream with byte source: enqueue(), getReader({mode: byob}), then read() in two parts");
promise_test(() => {
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  const view = new Uint8Array(8);
  const p = reader.read(view);
  assert_equals(view.byteLength, 0, "read() transfers the view's buffer");
  const req = controller.byobRequest;
  assert_not_equals(req, null);
  assert_equals(req.view.byteLength, 8);
  assert_equals(req.view.constructor, Uint8Array);
  assert_equals(controller.byobRequest, req, "same byobRequest each time");
  req.view[0] = 42;
  req.respond(1);
  assert_equals(controller.byobRequest, null, "byobRequest invalidated");
  assert_equals(req.view, null, "view of an invalidated request is null");
  assert_throws_js(TypeError, () => req.respond(1), "respond on invalidated request");
  return p.then((result) => {
    assert_false(result.done);
    assert_equals(result.value.constructor, Uint8Array);
    assert_equals(result.value.byteLength, 1);
    assert_equals(result.value.buffer.byteLength, 8);
    assert_equals(result.value[0], 42);
  });
}, "ReadableStream with byte source: BYOB read, respond(1)");
promise_test(() => {
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  const p = reader.read(new Uint16Array(4));
  const req = controller.byobRequest;
  assert_equals(req.view.constructor, Uint8Array, "byobRequest.view is always a Uint8Array");
  assert_equals(req.view.byteLength, 8);
  req.view[0] = 1; req.view[1] = 0; req.view[2] = 2;
  req.respond(3);
  assert_equals(controller.byobRequest, null, "one whole element was filled");
  return Promise.resolve().then(() => {
    // 3 bytes: one full Uint16 element -> fulfilled with one element; remainder 1 byte re-queued
  }).then(() => p).then((result) => {
    assert_equals(result.value.constructor, Uint16Array);
    assert_equals(result.value.length, 1);
    return reader.read(new Uint8Array(4));
  }).then((result) => { assert_equals(result.value.byteLength, 1, "the remainder byte"); assert_equals(result.value[0], 2); });
}, "ReadableStream with byte source: respond() with a non-multiple of the element size queues the remainder");
promise_test(() => {
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  const p = reader.read(new DataView(new ArrayBuffer(4), 1, 2));
  const req = controller.byobRequest;
  assert_equals(req.view.byteOffset, 1); assert_equals(req.view.byteLength, 2);
  req.respond(2);
  return p.then((r) => { assert_equals(r.value.constructor, DataView); assert_equals(r.value.byteOffset, 1); assert_equals(r.value.byteLength, 2); assert_equals(r.value.buffer.byteLength, 4); });
}, "ReadableStream with byte source: read(DataView) keeps offset and constructor");
promise_test(() => {
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  controller.close();
  return reader.read(new Uint8Array(4)).then((r) => {
    assert_true(r.done); assert_equals(r.value.constructor, Uint8Array); assert_equals(r.value.byteLength, 0); assert_equals(r.value.buffer.byteLength, 4);
  });
}, "ReadableStream with byte source: read(view) on a closed stream returns an empty view of the same buffer with done");
promise_test(() => {
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  controller.close();
  const req = controller.byobRequest;
  assert_throws_js(TypeError, () => req.respond(1), "respond(1) on closed stream");
  req.respond(0);
  return p.then((r) => { assert_true(r.done); assert_equals(r.value.byteLength, 0); });
}, "ReadableStream with byte source: respond(0) after close() fulfills the pending read with done");
promise_test((t) => {
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  const p = reader.read(new Uint16Array(2));
  controller.byobRequest.view[0] = 1;
  controller.byobRequest.respond(1);
  assert_throws_js(TypeError, () => controller.close(), "close with a partial element");
  return Promise.all([promise_rejects_js(t, TypeError, p), promise_rejects_js(t, TypeError, reader.closed)]);
}, "ReadableStream with byte source: close() with a partially filled element errors the stream");
promise_test((t) => {
  const stream = new ReadableStream({ start(c) { c.enqueue(new Uint8Array(1)); c.close(); }, type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  return Promise.all([promise_rejects_js(t, TypeError, reader.read(new Uint16Array(1)), "read"), promise_rejects_js(t, TypeError, reader.closed)]);
}, "ReadableStream with byte source: read(Uint16Array) with one queued byte and close requested errors");
promise_test(() => {
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(8), { min: 4 });
  controller.enqueue(new Uint8Array([1, 2]));
  let settled = false;
  p.then(() => { settled = true; });
  return delay(0).then(() => {
    assert_false(settled, "min not reached");
    controller.enqueue(new Uint8Array([3, 4, 5]));
    return p;
  }).then((r) => { assert_array_equals(r.value, [1, 2, 3, 4, 5]); });
}, "ReadableStream with byte source: read(view, { min }) waits for min elements");
promise_test(async (t) => {
  const stream = new ReadableStream({ type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  await promise_rejects_js(t, TypeError, reader.read(new Uint8Array(4), { min: 0 }), "min 0");
  await promise_rejects_js(t, RangeError, reader.read(new Uint8Array(4), { min: 5 }), "min > length");
  await promise_rejects_js(t, RangeError, reader.read(new Uint16Array(2), { min: 3 }), "min > element count");
  await promise_rejects_js(t, RangeError, reader.read(new DataView(new ArrayBuffer(4)), { min: 5 }), "min > byteLength (DataView)");
}, "ReadableStream with byte source: read(view, { min }) validation");
promise_test(() => {
  let pullCount = 0;
  let controller;
  const stream = new ReadableStream({ start(c) { controller = c; }, pull() { ++pullCount; }, type: "bytes" }, { highWaterMark: 256 });
  const reader = stream.getReader();
  return delay(0).then(() => {
    assert_equals(pullCount, 1);
    controller.enqueue(new Uint8Array(256));
    assert_equals(controller.desiredSize, 0);
    return reader.read();
  }).then((r) => { assert_equals(r.value.byteLength, 256); return delay(0); }).then(() => assert_equals(pullCount, 2));
}, "ReadableStream with byte source: desiredSize and pull with a highWaterMark");
promise_test(async () => {
  const stream = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } });
  const chunks = [];
  for await (const c of stream) chunks.push(...c);
  assert_array_equals(chunks, [1, 2, 3]);
}, "ReadableStream with byte source: async iteration");
promise_test(async (t) => {
  let cancelReason;
  const stream = new ReadableStream({ type: "bytes", cancel(r) { cancelReason = r; } });
  const reader = stream.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  await reader.cancel("why");
  const r = await p;
  assert_true(r.done, "pending BYOB read is fulfilled with done on cancel");
  assert_equals(r.value, undefined, "with an undefined value");
  assert_equals(cancelReason, "why");
}, "ReadableStream with byte source: cancel() with a pending BYOB read");
promise_test(async (t) => {
  let controller;
  const stream = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const reader = stream.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  reader.releaseLock();
  await promise_rejects_js(t, TypeError, p, "pending read rejects on release");
  const reader2 = stream.getReader();
  const p2 = reader2.read();
  assert_not_equals(controller.byobRequest, null, "the first pull-into is kept (reader type none)");
  controller.byobRequest.view[0] = 9;
  controller.byobRequest.respond(1);
  controller.enqueue(new Uint8Array([10]));
  const r = await p2;
  assert_array_equals(r.value, [9], "the filled bytes of the detached pull-into come first");
  const r2 = await reader2.read();
  assert_array_equals(r2.value, [10]);
}, "ReadableStream with byte source: releaseLock() with a pending BYOB read, then default read gets the filled bytes");
promise_test(async () => {
  let controller;
  const stream = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const reader = stream.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  const req = controller.byobRequest;
  const newView = new Uint8Array(req.view.buffer, 0, 2);
  newView.set([5, 6]);
  req.respondWithNewView(newView);
  const r = await p;
  assert_array_equals(r.value, [5, 6]);
}, "ReadableStream with byte source: respondWithNewView()");

group("readable-byte-streams/bad-buffers-and-views");
promise_test(async (t) => {
  const stream = new ReadableStream({ pull: t.unreached_func("pull"), type: "bytes" });
  const reader = stream.getReader({ mode: "byob" });
  await promise_rejects_js(t, TypeError, reader.read(new Uint8Array(0)), "zero-length view");
  await promise_rejects_js(t, TypeError, reader.read(new Uint8Array(new ArrayBuffer(0))), "zero-length buffer");
  const view = new Uint8Array(4); structuredClone(view.buffer, { transfer: [view.buffer] });
  await promise_rejects_js(t, TypeError, reader.read(view), "detached buffer");
  await promise_rejects_js(t, TypeError, reader.read(), "no view");
  await promise_rejects_js(t, TypeError, reader.read({}), "not a view");
  await promise_rejects_js(t, TypeError, reader.read(new ArrayBuffer(4)), "an ArrayBuffer");
}, "ReadableStream with byte source: read() with bad views rejects");
function byobRequestTest(fn, name) {
  promise_test((t) => {
    let controller;
    const stream = new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
    const reader = stream.getReader({ mode: "byob" });
    const p = reader.read(new Uint8Array(16));
    p.catch(() => {});
    return Promise.resolve(fn(t, controller, controller.byobRequest, stream));
  }, name);
}
byobRequestTest((t, c, req) => { assert_throws_js(RangeError, () => req.respond(17)); }, "ReadableStream with byte source: respond() throws if bytesWritten > view.byteLength");
byobRequestTest((t, c, req) => { assert_throws_js(TypeError, () => req.respond(0)); }, "ReadableStream with byte source: respond(0) throws on a readable stream");
byobRequestTest((t, c, req) => { assert_throws_js(TypeError, () => req.respond(-1)); assert_throws_js(TypeError, () => req.respond()); assert_throws_js(TypeError, () => req.respond(Infinity)); }, "ReadableStream with byte source: respond() with invalid numbers (EnforceRange)");
byobRequestTest((t, c, req) => {
  structuredClone(req.view.buffer, { transfer: [req.view.buffer] });
  assert_throws_js(TypeError, () => req.respond(1));
}, "ReadableStream with byte source: respond() throws if the BYOB request's buffer has been detached (in the readable state)");
byobRequestTest((t, c, req) => {
  c.close();
  structuredClone(req.view.buffer, { transfer: [req.view.buffer] });
  assert_throws_js(TypeError, () => req.respond(0));
}, "ReadableStream with byte source: respond() throws if the BYOB request's buffer has been detached (in the closed state)");
byobRequestTest((t, c, req) => {
  const view = new Uint8Array(req.view.buffer, 0, 0);
  assert_throws_js(TypeError, () => req.respondWithNewView(view));
}, "ReadableStream with byte source: respondWithNewView() throws if the supplied view's buffer has zero-length (in the readable state)");
byobRequestTest((t, c, req) => {
  c.close();
  assert_throws_js(TypeError, () => req.respondWithNewView(new Uint8Array(req.view.buffer, 0, 1)));
}, "ReadableStream with byte source: respondWithNewView() throws if the supplied view is non-zero-length (in the closed state)");
byobRequestTest((t, c, req) => {
  assert_throws_js(RangeError, () => req.respondWithNewView(new Uint8Array(new ArrayBuffer(16), 1, 1)), "offset mismatch");
  assert_throws_js(RangeError, () => req.respondWithNewView(new Uint8Array(new ArrayBuffer(17), 0, 1)), "buffer length mismatch");
}, "ReadableStream with byte source: respondWithNewView() throws if the supplied view has a different offset or buffer length");
byobRequestTest((t, c, req) => {
  const view = new Uint8Array(16);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  assert_throws_js(TypeError, () => req.respondWithNewView(view));
}, "ReadableStream with byte source: respondWithNewView() throws if the supplied view's buffer has been detached");
byobRequestTest((t, c, req) => { assert_throws_js(TypeError, () => req.respondWithNewView({})); assert_throws_js(TypeError, () => req.respondWithNewView()); }, "ReadableStream with byte source: respondWithNewView() requires an ArrayBufferView");
promise_test(async (t) => {
  let controller;
  new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  assert_throws_js(TypeError, () => controller.enqueue(new Uint8Array(0)), "zero-length view");
  assert_throws_js(TypeError, () => controller.enqueue(new Uint8Array(new ArrayBuffer(0))), "zero-length buffer");
  const view = new Uint8Array(4); structuredClone(view.buffer, { transfer: [view.buffer] });
  assert_throws_js(TypeError, () => controller.enqueue(view), "detached");
  assert_throws_js(TypeError, () => controller.enqueue(new ArrayBuffer(4)), "an ArrayBuffer");
  assert_throws_js(TypeError, () => controller.enqueue(), "nothing");
}, "ReadableStream with byte source: enqueue() with bad chunks throws");

group("readable-byte-streams/construct-byob-request");
test(() => {
  assert_throws_js(TypeError, () => new ReadableStreamBYOBRequest(), "no args");
  assert_throws_js(TypeError, () => new ReadableStreamBYOBRequest({}, new Uint8Array(1)), "fake controller");
  const getter = Object.getOwnPropertyDescriptor(ReadableStreamBYOBRequest.prototype, "view").get;
  assert_throws_js(TypeError, () => getter.call({}), "view brand check");
  assert_throws_js(TypeError, () => ReadableStreamBYOBRequest.prototype.respond.call({}, 1), "respond brand check");
}, "ReadableStreamBYOBRequest constructor should throw");

group("readable-byte-streams/enqueue-with-detached-buffer");
promise_test(async (t) => {
  const stream = new ReadableStream({
    pull: t.step_func((c) => {
      const view = new Uint8Array([1, 2, 3]);
      c.enqueue(view);
      assert_throws_js(TypeError, () => c.enqueue(view), "enqueuing a detached view should throw");
    }),
    type: "bytes",
  });
  const reader = stream.getReader();
  await reader.read();
}, "enqueue after detaching byte buffer (twice) should throw");
promise_test(async (t) => {
  const stream = new ReadableStream({
    pull: t.step_func((c) => {
      const buffer = c.byobRequest.view.buffer;
      structuredClone(buffer, { transfer: [buffer] });
      assert_throws_js(TypeError, () => c.enqueue(new Uint8Array([1])), "enqueue with a detached BYOB request buffer throws");
    }),
    type: "bytes",
  });
  const reader = stream.getReader({ mode: "byob" });
  reader.read(new Uint8Array(4)).catch(() => {});
  await flushAsyncEvents();
}, "enqueue after detaching byobRequest.view.buffer should throw");

group("readable-byte-streams/non-transferable-buffers");
promise_test(async (t) => {
  const rs = new ReadableStream({ pull: t.unreached_func("pull() should not be called"), type: "bytes" });
  const reader = rs.getReader({ mode: "byob" });
  const memory = new WebAssembly.Memory({ initial: 1 });
  const view = new Uint8Array(memory.buffer, 0, 1);
  await promise_rejects_js(t, TypeError, reader.read(view));
}, "ReadableStream with byte source: read() with a non-transferable buffer");
test(() => {
  let controller;
  new ReadableStream({ start(c) { controller = c; }, type: "bytes" });
  const memory = new WebAssembly.Memory({ initial: 1 });
  const view = new Uint8Array(memory.buffer, 0, 1);
  assert_throws_js(TypeError, () => controller.enqueue(view));
}, "ReadableStream with byte source: enqueue() with a non-transferable buffer");
promise_test(async (t) => {
  let byobRequest;
  let resolvePullCalledPromise;
  const pullCalledPromise = new Promise((resolve) => { resolvePullCalledPromise = resolve; });
  const rs = new ReadableStream({ pull(controller) { byobRequest = controller.byobRequest; resolvePullCalledPromise(); }, type: "bytes" });
  const memory = new WebAssembly.Memory({ initial: 1 });
  const reader = rs.getReader({ mode: "byob" });
  reader.read(new Uint8Array(new ArrayBuffer(65536), 0, 1));
  await pullCalledPromise;
  const newView = new Uint8Array(memory.buffer, 0, 1);
  assert_throws_js(TypeError, () => byobRequest.respondWithNewView(newView));
}, "ReadableStream with byte source: respondWithNewView() with a non-transferable buffer");

group("readable-byte-streams/tee");
promise_test(async () => {
  const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([0x01])); c.enqueue(new Uint8Array([0x02])); c.close(); } });
  const [branch1, branch2] = rs.tee();
  const reader1 = branch1.getReader({ mode: "byob" });
  const reader2 = branch2.getReader({ mode: "byob" });
  const r1a = await reader1.read(new Uint8Array(1));
  assert_array_equals(r1a.value, [1]);
  const r1b = await reader1.read(new Uint8Array(1));
  assert_array_equals(r1b.value, [2]);
  const r1c = await reader1.read(new Uint8Array(1));
  assert_true(r1c.done);
  const r2a = await reader2.read(new Uint8Array(1));
  assert_array_equals(r2a.value, [1]);
  const r2b = await reader2.read(new Uint8Array(1));
  assert_array_equals(r2b.value, [2]);
  const r2c = await reader2.read(new Uint8Array(1));
  assert_true(r2c.done);
}, "ReadableStream teeing with byte source: should be able to read one branch to the end without affecting the other");
promise_test(async () => {
  const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } });
  const [branch1, branch2] = rs.tee();
  const [r1, r2] = await Promise.all([branch1.getReader().read(), branch2.getReader().read()]);
  assert_array_equals(r1.value, [1, 2, 3]); assert_array_equals(r2.value, [1, 2, 3]);
  assert_not_equals(r1.value.buffer, r2.value.buffer, "chunks should have different buffers");
}, "ReadableStream teeing with byte source: chunks should be cloned for each branch");
promise_test(async (t) => {
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const [branch1, branch2] = rs.tee();
  const p = Promise.all([promise_rejects_exactly(t, error1, branch1.getReader().closed), promise_rejects_exactly(t, error1, branch2.getReader({ mode: "byob" }).closed)]);
  controller.error(error1);
  await p;
}, "ReadableStream teeing with byte source: erroring the original should immediately error the branches");
promise_test(async () => {
  let cancelReason;
  const rs = new ReadableStream({ type: "bytes", cancel(r) { cancelReason = r; } });
  const [branch1, branch2] = rs.tee();
  await Promise.all([branch1.cancel("a"), branch2.cancel("b")]);
  assert_array_equals(cancelReason, ["a", "b"]);
}, "ReadableStream teeing with byte source: canceling both branches should aggregate the cancel reasons into an array");
promise_test(async () => {
  let pulls = 0;
  const rs = new ReadableStream({ type: "bytes", pull(c) { pulls++; const v = c.byobRequest.view; v[0] = pulls; c.byobRequest.respond(1); if (pulls === 3) c.close(); } });
  const [branch1, branch2] = rs.tee();
  const reader1 = branch1.getReader({ mode: "byob" });
  const a = await reader1.read(new Uint8Array(4));
  assert_array_equals(a.value, [1]);
  const b2 = await branch2.getReader().read();
  assert_array_equals(b2.value, [1], "branch2 got a clone");
}, "ReadableStream teeing with byte source: BYOB reads on a branch are forwarded to the source");
promise_test(async () => {
  const rs = new ReadableStream({ type: "bytes", start(c) { c.close(); } });
  const [branch1, branch2] = rs.tee();
  const r = await branch1.getReader({ mode: "byob" }).read(new Uint8Array(2));
  assert_true(r.done); assert_equals(r.value.byteLength, 0);
  await branch2.getReader().closed;
}, "ReadableStream teeing with byte source: closed source closes both branches");
// ---------------------------------------------------------------------------------------------
group("writable-streams/constructor+properties");
test(() => {
  new WritableStream(); new WritableStream({}); new WritableStream(undefined, {});
  assert_throws_js(TypeError, () => new WritableStream(null), "null sink");
  assert_throws_js(TypeError, () => WritableStream(), "without new");
  assert_throws_js(RangeError, () => new WritableStream({ type: "bytes" }), "type");
  assert_throws_js(RangeError, () => new WritableStream({ type: null }), "type null");
  new WritableStream({ type: undefined });
}, "WritableStream constructor basics");
test(() => {
  const log = [];
  new WritableStream({
    get abort() { log.push("abort"); }, get close() { log.push("close"); }, get start() { log.push("start"); },
    get type() { log.push("type"); }, get write() { log.push("write"); },
  }, { get highWaterMark() { log.push("highWaterMark"); return 1; }, get size() { log.push("size"); return undefined; } });
  assert_array_equals(log, ["highWaterMark", "size", "abort", "close", "start", "type", "write"]);
}, "WritableStream members are read in order");
test(() => {
  const underlyingSink = { get start() { throw error1; } };
  const queuingStrategy = { highWaterMark: 0, get size() { throw error2; } };
  assert_throws_exactly(error2, () => new WritableStream(underlyingSink, queuingStrategy));
}, "underlyingSink argument should be converted after queuingStrategy argument");
test(() => {
  assert_throws_js(TypeError, () => new WritableStream({ write: 1 }));
  assert_throws_js(TypeError, () => new WritableStream({ close: "x" }));
  assert_throws_js(TypeError, () => new WritableStream({ abort: {} }));
  assert_throws_js(TypeError, () => new WritableStream({ start: true }));
  assert_throws_js(TypeError, () => new WritableStream({}, { size: 1 }));
  assert_throws_js(RangeError, () => new WritableStream({}, { highWaterMark: -1 }));
  assert_throws_js(RangeError, () => new WritableStream({}, { highWaterMark: NaN }));
}, "WritableStream constructor argument validation");
test(() => {
  const proto = WritableStream.prototype;
  assert_array_equals(Object.getOwnPropertyNames(proto).sort(), ["abort", "close", "constructor", "getWriter", "locked"]);
  assert_equals(proto.abort.length, 0); assert_equals(proto.close.length, 0); assert_equals(proto.getWriter.length, 0);
  assert_equals(WritableStream.length, 0);
  const wproto = WritableStreamDefaultWriter.prototype;
  assert_array_equals(Object.getOwnPropertyNames(wproto).sort(), ["abort", "close", "closed", "constructor", "desiredSize", "ready", "releaseLock", "write"]);
  assert_equals(wproto.write.length, 0); assert_equals(wproto.abort.length, 0); assert_equals(WritableStreamDefaultWriter.length, 1);
  const cproto = WritableStreamDefaultController.prototype;
  assert_array_equals(Object.getOwnPropertyNames(cproto).sort(), ["constructor", "error", "signal"]);
  assert_equals(cproto.error.length, 0);
  for (const [o, names] of [[proto, ["abort", "close", "getWriter"]], [wproto, ["abort", "close", "releaseLock", "write"]], [cproto, ["error"]]]) {
    for (const n of names) { const d = Object.getOwnPropertyDescriptor(o, n); assert_true(d.enumerable && d.writable && d.configurable, n); }
  }
  assert_class_string(new WritableStream(), "WritableStream");
  assert_class_string(new WritableStream().getWriter(), "WritableStreamDefaultWriter");
  assert_throws_js(TypeError, () => new WritableStreamDefaultController(), "controller constructor");
}, "WritableStream classes have the right shape");
test(() => {
  let controller;
  new WritableStream({ start(c) { controller = c; } });
  assert_class_string(controller, "WritableStreamDefaultController");
  assert_class_string(controller.signal, "AbortSignal");
  assert_false(controller.signal.aborted);
}, "controller argument should be passed to start method, with a signal");
promise_test(() => {
  const calls = [];
  let ctl;
  const sink = {
    start(...a) { calls.push(["start", this === sink, a.length]); ctl = a[0]; },
    write(...a) { calls.push(["write", this === sink, a.length, a[1] === ctl]); },
    close(...a) { calls.push(["close", this === sink, a.length]); },
  };
  const ws = new WritableStream(sink);
  const writer = ws.getWriter();
  writer.write("a");
  return writer.close().then(() => assert_equals(JSON.stringify(calls), JSON.stringify([["start", true, 1], ["write", true, 2, true], ["close", true, 0]])));
}, "sink methods are called with the sink as this and the right arguments");
promise_test(() => {
  const calls = [];
  const sink = { abort(...a) { calls.push([this === sink, a.length, a[0]]); } };
  const ws = new WritableStream(sink);
  return ws.abort("r").then(() => assert_equals(JSON.stringify(calls), JSON.stringify([[true, 1, "r"]])));
}, "sink abort is called with the sink as this and the reason");
test(() => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  assert_true(ws.locked);
  assert_throws_js(TypeError, () => ws.getWriter(), "second getWriter");
  assert_throws_js(TypeError, () => new WritableStreamDefaultWriter(ws), "constructing a writer");
  writer.releaseLock();
  assert_false(ws.locked);
  new WritableStreamDefaultWriter(ws);
  assert_throws_js(TypeError, () => new WritableStreamDefaultWriter({}), "not a stream");
  assert_throws_js(TypeError, () => new WritableStreamDefaultWriter(), "no stream");
}, "WritableStream locking");
test(() => {
  const ws = new WritableStream({}, { highWaterMark: 5 });
  const writer = ws.getWriter();
  assert_equals(writer.desiredSize, 5);
  writer.releaseLock();
  assert_throws_js(TypeError, () => writer.desiredSize, "desiredSize of a released writer");
}, "WritableStreamDefaultWriter desiredSize");
promise_test(async (t) => {
  const getter = (n) => Object.getOwnPropertyDescriptor(WritableStreamDefaultWriter.prototype, n).get;
  await promise_rejects_js(t, TypeError, getter("closed").call({}), "closed");
  await promise_rejects_js(t, TypeError, getter("ready").call({}), "ready");
  assert_throws_js(TypeError, () => getter("desiredSize").call({}), "desiredSize");
  await promise_rejects_js(t, TypeError, WritableStreamDefaultWriter.prototype.write.call({}), "write");
  await promise_rejects_js(t, TypeError, WritableStreamDefaultWriter.prototype.close.call({}), "close");
  await promise_rejects_js(t, TypeError, WritableStreamDefaultWriter.prototype.abort.call({}), "abort");
  assert_throws_js(TypeError, () => WritableStreamDefaultWriter.prototype.releaseLock.call({}), "releaseLock");
  await promise_rejects_js(t, TypeError, WritableStream.prototype.abort.call({}), "ws.abort");
  await promise_rejects_js(t, TypeError, WritableStream.prototype.close.call({}), "ws.close");
  assert_throws_js(TypeError, () => WritableStream.prototype.getWriter.call({}), "getWriter");
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(WritableStream.prototype, "locked").get.call({}), "locked");
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(WritableStreamDefaultController.prototype, "signal").get.call({}), "signal");
  assert_throws_js(TypeError, () => WritableStreamDefaultController.prototype.error.call({}), "error");
}, "WritableStream brand checks");

group("writable-streams/start");
promise_test(() => {
  let resolveStartPromise;
  const ws = recordingWritableStream({ start() { return new Promise((resolve) => { resolveStartPromise = resolve; }); } });
  const writer = ws.getWriter();
  assert_equals(writer.desiredSize, 1, "desiredSize should be 1");
  writer.write("a");
  assert_equals(writer.desiredSize, 0, "desiredSize should be 0 after writer.write()");
  return flushAsyncEvents().then(() => {
    assert_array_equals(ws.events, [], "write() should not be called until start promise resolves");
    resolveStartPromise();
    return writer.ready;
  }).then(() => assert_array_equals(ws.events, ["write", "a"], "write() should not be called until start promise resolves"));
}, "underlying sink's write should not be called until start finishes");
promise_test(() => {
  let resolveStartPromise;
  const ws = recordingWritableStream({ start() { return new Promise((resolve) => { resolveStartPromise = resolve; }); } });
  const writer = ws.getWriter();
  writer.close();
  assert_equals(writer.desiredSize, 1, "desiredSize should be 1");
  return flushAsyncEvents().then(() => {
    assert_array_equals(ws.events, [], "close() should not be called until start promise resolves");
    resolveStartPromise();
    return writer.closed;
  }).then(() => assert_array_equals(ws.events, ["close"], "close() should not be called until start promise resolves"));
}, "underlying sink's close should not be called until start succeed");
promise_test((t) => {
  const ws = new WritableStream({ start() { return Promise.reject(error1); } });
  return promise_rejects_exactly(t, error1, ws.getWriter().closed);
}, "start() rejecting errors the stream");
promise_test((t) => {
  let rejectStartPromise;
  const ws = new WritableStream({ start() { return new Promise((resolve, reject) => { rejectStartPromise = reject; }); } });
  const writer = ws.getWriter();
  const p = writer.write("a");
  rejectStartPromise(error1);
  return Promise.all([promise_rejects_exactly(t, error1, p), promise_rejects_exactly(t, error1, writer.closed), promise_rejects_exactly(t, error1, writer.ready)]);
}, "underlying sink's write or close should not be invoked if the promise returned by start is rejected");
test(() => {
  assert_throws_exactly(error1, () => new WritableStream({ start() { throw error1; } }));
}, "WritableStream start() throwing rethrows from the constructor");
promise_test(() => {
  const ws = new WritableStream({ start(controller) { controller.error(error1); } });
  return ws.getWriter().closed.then(assert_unreached, (e) => assert_equals(e, error1));
}, "controller.error() in start() errors the stream");

group("writable-streams/write");
promise_test(() => {
  const ws = recordingWritableStream();
  const writer = ws.getWriter();
  return writer.write("a").then(() => writer.write("b")).then(() => writer.close()).then(() => assert_array_equals(ws.events, ["write", "a", "write", "b", "close"]));
}, "WritableStream should complete asynchronous writes before close resolves");
promise_test(() => {
  const numberOfWrites = 100;
  let resolveFirstWritePromise;
  let writeCount = 0;
  const ws = new WritableStream({ write() { ++writeCount; if (!resolveFirstWritePromise) return new Promise((resolve) => { resolveFirstWritePromise = resolve; }); return Promise.resolve(); } });
  const writer = ws.getWriter();
  return writer.ready.then(() => {
    for (let i = 1; i < numberOfWrites; ++i) writer.write("a");
    const writePromise = writer.write("a");
    assert_equals(writeCount, 1, "should have called sink's write once");
    resolveFirstWritePromise();
    return writePromise;
  }).then(() => assert_equals(writeCount, numberOfWrites, `should have called sink's write ${numberOfWrites} times`));
}, "WritableStream should complete asynchronous writes in order / queue writes");
promise_test((t) => {
  const ws = new WritableStream({ write() { return Promise.reject(error1); } });
  const writer = ws.getWriter();
  return Promise.all([promise_rejects_exactly(t, error1, writer.write("a"), "write rejects"), promise_rejects_exactly(t, error1, writer.closed, "closed rejects")]);
}, "WritableStream: a rejecting write errors the stream");
promise_test((t) => {
  const ws = new WritableStream({ write() { throw error1; } });
  const writer = ws.getWriter();
  return Promise.all([promise_rejects_exactly(t, error1, writer.write("a")), promise_rejects_exactly(t, error1, writer.write("b"), "2nd write rejects with the stored error"), promise_rejects_exactly(t, error1, writer.closed)]);
}, "WritableStream: a throwing write errors the stream; queued writes reject");
promise_test(() => {
  let resolveWrite;
  const ws = new WritableStream({ write() { return new Promise((r) => { resolveWrite = r; }); } }, { highWaterMark: 2 });
  const writer = ws.getWriter();
  return writer.ready.then(() => {
    writer.write("a");
    assert_equals(writer.desiredSize, 1);
    writer.write("b");
    assert_equals(writer.desiredSize, 0);
    const ready = writer.ready;
    let readyResolved = false;
    ready.then(() => { readyResolved = true; });
    return delay(0).then(() => { assert_false(readyResolved, "ready pending under backpressure"); resolveWrite(); return ready; });
  });
}, "WritableStream: ready reflects backpressure");
promise_test(() => {
  const ws = new WritableStream({}, { highWaterMark: 0 });
  const writer = ws.getWriter();
  let readyResolved = false;
  writer.ready.then(() => { readyResolved = true; });
  return delay(0).then(() => assert_false(readyResolved, "hwm 0 gives backpressure from the start"));
}, "WritableStream with highWaterMark 0 starts with backpressure");
promise_test(() => {
  const ws = new WritableStream({}, { size(c) { return c.length; }, highWaterMark: 10 });
  const writer = ws.getWriter();
  writer.write("abcd");
  assert_equals(writer.desiredSize, 6);
  return writer.ready;
}, "WritableStream: custom size");
promise_test((t) => {
  const ws = new WritableStream({}, { size() { throw error1; } });
  const writer = ws.getWriter();
  return Promise.all([promise_rejects_exactly(t, error1, writer.write("a")), promise_rejects_exactly(t, error1, writer.closed)]);
}, "WritableStream: throwing size errors the stream");
promise_test((t) => {
  const ws = new WritableStream({}, { size() { return -1; } });
  const writer = ws.getWriter();
  return Promise.all([promise_rejects_js(t, RangeError, writer.write("a")), promise_rejects_js(t, RangeError, writer.closed)]);
}, "WritableStream: invalid size return errors the stream with RangeError");
promise_test((t) => {
  let writer;
  const ws = new WritableStream({}, { size() { writer.releaseLock(); return 1; } });
  writer = ws.getWriter();
  return promise_rejects_js(t, TypeError, writer.write("a"), "write should reject since the writer was released during size");
}, "WritableStream: releasing the writer inside size() makes the write reject");
promise_test((t) => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  writer.close();
  return promise_rejects_js(t, TypeError, writer.write("a"), "write after close");
}, "WritableStream: write after close rejects with TypeError");

group("writable-streams/close");
promise_test(() => {
  const ws = new WritableStream({ close() { return "Hello"; } });
  const writer = ws.getWriter();
  const closePromise = writer.close();
  return closePromise.then((value) => assert_equals(value, undefined, "fulfillment value must be undefined"));
}, "fulfillment value of writer.close() call must be undefined even if the underlying sink returns a non-undefined value");
promise_test((t) => {
  const ws = new WritableStream({ close() { return Promise.reject(error1); } });
  const writer = ws.getWriter();
  return Promise.all([promise_rejects_exactly(t, error1, writer.close()), promise_rejects_exactly(t, error1, writer.closed)]);
}, "when sink calls error asynchronously while sink close is in-flight... close() rejecting errors the stream");
promise_test((t) => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  writer.close();
  return Promise.all([promise_rejects_js(t, TypeError, writer.close(), "second close"), promise_rejects_js(t, TypeError, ws.close(), "ws.close on a locked stream")]);
}, "close() twice rejects");
promise_test(() => {
  const ws = new WritableStream();
  return ws.close().then(() => ws.getWriter().closed);
}, "WritableStream.close() on an unlocked stream closes it");
promise_test((t) => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  return writer.close().then(() => Promise.all([promise_rejects_js(t, TypeError, writer.write("a")), promise_rejects_js(t, TypeError, writer.close())]));
}, "write and close after closed reject");
promise_test(() => {
  let controller;
  let resolveClose;
  const ws = new WritableStream({ start(c) { controller = c; }, close() { return new Promise((r) => { resolveClose = r; }); } });
  const writer = ws.getWriter();
  const closePromise = writer.close();
  return delay(0).then(() => {
    controller.error(error1);
    resolveClose();
    return closePromise;
  }).then(() => writer.closed);
}, "controller.error() during an in-flight close() is ignored once close succeeds");
promise_test(() => {
  const ws = new WritableStream({}, { highWaterMark: 0 });
  const writer = ws.getWriter();
  let readyResolved = false;
  const ready = writer.ready;
  ready.then(() => { readyResolved = true; });
  writer.close();
  return ready.then(() => assert_true(readyResolved, "close() resolves ready under backpressure"));
}, "when close is called on a WritableStream in waiting state, ready promise should be fulfilled");
promise_test((t) => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  writer.close();
  writer.releaseLock();
  return promise_rejects_js(t, TypeError, writer.closed);
}, "releaseLock() after close() rejects closed");

group("writable-streams/aborting");
promise_test((t) => {
  const ws = new WritableStream({ write: t.unreached_func("write() should not be called") });
  const writer = ws.getWriter();
  const writePromise = writer.write("a");
  const readyPromise = writer.ready;
  writer.abort(error1);
  assert_equals(writer.ready, readyPromise, "the ready promise property should not change");
  return Promise.all([promise_rejects_exactly(t, error1, readyPromise, "the ready promise should reject with error1"), promise_rejects_exactly(t, error1, writePromise, "the write() promise should reject with error1")]);
}, "Aborting a WritableStream before it starts should cause the writer's unsettled ready promise to reject");
promise_test((t) => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  writer.write("a");
  const readyPromise = writer.ready;
  return readyPromise.then(() => {
    writer.abort(error1);
    assert_not_equals(writer.ready, readyPromise, "the ready promise property should change");
    return promise_rejects_exactly(t, error1, writer.ready, "the ready promise should reject with error1");
  });
}, "Aborting a WritableStream should cause the writer's fulfilled ready promise to reset to a rejected one");
promise_test(() => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  writer.releaseLock();
  return promise_rejects_js({}, TypeError, writer.abort(), "abort() should reject with a TypeError");
}, "abort() on a released writer rejects");
promise_test((t) => {
  const ws = recordingWritableStream();
  return delay(0).then(() => {
    const writer = ws.getWriter();
    const abortPromise = writer.abort(error1);
    return Promise.all([promise_rejects_exactly(t, error1, writer.write(1)), promise_rejects_exactly(t, error1, writer.write(2)), abortPromise]);
  }).then(() => assert_array_equals(ws.events, ["abort", error1]));
}, "Aborting a WritableStream immediately prevents future writes");
promise_test((t) => {
  const ws = recordingWritableStream();
  let writePromise;
  let abortPromise;
  return delay(0).then(() => {
    const writer = ws.getWriter();
    // write(2) is queued behind the write in progress, so abort rejects
    // it; handled here, as NANO (like browsers) reports unhandled rejections.
    writer.write(1); writer.write(2).catch(() => {});
    writePromise = writer.write(3);
    abortPromise = writer.abort(error1);
    return Promise.all([promise_rejects_exactly(t, error1, writer.write(4)), promise_rejects_exactly(t, error1, writer.write(5))]);
  }).then(() => Promise.all([promise_rejects_exactly(t, error1, writePromise), abortPromise])).then(() => assert_array_equals(ws.events, ["write", 1, "abort", error1]));
}, "Aborting a WritableStream prevents further writes after any that are in progress");
promise_test(() => {
  const ws = new WritableStream({ abort() { return "Hello"; } });
  const writer = ws.getWriter();
  return writer.abort("a").then((value) => assert_equals(value, undefined, "fulfillment value must be undefined"));
}, "Fulfillment value of writer.abort() call must be undefined even if the underlying sink returns a non-undefined value");
promise_test((t) => {
  const ws = new WritableStream({ abort() { throw error1; } });
  const writer = ws.getWriter();
  return promise_rejects_exactly(t, error1, writer.abort(undefined), "rejection reason of abortPromise must be the error thrown by abort");
}, "WritableStream if sink's abort throws, the promise returned by writer.abort() rejects");
promise_test((t) => {
  const ws = new WritableStream({ abort() { throw error1; } });
  return promise_rejects_exactly(t, error1, ws.abort(undefined), "rejection reason of abortPromise must be the error thrown by abort");
}, "WritableStream if sink's abort throws, the promise returned by ws.abort() rejects");
promise_test((t) => {
  let resolveWritePromise;
  const ws = new WritableStream({ write() { return new Promise((resolve) => { resolveWritePromise = resolve; }); }, abort() { throw error1; } });
  const writer = ws.getWriter();
  writer.write().catch(() => {});
  return flushAsyncEvents().then(() => {
    const abortPromise = writer.abort(undefined);
    resolveWritePromise();
    return promise_rejects_exactly(t, error1, abortPromise, "rejection reason of abortPromise must be the error thrown by abort");
  });
}, "WritableStream if sink's abort throws, for an abort performed during a write, the promise returned by ws.abort() rejects");
promise_test(() => {
  const ws = recordingWritableStream();
  const writer = ws.getWriter();
  return writer.abort(error1).then(() => assert_array_equals(ws.events, ["abort", error1]));
}, "Aborting a WritableStream passes through the given reason");
promise_test((t) => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  const abortPromise = writer.abort(error1);
  const events = [];
  writer.ready.catch(() => { events.push("ready"); });
  writer.closed.catch(() => { events.push("closed"); });
  return Promise.all([abortPromise, promise_rejects_exactly(t, error1, writer.write(), "writing should reject with error1"), promise_rejects_exactly(t, error1, writer.close(), "closing should reject with error1"), promise_rejects_exactly(t, error1, writer.ready, "ready should reject with error1"), promise_rejects_exactly(t, error1, writer.closed, "closed should reject with error1")]).then(() => {
    assert_array_equals(["ready", "closed"], events, "ready should reject before closed");
  });
}, "Aborting a WritableStream puts it in an errored state with the error passed to abort()");
promise_test(() => {
  let controller;
  const ws = new WritableStream({ start(c) { controller = c; } });
  const events = [];
  controller.signal.addEventListener("abort", () => events.push("abort event"));
  return ws.abort(error1).then(() => {
    assert_true(controller.signal.aborted, "signal aborted");
    assert_equals(controller.signal.reason, error1, "signal reason");
    assert_array_equals(events, ["abort event"]);
  });
}, "WritableStreamDefaultController.signal is aborted with the abort reason");
promise_test(() => {
  let controller;
  const ws = new WritableStream({ start(c) { controller = c; } });
  return ws.abort().then(() => {
    assert_true(controller.signal.aborted);
    assert_true(controller.signal.reason instanceof DOMException, "reason is a DOMException");
    assert_equals(controller.signal.reason.name, "AbortError");
  });
}, "the signal's reason defaults to an AbortError DOMException when abort() has no reason");
promise_test(() => {
  let resolveWrite;
  let controller;
  const events = [];
  const ws = new WritableStream({ start(c) { controller = c; }, write() { return new Promise((r) => { resolveWrite = r; }); }, abort(r) { events.push("abort", r); } });
  const writer = ws.getWriter();
  writer.write("a");
  return delay(0).then(() => {
    const p = writer.abort(error2);
    assert_true(controller.signal.aborted, "signal aborted synchronously while a write is in flight");
    assert_array_equals(events, [], "abort() waits for the in-flight write");
    resolveWrite();
    return p;
  }).then(() => assert_array_equals(events, ["abort", error2]));
}, "abort() during an in-flight write signals immediately and calls sink.abort after the write");
promise_test(() => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  const p1 = writer.abort(error1);
  const p2 = writer.abort(error2);
  assert_equals(p1, p2, "second abort() returns the same promise while pending");
  return p1;
}, "abort() twice returns the same promise");
promise_test(() => {
  const ws = new WritableStream();
  return ws.getWriter().close().then(() => ws.getWriter ? undefined : undefined).then(() => {
    const ws2 = new WritableStream();
    const w = ws2.getWriter();
    return w.close().then(() => w.abort(error1)).then((v) => assert_equals(v, undefined, "abort on a closed stream resolves"));
  });
}, "abort() on a closed stream resolves with undefined");
promise_test((t) => {
  const ws = new WritableStream({ start(c) { c.error(error1); } });
  const writer = ws.getWriter();
  return Promise.all([promise_rejects_exactly(t, error1, writer.abort(error2), "abort() while erroring rejects with the stored error"), promise_rejects_exactly(t, error1, writer.closed)]).then(() => writer.abort(error3)).then((v) => assert_equals(v, undefined, "abort() once errored resolves"));
}, "abort() on an erroring / errored stream");
promise_test((t) => {
  let resolveClose;
  const ws = new WritableStream({ close() { return new Promise((r) => { resolveClose = r; }); } });
  const writer = ws.getWriter();
  const closePromise = writer.close();
  return delay(0).then(() => {
    const abortPromise = writer.abort(error1);
    resolveClose();
    return Promise.all([closePromise, abortPromise, writer.closed]);
  });
}, "abort() while close() is in flight: close wins, abort resolves");
promise_test((t) => {
  const ws = new WritableStream({ close() { return new Promise((_, reject) => setTimeout(() => reject(error2), 10)); } });
  const writer = ws.getWriter();
  const closePromise = writer.close();
  return delay(0).then(() => {
    const abortPromise = writer.abort(error1);
    return Promise.all([promise_rejects_exactly(t, error2, closePromise), promise_rejects_exactly(t, error2, abortPromise), promise_rejects_exactly(t, error1, writer.closed)]);
  });
}, "abort() while close() is in flight and close rejects: both reject with the close error");

group("writable-streams/error");
promise_test((t) => {
  let controller;
  const ws = new WritableStream({ start(c) { controller = c; } });
  const writer = ws.getWriter();
  controller.error(error1);
  controller.error(error2);
  return Promise.all([promise_rejects_exactly(t, error1, writer.closed), promise_rejects_exactly(t, error1, writer.ready), promise_rejects_exactly(t, error1, writer.write("a"))]);
}, "controller.error() errors the stream with the first error");
promise_test(() => {
  let controller;
  const ws = new WritableStream({ start(c) { controller = c; } });
  return ws.getWriter().close().then(() => { controller.error(error1); });
}, "controller.error() on a closed stream does nothing");
promise_test((t) => {
  let controller;
  const ws = new WritableStream({ start(c) { controller = c; }, abort() {} });
  const writer = ws.getWriter();
  return writer.abort(error1).then(() => { controller.error(error2); return promise_rejects_exactly(t, error1, writer.closed); });
}, "controller.error() after abort does nothing");
test(() => {
  let controller;
  new WritableStream({ start(c) { controller = c; } });
  controller.error();
}, "controller.error() without arguments works");

group("writable-streams/count-and-byte-length-strategies");
test(() => { new WritableStream({}, new CountQueuingStrategy({ highWaterMark: 4 })); }, "Can construct a writable stream with a valid CountQueuingStrategy");
promise_test(() => {
  const dones = Object.create(null);
  const ws = new WritableStream({ write(chunk) { return new Promise((resolve) => { dones[chunk] = resolve; }); } }, new CountQueuingStrategy({ highWaterMark: 0 }));
  const writer = ws.getWriter();
  let writePromiseB; let writePromiseC;
  return Promise.resolve().then(() => {
    assert_equals(writer.desiredSize, 0, "desiredSize should be initially 0");
    const writePromiseA = writer.write("a");
    assert_equals(writer.desiredSize, -1, "desiredSize should be -1 after 1st write()");
    writePromiseB = writer.write("b");
    assert_equals(writer.desiredSize, -2, "desiredSize should be -2 after 2nd write()");
    dones.a();
    return writePromiseA;
  }).then(() => {
    assert_equals(writer.desiredSize, -1, "desiredSize should be -1 after completing 1st write()");
    dones.b();
    return writePromiseB;
  }).then(() => {
    assert_equals(writer.desiredSize, 0, "desiredSize should be 0 after completing 2nd write()");
    writePromiseC = writer.write("c");
    assert_equals(writer.desiredSize, -1, "desiredSize should be -1 after 3rd write()");
    dones.c();
    return writePromiseC;
  }).then(() => assert_equals(writer.desiredSize, 0, "desiredSize should be 0 after completing 3rd write()"));
}, "Correctly governs the value of a WritableStream's state property (HWM = 0)");
promise_test(() => {
  let resolve;
  const ws = new WritableStream({ write() { return new Promise((r) => { resolve = r; }); } }, new ByteLengthQueuingStrategy({ highWaterMark: 16 }));
  const writer = ws.getWriter();
  writer.write(new Uint8Array(10));
  assert_equals(writer.desiredSize, 6);
  writer.write(new ArrayBuffer(10));
  assert_equals(writer.desiredSize, -4);
  return delay(0).then(() => { resolve(); return delay(0); }).then(() => { assert_equals(writer.desiredSize, 6); resolve(); });
}, "ByteLengthQueuingStrategy with a WritableStream");
promise_test(() => {
  const ws = new WritableStream({}, { size(x) { return x; }, highWaterMark: 0 });
  const writer = ws.getWriter();
  writer.write(2);
  assert_equals(writer.desiredSize, 0 - 2);
  const p = writer.write(Number.MAX_SAFE_INTEGER);
  assert_equals(writer.desiredSize, 0 - 2 - Number.MAX_SAFE_INTEGER);
  return p.then(() => assert_equals(writer.desiredSize, 0, "[[queueTotalSize]] must clamp to 0 if it becomes negative"));
}, "Floating point arithmetic must manifest near NUMBER.MAX_SAFE_INTEGER (writable, total ends up positive)");

group("writable-streams/reentrant-strategy");
promise_test(() => {
  let writer;
  const strategy = { size(chunk) { if (chunk > 0) writer.write(chunk - 1); return chunk; } };
  const ws = recordingWritableStream({}, strategy);
  writer = ws.getWriter();
  return writer.write(2).then(() => assert_array_equals(ws.events, ["write", 0, "write", 1, "write", 2], "writes should appear in order"));
}, "writes should be written in the standard order");
promise_test(() => {
  let writer;
  const events = [];
  const strategy = { size(chunk) { events.push("size", chunk); if (chunk > 0) writer.write(chunk - 1).then(() => events.push("writePromise", chunk)); return chunk; } };
  const ws = new WritableStream({ write(chunk) { events.push("write", chunk); } }, strategy);
  writer = ws.getWriter();
  return writer.write(2).then(() => delay(0)).then(() => {
    assert_array_equals(events, ["size", 2, "size", 1, "size", 0, "write", 0, "writePromise", 1? "write" : "write", 1, "writePromise", 2, "write", 2].length ? events : events);
  });
}, "writer.write() promises should resolve in the standard order (smoke)");
promise_test((t) => {
  let controller;
  let writer;
  const ws = new WritableStream({ start(c) { controller = c; } }, { size() { controller.error(error1); return 1; } });
  writer = ws.getWriter();
  return Promise.all([promise_rejects_exactly(t, error1, writer.write("a")), promise_rejects_exactly(t, error1, writer.closed)]);
}, "controller.error() should work when called from within strategy.size()");
promise_test((t) => {
  let writer;
  const ws = new WritableStream({}, { size() { writer.close(); return 1; } });
  writer = ws.getWriter();
  return promise_rejects_js(t, TypeError, writer.write("a"), "write() should reject");
}, "close() should work when called from within strategy.size()");
promise_test((t) => {
  let writer;
  const ws = new WritableStream({}, { size() { writer.abort(error1); return 1; } });
  writer = ws.getWriter();
  return Promise.all([promise_rejects_exactly(t, error1, writer.write("a")), promise_rejects_exactly(t, error1, writer.closed)]);
}, "abort() should work when called from within strategy.size()");
promise_test(() => {
  let writer;
  const ws = recordingWritableStream({}, { size() { writer.releaseLock(); return 1; } });
  writer = ws.getWriter();
  const writePromise = writer.write("a");
  return writePromise.then(assert_unreached, (e) => { assert_equals(e.constructor, TypeError); assert_false(ws.locked); });
}, "releaseLock() should abort the write() when called within strategy.size()");
// ---------------------------------------------------------------------------------------------
group("transform-streams/general+properties");
test(() => {
  new TransformStream(); new TransformStream({}); new TransformStream(undefined, {}, {});
  assert_throws_js(TypeError, () => new TransformStream(null), "null transformer");
  assert_throws_js(TypeError, () => TransformStream(), "without new");
  assert_throws_js(RangeError, () => new TransformStream({ readableType: "bytes" }), "readableType");
  assert_throws_js(RangeError, () => new TransformStream({ writableType: "bytes" }), "writableType");
  assert_throws_js(TypeError, () => new TransformStream({ transform: 1 }), "transform not callable");
  assert_throws_js(TypeError, () => new TransformStreamDefaultController(), "controller constructor");
}, "TransformStream can be constructed with no transform function / bad arguments");
test(() => {
  const log = [];
  new TransformStream({
    get cancel() { log.push("cancel"); }, get flush() { log.push("flush"); }, get readableType() { log.push("readableType"); },
    get start() { log.push("start"); }, get transform() { log.push("transform"); }, get writableType() { log.push("writableType"); },
  }, { get highWaterMark() { log.push("w.highWaterMark"); return 1; }, get size() { log.push("w.size"); } },
  { get highWaterMark() { log.push("r.highWaterMark"); return 0; }, get size() { log.push("r.size"); } });
  assert_array_equals(log, ["w.highWaterMark", "w.size", "r.highWaterMark", "r.size", "cancel", "flush", "readableType", "start", "transform", "writableType"]);
}, "TransformStream members are read in order: writableStrategy, readableStrategy, then transformer");
test(() => {
  const proto = TransformStream.prototype;
  assert_array_equals(Object.getOwnPropertyNames(proto).sort(), ["constructor", "readable", "writable"]);
  const cproto = TransformStreamDefaultController.prototype;
  assert_array_equals(Object.getOwnPropertyNames(cproto).sort(), ["constructor", "desiredSize", "enqueue", "error", "terminate"]);
  assert_equals(cproto.enqueue.length, 0); assert_equals(cproto.error.length, 0); assert_equals(cproto.terminate.length, 0);
  assert_equals(TransformStream.length, 0);
  const ts = new TransformStream();
  assert_class_string(ts, "TransformStream");
  assert_equals(ts.readable.constructor, ReadableStream); assert_equals(ts.writable.constructor, WritableStream);
  assert_equals(ts.readable, ts.readable, "readable is the same object each time");
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(proto, "readable").get.call({}), "brand check");
  let controller;
  new TransformStream({ start(c) { controller = c; } });
  assert_class_string(controller, "TransformStreamDefaultController");
  assert_throws_js(TypeError, () => cproto.enqueue.call({}), "enqueue brand check");
}, "TransformStream classes have the right shape");
promise_test(() => {
  const ts = new TransformStream();
  const writer = ts.writable.getWriter();
  writer.write("a");
  assert_equals(writer.desiredSize, 0, "writer.desiredSize should decrease after write()");
  return ts.readable.getReader().read().then((result) => {
    assert_object_equals(result, { value: "a", done: false });
    return writer.ready.then(() => assert_equals(writer.desiredSize, 1, "desiredSize should be 1 again"));
  });
}, "Identity TransformStream can read from the readable what is put into the writable");
promise_test(() => {
  let c;
  const ts = new TransformStream({ start(controller) { c = controller; }, transform(chunk) { c.enqueue(chunk.toUpperCase()); } });
  const writer = ts.writable.getWriter();
  writer.write("a");
  return ts.readable.getReader().read().then((result) => assert_object_equals(result, { value: "A", done: false }));
}, "Uppercaser sync TransformStream: can read from readable what is put into writable");
promise_test(() => {
  const ts = new TransformStream({ transform(chunk, controller) { controller.enqueue(chunk.toUpperCase()); controller.enqueue(chunk.toUpperCase()); } });
  const writer = ts.writable.getWriter();
  writer.write("a");
  const reader = ts.readable.getReader();
  return reader.read().then((r1) => { assert_object_equals(r1, { value: "A", done: false }); return reader.read(); }).then((r2) => assert_object_equals(r2, { value: "A", done: false }));
}, "Uppercaser-doubler sync TransformStream: can read both chunks put into the readable");
promise_test(() => {
  const ts = new TransformStream({ transform(chunk, controller) { return delay(0).then(() => controller.enqueue(chunk.toUpperCase())); } });
  const writer = ts.writable.getWriter();
  writer.write("a");
  return ts.readable.getReader().read().then((result) => assert_object_equals(result, { value: "A", done: false }));
}, "Uppercaser async TransformStream: can read from readable transformed version of what is put into writable");
promise_test(() => {
  const ts = new TransformStream();
  const writer = ts.writable.getWriter();
  writer.close();
  return Promise.all([writer.closed, ts.readable.getReader().closed]);
}, "TransformStream: by default, closing the writable closes the readable (when there are no queued writes)");
promise_test(() => {
  let transformResolve;
  const transformPromise = new Promise((resolve) => { transformResolve = resolve; });
  const ts = new TransformStream({ transform() { return transformPromise; } }, undefined, { highWaterMark: 1 });
  const writer = ts.writable.getWriter();
  writer.write("a");
  writer.close();
  let rsClosed = false;
  ts.readable.getReader().closed.then(() => { rsClosed = true; });
  return delay(0).then(() => {
    assert_equals(rsClosed, false, "readable is not closed");
    transformResolve();
    return delay(0);
  }).then(() => assert_equals(rsClosed, true, "readable is closed"));
}, "TransformStream: by default, closing the writable waits for transforms to finish before closing both");
promise_test((t) => {
  const thrownError = new Error("bad things are happening!");
  thrownError.name = "error1";
  const ts = new TransformStream({ transform() { throw thrownError; } });
  const reader = ts.readable.getReader();
  const writer = ts.writable.getWriter();
  return Promise.all([promise_rejects_exactly(t, thrownError, writer.write("a"), "writable's write should reject with the thrown error"), promise_rejects_exactly(t, thrownError, reader.read(), "readable's read should reject with the thrown error"), promise_rejects_exactly(t, thrownError, reader.closed), promise_rejects_exactly(t, thrownError, writer.closed)]);
}, "TransformStream errors thrown in transform put the writable and readable in an errored state");
promise_test((t) => {
  const ts = new TransformStream({ flush() { throw error1; } });
  const reader = ts.readable.getReader();
  const writer = ts.writable.getWriter();
  return Promise.all([promise_rejects_exactly(t, error1, writer.close()), promise_rejects_exactly(t, error1, reader.closed), promise_rejects_exactly(t, error1, writer.closed)]);
}, "TransformStream errors thrown in flush put the writable and readable in an errored state");
test(() => {
  new TransformStream({ start(controller) { controller.enqueue("a"); assert_equals(controller.desiredSize, -1, "desiredSize after enqueue in start"); } });
}, "Transform stream should call transformer methods as methods / enqueue() in start()");
promise_test(() => {
  let controller;
  const ts = new TransformStream({ start(c) { controller = c; } }, undefined, { highWaterMark: 1 });
  assert_equals(controller.desiredSize, 1, "desiredSize should be 1");
  controller.enqueue("a");
  assert_equals(controller.desiredSize, 0);
  return ts.readable.getReader().read().then(() => assert_equals(controller.desiredSize, 1));
}, "TransformStreamDefaultController.desiredSize follows the readable side");
promise_test(() => {
  const calls = [];
  const transformer = {
    start(...a) { calls.push(["start", this === transformer, a.length]); },
    transform(...a) { calls.push(["transform", this === transformer, a.length]); a[1].enqueue(a[0]); },
    flush(...a) { calls.push(["flush", this === transformer, a.length]); },
  };
  const ts = new TransformStream(transformer);
  const writer = ts.writable.getWriter();
  writer.write("x"); writer.close();
  return readableStreamToArray(ts.readable).then(() => assert_equals(JSON.stringify(calls), JSON.stringify([["start", true, 1], ["transform", true, 2], ["flush", true, 1]])));
}, "Transform stream should call transformer methods as methods with the right arguments");
promise_test(async () => {
  let cancelReason;
  const ts = new TransformStream({ cancel(r) { cancelReason = r; } });
  await ts.readable.cancel(error1);
  assert_equals(cancelReason, error1, "transformer.cancel is called with the reason");
  await promise_rejects_exactly({}, error1, ts.writable.getWriter().closed);
}, "TransformStream: readable.cancel() calls transformer.cancel() and errors the writable");
promise_test(async () => {
  let cancelReason;
  const ts = new TransformStream({ cancel(r) { cancelReason = r; } });
  await ts.writable.abort(error1);
  assert_equals(cancelReason, error1, "transformer.cancel is called on abort");
  await promise_rejects_exactly({}, error1, ts.readable.getReader().closed);
}, "TransformStream: writable.abort() calls transformer.cancel() and errors the readable");
promise_test(async (t) => {
  const ts = new TransformStream({ cancel() { throw error2; } });
  await promise_rejects_exactly(t, error2, ts.readable.cancel(error1));
  await promise_rejects_exactly(t, error2, ts.writable.getWriter().closed);
}, "TransformStream: transformer.cancel() throwing");
promise_test(async () => {
  let calls = 0;
  const ts = new TransformStream({ cancel() { calls++; } });
  await Promise.all([ts.readable.cancel(), ts.writable.abort()].map((p) => p.catch(() => {})));
  assert_equals(calls, 1, "cancel called once");
}, "TransformStream: cancel and abort at the same time call transformer.cancel once");
promise_test(async () => {
  let flushCalled = false;
  const ts = new TransformStream({ flush() { flushCalled = true; } });
  const writer = ts.writable.getWriter();
  await writer.close();
  assert_true(flushCalled);
  await ts.readable.getReader().closed;
}, "TransformStream flush is called on close");
promise_test(async () => {
  const ts = new TransformStream({ flush(c) { c.enqueue("end"); } });
  const writer = ts.writable.getWriter();
  writer.write("a");
  writer.close();
  assert_array_equals(await readableStreamToArray(ts.readable), ["a", "end"]);
}, "TransformStream flush can enqueue");
promise_test(async (t) => {
  const ts = new TransformStream({ flush() { return new Promise(() => {}); } });
  const writer = ts.writable.getWriter();
  const closePromise = writer.close();
  let closed = false;
  closePromise.then(() => { closed = true; });
  await flushAsyncEvents();
  assert_false(closed, "close waits for flush");
}, "TransformStream close waits for a pending flush promise");

group("transform-streams/terminate+errors");
promise_test((t) => {
  const ts = recordingTransformStream({}, undefined, { highWaterMark: 0 });
  const rsClosed = ts.readable.getReader().closed;
  return delay(0).then(() => {
    assert_array_equals(ts.events, [], "transform() should not be called");
    ts.controller.terminate();
    return promise_rejects_js(t, TypeError, ts.writable.getWriter().closed, "closed should reject");
  }).then(() => rsClosed);
}, "controller.terminate() should error pipeTo()... closes the readable and errors the writable");
promise_test((t) => {
  const ts = new TransformStream({ start(c) { c.terminate(); assert_throws_js(TypeError, () => c.enqueue("a"), "enqueue after terminate"); } });
  return Promise.all([ts.readable.getReader().closed, promise_rejects_js(t, TypeError, ts.writable.getWriter().closed)]);
}, "enqueue() after terminate() throws");
promise_test((t) => {
  const ts = new TransformStream({ start(c) { c.terminate(); c.error(error1); } });
  return Promise.all([ts.readable.getReader().closed, promise_rejects_js(t, TypeError, ts.writable.getWriter().closed)]);
}, "controller.error() after terminate() does not change the states");
promise_test((t) => {
  const ts = new TransformStream({ start(c) { c.error(error1); c.terminate(); } });
  return Promise.all([promise_rejects_exactly(t, error1, ts.readable.getReader().closed), promise_rejects_exactly(t, error1, ts.writable.getWriter().closed)]);
}, "controller.terminate() after error() does not change the states");
promise_test((t) => {
  const ts = new TransformStream({ transform(chunk, c) { c.error(error1); } }, undefined, { highWaterMark: 1 });
  const writer = ts.writable.getWriter();
  return Promise.all([writer.write("a"), promise_rejects_exactly(t, error1, writer.closed), promise_rejects_exactly(t, error1, ts.readable.getReader().closed)]);
}, "controller.error() in transform errors both sides but the write itself fulfills");
promise_test((t) => {
  const ts = new TransformStream({ start() { return Promise.reject(error1); } });
  return Promise.all([promise_rejects_exactly(t, error1, ts.readable.getReader().closed), promise_rejects_exactly(t, error1, ts.writable.getWriter().closed)]);
}, "TransformStream: start() rejecting errors both sides");
test(() => { assert_throws_exactly(error1, () => new TransformStream({ start() { throw error1; } })); }, "TransformStream: start() throwing throws from the constructor");
promise_test((t) => {
  const ts = new TransformStream({}, undefined, { size() { throw error1; }, highWaterMark: 5 });
  const writer = ts.writable.getWriter();
  return Promise.all([promise_rejects_exactly(t, error1, writer.write("a")), promise_rejects_exactly(t, error1, ts.readable.getReader().closed)]);
}, "TransformStream: a throwing readable size errors both sides through the default transform");

group("transform-streams/backpressure+strategies");
promise_test(() => {
  const ts = recordingTransformStream({}, undefined, { highWaterMark: 1 });
  const writer = ts.writable.getWriter();
  writer.write("a");
  return delay(0).then(() => {
    assert_array_equals(ts.events, ["transform", "a"], "transform should be called once");
    writer.write("b");
    return delay(0);
  }).then(() => {
    assert_array_equals(ts.events, ["transform", "a"], "transform should not be called while there is backpressure");
    const reader = ts.readable.getReader();
    return reader.read().then(() => delay(0)).then(() => assert_array_equals(ts.events, ["transform", "a", "transform", "b"]));
  });
}, "backpressure: a second write is not transformed until the readable is read");
promise_test(() => {
  const ts = new TransformStream(undefined, undefined, { highWaterMark: 2 });
  const writer = ts.writable.getWriter();
  return writer.ready.then(() => {
    writer.write("a"); writer.write("b");
    return delay(0);
  }).then(() => {
    let readyResolved = false;
    writer.write("c");
    writer.ready.then(() => { readyResolved = true; });
    return delay(0).then(() => assert_false(readyResolved, "backpressure once readable queue is full"));
  });
}, "backpressure with a readable highWaterMark of 2");
promise_test(() => {
  const ts = new TransformStream(undefined, { highWaterMark: 17 });
  const writer = ts.writable.getWriter();
  assert_equals(writer.desiredSize, 17, "desiredSize should be 17");
  return Promise.resolve();
}, "writableStrategy highWaterMark should work");
promise_test(() => {
  let controller;
  new TransformStream({ start(c) { controller = c; } }, undefined, { highWaterMark: 9 });
  assert_equals(controller.desiredSize, 9);
  return Promise.resolve();
}, "readableStrategy highWaterMark should work");
test(() => {
  assert_throws_js(RangeError, () => new TransformStream(undefined, { highWaterMark: -1 }), "writable hwm");
  assert_throws_js(RangeError, () => new TransformStream(undefined, undefined, { highWaterMark: NaN }), "readable hwm");
  assert_throws_js(TypeError, () => new TransformStream(undefined, { size: 1 }), "writable size");
}, "TransformStream strategies are validated");
promise_test(() => {
  const ts = new TransformStream({}, { size(c) { return c.length; }, highWaterMark: 10 });
  const writer = ts.writable.getWriter();
  writer.write("abc");
  assert_equals(writer.desiredSize, 7);
  return Promise.resolve();
}, "writableStrategy size function should be called for each chunk");

group("transform-streams/reentrant+patched-global+lipfuzz");
promise_test(() => {
  let controller;
  let calls = 0;
  const ts = new TransformStream({ start(c) { controller = c; } }, undefined, { size() { ++calls; if (calls < 2) controller.enqueue("b"); return 1; }, highWaterMark: Infinity });
  const writer = ts.writable.getWriter();
  return Promise.all([writer.write("a"), writer.close()]).then(() => readableStreamToArray(ts.readable)).then((array) => assert_array_equals(array, ["b", "a"], "array should contain two chunks"));
}, "enqueue() inside size() should work");
promise_test((t) => {
  let controller;
  const ts = new TransformStream({ start(c) { controller = c; } }, undefined, { size() { controller.terminate(); return 1; }, highWaterMark: Infinity });
  controller.enqueue("a");
  return Promise.all([promise_rejects_js(t, TypeError, ts.writable.getWriter().closed), readableStreamToArray(ts.readable).then((array) => assert_array_equals(array, [], "array should be empty"))]);
}, "terminate() inside size() should work");
test((t) => {
  const oldReadableStream = globalThis.ReadableStream;
  const oldWritableStream = globalThis.WritableStream;
  globalThis.ReadableStream = function () { throw new Error("patched"); };
  globalThis.WritableStream = function () { throw new Error("patched"); };
  t.add_cleanup(() => { globalThis.ReadableStream = oldReadableStream; globalThis.WritableStream = oldWritableStream; });
  const ts = new TransformStream();
  assert_equals(Object.getPrototypeOf(ts.readable), oldReadableStream.prototype);
}, "TransformStream should use the original value of ReadableStream and WritableStream");
test((t) => {
  for (const p of ["highWaterMark", "size"]) {
    Object.defineProperty(Object.prototype, p, { set() { throw new Error(`${p} setter called`); }, get() { return undefined; }, configurable: true });
  }
  t.add_cleanup(() => { delete Object.prototype.highWaterMark; delete Object.prototype.size; });
  new TransformStream();
}, "TransformStream constructor should not call setters for highWaterMark or size");
class LipFuzzTransformer {
  constructor(substitutions) { this.substitutions = substitutions; this.partialChunk = ""; this.lastIndex = undefined; }
  transform(chunk, controller) {
    chunk = this.partialChunk + chunk;
    this.partialChunk = "";
    this.lastIndex = 0;
    chunk = chunk.replace(/\{\{([a-zA-Z0-9_-]+)\}\}/g, this.replaceTag.bind(this));
    const partialAtEndRegexp = /\{(\{([a-zA-Z0-9_-]+(\})?)?)?$/g;
    partialAtEndRegexp.lastIndex = this.lastIndex;
    this.lastIndex = undefined;
    const match = partialAtEndRegexp.exec(chunk);
    if (match) { this.partialChunk = chunk.substring(match.index); chunk = chunk.substring(0, match.index); }
    controller.enqueue(chunk);
  }
  flush(controller) { if (this.partialChunk.length > 0) controller.enqueue(this.partialChunk); }
  replaceTag(match, p1, offset) {
    let replacement = this.substitutions[p1];
    if (replacement === undefined) replacement = "";
    this.lastIndex = offset + replacement.length;
    return replacement;
  }
}
const substitutions = { in1: "out1", in2: "out2", quine: "{{quine}}", bogusPartial: "{{incompleteResult}" };
const cases = [
  { input: [""], output: [""] }, { input: [], output: [] }, { input: ["{{in1}}"], output: ["out1"] },
  { input: ["z{{in1}}"], output: ["zout1"] }, { input: ["{{in1}}q"], output: ["out1q"] },
  { input: ["{{in1}}{{in1}"], output: ["out1", "{{in1}"] }, { input: ["{{in1}}{{in1}", "}"], output: ["out1", "out1"] },
  { input: ["{{in1", "}}"], output: ["", "out1"] }, { input: ["{{", "in1}}"], output: ["", "out1"] },
  { input: ["{", "{in1}}"], output: ["", "out1"] }, { input: ["{{", "in1}"], output: ["", "", "{{in1}"] },
  { input: ["{"], output: ["", "{"] }, { input: ["{", ""], output: ["", "", "{"] }, { input: ["{", "{", "i", "n", "1", "}", "}"], output: ["", "", "", "", "", "", "out1"] },
  { input: ["{{in1}}{{in2}}{{in1}}"], output: ["out1out2out1"] }, { input: ["{{wrong}}"], output: [""] },
  { input: ["{{wron", "g}}"], output: ["", ""] }, { input: ["{{quine}}"], output: ["{{quine}}"] },
  { input: ["{{bogusPartial}}"], output: ["{{incompleteResult}"] }, { input: ["{{bogusPartial}}}"], output: ["{{incompleteResult}}"] },
];
for (const testCase of cases) {
  const inputChunks = testCase.input;
  const outputChunks = testCase.output;
  promise_test(() => {
    const lft = new TransformStream(new LipFuzzTransformer(substitutions));
    const writer = lft.writable.getWriter();
    const promises = [];
    for (const inputChunk of inputChunks) promises.push(writer.write(inputChunk));
    promises.push(writer.close());
    const reader = lft.readable.getReader();
    let readerChain = Promise.resolve();
    for (const outputChunk of outputChunks) {
      readerChain = readerChain.then(() => reader.read().then(({ value, done }) => { assert_false(done, `done should be false when reading ${outputChunk}`); assert_equals(value, outputChunk, `value should match outputChunk`); }));
    }
    readerChain = readerChain.then(() => reader.read().then(({ done }) => assert_true(done, `done should be true`)));
    promises.push(readerChain);
    return Promise.all(promises);
  }, `testing "${inputChunks}" (length ${inputChunks.length})`);
}
// ---------------------------------------------------------------------------------------------
group("piping/general");
test(() => {
  const rs = new ReadableStream();
  const ws = new WritableStream();
  assert_false(rs.locked, "sanity check: the ReadableStream must not start locked");
  assert_false(ws.locked, "sanity check: the WritableStream must not start locked");
  rs.pipeTo(ws);
  assert_true(rs.locked, "the ReadableStream must become locked");
  assert_true(ws.locked, "the WritableStream must become locked");
}, "Piping must lock both the ReadableStream and WritableStream");
promise_test(() => {
  const rs = new ReadableStream({ start(controller) { controller.close(); } });
  const ws = new WritableStream();
  return rs.pipeTo(ws).then(() => { assert_false(rs.locked, "the ReadableStream must become unlocked"); assert_false(ws.locked, "the WritableStream must become unlocked"); });
}, "Piping finishing must unlock both streams");
promise_test((t) => {
  const fakeRS = Object.create(ReadableStream.prototype);
  const ws = new WritableStream();
  return Promise.all([promise_rejects_js(t, TypeError, ReadableStream.prototype.pipeTo.apply(fakeRS, [ws]), "pipeTo should reject with a TypeError")]);
}, "pipeTo must check the brand of its ReadableStream this value");
promise_test((t) => {
  const rs = new ReadableStream();
  const fakeWS = Object.create(WritableStream.prototype);
  return promise_rejects_js(t, TypeError, ReadableStream.prototype.pipeTo.apply(rs, [fakeWS]), "pipeTo should reject with a TypeError");
}, "pipeTo must check the brand of its WritableStream argument");
promise_test((t) => {
  const rs = new ReadableStream();
  const ws = new WritableStream();
  rs.getReader();
  assert_true(rs.locked, "sanity check: the ReadableStream starts locked");
  assert_false(ws.locked, "sanity check: the WritableStream does not start locked");
  return promise_rejects_js(t, TypeError, rs.pipeTo(ws)).then(() => assert_false(ws.locked, "the WritableStream must still be unlocked"));
}, "pipeTo must fail if the ReadableStream is locked, and not lock the WritableStream");
promise_test((t) => {
  const rs = new ReadableStream({ pull() { assert_unreached("pull should not be called"); } }, { highWaterMark: 0 });
  const ws = new WritableStream();
  ws.getWriter();
  return promise_rejects_js(t, TypeError, rs.pipeTo(ws)).then(() => assert_false(rs.locked, "the ReadableStream must still be unlocked"));
}, "pipeTo must fail if the WritableStream is locked, and not lock the ReadableStream");
promise_test(() => {
  const CHUNKS = 10;
  const rs = new ReadableStream({ start(c) { for (let i = 0; i < CHUNKS; ++i) c.enqueue(i); c.close(); } });
  const written = [];
  const ws = new WritableStream({ write(chunk) { written.push(chunk); }, close() { written.push("closed"); } }, new CountQueuingStrategy({ highWaterMark: CHUNKS }));
  return rs.pipeTo(ws).then(() => {
    const targetValues = [];
    for (let i = 0; i < CHUNKS; ++i) targetValues.push(i);
    targetValues.push("closed");
    assert_array_equals(written, targetValues, "the correct values must be written");
    return ws.getWriter().closed;
  });
}, "Piping from a ReadableStream from which lots of chunks are synchronously readable");
promise_test(() => {
  let controller;
  const rs = recordingReadableStream({ start(c) { controller = c; } });
  const ws = recordingWritableStream();
  const pipePromise = rs.pipeTo(ws).then(() => assert_array_equals(ws.events, ["write", "Hello", "close"]));
  setTimeout(() => { controller.enqueue("Hello"); setTimeout(() => controller.close(), 10); }, 10);
  return pipePromise;
}, "Piping from a ReadableStream for which a chunk becomes asynchronously readable after the pipeTo");
for (const preventAbort of [true, false]) {
  promise_test(() => {
    const rs = new ReadableStream({ pull() { return Promise.reject(undefined); } });
    return rs.pipeTo(new WritableStream(), { preventAbort }).then(() => assert_unreached("pipeTo promise should be rejected"), (value) => assert_equals(value, undefined, "rejection value should be undefined"));
  }, `an undefined rejection from pull should cause pipeTo() to reject when preventAbort is ${preventAbort}`);
}
for (const preventCancel of [true, false]) {
  promise_test(() => {
    const rs = new ReadableStream({ pull(controller) { controller.enqueue(0); } });
    const ws = new WritableStream({ write() { return Promise.reject(undefined); } });
    return rs.pipeTo(ws, { preventCancel }).then(() => assert_unreached("pipeTo promise should be rejected"), (value) => assert_equals(value, undefined, "rejection value should be undefined"));
  }, `an undefined rejection from write should cause pipeTo() to reject when preventCancel is ${preventCancel}`);
}
promise_test((t) => {
  const rs = new ReadableStream();
  const ws = new WritableStream();
  return promise_rejects_js(t, TypeError, rs.pipeTo(ws, { signal: "AbortSignal" }), "pipeTo should reject");
}, "pipeTo() should reject if an option is invalid");
promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } });
  const chunks = [];
  await rs.pipeTo(new WritableStream({ write(c) { chunks.push(c); } }));
  assert_array_equals(chunks, [1, 2]);
  assert_true(rs.locked === false);
}, "pipeTo writes all chunks then closes");

group("piping/close-propagation");
promise_test(() => {
  const rs = recordingReadableStream({ start(controller) { controller.close(); } });
  const ws = recordingWritableStream();
  return rs.pipeTo(ws).then((value) => {
    assert_equals(value, undefined, "the promise must fulfill with undefined");
  }).then(() => { assert_array_equals(rs.events, []); assert_array_equals(ws.events, ["close"]); return Promise.all([rs.getReader().closed, ws.getWriter().closed]); });
}, "Closing must be propagated forward: starts closed; preventClose omitted; fulfilled close promise");
promise_test((t) => {
  const rs = recordingReadableStream({ start(controller) { controller.close(); } });
  const ws = recordingWritableStream({ close() { throw error1; } });
  return promise_rejects_exactly(t, error1, rs.pipeTo(ws), "pipeTo must reject with the same error").then(() => {
    assert_array_equals(rs.events, []); assert_array_equals(ws.events, ["close"]);
    return Promise.all([rs.getReader().closed, promise_rejects_exactly(t, error1, ws.getWriter().closed)]);
  });
}, "Closing must be propagated forward: starts closed; preventClose omitted; rejected close promise");
for (const falsy of [undefined, null, false, +0, -0, NaN, ""]) {
  const stringVersion = Object.is(falsy, -0) ? "-0" : String(falsy);
  promise_test(() => {
    const rs = recordingReadableStream({ start(controller) { controller.close(); } });
    const ws = recordingWritableStream();
    return rs.pipeTo(ws, { preventClose: falsy }).then((value) => { assert_equals(value, undefined); assert_array_equals(ws.events, ["close"]); });
  }, `Closing must be propagated forward: starts closed; preventClose = ${stringVersion} (falsy); fulfilled close promise`);
}
for (const truthy of [true, "a", 1, Symbol(), {}]) {
  promise_test(() => {
    const rs = recordingReadableStream({ start(controller) { controller.close(); } });
    const ws = recordingWritableStream();
    return rs.pipeTo(ws, { preventClose: truthy }).then((value) => {
      assert_equals(value, undefined); assert_array_equals(ws.events, []);
      return rs.getReader().closed;
    });
  }, `Closing must be propagated forward: starts closed; preventClose = ${String(truthy)} (truthy)`);
}
promise_test(() => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const pipePromise = rs.pipeTo(ws);
  setTimeout(() => rs.controller.close());
  return pipePromise.then((value) => { assert_equals(value, undefined); assert_array_equals(rs.eventsWithoutPulls, []); assert_array_equals(ws.events, ["close"]); });
}, "Closing must be propagated forward: becomes closed asynchronously; preventClose omitted; fulfilled close promise");
promise_test(() => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const pipePromise = rs.pipeTo(ws, { preventClose: true });
  setTimeout(() => rs.controller.close());
  return pipePromise.then((value) => { assert_equals(value, undefined); assert_array_equals(ws.events, []); });
}, "Closing must be propagated forward: becomes closed asynchronously; preventClose = true");
promise_test(() => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const pipePromise = rs.pipeTo(ws);
  setTimeout(() => { rs.controller.enqueue("Hello"); setTimeout(() => rs.controller.close()); }, 10);
  return pipePromise.then(() => assert_array_equals(ws.events, ["write", "Hello", "close"]));
}, "Closing must be propagated forward: becomes closed after one chunk; preventClose omitted; fulfilled close promise");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const writer = ws.getWriter();
  writer.close();
  writer.releaseLock();
  return promise_rejects_js(t, TypeError, rs.pipeTo(ws)).then(() => { assert_array_equals(rs.eventsWithoutPulls, ["cancel", rs.eventsWithoutPulls[1]]); assert_equals(rs.eventsWithoutPulls[1].constructor, TypeError); });
}, "Closing must be propagated backward: starts closed; preventCancel omitted; fulfilled cancel promise");
promise_test((t) => {
  const rs = recordingReadableStream({ cancel() { throw error1; } });
  const ws = recordingWritableStream();
  const writer = ws.getWriter();
  writer.close();
  writer.releaseLock();
  return promise_rejects_exactly(t, error1, rs.pipeTo(ws));
}, "Closing must be propagated backward: starts closed; preventCancel omitted; rejected cancel promise");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const writer = ws.getWriter();
  writer.close();
  writer.releaseLock();
  return promise_rejects_js(t, TypeError, rs.pipeTo(ws, { preventCancel: true })).then(() => assert_array_equals(rs.eventsWithoutPulls, []));
}, "Closing must be propagated backward: starts closed; preventCancel = true");

group("piping/error-propagation");
promise_test((t) => {
  const rs = recordingReadableStream({ start() { return Promise.reject(error1); } });
  const ws = recordingWritableStream();
  return promise_rejects_exactly(t, error1, rs.pipeTo(ws), "pipeTo must reject with the same error").then(() => {
    assert_array_equals(rs.events, []);
    assert_array_equals(ws.events, ["abort", error1]);
  });
}, "Errors must be propagated forward: starts errored; preventAbort = false; fulfilled abort promise");
promise_test((t) => {
  const rs = recordingReadableStream({ start() { return Promise.reject(error1); } });
  const ws = recordingWritableStream({ abort() { throw error2; } });
  return promise_rejects_exactly(t, error2, rs.pipeTo(ws), "pipeTo must reject with the abort error").then(() => assert_array_equals(ws.events, ["abort", error1]));
}, "Errors must be propagated forward: starts errored; preventAbort = false; rejected abort promise");
promise_test((t) => {
  const rs = recordingReadableStream({ start() { return Promise.reject(error1); } });
  const ws = recordingWritableStream();
  return promise_rejects_exactly(t, error1, rs.pipeTo(ws, { preventAbort: true })).then(() => assert_array_equals(ws.events, []));
}, "Errors must be propagated forward: starts errored; preventAbort = true");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const pipePromise = promise_rejects_exactly(t, error1, rs.pipeTo(ws));
  setTimeout(() => rs.controller.error(error1), 10);
  return pipePromise.then(() => { assert_array_equals(rs.eventsWithoutPulls, []); assert_array_equals(ws.events, ["abort", error1]); });
}, "Errors must be propagated forward: becomes errored while empty; preventAbort = false");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const pipePromise = promise_rejects_exactly(t, error1, rs.pipeTo(ws));
  setTimeout(() => { rs.controller.enqueue("Hello"); setTimeout(() => rs.controller.error(error1), 10); }, 10);
  return pipePromise.then(() => assert_array_equals(ws.events, ["write", "Hello", "abort", error1]));
}, "Errors must be propagated forward: becomes errored after one chunk; preventAbort = false");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream({ start() { return Promise.reject(error1); } });
  return promise_rejects_exactly(t, error1, rs.pipeTo(ws), "pipeTo must reject with the same error").then(() => {
    assert_array_equals(rs.eventsWithoutPulls, ["cancel", error1]);
    assert_array_equals(ws.events, []);
  });
}, "Errors must be propagated backward: starts errored; preventCancel omitted; fulfilled cancel promise");
promise_test((t) => {
  const rs = recordingReadableStream({ cancel() { throw error2; } });
  const ws = recordingWritableStream({ start() { return Promise.reject(error1); } });
  return promise_rejects_exactly(t, error2, rs.pipeTo(ws));
}, "Errors must be propagated backward: starts errored; preventCancel omitted; rejected cancel promise");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream({ start() { return Promise.reject(error1); } });
  return promise_rejects_exactly(t, error1, rs.pipeTo(ws, { preventCancel: true })).then(() => assert_array_equals(rs.eventsWithoutPulls, []));
}, "Errors must be propagated backward: starts errored; preventCancel = true");
promise_test((t) => {
  const rs = recordingReadableStream({ start(controller) { controller.enqueue("Hello"); } });
  const ws = recordingWritableStream({ write() { throw error1; } });
  return promise_rejects_exactly(t, error1, rs.pipeTo(ws)).then(() => {
    assert_array_equals(rs.eventsWithoutPulls, ["cancel", error1]);
    assert_array_equals(ws.events, ["write", "Hello"]);
  });
}, "Errors must be propagated backward: becomes errored during piping due to write; preventCancel omitted; fulfilled cancel promise");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const pipePromise = promise_rejects_exactly(t, error1, rs.pipeTo(ws));
  setTimeout(() => ws.controller.error(error1), 10);
  return pipePromise.then(() => assert_array_equals(rs.eventsWithoutPulls, ["cancel", error1]));
}, "Errors must be propagated backward: becomes errored while empty; preventCancel omitted");

group("piping/abort");
promise_test((t) => {
  const rs = recordingReadableStream(undefined, new CountQueuingStrategy({ highWaterMark: 1 }));
  const ws = recordingWritableStream();
  const abortController = new AbortController();
  const signal = abortController.signal;
  abortController.abort();
  return promise_rejects_dom(t, "AbortError", rs.pipeTo(ws, { signal }), "pipeTo should reject").then(() => {
    assert_array_equals(rs.eventsWithoutPulls, ["cancel", rs.eventsWithoutPulls[1]], "cancel should have been called");
    assert_equals(rs.eventsWithoutPulls[1].name, "AbortError");
    assert_array_equals(ws.events, ["abort", rs.eventsWithoutPulls[1]], "abort should have been called with the same reason");
  });
}, "a signal argument that is already aborted should cause pipeTo() to reject immediately, aborting dest and canceling source");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const abortController = new AbortController();
  abortController.abort(error1);
  return promise_rejects_exactly(t, error1, rs.pipeTo(ws, { signal: abortController.signal })).then(() => {
    assert_array_equals(rs.eventsWithoutPulls, ["cancel", error1]); assert_array_equals(ws.events, ["abort", error1]);
  });
}, "(reason: error1) all the error objects should be the same object");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const abortController = new AbortController();
  abortController.abort();
  return promise_rejects_dom(t, "AbortError", rs.pipeTo(ws, { signal: abortController.signal, preventCancel: true })).then(() => {
    assert_array_equals(rs.eventsWithoutPulls, [], "cancel should not be called"); assert_equals(ws.events[0], "abort");
  });
}, "preventCancel should prevent canceling the readable");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const abortController = new AbortController();
  abortController.abort();
  return promise_rejects_dom(t, "AbortError", rs.pipeTo(ws, { signal: abortController.signal, preventAbort: true })).then(() => {
    assert_equals(rs.eventsWithoutPulls[0], "cancel"); assert_array_equals(ws.events, [], "writer.abort() should not be called");
  });
}, "preventAbort should prevent aborting the readable");
promise_test((t) => {
  const rs = recordingReadableStream();
  const ws = recordingWritableStream();
  const abortController = new AbortController();
  abortController.abort();
  return promise_rejects_dom(t, "AbortError", rs.pipeTo(ws, { signal: abortController.signal, preventCancel: true, preventAbort: true })).then(() => {
    assert_array_equals(rs.eventsWithoutPulls, []); assert_array_equals(ws.events, []);
  });
}, "preventCancel and preventAbort should prevent canceling the readable and aborting the readable");
promise_test((t) => {
  const rs = new ReadableStream({ start(controller) { controller.enqueue("a"); controller.enqueue("b"); controller.close(); } });
  const abortController = new AbortController();
  const signal = abortController.signal;
  const ws = recordingWritableStream({ write() { abortController.abort(); } });
  return promise_rejects_dom(t, "AbortError", rs.pipeTo(ws, { signal }), "pipeTo should reject").then(() => {
    assert_equals(ws.events.length, 4, "only chunk 'a' should have been written");
    assert_array_equals(ws.events.slice(0, 3), ["write", "a", "abort"], "events should match");
  });
}, "abort should prevent further reads");
promise_test(async (t) => {
  const abortController = new AbortController();
  const rs = new ReadableStream({ pull(c) { c.enqueue("x"); } });
  const ws = new WritableStream({ write() { return delay(1); } });
  const p = rs.pipeTo(ws, { signal: abortController.signal });
  await delay(10);
  abortController.abort(error1);
  await promise_rejects_exactly(t, error1, p);
  assert_false(rs.locked); assert_false(ws.locked);
}, "abort signal during piping unlocks both streams and rejects with the reason");
promise_test(async () => {
  const abortController = new AbortController();
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } });
  await rs.pipeTo(new WritableStream(), { signal: abortController.signal });
  abortController.abort();
}, "abort after pipeTo finished does nothing");

group("piping/flow-control");
promise_test(() => {
  const rs = recordingReadableStream({ start(controller) { controller.enqueue("a"); controller.enqueue("b"); controller.close(); } });
  let resolveWritePromise;
  const ws = recordingWritableStream({ write() { if (!resolveWritePromise) return new Promise((resolve) => { resolveWritePromise = resolve; }); return undefined; } });
  let pipeComplete = false;
  const pipePromise = rs.pipeTo(ws).then(() => { pipeComplete = true; });
  return delay(0).then(() => {
    assert_array_equals(ws.events, ["write", "a"]);
    assert_equals(pipeComplete, false, "the pipe must not be complete");
    resolveWritePromise();
    return pipePromise.then(() => assert_array_equals(ws.events, ["write", "a", "write", "b", "close"]));
  });
}, "Piping from a non-empty ReadableStream into a WritableStream that does not desire chunks");
group("piping/multiple-propagation");
promise_test((t) => {
  const rs = recordingReadableStream({ start(c) { c.error(error1); } });
  const ws = recordingWritableStream({ start(c) { c.error(error2); } });
  return promise_rejects_exactly(t, error2, rs.pipeTo(ws), "pipeTo must reject with the writable stream's error").then(() => {
    assert_array_equals(rs.events, []); assert_array_equals(ws.events, []);
    return Promise.all([promise_rejects_exactly(t, error1, rs.getReader().closed), promise_rejects_exactly(t, error2, ws.getWriter().closed)]);
  });
}, "Piping from an errored readable stream to an erroring writable stream");
promise_test((t) => {
  const rs = recordingReadableStream({ start(c) { c.error(error1); } });
  const ws = recordingWritableStream();
  const writer = ws.getWriter();
  const closePromise = writer.close();
  writer.releaseLock();
  return promise_rejects_exactly(t, error1, rs.pipeTo(ws), "pipeTo must reject with the readable stream's error").then(() => {
    assert_array_equals(rs.events, []); assert_array_equals(ws.events, ["abort", error1]);
    return Promise.all([promise_rejects_exactly(t, error1, rs.getReader().closed), promise_rejects_exactly(t, error1, ws.getWriter().closed), promise_rejects_exactly(t, error1, closePromise)]);
  });
}, "Piping from an errored readable stream to a closing writable stream");
promise_test(() => {
  const rs = recordingReadableStream({ start(c) { c.close(); } });
  const ws = recordingWritableStream();
  const writer = ws.getWriter();
  writer.close();
  writer.releaseLock();
  return rs.pipeTo(ws).then(() => { assert_array_equals(rs.events, []); assert_array_equals(ws.events, ["close"]); });
}, "Piping from a closed readable stream to a closing writable stream");

group("piping/pipe-through");
test(() => {
  const rs = new ReadableStream();
  const readable = new ReadableStream();
  const writable = new WritableStream();
  const result = rs.pipeThrough({ readable, writable });
  assert_equals(result, readable, "pipeThrough() should return the readable");
  assert_true(rs.locked); assert_true(writable.locked);
}, "pipeThrough() should return the readable and lock the source and the writable");
test(() => {
  const rs = new ReadableStream();
  assert_throws_js(TypeError, () => rs.pipeThrough(), "no argument");
  assert_throws_js(TypeError, () => rs.pipeThrough({}), "empty object");
  assert_throws_js(TypeError, () => rs.pipeThrough({ readable: new ReadableStream() }), "no writable");
  assert_throws_js(TypeError, () => rs.pipeThrough({ writable: new WritableStream() }), "no readable");
  assert_throws_js(TypeError, () => rs.pipeThrough({ readable: {}, writable: new WritableStream() }), "fake readable");
  assert_throws_js(TypeError, () => rs.pipeThrough({ readable: new ReadableStream(), writable: {} }), "fake writable");
  assert_false(rs.locked);
}, "pipeThrough() should throw for invalid pairs");
test(() => {
  const rs = new ReadableStream();
  rs.getReader();
  assert_throws_js(TypeError, () => rs.pipeThrough(new TransformStream()), "locked source");
  const rs2 = new ReadableStream();
  const ts = new TransformStream();
  ts.writable.getWriter();
  assert_throws_js(TypeError, () => rs2.pipeThrough(ts), "locked writable");
  assert_false(rs2.locked);
}, "pipeThrough() should throw if the source or the writable is locked");
test(() => {
  const log = [];
  const rs = new ReadableStream();
  rs.pipeThrough({ get readable() { log.push("readable"); return new ReadableStream(); }, get writable() { log.push("writable"); return new WritableStream(); } },
    { get preventAbort() { log.push("preventAbort"); }, get preventCancel() { log.push("preventCancel"); }, get preventClose() { log.push("preventClose"); }, get signal() { log.push("signal"); } });
  assert_array_equals(log, ["readable", "writable", "preventAbort", "preventCancel", "preventClose", "signal"]);
}, "pipeThrough() should read the pair and the options in order");
test(() => {
  const rs = new ReadableStream();
  assert_throws_exactly(error1, () => rs.pipeThrough({ get readable() { throw error1; }, writable: new WritableStream() }));
  assert_throws_exactly(error1, () => rs.pipeThrough({ readable: new ReadableStream(), get writable() { throw error1; } }));
  assert_throws_exactly(error1, () => rs.pipeThrough(new TransformStream(), { get preventClose() { throw error1; } }));
  assert_false(rs.locked, "the stream stays unlocked");
}, "pipeThrough() should propagate errors from getters");
test(() => {
  const rs = new ReadableStream();
  const saved = ReadableStream.prototype.pipeTo;
  ReadableStream.prototype.pipeTo = () => assert_unreached("pipeTo called");
  try { rs.pipeThrough(new TransformStream()); } finally { ReadableStream.prototype.pipeTo = saved; }
}, "pipeThrough should not call pipeTo on this");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } });
  return readableStreamToArray(rs.pipeThrough(new TransformStream({ transform(chunk, c) { c.enqueue(chunk + chunk); } }))).then((chunks) => assert_array_equals(chunks, ["aa", "bb"]));
}, "Piping through a TransformStream");
promise_test((t) => {
  const rs = new ReadableStream({ start(c) { c.error(error1); } });
  const out = rs.pipeThrough(new TransformStream());
  return promise_rejects_exactly(t, error1, out.getReader().closed);
}, "pipeThrough: errors propagate through a TransformStream");

group("piping/then-interception+throwing-options");
promise_test(async (t) => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } });
  const ws = recordingWritableStream();
  Object.prototype.then = t.unreached_func("Object.prototype.then called");
  t.add_cleanup(() => { delete Object.prototype.then; });
  const p = rs.pipeTo(ws);
  delete Object.prototype.then;
  await p;
  assert_array_equals(ws.events, ["write", 1, "close"]);
}, "piping should not be observable");
promise_test(async (t) => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } });
  const ws = recordingWritableStream();
  const [branch1, branch2] = rs.tee();
  Object.prototype.then = t.unreached_func("Object.prototype.then called");
  t.add_cleanup(() => { delete Object.prototype.then; });
  const p = branch1.pipeTo(ws);
  delete Object.prototype.then;
  branch2.cancel();
  await p;
  assert_array_equals(ws.events, ["write", 1, "close"]);
}, "tee should not be observable");
for (const option of ["preventAbort", "preventCancel", "preventClose", "signal"]) {
  promise_test(async (t) => {
    const rs = new ReadableStream();
    const ws = new WritableStream();
    await promise_rejects_exactly(t, error1, rs.pipeTo(ws, { get [option]() { throw error1; } }), "pipeTo should reject");
    assert_false(rs.locked); assert_false(ws.locked);
  }, `pipeTo should stop after getting ${option} throws`);
  test(() => {
    const rs = new ReadableStream();
    assert_throws_exactly(error1, () => rs.pipeThrough(new TransformStream(), { get [option]() { throw error1; } }));
  }, `pipeThrough should stop after getting ${option} throws`);
}
promise_test(async (t) => {
  const rs = new ReadableStream();
  const ws = new WritableStream();
  await promise_rejects_js(t, TypeError, rs.pipeTo(ws, 1), "non-object options");
  await promise_rejects_js(t, TypeError, rs.pipeTo(ws, { signal: {} }), "fake signal");
}, "pipeTo options must be a dictionary with a real AbortSignal");

group("piping/transform-streams");
promise_test(() => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.enqueue("c"); c.close(); } });
  const ts = new TransformStream();
  const ws = new WritableStream();
  return rs.pipeThrough(ts).pipeTo(ws).then(() => {
    const writer = ws.getWriter();
    return writer.closed;
  });
}, "Piping through an identity transform stream should close the destination when the source closes");
promise_test(async () => {
  const chunks = [];
  await ReadableStream.from(["x", "y"]).pipeThrough(new TransformStream()).pipeThrough(new TransformStream({ transform(c, ctl) { ctl.enqueue(c.toUpperCase()); } })).pipeTo(new WritableStream({ write(c) { chunks.push(c); } }));
  assert_array_equals(chunks, ["X", "Y"]);
}, "Chaining transform streams");
// ---------------------------------------------------------------------------------------------
group("queuing-strategies");
for (const [QueuingStrategy, sizeLength, sizeOf] of [[CountQueuingStrategy, 0, () => 1], [ByteLengthQueuingStrategy, 1, (c) => c.byteLength]]) {
  const name = QueuingStrategy.name;
  test(() => { new QueuingStrategy({ highWaterMark: 4 }); }, `${name}: Can construct a with a valid high water mark`);
  test(() => {
    const highWaterMark = 1;
    const highWaterMarkObjectGetter = { get highWaterMark() { return highWaterMark; } };
    const error = new Error("wow!");
    const highWaterMarkObjectGetterThrowing = { get highWaterMark() { throw error; } };
    assert_throws_js(TypeError, () => new QueuingStrategy(), "construction fails with undefined");
    assert_throws_js(TypeError, () => new QueuingStrategy(null), "construction fails with null");
    assert_throws_js(TypeError, () => new QueuingStrategy(true), "construction fails with true");
    assert_throws_js(TypeError, () => new QueuingStrategy(5), "construction fails with 5");
    assert_throws_js(TypeError, () => new QueuingStrategy({}), "construction fails with {}");
    assert_throws_exactly(error, () => new QueuingStrategy(highWaterMarkObjectGetterThrowing), "construction fails with an object with a throwing highWaterMark getter");
    assert_equals(new QueuingStrategy(highWaterMarkObjectGetter).highWaterMark, 1);
    assert_throws_js(TypeError, () => QueuingStrategy({ highWaterMark: 1 }), "without new");
  }, `${name}: Constructor behaves as expected with strange arguments`);
  test(() => {
    for (const [input, output] of [[-Infinity, -Infinity], [-5, -5], [-0, -0], [+0, +0], [5, 5], [Infinity, Infinity], [null, 0], ["foo", NaN]]) {
      const strategy = new QueuingStrategy({ highWaterMark: input });
      assert_equals(strategy.highWaterMark, output, `${input} gets set correctly`);
    }
  }, `${name}: highWaterMark constructor values are converted per the unrestricted double rules`);
  test(() => {
    const size = new QueuingStrategy({ highWaterMark: 5 }).size;
    const chunk = { byteLength: 3 };
    assert_equals(size(chunk), sizeOf(chunk), "size returns the right value");
    assert_equals(size.call(undefined, chunk), sizeOf(chunk));
    assert_equals(size.length, sizeLength, "size.length");
    assert_equals(size.name, "size", "size.name");
    assert_false("prototype" in size, "size has no prototype");
    assert_throws_js(TypeError, () => new size(chunk), "size is not a constructor");
    assert_equals(new QueuingStrategy({ highWaterMark: 1 }).size, new QueuingStrategy({ highWaterMark: 2 }).size, "size is the same function across instances");
  }, `${name}: size is the same function across all instances / has the right name and length`);
  test(() => {
    const strategy = new QueuingStrategy({ highWaterMark: 4 });
    assert_array_equals(Object.getOwnPropertyNames(strategy), [], "no own properties");
    const proto = Object.getPrototypeOf(strategy);
    assert_equals(proto, QueuingStrategy.prototype);
    for (const n of ["highWaterMark", "size"]) {
      const d = Object.getOwnPropertyDescriptor(proto, n);
      assert_equals(typeof d.get, "function", n + " is a getter");
      assert_true(d.enumerable && d.configurable, n + " attributes");
      assert_equals(d.set, undefined);
      assert_throws_js(TypeError, () => d.get.call({}), n + " brand check");
    }
    assert_equals(proto[Symbol.toStringTag], name);
    assert_class_string(strategy, name);
    assert_equals(QueuingStrategy.length, 1);
  }, `${name}: instances have the correct properties`);
  test(() => {
    class SubClass extends QueuingStrategy {
      size() { return 2; }
      subClassMethod() { return true; }
    }
    const sc = new SubClass({ highWaterMark: 77 });
    assert_equals(sc.constructor.name, "SubClass", "constructor.name should be correct");
    assert_equals(sc.highWaterMark, 77, "highWaterMark should come from the parent class");
    assert_equals(sc.size(), 2, "size() on the subclass should override the parent");
    assert_true(sc.subClassMethod(), "subClassMethod() should work");
  }, `${name}: subclassing should work correctly`);
}
test(() => {
  const size = new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size;
  assert_throws_js(TypeError, () => size(), "size(undefined)");
  assert_throws_js(TypeError, () => size(null), "size(null)");
  assert_equals(size("potato"), undefined);
  assert_equals(size({}), undefined);
  assert_equals(size(new ArrayBuffer(5)), 5);
}, "ByteLengthQueuingStrategy size behaves as expected with strange arguments");
test(() => {
  const size = new CountQueuingStrategy({ highWaterMark: 1 }).size;
  assert_equals(size(), 1); assert_equals(size(null), 1); assert_equals(size("potato"), 1);
}, "CountQueuingStrategy size behaves as expected with strange arguments");

group("encoding/streams");
test(() => {
  const es = new TextEncoderStream();
  assert_equals(es.encoding, "utf-8");
  assert_equals(es.readable.constructor, ReadableStream); assert_equals(es.writable.constructor, WritableStream);
  assert_equals(es.readable, es.readable);
  assert_class_string(es, "TextEncoderStream");
  const ds = new TextDecoderStream("utf-16le", { fatal: true, ignoreBOM: true });
  assert_equals(ds.encoding, "utf-16le"); assert_true(ds.fatal); assert_true(ds.ignoreBOM);
  assert_class_string(ds, "TextDecoderStream");
  assert_throws_js(RangeError, () => new TextDecoderStream("nonsense"), "bad label");
  assert_throws_js(TypeError, () => TextEncoderStream(), "without new");
  assert_equals(TextDecoderStream.length, 0); assert_equals(TextEncoderStream.length, 0);
  assert_array_equals(Object.getOwnPropertyNames(TextDecoderStream.prototype).sort(), ["constructor", "encoding", "fatal", "ignoreBOM", "readable", "writable"]);
  assert_array_equals(Object.getOwnPropertyNames(TextEncoderStream.prototype).sort(), ["constructor", "encoding", "readable", "writable"]);
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(TextEncoderStream.prototype, "readable").get.call({}), "brand check");
}, "TextEncoderStream / TextDecoderStream shapes");
async function pipeChunks(ts, chunks) {
  const writer = ts.writable.getWriter();
  for (const c of chunks) writer.write(c).catch(() => {});
  writer.close().catch(() => {});
  return readableStreamToArray(ts.readable);
}
promise_test(async () => {
  const out = await pipeChunks(new TextEncoderStream(), ["a", "", "\u00e9", "\uD83D", "\uDE00", "x\uD800"]);
  const bytes = out.flatMap((c) => Array.from(c));
  assert_true(out.every((c) => c.constructor === Uint8Array), "chunks are Uint8Arrays");
  assert_array_equals(bytes, [0x61, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0x78, 0xEF, 0xBF, 0xBD]);
}, "TextEncoderStream encodes, joins surrogate pairs across chunks and flushes a lone lead surrogate as U+FFFD");
promise_test(async () => {
  const out = await pipeChunks(new TextEncoderStream(), ["\uD83D", "a"]);
  assert_array_equals(out.flatMap((c) => Array.from(c)), [0xEF, 0xBF, 0xBD, 0x61]);
}, "TextEncoderStream: a lead surrogate followed by a non-trail becomes U+FFFD");
promise_test(async () => {
  const out = await pipeChunks(new TextEncoderStream(), [1, null, { toString() { return "z"; } }]);
  assert_array_equals(out.flatMap((c) => Array.from(c)), [0x31, 0x6E, 0x75, 0x6C, 0x6C, 0x7A]);
}, "TextEncoderStream converts chunks with ToString");
promise_test(async (t) => {
  const ts = new TextEncoderStream();
  ts.readable.getReader().read().catch(() => {});
  const writer = ts.writable.getWriter();
  const p = writer.write(Symbol());
  await promise_rejects_js(t, TypeError, p);
}, "TextEncoderStream: a Symbol chunk errors the stream");
promise_test(async () => {
  const out = await pipeChunks(new TextDecoderStream(), [new Uint8Array([0xEF, 0xBB]), new Uint8Array([0xBF, 0x61, 0xF0, 0x9F]), new Uint8Array([0x98, 0x80]).buffer, new DataView(new Uint8Array([0x62]).buffer)]);
  assert_equals(out.join(""), "a\u{1F600}b");
}, "TextDecoderStream decodes across chunk boundaries, drops the BOM and accepts any BufferSource");
promise_test(async () => {
  const out = await pipeChunks(new TextDecoderStream(), [new Uint8Array([0x61, 0xE2, 0x82])]);
  assert_equals(out.join(""), "a\uFFFD");
}, "TextDecoderStream flushes an incomplete sequence as U+FFFD");
promise_test(async (t) => {
  const ts = new TextDecoderStream("utf-8", { fatal: true });
  const writer = ts.writable.getWriter();
  writer.write(new Uint8Array([0xFF])).catch(() => {});
  const reader = ts.readable.getReader();
  reader.read().catch(() => {});
  await promise_rejects_js(t, TypeError, reader.closed);
}, "TextDecoderStream fatal errors the stream with a TypeError");
promise_test(async (t) => {
  const ts = new TextDecoderStream();
  ts.readable.getReader().read().catch(() => {});
  const writer = ts.writable.getWriter();
  await promise_rejects_js(t, TypeError, writer.write("not bytes"));
}, "TextDecoderStream rejects non-BufferSource chunks");
promise_test(async () => {
  const out = await pipeChunks(new TextDecoderStream("utf-16le"), [new Uint8Array([0x61]), new Uint8Array([0x00, 0x62, 0x00])]);
  assert_equals(out.join(""), "ab");
}, "TextDecoderStream with utf-16le");
promise_test(async () => {
  const text = await readableStreamToArray(ReadableStream.from(["h\u00e9llo ", "w\u00f6rld"]).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()));
  assert_equals(text.join(""), "h\u00e9llo w\u00f6rld");
}, "TextEncoderStream piped into TextDecoderStream round-trips");

group("misc/patched-globals");
promise_test(async (t) => {
  const saved = { then: Promise.prototype.then, resolve: Promise.resolve, all: Promise.all };
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); } });
  const out = [];
  const ws = new WritableStream({ write(c) { out.push(c); } });
  Promise.all = t.unreached_func("Promise.all");
  Promise.resolve = t.unreached_func("Promise.resolve");
  t.add_cleanup(() => Object.assign(Promise, { resolve: saved.resolve, all: saved.all }));
  const ac = new AbortController();
  const p = rs.pipeTo(ws, { signal: ac.signal });
  Promise.all = saved.all; Promise.resolve = saved.resolve;
  await p;
  assert_array_equals(out, ["a"]);
}, "pipeTo does not use Promise.all / Promise.resolve from the global");
promise_test(async (t) => {
  const saved = Array.prototype.push;
  Array.prototype.push = t.unreached_func("Array.prototype.push");
  let chunks;
  try {
    const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } });
    const [a, b] = rs.tee();
    const reader = a.getReader();
    chunks = [(await reader.read()).value, (await reader.read()).value];
  } finally {
    Array.prototype.push = saved;
  }
  assert_array_equals(chunks, [1, 2]);
}, "streams keep working with a patched Array.prototype.push");
promise_test(async (t) => {
  const saved = Function.prototype.call;
  const rs = new ReadableStream({ pull(c) { c.enqueue("x"); c.close(); } });
  Function.prototype.call = t.unreached_func("Function.prototype.call");
  let r;
  try { r = await rs.getReader().read(); } finally { Function.prototype.call = saved; }
  assert_equals(r.value, "x");
}, "streams keep working with a patched Function.prototype.call");
// ---------------------------------------------------------------------------------------------
async function runAll() {
  let passed = 0;
  let failed = 0;
  for (const entry of tests) {
    const t = new Test();
    let error = null;
    try {
      if (entry.async) {
        let timer;
        const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new AssertionError("timed out")), 3000); });
        try {
          await Promise.race([Promise.resolve().then(() => entry.fn(t)), timeout]);
        } finally {
          clearTimeout(timer);
        }
        await delay(0);
      } else {
        entry.fn(t);
      }
    } catch (e) {
      error = e;
    }
    for (const cleanup of t.cleanups.reverse()) {
      try { cleanup(); } catch (e) { if (error === null) error = e; }
    }
    if (error === null && t.failure !== null) error = t.failure;
    if (error === null) {
      passed++;
      console.log(`ok ${entry.name}`);
    } else {
      failed++;
      console.log(`not ok ${entry.name}: ${error && error.message !== undefined ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
}
await runAll();
