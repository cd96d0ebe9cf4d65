// NANO runtime: Streams Standard part 5 of 5: TextEncoderStream and TextDecoderStream
// (https://encoding.spec.whatwg.org/#interface-mixin-genericTransformStream), on top of the
// TextEncoder / TextDecoder of encoding.js.
(function (nano, global) {
  "use strict";
  nano.defineLazyGlobal("TextEncoderStream", "text_streams");
  nano.defineLazyGlobal("TextDecoderStream", "text_streams");
  // The body runs on first use (nano.load("text_streams")), see core/core.js.
  nano.lazy("text_streams", function (nano, global) {
  "use strict";
  nano.load("transform");  // createTransformStream and friends on nano.streams
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const uncurryThis = webidl.uncurryThis;
  const streams = nano.streams;
  const { createTransformStream, transformEnqueue, transformReadable, transformWritable } = streams;
  const encoding = nano.encoding;
  const encodeUTF8 = encoding.encodeUTF8;
  const TextDecoder = encoding.TextDecoder;
  const TextDecoderPrototypeDecode = uncurryThis(TextDecoder.prototype.decode);
  const getter = (name) => uncurryThis(Object.getOwnPropertyDescriptor(TextDecoder.prototype, name).get);
  const TextDecoderEncoding = getter("encoding");
  const TextDecoderFatal = getter("fatal");
  const TextDecoderIgnoreBOM = getter("ignoreBOM");
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const Uint8ArrayCtor = Uint8Array;
  const STREAM = { __proto__: null, stream: true };
  const FLUSH = { __proto__: null, stream: false };

  function isObj(o) { return typeof o === "object" && o !== null; }

  let encoderState;
  class TextEncoderStream {
    #transform;
    #pending = ""; // a leading surrogate held back from the previous chunk
    constructor() {
      this.#transform = createTransformStream((chunk, controller) => {
        let input = this.#pending + converters.DOMString(chunk);
        this.#pending = "";
        const last = input.length > 0 ? StringPrototypeCharCodeAt(input, input.length - 1) : 0;
        if (last >= 0xD800 && last <= 0xDBFF) {
          this.#pending = StringPrototypeSlice(input, input.length - 1);
          input = StringPrototypeSlice(input, 0, input.length - 1);
        }
        if (input.length > 0) transformEnqueue(controller, encodeUTF8(input));
      }, (controller) => {
        if (this.#pending !== "") transformEnqueue(controller, new Uint8ArrayCtor([0xEF, 0xBF, 0xBD]));
      });
    }
    get encoding() {
      encoderState(this);
      return "utf-8";
    }
    get readable() {
      return transformReadable(encoderState(this));
    }
    get writable() {
      return transformWritable(encoderState(this));
    }
    static {
      encoderState = (o) => {
        if (isObj(o) && #transform in o) return o.#transform;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(TextEncoderStream);

  let decoderState;
  class TextDecoderStream {
    #decoder;
    #transform;
    constructor(label = "utf-8", options = undefined) {
      const decoder = new TextDecoder(label, options);
      this.#decoder = decoder;
      this.#transform = createTransformStream((chunk, controller) => {
        const input = converters.AllowSharedBufferSource(chunk, "Failed to execute 'transform' on 'TextDecoderStream'", "chunk");
        const output = TextDecoderPrototypeDecode(decoder, input, STREAM);
        if (output !== "") transformEnqueue(controller, output);
      }, (controller) => {
        const output = TextDecoderPrototypeDecode(decoder, undefined, FLUSH);
        if (output !== "") transformEnqueue(controller, output);
      });
    }
    get encoding() {
      return TextDecoderEncoding(decoderState(this).#decoder);
    }
    get fatal() {
      return TextDecoderFatal(decoderState(this).#decoder);
    }
    get ignoreBOM() {
      return TextDecoderIgnoreBOM(decoderState(this).#decoder);
    }
    get readable() {
      return transformReadable(decoderState(this).#transform);
    }
    get writable() {
      return transformWritable(decoderState(this).#transform);
    }
    static {
      decoderState = (o) => {
        if (isObj(o) && #decoder in o) return o;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(TextDecoderStream);

  streams.TextEncoderStream = TextEncoderStream;
  streams.TextDecoderStream = TextDecoderStream;
  nano.defineGlobal("TextEncoderStream", TextEncoderStream);
  nano.defineGlobal("TextDecoderStream", TextDecoderStream);
  });
});
