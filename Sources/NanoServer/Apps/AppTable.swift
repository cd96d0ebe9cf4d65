import Foundation
import NanoEngine
import NanoRuntime

/// Where an app comes from: the config file, or a deployment through the
/// admin API (kept in the data directory).
public enum AppOrigin: Sendable, Equatable {
    case config
    case deployment(version: Int, deployedAt: Date)
}

/// An app from the config or a deployment, loaded: its modules read from
/// disk and checked (they compile and link), or the reason they could not be.
public struct LoadedApp: Sendable {
    public let config: AppConfig
    public let spec: AppSpec?
    /// Why loading failed (for the log; clients only see module_load_failed).
    public let loadError: String?
    /// Removed by a reload or an admin delete, its isolates still
    /// finishing: requests get 503 app_draining.
    public var draining = false
    public var origin: AppOrigin = .config

    public var name: String { config.name }

    /// The same for the same config and module sources (within a process).
    public var fingerprint: Int { spec?.version ?? 0 }

    static func fingerprint(_ config: AppConfig, _ modules: ModuleSet) -> Int {
        var hasher = Hasher()
        hasher.combine(config.name)
        hasher.combine(config.module.path)
        for route in config.routes { hasher.combine(route.description) }
        for (k, v) in config.env { hasher.combine(k); hasher.combine(v) }
        for (k, v) in config.secrets { hasher.combine(k); hasher.combine(v) }
        hasher.combine("\(config.limits)")
        for path in modules.files.keys.sorted() {
            hasher.combine(path)
            hasher.combine(modules.files[path])
        }
        return hasher.finalize()
    }

    /// Reads the app's module graph on the calling thread (never an event
    /// loop), compiling it in a scratch isolate to find errors up front.
    public static func load(_ config: AppConfig, snapshot: Snapshot) -> LoadedApp {
        do {
            let scratch = try Isolate(snapshot: snapshot)
            let modules = try ModuleSet.read(entry: config.module, root: config.root, excluding: config.excludedFolders,
                                             everyModule: config.root != nil, into: scratch)
            var spec = AppSpec(name: config.name, modules: modules, env: config.env, secrets: config.secrets,
                               limits: config.limits)
            spec.version = fingerprint(config, modules)
            return LoadedApp(config: config, spec: spec, loadError: nil)
        } catch {
            return LoadedApp(config: config, spec: nil, loadError: "\(error)")
        }
    }
}

/// The apps being served and the router over their routes. Immutable.
public struct AppTable: Sendable {
    public let apps: [String: LoadedApp]
    let router: Router<RoutedApp>

    public init(_ apps: [LoadedApp]) {
        var byName: [String: LoadedApp] = [:]
        var routes: [(RoutePattern, RoutedApp)] = []
        for app in apps {
            byName[app.name] = app
            let routed = RoutedApp(app)
            for route in app.config.routes { routes.append((route, routed)) }
        }
        self.apps = byName
        self.router = Router(routes)
    }

    /// `host` normalized (Router.normalizeHost), `path` without the query.
    func route(host: String, path: Substring) -> RoutedApp? {
        router.route(host: host, path: path)
    }
}

/// What the router hands a request: one app of a table, by reference, so
/// routing a request copies no app record (a LoadedApp holds a dozen
/// reference-counted fields).
final class RoutedApp: Sendable {
    let name: String
    let spec: AppSpec?
    let loadError: String?
    let draining: Bool

    init(_ app: LoadedApp) {
        name = app.name
        spec = app.spec
        loadError = app.loadError
        draining = app.draining
    }
}
