import Foundation
import NanoRuntime
import NIOCore

/// How the served apps change while the server runs — config reload, admin
/// deploy and delete — all through `apply`: one path that swaps the routing
/// table on every loop and drains what was replaced or removed.
extension HTTPServer {
    /// A config app whose folder holds the data folder must not load from
    /// it: deployed apps' code and secrets are there.
    static func fenced(_ app: AppConfig, _ admin: AdminConfig?) -> AppConfig {
        guard let admin else { return app }
        var fenced = app
        fenced.excludedFolders.append(admin.dataDir)
        return fenced
    }

    /// A config app and a deployed app may not share a name or a route:
    /// which one serves would be a guess.
    static func checkConflicts(config: ServerConfig, deployed: [String: LoadedApp], dataDir: URL?) throws {
        var seen = config.apps
        for name in deployed.keys.sorted() {
            let app = deployed[name]!.config
            if config.apps.contains(where: { $0.name == name }) {
                let where_ = dataDir.map { " (\($0.path))" } ?? ""
                throw ConfigError("app \"\(name)\" is in the config and also deployed through the admin API\(where_); delete the deployment or rename one of them")
            }
            if let clash = AppConfig.routeClash(app, seen) {
                throw ConfigError("\(clash) (one of them is deployed through the admin API)")
            }
            seen.append(app)
        }
    }

    public struct ReloadSummary: Sendable, CustomStringConvertible {
        public var added: [String] = []
        public var changed: [String] = []
        public var removed: [String] = []
        public var description: String {
            "added [\(added.joined(separator: ", "))], changed [\(changed.joined(separator: ", "))], removed [\(removed.joined(separator: ", "))]"
        }
    }

    /// Applies a new config without a restart: new apps start routing,
    /// changed apps (config or module sources) get a new version, removed
    /// apps answer 503 app_draining; the old versions drain — in-flight
    /// requests and waitUntil work finish, up to `drainTimeout` — and are
    /// disposed. Apps deployed through the admin API stay as they are. A
    /// config with an app that does not load, an app or route that clashes
    /// with a deployed one, or a different listen address or admin section,
    /// is refused (ConfigError): the running one stays in force. Load checks
    /// run on the calling thread.
    public func reload(_ config: ServerConfig, drainTimeout: Duration = .seconds(30)) async throws -> ReloadSummary {
        try await changes.run { [self] in
            let old = current.withLock { $0 }
            if config.listen != old.config.listen {
                throw ConfigError("listen cannot change without a restart (\(old.config.listen) → \(config.listen))")
            }
            if config.admin != old.config.admin {
                throw ConfigError("admin cannot change without a restart")
            }
            try Self.checkConflicts(config: config, deployed: old.deployed, dataDir: config.admin?.dataDir)
            var loaded: [String: LoadedApp] = [:]
            for app in config.apps {
                let fresh = LoadedApp.load(Self.fenced(app, config.admin), snapshot: snapshot)
                if let error = fresh.loadError { throw ConfigError("app \"\(app.name)\": \(error)") }
                loaded[app.name] = fresh
            }
            let (summary, removed) = await apply(Apps(config: config, configApps: loaded, deployed: old.deployed,
                                                      table: old.table), drainTimeout: drainTimeout)
            if !removed.isEmpty {
                Task { await self.forgetDrained(removed, drainTimeout: drainTimeout) }
            }
            return summary
        }
    }

    /// The one way the served apps change (reload, deploy, delete): routes
    /// the union of `apps.configApps` and `apps.deployed` on every loop;
    /// versions replaced there, and apps no longer there, drain (the removed
    /// ones stay routed as tombstones answering app_draining until
    /// `forgetDrained`). Returns what changed and the tombstones' names.
    /// Call inside `changes`.
    func apply(_ apps: Apps, drainTimeout: Duration) async -> (ReloadSummary, removed: [String]) {
        let old = current.withLock { $0.table }
        var summary = ReloadSummary()
        let serving = Array(apps.configApps.values) + Array(apps.deployed.values)
        for app in serving {
            if let previous = old.apps[app.name], !previous.draining {
                if previous.fingerprint != app.fingerprint { summary.changed.append(app.name) }
            } else {
                summary.added.append(app.name)
            }
        }
        // Removed apps stay routed, as tombstones, while they drain (those
        // already draining too, until forgetDrained drops them).
        var tombstones: [LoadedApp] = []
        for (name, app) in old.apps where apps.configApps[name] == nil && apps.deployed[name] == nil {
            var tombstone = app
            if !tombstone.draining { summary.removed.append(name) }
            tombstone.draining = true
            tombstones.append(tombstone)
        }
        summary.added.sort()
        summary.changed.sort()
        summary.removed.sort()
        let table = AppTable(serving + tombstones)
        var next = apps
        next.table = table
        let oldLimits = current.withLock { state in
            defer { state = next }
            return state.config.isolates
        }
        let policy = LoopIsolates.EvictionPolicy(apps.config.isolates, loops: loops.count)
        let policyChanged = apps.config.isolates != oldLimits
        let timeout = TimeAmount(drainTimeout)
        for (_, context) in loops {
            try? await context.eventLoop.submit {
                context.value.apps = table
                context.value.isolates.reconcile(with: table, drainTimeout: timeout)
                if policyChanged { context.value.isolates.setPolicy(policy) }
            }.get()
        }
        return (summary, tombstones.map(\.name))
    }

    /// Waits until the isolates of the removed apps `names` have drained
    /// (at most `drainTimeout`), then stops routing to them: requests get
    /// no_route instead of app_draining.
    func forgetDrained(_ names: [String], drainTimeout: Duration) async {
        let deadline = ContinuousClock.now + drainTimeout + .seconds(1)
        while ContinuousClock.now < deadline {
            if shuttingDown.withLock({ $0 }) { return }  // stop() disposes everything
            var left = 0
            for (_, context) in loops {
                left += (try? await context.eventLoop.submit {
                    names.reduce(0) { $0 + context.value.isolates.retiringCount(of: $1) }
                }.get()) ?? 0
            }
            if left == 0 { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        await changes.run { [self] in
            if shuttingDown.withLock({ $0 }) { return }
            let apps = current.withLock { $0 }
            // Only tombstones: an app deployed again under the name stays.
            guard apps.table.apps.values.contains(where: { $0.draining && names.contains($0.name) }) else { return }
            let now = current.withLock { state -> AppTable in
                let kept = state.table.apps.values.filter { !($0.draining && names.contains($0.name)) }
                state.table = AppTable(Array(kept))
                return state.table
            }
            for (_, context) in loops {
                try? await context.eventLoop.submit {
                    context.value.apps = now
                    context.value.isolates.reconcile(with: now, drainTimeout: TimeAmount(drainTimeout))
                }.get()
            }
        }
    }

    /// Runs `body` on one of the server's event loops with its context.
    func onSomeLoop<T: Sendable>(_ body: @escaping @Sendable (LoopContext) -> EventLoopFuture<T>) async throws -> T {
        guard let context = loops.values.first else { throw ChannelError.ioOnClosedChannel }
        return try await context.eventLoop.flatSubmit { body(context.value) }.get()
    }

    /// Runs `body` on every event loop and collects the results.
    func onEveryLoop<T: Sendable>(_ body: @escaping @Sendable (LoopContext) -> T) async -> [T] {
        var results: [T] = []
        for (_, context) in loops {
            if let result = try? await context.eventLoop.submit({ body(context.value) }).get() { results.append(result) }
        }
        return results
    }
}
