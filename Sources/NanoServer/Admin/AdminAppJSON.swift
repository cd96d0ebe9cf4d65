import Foundation

/// How the admin API shows an app: what it is, where it comes from and
/// what state it is in. Secret values are never part of it (only their
/// names).
enum AdminAppJSON {
    static func describe(_ app: LoadedApp) -> [String: Any] {
        let config = app.config
        var env: [String: String] = [:]
        for (name, value) in config.env { env[name] = value }
        var object: [String: Any] = [
            "name": app.name,
            "state": app.draining ? "draining" : app.loadError != nil ? "failed" : "serving",
            "routes": config.routes.map(\.description),
            "env": env,
            "secrets": config.secrets.map(\.name).sorted(),
            "limits": config.limitsJSON,
            "allowEval": config.allowEval,
            "allowWasm": config.allowWasm,
            "allowPrivateNetwork": config.allowPrivateNetwork,
        ]
        switch app.origin {
        case .config:
            object["source"] = "config"
            object["version"] = NSNull()
            object["module"] = config.module.path
            if let error = app.loadError { object["error"] = error }
        case .deployment(let version, let deployedAt):
            object["source"] = "deployment"
            object["version"] = version
            object["deployedAt"] = deployedAt.formatted(.iso8601)
            let root = (config.root?.path ?? "") + "/"
            object["main"] = config.module.path.hasPrefix(root) ? String(config.module.path.dropFirst(root.count))
                                                                : config.module.lastPathComponent
            if let error = app.loadError { object["error"] = error.replacingOccurrences(of: root, with: "") }
        }
        return object
    }

    static func describe(_ stats: AppStatistics) -> [String: Any] {
        [
            "requests": stats.requests,
            "errors": stats.errors,
            "cpuMs": Double(stats.cpuNanoseconds / 1000) / 1000,
            "isolates": stats.isolates,
            "drainingIsolates": stats.retiringIsolates,
            "heapUsedBytes": stats.heapUsed,
            "heapTotalBytes": stats.heapTotal,
            "arrayBufferBytes": stats.arrayBuffers,
        ]
    }
}
