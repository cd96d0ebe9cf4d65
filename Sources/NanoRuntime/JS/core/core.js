// The first runtime script: helpers every later runtime script uses.
(function (nano, global) {
  "use strict";
  const ObjectDefineProperty = Object.defineProperty;

  // NANO's version, as navigator.userAgent shows it ("NANO/<version>").
  nano.version = "0.1.0";

  // Web APIs are installed as the WebIDL spec installs interface members on
  // the global: writable, configurable, not enumerable.
  nano.defineGlobal = function defineGlobal(name, value) {
    ObjectDefineProperty(global, name, {
      value,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  };

  // The zero-copy detach-and-move the streams' byte queues use.
  nano.transferArrayBuffer = nano.v8.transferArrayBuffer;

  // `self` is the global object, as in workers (WinterTC / ECMA-429).
  ObjectDefineProperty(global, "self", {
    get() { return global; },
    set(value) { ObjectDefineProperty(global, "self", { value, writable: true, configurable: true, enumerable: true }); },
    enumerable: true,
    configurable: true,
  });
});
