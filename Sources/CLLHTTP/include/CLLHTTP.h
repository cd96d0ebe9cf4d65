// llhttp, the HTTP/1.1 parser of Node.js (MIT, see LICENSE), as SwiftNIO
// ships it (Sources/CNIOLLHTTP) with its symbols prefixed `nano_` instead of
// `c_nio_`, so that both copies link into one binary.
//
// Why NANO has its own copy: NIO's HTTPRequestDecoder wraps the same parser
// in a ByteToMessageDecoder that builds an HTTPRequestHead (a String per
// header name and value) and passes every part through the pipeline as
// NIOAny. Measured on a hello-world request, that wrapping cost 2.3 µs of
// CPU, more than the bare NIO transport (1.9 µs). NANO's front drives llhttp
// directly on the bytes it read (Sources/NanoServer/HTTP/RequestParser.swift):
// the same parser, hardened and fuzzed upstream, without the wrapping.
#ifndef NANO_CLLHTTP_H
#define NANO_CLLHTTP_H

#include "nano_llhttp.h"

static inline nano_llhttp_errno_t nano_llhttp_execute_bytes(nano_llhttp_t *parser, const void *data, size_t length) {
    return nano_llhttp_execute(parser, (const char *)data, length);
}

#endif
