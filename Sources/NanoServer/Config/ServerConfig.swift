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
///               "limits": { "memoryMB": 128, "cpuMs": 50 } } ],
///   "admin": { "listen": "127.0.0.1:8081", "dataDir": ".nano-data" } }
/// ```
/// Paths are relative to the config file. An unknown key is an error that
/// names it, so a typo never silently changes what runs.
public struct ServerConfig: Sendable {
    public var listen: ListenAddress
    public var http: HTTPLimits
    public var isolates: IsolateLimits
    public var apps: [AppConfig]
    /// Env var count and size, for config apps and deployed apps alike.
    public var varLimits = VarLimits()
    /// The admin API and the deployments folder; nil without a config file
    /// (`nanod serve APP.js`).
    public var admin: AdminConfig?

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

    public var description: String { host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// How many env vars (env and secrets together) an app may have, and how
/// large each may be: the top-level `limits.maxEnvVars` / `maxEnvVarKB`.
public struct VarLimits: Sendable, Equatable {
    public var maxVars = 64
    public var maxVarBytes = 5 * 1024
    public init() {}
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
    /// The app's folder: nothing outside it is loaded. nil: the entry
    /// module's folder (config apps); a deployed app's modules folder.
    public var root: URL?
    /// Folders no module of the app is loaded from, even inside its folder:
    /// for a config app, the admin data folder (other apps' code and secrets).
    public var excludedFolders: [URL] = []
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
    /// `environment` supplies NANO_ADMIN_TOKEN.
    public static func parse(_ data: Data, relativeTo base: URL,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfig {
        let base = URL(fileURLWithPath: base.path, isDirectory: true)
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw ConfigError("invalid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)")
        }
        let top = try JSONObject(root, at: "the config")
        try top.allowOnly(["listen", "limits", "apps", "admin"])
        let listen = try ListenAddress(parsing: top.string("listen") ?? "127.0.0.1:8080")
        var http = HTTPLimits()
        var isolates = IsolateLimits()
        var varLimits = VarLimits()
        if let limits = try top.object("limits") {
            try limits.allowOnly(["maxBodyMB", "maxEnvVars", "maxEnvVarKB", "idleIsolateSeconds", "maxIsolates",
                                  "maxIsolatesMemoryMB"])
            if let mb = try limits.int("maxBodyMB", in: 1...65536) { http.maxBodyBytes = mb * 1024 * 1024 }
            if let n = try limits.int("maxEnvVars", in: 0...100_000) { varLimits.maxVars = n }
            if let kb = try limits.int("maxEnvVarKB", in: 1...1_048_576) { varLimits.maxVarBytes = kb * 1024 }
            if let s = try limits.int("idleIsolateSeconds", in: 1...86_400 * 365) { isolates.idleSeconds = s }
            if let n = try limits.int("maxIsolates", in: 1...1_000_000) { isolates.maxLive = n }
            if let mb = try limits.int("maxIsolatesMemoryMB", in: 16...16_777_216) { isolates.maxMemoryBytes = mb * 1024 * 1024 }
        }
        guard let appList = try top.array("apps") else { throw ConfigError("\"apps\" is required (a list of apps)") }
        var apps: [AppConfig] = []
        var names = Set<String>()
        for (index, item) in appList.enumerated() {
            let app = try JSONObject(item, at: "apps[\(index)]")
            try app.allowOnly(AppConfig.sharedKeys.union(["name", "module"]))
            guard let name = try app.string("name"), AppConfig.isValidName(name) else {
                throw ConfigError("apps[\(index)].name is required: \(AppConfig.nameRule)")
            }
            guard names.insert(name).inserted else { throw ConfigError("apps[\(index)]: the name \"\(name)\" is used twice") }
            guard let module = try app.string("module"), !module.isEmpty else {
                throw ConfigError("app \"\(name)\": \"module\" is required (the entry module's path)")
            }
            var config = AppConfig(name: name, module: URL(fileURLWithPath: module, relativeTo: base).standardizedFileURL,
                                   routes: [])
            try config.read(app, varLimits: varLimits)
            if let clash = AppConfig.routeClash(config, apps) { throw ConfigError(clash) }
            apps.append(config)
        }
        let admin = try AdminConfig.parse(top.object("admin"), relativeTo: base, environment: environment)
        var config = ServerConfig(listen: listen, http: http, isolates: isolates, apps: apps)
        config.varLimits = varLimits
        config.admin = admin
        return config
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
