// NANO runtime: DOMException (https://webidl.spec.whatwg.org/#idl-DOMException).
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
//
// [Exposed=*, Serializable]
// interface DOMException {
//   constructor(optional DOMString message = "",
//               optional (DOMExceptionOptions or DOMString) options = {});
//   readonly attribute DOMString name;
//   readonly attribute DOMString message;
//   readonly attribute unsigned short code;
//   readonly attribute any cause;
//   const unsigned short INDEX_SIZE_ERR = 1; ... DATA_CLONE_ERR = 25;
// };
// dictionary DOMExceptionOptions { any cause; DOMString name = "Error"; };
// The interface prototype object's [[Prototype]] is %Error.prototype%; the
// interface object's [[Prototype]] stays %Function.prototype%.
(function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const ObjectFreeze = Object.freeze;
  const ErrorPrototype = Error.prototype;
  const ErrorCaptureStackTrace = Error.captureStackTrace;
  const TypeErrorCtor = TypeError;
  const MapCtor = Map;
  const MapPrototypeGet = webidl.uncurryThis(Map.prototype.get);
  const MapPrototypeSet = webidl.uncurryThis(Map.prototype.set);

  // The error names table: name -> legacy code (names not listed have code 0).
  const legacyCodes = new MapCtor();
  const table = [
    ["IndexSizeError", 1],
    ["HierarchyRequestError", 3],
    ["WrongDocumentError", 4],
    ["InvalidCharacterError", 5],
    ["NoModificationAllowedError", 7],
    ["NotFoundError", 8],
    ["NotSupportedError", 9],
    ["InUseAttributeError", 10],
    ["InvalidStateError", 11],
    ["SyntaxError", 12],
    ["InvalidModificationError", 13],
    ["NamespaceError", 14],
    ["InvalidAccessError", 15],
    ["TypeMismatchError", 17],
    ["SecurityError", 18],
    ["NetworkError", 19],
    ["AbortError", 20],
    ["URLMismatchError", 21],
    ["QuotaExceededError", 22],
    ["TimeoutError", 23],
    ["InvalidNodeTypeError", 24],
    ["DataCloneError", 25],
  ];
  for (let i = 0; i < table.length; i++) MapPrototypeSet(legacyCodes, table[i][0], table[i][1]);

  const convertOptions = webidl.createDictionaryConverter("DOMExceptionOptions", [
    { key: "cause", converter: converters.any },
    { key: "name", converter: converters.DOMString, defaultValue: "Error" },
  ]);

  let isDOMException;
  let nameAndMessage;

  class DOMException {
    #message;
    #name;
    #cause;

    constructor(message = "", options = undefined) {
      const prefix = "Failed to construct 'DOMException'";
      message = converters.DOMString(message, prefix, "parameter 1");
      let name = "Error";
      let cause;
      // (DOMExceptionOptions or DOMString): undefined, null and objects are the dictionary.
      if (options === undefined || options === null || typeof options === "object" || typeof options === "function") {
        const dict = convertOptions(options, prefix, "parameter 2");
        name = dict.name;
        cause = dict.cause;
      } else {
        name = converters.DOMString(options, prefix, "parameter 2");
      }
      this.#message = message;
      this.#name = name;
      this.#cause = cause;
      // An own `stack`, as V8 gives Error objects (header from name and message).
      if (ErrorCaptureStackTrace !== undefined) ErrorCaptureStackTrace(this, DOMException);
    }

    get name() {
      if (!isDOMException(this)) throw webidl.illegalInvocation();
      return this.#name;
    }

    get message() {
      if (!isDOMException(this)) throw webidl.illegalInvocation();
      return this.#message;
    }

    get cause() {
      if (!isDOMException(this)) throw webidl.illegalInvocation();
      return this.#cause;
    }

    get code() {
      if (!isDOMException(this)) throw webidl.illegalInvocation();
      const code = MapPrototypeGet(legacyCodes, this.#name);
      return code === undefined ? 0 : code;
    }

    static {
      isDOMException = (o) => typeof o === "object" && o !== null && #name in o;
      nameAndMessage = (o) => ({ name: o.#name, message: o.#message });
    }
  }

  ObjectSetPrototypeOf(DOMException.prototype, ErrorPrototype);
  webidl.configureInterface(DOMException);
  webidl.defineConstants(DOMException, {
    INDEX_SIZE_ERR: 1,
    DOMSTRING_SIZE_ERR: 2,
    HIERARCHY_REQUEST_ERR: 3,
    WRONG_DOCUMENT_ERR: 4,
    INVALID_CHARACTER_ERR: 5,
    NO_DATA_ALLOWED_ERR: 6,
    NO_MODIFICATION_ALLOWED_ERR: 7,
    NOT_FOUND_ERR: 8,
    NOT_SUPPORTED_ERR: 9,
    INUSE_ATTRIBUTE_ERR: 10,
    INVALID_STATE_ERR: 11,
    SYNTAX_ERR: 12,
    INVALID_MODIFICATION_ERR: 13,
    NAMESPACE_ERR: 14,
    INVALID_ACCESS_ERR: 15,
    VALIDATION_ERR: 16,
    TYPE_MISMATCH_ERR: 17,
    SECURITY_ERR: 18,
    NETWORK_ERR: 19,
    ABORT_ERR: 20,
    URL_MISMATCH_ERR: 21,
    QUOTA_EXCEEDED_ERR: 22,
    TIMEOUT_ERR: 23,
    INVALID_NODE_TYPE_ERR: 24,
    DATA_CLONE_ERR: 25,
  });

  // For other runtime files: the class, a brand check, and a shortcut.
  nano.DOMException = DOMException;
  nano.isDOMException = isDOMException;
  // nano.createDOMException(message, name) === new DOMException(message, name)
  nano.createDOMException = function createDOMException(message, name) {
    return new DOMException(message, name);
  };
  // nano.serializeDOMException(e) -> { name, message } | throws TypeError; for structuredClone.
  nano.serializeDOMException = function serializeDOMException(e) {
    if (!isDOMException(e)) throw new TypeErrorCtor("not a DOMException");
    return ObjectFreeze(nameAndMessage(e));
  };
  nano.defineGlobal("DOMException", DOMException);
});
