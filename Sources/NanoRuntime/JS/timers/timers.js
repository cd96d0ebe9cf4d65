// setTimeout / setInterval / clearTimeout / clearInterval / queueMicrotask,
// following the HTML "timer initialisation steps". The host keeps the clock
// and the queue (ops.timerStart / ops.timerCancel) and calls
// nano.hooks.fireTimer(id) when a timer is due, one timer per macrotask.
(function (nano, global) {
  "use strict";
  const ops = nano.ops;
  const MapCtor = Map;
  const MapGet = Map.prototype.get;
  const MapSet = Map.prototype.set;
  const MapHas = Map.prototype.has;
  const MapDelete = Map.prototype.delete;
  const ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const PromiseThen = Promise.prototype.then;
  const indirectEval = eval;

  const active = new MapCtor(); // id -> { handler, args, repeat, timeout, nesting }
  let nextId = 1;
  // The timer nesting level of the task running now (0 when it is not a timer).
  let runningNesting = 0;

  // WebIDL `long`: ToNumber, then ToInt32.
  function toLong(value) {
    const n = +value;
    return n | 0;
  }

  function start(id, timer) {
    let timeout = timer.timeout < 0 ? 0 : timer.timeout;
    // "If nesting level is greater than 5, and timeout is less than 4, then
    // set timeout to 4." (HTML §8.6)
    if (timer.nesting > 5 && timeout < 4) timeout = 4;
    timer.nesting += 1;
    ops.timerStart(id, timeout);
  }

  function initialize(handler, timeout, args, repeat) {
    if (typeof handler !== "function") {
      // The spec compiles a string handler as a script; that obeys the
      // isolate's code-generation policy like eval does.
      const code = "" + handler;
      handler = function () { return indirectEval(code); };
    }
    const id = nextId++;
    const timer = { handler, args, repeat, timeout: toLong(timeout), nesting: runningNesting };
    ReflectApply(MapSet, active, [id, timer]);
    start(id, timer);
    return id;
  }

  function clear(id) {
    id = toLong(id);
    if (ReflectApply(MapHas, active, [id])) {
      ReflectApply(MapDelete, active, [id]);
      ops.timerCancel(id);
    }
  }

  function setTimeout(handler, timeout = 0, ...args) {
    return initialize(handler, timeout, args, false);
  }
  function setInterval(handler, timeout = 0, ...args) {
    return initialize(handler, timeout, args, true);
  }
  function clearTimeout(id = 0) { clear(id); }
  function clearInterval(id = 0) { clear(id); }

  function queueMicrotask(callback) {
    if (typeof callback !== "function") {
      throw new TypeErrorCtor("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
    }
    // An exception is reported (the global's `error` event), not turned
    // into a rejected promise.
    ReflectApply(PromiseThen, PromiseResolve(undefined), [() => {
      try {
        callback();
      } catch (error) {
        nano.reportError(error);
      }
    }]);
  }

  nano.hooks.fireTimer = function fireTimer(id) {
    const timer = ReflectApply(MapGet, active, [id]);
    if (timer === undefined) return;
    if (!timer.repeat) ReflectApply(MapDelete, active, [id]);
    runningNesting = timer.nesting;
    try {
      ReflectApply(timer.handler, global, timer.args);
    } catch (error) {
      // HTML "report an exception": the global's `error` event first.
      nano.reportError(error);
    } finally {
      runningNesting = 0;
      // An interval re-arms itself unless its callback cleared it.
      if (timer.repeat && ReflectApply(MapGet, active, [id]) === timer) start(id, timer);
    }
  };

  nano.defineGlobal("setTimeout", setTimeout);
  nano.defineGlobal("setInterval", setInterval);
  nano.defineGlobal("clearTimeout", clearTimeout);
  nano.defineGlobal("clearInterval", clearInterval);
  nano.defineGlobal("queueMicrotask", queueMicrotask);
});
