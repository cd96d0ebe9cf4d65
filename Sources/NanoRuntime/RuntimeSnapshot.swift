import Foundation
import NanoEngine

/// The process's one startup snapshot of the runtime: built at start-up, or
/// loaded from the cache (when one is set) if it matches the runtime JS and
/// V8 version.
public enum RuntimeSnapshot {
    /// Where snapshots are cached: $NANO_CACHE_DIR when it names a folder;
    /// by default (and with `off`) nothing is cached. Building takes ~50 ms
    /// at start-up, and it pays back: an isolate made from a snapshot built
    /// in this process skips V8's rehash of it (0.45 ms of every isolate,
    /// see CV8/hash_seed.cc), while one read from a file, built by another
    /// process with another hash seed, must be rehashed.
    public static var defaultCacheDirectory: URL? {
        guard let dir = ProcessInfo.processInfo.environment["NANO_CACHE_DIR"], !dir.isEmpty, dir != "off" else {
            return nil
        }
        return URL(fileURLWithPath: dir)
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
