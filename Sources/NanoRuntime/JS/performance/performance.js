// High Resolution Time: `performance` (a Performance, which is an
// EventTarget), `performance.now()`, `performance.timeOrigin`, `toJSON()`.
// The time origin is the isolate's start (the host's clock, not the
// snapshot's), and now() is coarsened to whole milliseconds: NANO shares a
// process between tenants, and a fine clock helps timing side channels
// (ARCHITECTURE.md, "Security posture").
(function (nano, global) {
  "use strict";
  const ops = nano.ops;
  const webidl = nano.webidl;
  const MathFloor = Math.floor;
  const ObjectDefineProperty = Object.defineProperty;
  const EventTargetCtor = global.EventTarget;
  const kInternal = Symbol("Performance.internal");

  class Performance extends EventTargetCtor {
    constructor(token) {
      if (token !== kInternal) throw webidl.illegalConstructor();
      super();
    }
    now() {
      if (!(this instanceof Performance)) throw webidl.illegalInvocation();
      return MathFloor(ops.performanceNow());
    }
    get timeOrigin() {
      if (!(this instanceof Performance)) throw webidl.illegalInvocation();
      return ops.timeOrigin();
    }
    toJSON() {
      if (!(this instanceof Performance)) throw webidl.illegalInvocation();
      return { timeOrigin: this.timeOrigin };
    }
  }
  webidl.configureInterface(Performance);

  const performance = new Performance(kInternal);
  nano.performanceNow = () => ops.performanceNow();
  nano.defineGlobal("Performance", Performance);
  // `[Replaceable] readonly attribute Performance performance` on the global.
  ObjectDefineProperty(global, "performance", {
    get() { return performance; },
    set(value) { ObjectDefineProperty(global, "performance", { value, writable: true, configurable: true, enumerable: true }); },
    enumerable: true,
    configurable: true,
  });
});
