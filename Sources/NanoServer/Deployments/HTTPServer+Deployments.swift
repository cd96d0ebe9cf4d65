import Foundation
import NanoRuntime
import NIOCore
import NIOPosix

/// Deploy and delete through the admin API, on top of the same `apply` as a
/// config reload: one drain path for both.
extension HTTPServer {
    struct DeployOutcome: Sendable {
        let app: LoadedApp
        /// The app did not exist before (201 rather than 200).
        let created: Bool
    }

    /// Deploys a new version of `request.name`: written to the data folder,
    /// loaded and started in a throwaway isolate (its top level runs), and
    /// only then put in force — on disk (one rename) and in the routing
    /// table; the version it replaces drains. Anything that fails before
    /// leaves the running version and the data folder as they were.
    func deploy(_ request: DeploymentRequest) async throws -> DeployOutcome {
        guard let store else { throw AdminError.storage("the server has no data folder") }
        let name = request.name
        return try await changes.run { [self] in
            guard !shuttingDown.withLock({ $0 }) else { throw AdminError.shuttingDown }
            let old = current.withLock { $0 }
            if old.configApps[name] != nil {
                throw AdminError.conflict("name_conflict",
                    "The app \"\(name)\" comes from the config file; change it there, or remove it there before deploying it here.")
            }
            let others = Array(old.configApps.values.map(\.config))
                + old.deployed.values.filter { $0.name != name }.map(\.config)
            if let clash = AppConfig.routeClash(request.app, others) {
                throw AdminError.conflict("route_conflict", clash + ".")
            }
            let deployedAt = Date()
            let version = store.nextVersion(of: name)
            let written: DeploymentStore.Written
            do {
                written = try await offload { try store.write(request, version: version, deployedAt: deployedAt) }
            } catch {
                throw AdminError.storage("The deployment could not be written: \(error)")
            }
            var app = request.app
            app.module = written.main
            app.root = written.modulesRoot
            let config = app
            var loaded = try await offload { [snapshot] in LoadedApp.load(config, snapshot: snapshot) }
            var failure = loaded.loadError
            if failure == nil, let spec = loaded.spec {
                failure = try await trialStart(spec, timeout: .milliseconds(Int64(app.requestMs)))
            }
            if let failure {
                try? await offload { store.discard(name, version) }
                // Paths as the deployer wrote them, not where the data folder is.
                let root = written.modulesRoot.path + "/"
                throw AdminError.loadFailed(failure.replacingOccurrences(of: "file://" + root, with: "")
                    .replacingOccurrences(of: root, with: ""))
            }
            loaded.origin = .deployment(version: version, deployedAt: deployedAt)
            do {
                try await offload { try store.commit(name, version) }
            } catch {
                try? await offload { store.discard(name, version) }
                throw AdminError.storage("The deployment could not be put in force: \(error)")
            }
            var next = old
            next.deployed[name] = loaded
            let (summary, _) = await apply(next, drainTimeout: drainTimeout)
            try? await offload { store.removeOtherVersions(name, keep: version) }
            logger.notice("admin: deployed version \(version)", metadata: [
                "app": .string(name), "change": .string(summary.description),
            ])
            return DeployOutcome(app: loaded, created: old.deployed[name] == nil)
        }
    }

    /// Removes a deployed app: out of the data folder first (one rename: a
    /// restart no longer serves it), then it drains — requests get
    /// app_draining — and is gone once its isolates are (at most the drain
    /// timeout). Returns once it no longer routes.
    func undeploy(_ name: String) async throws {
        guard let store else { throw AdminError.appNotFound(name) }
        let removed: [String] = try await changes.run { [self] in
            guard !shuttingDown.withLock({ $0 }) else { throw AdminError.shuttingDown }
            let old = current.withLock { $0 }
            if old.configApps[name] != nil {
                throw AdminError.conflict("name_conflict",
                    "The app \"\(name)\" comes from the config file; remove it there.")
            }
            guard old.deployed[name] != nil else { throw AdminError.appNotFound(name) }
            do {
                try await offload { try store.remove(name) }
            } catch {
                throw AdminError.storage("The app could not be removed: \(error)")
            }
            var next = old
            next.deployed[name] = nil
            let (_, removed) = await apply(next, drainTimeout: drainTimeout)
            logger.notice("admin: deleted; draining", metadata: ["app": .string(name)])
            return removed
        }
        await forgetDrained(removed, drainTimeout: drainTimeout)
    }

    /// An app being served, for the banner.
    public struct ServedApp: Sendable {
        public let name: String
        public let routes: [String]
        /// Its deployment's version; nil for an app from the config file.
        public let version: Int?
    }

    /// The apps served now (not those draining), by name.
    public var apps: [ServedApp] {
        routedApps.filter { !$0.draining }.map { app in
            var version: Int?
            if case .deployment(let v, _) = app.origin { version = v }
            return ServedApp(name: app.name, routes: app.config.routes.map(\.description), version: version)
        }
    }

    /// Every app routed now (draining ones included), by name.
    var routedApps: [LoadedApp] {
        current.withLock { $0.table.apps.values.sorted { $0.name < $1.name } }
    }

    /// One app's requests, errors, CPU time, isolates and heap over every loop.
    func statistics(of name: String) async -> AppStatistics {
        var total = AppStatistics()
        for stats in await onEveryLoop({ $0.isolates.statistics(of: name) }) { total.add(stats) }
        return total
    }

    var isShuttingDown: Bool { shuttingDown.withLock { $0 } }

    /// Starts the app in a throwaway isolate on one loop: nil if it could
    /// serve, or why not.
    private func trialStart(_ spec: AppSpec, timeout: TimeAmount) async throws -> String? {
        try await onSomeLoop { context in
            let promise = context.isolates.eventLoop.makePromise(of: String?.self)
            context.isolates.trialStart(spec, timeout: timeout) { promise.succeed($0) }
            return promise.futureResult
        }
    }

    /// Disk work and module loading block: not on an event loop, nor on a
    /// thread Swift's concurrency runtime needs.
    private func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
