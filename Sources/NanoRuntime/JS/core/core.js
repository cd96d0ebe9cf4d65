// The first runtime script: helpers every later runtime script uses.
(function (nano, global) {
  "use strict";
  const ObjectDefineProperty = Object.defineProperty;

  // NANO's version, as navigator.userAgent shows it ("NANO/<version>").
  nano.version = "0.1.0";

  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const TypeErrorCtor = TypeError;

  // Web APIs are installed as the WebIDL spec installs interface members on
  // the global: writable, configurable, not enumerable. A global that was
  // lazy (below) is installed only if the app left it alone meanwhile: an
  // app that assigned or deleted `Blob` keeps what it made.
  nano.defineGlobal = function defineGlobal(name, value) {
    const getter = lazyGetters[name];
    if (getter !== undefined) {
      lazyGetters[name] = undefined;
      const current = ObjectGetOwnPropertyDescriptor(global, name);
      if (current === undefined || current.get !== getter) return;
    }
    ObjectDefineProperty(global, name, {
      value,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  };

  // Lazy parts. What few apps use (Web Crypto's SubtleCrypto, Blob and
  // FormData, WritableStream and TransformStream, compression and text
  // streams, IDNA tables, structuredClone, data: URLs, legacy text decoders,
  // console's inspect) is not run while the snapshot is built: its script
  // only registers its body with nano.lazy, which V8 keeps as a preparsed,
  // uncompiled function. Every isolate is then made without those objects
  // (a third of a millisecond less) and runs the body in its own context
  // the first time the app reaches for one of them (nano.load).
  //
  // The cost of that: a lazy part captures the built-ins it uses
  // (Array.prototype.push and the like) when it loads, not at start-up, so
  // an app that replaced one of them before first using, say, Blob gets a
  // Blob built on its replacement. That stays within the app's own isolate.
  const lazyParts = { __proto__: null };  // name -> [init, ...]; null once loaded
  const lazyGetters = { __proto__: null };  // global name -> its lazy getter, until installed

  nano.lazy = function lazy(name, init) {
    const list = lazyParts[name];
    if (list === undefined) lazyParts[name] = [init];
    else list[list.length] = init;
  };

  nano.load = function load(name) {
    const list = lazyParts[name];
    if (list === null) return;
    if (list === undefined) throw new TypeErrorCtor(`NANO runtime: no lazy part named "${name}"`);
    lazyParts[name] = null;
    for (let i = 0; i < list.length; i++) list[i](nano, global);
  };

  // A global that loads its part when first read. Until then it is an
  // accessor (the one place where a lazy part shows: its property
  // descriptor); reading, assigning or deleting it behaves as for the data
  // property it becomes.
  nano.defineLazyGlobal = function defineLazyGlobal(name, part) {
    const accessors = {
      get [name]() {
        nano.load(part);
        const installed = ObjectGetOwnPropertyDescriptor(global, name);
        return installed !== undefined && "value" in installed ? installed.value : undefined;
      },
      set [name](value) {
        ObjectDefineProperty(global, name, { value, writable: true, enumerable: false, configurable: true });
      },
    };
    const descriptor = ObjectGetOwnPropertyDescriptor(accessors, name);
    lazyGetters[name] = descriptor.get;
    ObjectDefineProperty(global, name, {
      get: descriptor.get,
      set: descriptor.set,
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
