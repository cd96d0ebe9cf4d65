// `navigator` with `userAgent` ("NANO/<version>"), as ECMA-429 asks of
// server runtimes, plus `hardwareConcurrency` as Workers and Deno have it.
(function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const ObjectDefineProperty = Object.defineProperty;
  const kInternal = Symbol("Navigator.internal");
  const userAgent = "NANO/" + nano.version;

  class Navigator {
    constructor(token) {
      if (token !== kInternal) throw webidl.illegalConstructor();
    }
    get userAgent() {
      if (!(this instanceof Navigator)) throw webidl.illegalInvocation();
      return userAgent;
    }
    get hardwareConcurrency() {
      if (!(this instanceof Navigator)) throw webidl.illegalInvocation();
      return nano.ops.hardwareConcurrency();
    }
  }
  webidl.configureInterface(Navigator);

  const navigator = new Navigator(kInternal);
  nano.defineGlobal("Navigator", Navigator);
  ObjectDefineProperty(global, "navigator", {
    get() { return navigator; },
    enumerable: true,
    configurable: true,
  });
});
