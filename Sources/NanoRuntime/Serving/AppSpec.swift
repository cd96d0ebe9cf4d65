import Foundation

/// Everything an isolate needs to run one app: immutable, shared by the
/// app's isolates on every event loop.
public struct AppSpec: Sendable {
    public let name: String
    public let modules: ModuleSet
    /// The app's vars, in config order, secrets included; `env` in the fetch handler.
    public let env: [(name: String, value: String)]
    public let limits: AppLimits
    /// Replaces the app's secret values in everything NANO writes.
    public let redactor: Redactor
    /// Tells versions of the app apart: a reload that changes its config or
    /// any of its modules makes a new version (and drains the old one).
    public var version: Int = 0

    public init(name: String, modules: ModuleSet, env: [(name: String, value: String)],
                secrets: [(name: String, value: String)] = [], limits: AppLimits = AppLimits()) {
        self.name = name
        self.modules = modules
        self.env = env + secrets
        self.limits = limits
        self.redactor = Redactor(secrets: secrets.map(\.value))
    }

    /// `env` as a JSON object text, for nano.hooks.setApp.
    var envJSON: String {
        var object: [String] = []
        for (name, value) in env {
            object.append("\(Self.jsonString(name)):\(Self.jsonString(value))")
        }
        return "{" + object.joined(separator: ",") + "}"
    }

    static func jsonString(_ s: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])
        let text = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(text.dropFirst().dropLast())
    }
}

/// What one app may use. Every isolate of the app runs under these.
public struct AppLimits: Sendable {
    /// Caps the JS heap and, separately, the memory of the ArrayBuffers
    /// alive at once (they live outside the heap).
    public var memoryBytes: Int
    /// CPU time of JS per request, summed over everything charged to it.
    public var cpuMilliseconds: Int
    /// CPU time of the module's top-level evaluation.
    public var startupCPUMilliseconds: Int
    /// Wall-clock time a request may take to get its response.
    public var requestMilliseconds: Int
    /// How long ctx.waitUntil work is waited for after the response.
    public var waitUntilMilliseconds: Int
    /// eval() / new Function() / setTimeout(string) while serving.
    public var allowEval: Bool
    /// WebAssembly compiled from bytes.
    public var allowWasm: Bool
    /// fetch(): subrequests, concurrency, outbound policy.
    public var fetch: FetchLimits

    public init(memoryBytes: Int = 128 << 20, cpuMilliseconds: Int = 50, startupCPUMilliseconds: Int = 1000,
                requestMilliseconds: Int = 30_000, waitUntilMilliseconds: Int = 30_000,
                allowEval: Bool = false, allowWasm: Bool = false, fetch: FetchLimits = FetchLimits()) {
        self.fetch = fetch
        self.requestMilliseconds = requestMilliseconds
        self.memoryBytes = memoryBytes
        self.cpuMilliseconds = cpuMilliseconds
        self.startupCPUMilliseconds = startupCPUMilliseconds
        self.waitUntilMilliseconds = waitUntilMilliseconds
        self.allowEval = allowEval
        self.allowWasm = allowWasm
    }
}

/// Replaces secret values with `[REDACTED]` in text NANO writes (logs,
/// error details, stacks).
public struct Redactor: Sendable {
    let secrets: [String]

    public init(secrets: [String]) {
        // Longest first, so a secret containing another is replaced whole.
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.utf8.count > $1.utf8.count }
    }

    public func callAsFunction(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: "[REDACTED]")
        }
        return out
    }
}
