import Foundation
import NanoEngine

/// The process's one startup snapshot of the runtime: loaded from the cache
/// when it matches the runtime JS and V8 version, built otherwise.
public enum RuntimeSnapshot {
    /// Where snapshots are cached: $NANO_CACHE_DIR, else $XDG_CACHE_HOME/nano,
    /// else ~/.cache/nano.
    public static var defaultCacheDirectory: URL? {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["NANO_CACHE_DIR"], !dir.isEmpty {
            return dir == "off" ? nil : URL(fileURLWithPath: dir)
        }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("nano")
        }
        if let home = env["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache/nano")
        }
        return nil
    }

    /// Loads or builds the snapshot of the runtime JS with the runtime's ops.
    public static func make(cacheDirectory: URL? = defaultCacheDirectory) throws -> Snapshot {
        try Snapshot.loadOrBuild(scripts: RuntimeScripts.load(), ops: RuntimeOps.table, cacheDirectory: cacheDirectory)
    }

    /// Builds afresh, bypassing the cache (for measuring the build).
    public static func build() throws -> Snapshot {
        try Snapshot.build(scripts: RuntimeScripts.load(), ops: RuntimeOps.table)
    }

    /// The runtime's scripts in snapshot order, and its ops (for tools that
    /// measure what each script costs).
    public static func scripts() throws -> [RuntimeScript] { try RuntimeScripts.load() }
    public static var ops: OpTable { RuntimeOps.table }

    private static let sharedResult: Result<Snapshot, any Error> = Result { try make() }

    /// The process-wide snapshot, made on first use.
    public static func shared() throws -> Snapshot {
        try sharedResult.get()
    }
}
