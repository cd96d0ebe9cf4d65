import Foundation
import NanoEngine

/// The runtime's JavaScript, one folder per web API under JS/, evaluated into
/// the startup snapshot in this order (later scripts use what earlier ones
/// put on `nano`).
enum RuntimeScripts {
    static let order = [
        "core/core.js",
        "webidl/webidl.js",
        "dom_exception/dom_exception.js",
        "console/console.js",
        "event/event.js",
        "core/report.js",
        "timers/timers.js",
        "performance/performance.js",
        "navigator/navigator.js",
        "crypto/crypto.js",
        "crypto/der.js",
        "crypto/aes.js",
        "crypto/ec.js",
        "crypto/rsa.js",
        "abort/abort.js",
        "encoding/encoding.js",
        "streams/queuing.js",
        "streams/writable.js",
        "streams/readable.js",
        "streams/transform.js",
        "streams/text_streams.js",
        "streams/compression.js",
        "base64/base64.js",
        "url/idna.js",
        "url/url.js",
        "fetch/headers.js",
        "fetch/body.js",
        "fetch/request.js",
        "fetch/response.js",
        "file/blob.js",
        "file/form_data.js",
        "fetch/data_url.js",
        "fetch/fetch.js",
        "structured_clone/structured_clone.js",
        "serve/dispatch.js",
        "serve/warmup.js",
    ]

    static func load() throws -> [RuntimeScript] {
        guard let base = Bundle.module.resourceURL?.appendingPathComponent("JS") else {
            throw RuntimeSetupError("the runtime's JavaScript resources are missing from the bundle")
        }
        return try order.map { path in
            let url = base.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw RuntimeSetupError("cannot read runtime script \(url.path)")
            }
            return RuntimeScript(name: "nano:runtime/\(path)", source: String(decoding: data, as: UTF8.self))
        }
    }
}

public struct RuntimeSetupError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
