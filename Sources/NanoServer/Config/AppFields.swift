import Foundation

/// The fields an app has both in the config file and in an admin deploy
/// (`PUT /admin/apps/{name}`), read by one parser so both follow the same
/// rules and give the same errors.
extension AppConfig {
    static let sharedKeys: Set<String> = ["routes", "env", "secrets", "limits", "allowEval", "allowWasm",
                                          "allowPrivateNetwork"]
    static let limitKeys: Set<String> = ["memoryMB", "cpuMs", "startupCpuMs", "requestMs", "waitUntilMs", "subrequests"]

    static let nameRule = "letters, digits, '-' and '_', at most 63"

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 63 && name.utf8.allSatisfy { c in
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
        }
    }

    /// Reads routes, env, secrets, limits and the allow* switches from
    /// `app` (whose other keys the caller checks). Errors name the app and
    /// the key, never a value (it may be a secret).
    mutating func read(_ app: JSONObject, varLimits: VarLimits) throws {
        let appName = name
        routes = []
        for (r, value) in (try app.array("routes") ?? []).enumerated() {
            guard let text = value as? String else { throw ConfigError("app \"\(appName)\": routes[\(r)] must be a string") }
            do { routes.append(try RoutePattern(parsing: text)) } catch { throw ConfigError("app \"\(appName)\": \(error)") }
        }
        if let clash = routes.indices.first(where: { i in routes[..<i].contains { $0.sameTarget(as: routes[i]) } }) {
            throw ConfigError("app \"\(appName)\": route \"\(routes[clash])\" is listed twice")
        }
        func vars(_ key: String) throws -> [(name: String, value: String)] {
            var out: [(name: String, value: String)] = []
            guard let object = try app.object(key) else { return out }
            for name in object.keys {
                // Only the name is ever shown: the value may be a secret.
                guard let value = object.raw[name] as? String else {
                    throw ConfigError("app \"\(appName)\": \(key).\(name) must be a string")
                }
                guard value.utf8.count <= varLimits.maxVarBytes else {
                    throw ConfigError("app \"\(appName)\": \(key).\(name) is \(value.utf8.count) bytes, more than the \(varLimits.maxVarBytes / 1024) KB a var may have (limits.maxEnvVarKB)")
                }
                out.append((name, value))
            }
            return out
        }
        env = try vars("env")
        secrets = try vars("secrets")
        if let clash = secrets.first(where: { s in env.contains { $0.name == s.name } }) {
            throw ConfigError("app \"\(appName)\": \"\(clash.name)\" is in both env and secrets")
        }
        if env.count + secrets.count > varLimits.maxVars {
            throw ConfigError("app \"\(appName)\": \(env.count + secrets.count) env vars and secrets, more than the \(varLimits.maxVars) an app may have (limits.maxEnvVars)")
        }
        if let allow = try app.bool("allowEval") { allowEval = allow }
        if let allow = try app.bool("allowWasm") { allowWasm = allow }
        if let allow = try app.bool("allowPrivateNetwork") { allowPrivateNetwork = allow }
        if let limits = try app.object("limits") {
            try limits.allowOnly(Self.limitKeys)
            if let n = try limits.int("subrequests", in: 0...100_000) { subrequests = n }
            if let ms = try limits.int("startupCpuMs", in: 1...600_000) { startupCpuMs = ms }
            if let ms = try limits.int("requestMs", in: 1...3_600_000) { requestMs = ms }
            if let mb = try limits.int("memoryMB", in: 8...16384) { memoryMB = mb }
            if let ms = try limits.int("cpuMs", in: 1...600_000) { cpuMs = ms }
            if let ms = try limits.int("waitUntilMs", in: 1...3_600_000) { waitUntilMs = ms }
        }
    }

    /// The first of `app`'s routes another app already has, as an error
    /// message, or nil. Two apps never share a route: which one a request
    /// reaches would depend on the order they were added in.
    static func routeClash(_ app: AppConfig, _ others: [AppConfig]) -> String? {
        for route in app.routes {
            if let other = others.first(where: { $0.name != app.name && $0.routes.contains { $0.sameTarget(as: route) } }) {
                return "app \"\(app.name)\": route \"\(route)\" is already routed to app \"\(other.name)\""
            }
        }
        return nil
    }

    /// The limits as the JSON object they are written in (for the admin API).
    var limitsJSON: [String: Int] {
        ["memoryMB": memoryMB, "cpuMs": cpuMs, "startupCpuMs": startupCpuMs, "requestMs": requestMs,
         "waitUntilMs": waitUntilMs, "subrequests": subrequests]
    }
}

extension RoutePattern {
    /// The same requests match both (their text may differ in case).
    func sameTarget(as other: RoutePattern) -> Bool { host == other.host && path == other.path }
}
