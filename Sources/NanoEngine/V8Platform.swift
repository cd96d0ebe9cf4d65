import CV8
import Foundation

/// The process-wide V8 platform. Started once, on first use, by whatever
/// needs V8 first (snapshot build or isolate creation).
public enum V8Platform {
    /// V8 flags applied when the platform starts.
    /// - Import assertions are how V8 10.2 spells
    ///   `import data from "./x.json" assert { type: "json" }`.
    /// - V8 re-checksums the whole snapshot on every isolate it creates
    ///   (adler32, ~0.15 ms of each 1.6 ms start). NANO checks the snapshot
    ///   once, with SHA-256, when it loads it from the cache (SnapshotFile), so
    ///   the per-isolate check buys nothing.
    /// - No SharedArrayBuffer anywhere (neither the global nor a shared
    ///   WebAssembly.Memory's buffer): shared memory makes precise timers,
    ///   and precise timers make side channels between tenants.
    /// `NANO_V8_FLAGS` appends flags for diagnosis (e.g. `--perf-basic-prof`
    /// to let `perf` name JavaScript frames); they are part of the snapshot
    /// cache key like the rest.
    static let flags = ["--harmony-import-assertions --no-verify-snapshot-checksum "
                        + "--no-harmony-sharedarraybuffer --no-experimental-wasm-threads",
                        ProcessInfo.processInfo.environment["NANO_V8_FLAGS"] ?? ""]
        .filter { !$0.isEmpty }.joined(separator: " ")

    private static let started: Bool = {
        let status = cv8_platform_init(flags)
        precondition(status == Int32(CV8_OK.rawValue), "V8 platform failed to start")
        cv8_set_op_handler(opTrampoline)
        return true
    }()

    /// Starts the platform if it is not running yet. Thread safe.
    public static func start() {
        _ = started
    }

    /// The linked V8's version, e.g. "10.2.154.26".
    public static var version: String {
        String(cString: cv8_v8_version())
    }
}
