import Foundation
import NanoRuntime

/// `nano.json`: where to listen and which apps to serve.
///
/// ```json
/// { "listen": "127.0.0.1:8080",
///   "limits": { "maxBodyMB": 100, "idleIsolateSeconds": 300, "maxIsolates": 2000 },
///   "apps": [ { "name": "hello", "module": "hello/index.js",
///               "routes": ["hello.example.com/*", "*/api/*"],
///               "env": { "GREETING": "hi" },
///               "limits": { "memoryMB": 128, "cpuMs": 50 } } ] }
/// ```
/// Paths are relative to the config file. An unknown key is an error that
/// names it, so a typo never silently changes what runs.
public struct ServerConfig: Sendable {
    public var listen: ListenAddress
    public var http: HTTPLimits
    public var isolates: IsolateLimits
    public var apps: [AppConfig]

    public init(listen: ListenAddress, http: HTTPLimits = HTTPLimits(), isolates: IsolateLimits = IsolateLimits(),
                apps: [AppConfig]) {
        self.listen = listen
        self.http = http
        self.isolates = isolates
        self.apps = apps
    }
}

/// How many app isolates the process keeps, and for how long: an isolate
/// with no request for `idleSeconds` is disposed; beyond `maxLive` isolates,
/// or `maxMemoryBytes` of heap and ArrayBuffers over all of them, the least
/// recently used are. A disposed app starts again (from the snapshot) on its
/// next request. Each event loop keeps its share (the totals divided by the
/// number of loops).
public struct IsolateLimits: Sendable, Equatable {
    public var idleSeconds = 300
    public var maxLive = 2000
    public var maxMemoryBytes = 8 * 1024 * 1024 * 1024
    public init() {}
}

public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// "HOST:PORT" or "[V6]:PORT".
    public init(parsing text: String) throws {
        let host: Substring
        let port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw ConfigError("listen \"\(text)\": expected [ADDRESS]:PORT") }
            port = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        } else {
            throw ConfigError("listen \"\(text)\": expected HOST:PORT, e.g. \"127.0.0.1:8080\"")
        }
        guard let number = Int(port), (0...65535).contains(number), !host.isEmpty else {
            throw ConfigError("listen \"\(text)\": expected HOST:PORT with a port from 0 to 65535")
        }
        self.host = String(host)
        self.port = number
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Limits of the HTTP front, the same for every app.
public struct HTTPLimits: Sendable {
    public var maxBodyBytes = 100 * 1024 * 1024
    public var maxURLBytes = 16 * 1024
    public var maxHeaderBytes = 128 * 1024
    public init() {}
}

public struct AppConfig: Sendable {
    public var name: String
    /// Absolute path of the entry module.
    public var module: URL
    public var routes: [RoutePattern]
    public var env: [(name: String, value: String)]
    /// Like env, but their values are redacted in everything NANO writes.
    public var secrets: [(name: String, value: String)]
    public var memoryMB: Int
    public var cpuMs: Int
    /// CPU time of the module's top-level code.
    public var startupCpuMs: Int
    /// Wall-clock cap on a request's response.
    public var requestMs: Int
    /// Wall-clock cap on ctx.waitUntil work after a response.
    public var waitUntilMs: Int
    /// eval() / new Function() at request time (for libraries that need it).
    public var allowEval: Bool
    /// WebAssembly compiled from bytes.
    public var allowWasm: Bool
    /// fetch() to loopback, private and link-local addresses.
    public var allowPrivateNetwork: Bool
    /// fetch() calls per request.
    public var subrequests: Int

    public init(name: String, module: URL, routes: [RoutePattern], env: [(name: String, value: String)] = [],
                secrets: [(name: String, value: String)] = [],
                memoryMB: Int = 128, cpuMs: Int = 50, startupCpuMs: Int = 1000, requestMs: Int = 30_000,
                waitUntilMs: Int = 30_000,
                allowEval: Bool = false, allowWasm: Bool = false, allowPrivateNetwork: Bool = false,
                subrequests: Int = 50) {
        self.name = name
        self.module = module
        self.routes = routes
        self.env = env
        self.memoryMB = memoryMB
        self.cpuMs = cpuMs
        self.waitUntilMs = waitUntilMs
        self.requestMs = requestMs
        self.startupCpuMs = startupCpuMs
        self.secrets = secrets
        self.allowEval = allowEval
        self.allowWasm = allowWasm
        self.allowPrivateNetwork = allowPrivateNetwork
        self.subrequests = subrequests
    }

    /// What its isolates run under.
    public var limits: AppLimits {
        AppLimits(memoryBytes: memoryMB << 20, cpuMilliseconds: cpuMs, startupCPUMilliseconds: startupCpuMs,
                  requestMilliseconds: requestMs,
                  waitUntilMilliseconds: waitUntilMs,
                  allowEval: allowEval, allowWasm: allowWasm,
                  fetch: FetchLimits(subrequestsPerRequest: subrequests, allowPrivateNetwork: allowPrivateNetwork))
    }
}

public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension ServerConfig {
    /// Reads and validates a config file.
    public static func load(path: String) throws -> ServerConfig {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigError("\(url.path): cannot read the config file")
        }
        do {
            return try parse(data, relativeTo: url.deletingLastPathComponent())
        } catch let error as ConfigError {
            throw ConfigError("\(url.path): \(error.description)")
        }
    }

    /// Parses config JSON; module paths resolve against `base`.
    public static func parse(_ data: Data, relativeTo base: URL) throws -> ServerConfig {
        let base = URL(fileURLWithPath: base.path, isDirectory: true)
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw ConfigError("invalid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)")
        }
        let top = try JSONObject(root, at: "the config")
        try top.allowOnly(["listen", "limits", "apps"])
        let listen = try ListenAddress(parsing: top.string("listen") ?? "127.0.0.1:8080")
        var http = HTTPLimits()
        var isolates = IsolateLimits()
        // The seed's env limits: 64 vars (env and secrets together) of 5 KB.
        var maxEnvVars = 64
        var maxEnvVarBytes = 5 * 1024
        if let limits = try top.object("limits") {
            try limits.allowOnly(["maxBodyMB", "maxEnvVars", "maxEnvVarKB", "idleIsolateSeconds", "maxIsolates",
                                  "maxIsolatesMemoryMB"])
            if let mb = try limits.int("maxBodyMB", in: 1...65536) { http.maxBodyBytes = mb * 1024 * 1024 }
            if let n = try limits.int("maxEnvVars", in: 0...100_000) { maxEnvVars = n }
            if let kb = try limits.int("maxEnvVarKB", in: 1...1_048_576) { maxEnvVarBytes = kb * 1024 }
            if let s = try limits.int("idleIsolateSeconds", in: 1...86_400 * 365) { isolates.idleSeconds = s }
            if let n = try limits.int("maxIsolates", in: 1...1_000_000) { isolates.maxLive = n }
            if let mb = try limits.int("maxIsolatesMemoryMB", in: 16...16_777_216) { isolates.maxMemoryBytes = mb * 1024 * 1024 }
        }
        guard let appList = try top.array("apps") else { throw ConfigError("\"apps\" is required (a list of apps)") }
        var apps: [AppConfig] = []
        var names = Set<String>()
        var owners: [RoutePattern: String] = [:]
        for (index, item) in appList.enumerated() {
            let app = try JSONObject(item, at: "apps[\(index)]")
            try app.allowOnly(["name", "module", "routes", "env", "secrets", "limits", "allowEval", "allowWasm",
                               "allowPrivateNetwork"])
            guard let name = try app.string("name"), AppConfig.isValidName(name) else {
                throw ConfigError("apps[\(index)].name is required: letters, digits, '-' and '_', at most 63")
            }
            guard names.insert(name).inserted else { throw ConfigError("apps[\(index)]: the name \"\(name)\" is used twice") }
            guard let module = try app.string("module"), !module.isEmpty else {
                throw ConfigError("app \"\(name)\": \"module\" is required (the entry module's path)")
            }
            var routes: [RoutePattern] = []
            for (r, value) in (try app.array("routes") ?? []).enumerated() {
                guard let text = value as? String else { throw ConfigError("app \"\(name)\": routes[\(r)] must be a string") }
                let pattern: RoutePattern
                do { pattern = try RoutePattern(parsing: text) } catch { throw ConfigError("app \"\(name)\": \(error)") }
                if let other = owners[pattern] {
                    throw ConfigError("app \"\(name)\": route \"\(text)\" is already routed to app \"\(other)\"")
                }
                owners[pattern] = name
                routes.append(pattern)
            }
            let appName = name
            func vars(_ key: String) throws -> [(name: String, value: String)] {
                var out: [(name: String, value: String)] = []
                guard let object = try app.object(key) else { return out }
                for name in object.keys {
                    // Only the name is ever shown: the value may be a secret.
                    guard let value = object.raw[name] as? String else {
                        throw ConfigError("app \"\(appName)\": \(key).\(name) must be a string")
                    }
                    guard value.utf8.count <= maxEnvVarBytes else {
                        throw ConfigError("app \"\(appName)\": \(key).\(name) is \(value.utf8.count) bytes, more than the \(maxEnvVarBytes / 1024) KB a var may have (limits.maxEnvVarKB)")
                    }
                    out.append((name, value))
                }
                return out
            }
            let env = try vars("env")
            let secrets = try vars("secrets")
            if let clash = secrets.first(where: { s in env.contains { $0.name == s.name } }) {
                throw ConfigError("app \"\(name)\": \"\(clash.name)\" is in both env and secrets")
            }
            if env.count + secrets.count > maxEnvVars {
                throw ConfigError("app \"\(name)\": \(env.count + secrets.count) env vars and secrets, more than the \(maxEnvVars) an app may have (limits.maxEnvVars)")
            }
            var config = AppConfig(name: name, module: URL(fileURLWithPath: module, relativeTo: base).standardizedFileURL,
                                   routes: routes, env: env, secrets: secrets)
            if let allow = try app.bool("allowEval") { config.allowEval = allow }
            if let allow = try app.bool("allowWasm") { config.allowWasm = allow }
            if let allow = try app.bool("allowPrivateNetwork") { config.allowPrivateNetwork = allow }
            if let limits = try app.object("limits") {
                try limits.allowOnly(["memoryMB", "cpuMs", "startupCpuMs", "requestMs", "waitUntilMs", "subrequests"])
                if let n = try limits.int("subrequests", in: 0...100_000) { config.subrequests = n }
                if let ms = try limits.int("startupCpuMs", in: 1...600_000) { config.startupCpuMs = ms }
                if let ms = try limits.int("requestMs", in: 1...3_600_000) { config.requestMs = ms }
                if let mb = try limits.int("memoryMB", in: 8...16384) { config.memoryMB = mb }
                if let ms = try limits.int("cpuMs", in: 1...600_000) { config.cpuMs = ms }
                if let ms = try limits.int("waitUntilMs", in: 1...3_600_000) { config.waitUntilMs = ms }
            }
            apps.append(config)
        }
        return ServerConfig(listen: listen, http: http, isolates: isolates, apps: apps)
    }
}

extension AppConfig {
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 63 && name.utf8.allSatisfy { c in
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
        }
    }
}

/// A JSON object with typed, path-naming accessors; keys keep file order.
struct JSONObject {
    let raw: [String: Any]
    let keys: [String]
    let path: String

    init(_ value: Any, at path: String) throws {
        guard let dict = value as? [String: Any] else { throw ConfigError("\(path) must be a JSON object") }
        raw = dict
        // JSONSerialization does not keep key order: use name order, so the
        // same file always gives the same env order.
        keys = dict.keys.sorted()
        self.path = path
    }

    func allowOnly(_ allowed: Set<String>) throws {
        let unknown = keys.filter { !allowed.contains($0) }
        if !unknown.isEmpty {
            throw ConfigError("\(path): unknown key\(unknown.count > 1 ? "s" : "") \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ key: String) throws -> String? {
        guard let value = raw[key] else { return nil }
        guard let s = value as? String else { throw ConfigError("\(path).\(key) must be a string") }
        return s
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = raw[key] else { return nil }
        // JSON true/false also arrive as NSNumber; their objCType is "c".
        guard let n = value as? NSNumber, String(cString: n.objCType) != "c", n.doubleValue == n.doubleValue.rounded(),
              range.contains(n.intValue) else {
            throw ConfigError("\(path).\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n.intValue
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = raw[key] else { return nil }
        guard let n = value as? NSNumber, String(cString: n.objCType) == "c" else {
            throw ConfigError("\(path).\(key) must be true or false")
        }
        return n.boolValue
    }

    func object(_ key: String) throws -> JSONObject? {
        guard let value = raw[key] else { return nil }
        return try JSONObject(value, at: "\(path).\(key)")
    }

    func array(_ key: String) throws -> [Any]? {
        guard let value = raw[key] else { return nil }
        guard let list = value as? [Any] else { throw ConfigError("\(path).\(key) must be a list") }
        return list
    }
}
