import Foundation

/// Everything an isolate needs to run one app: immutable, shared by the
/// app's isolates on every event loop.
public struct AppSpec: Sendable {
    public let name: String
    public let modules: ModuleSet
    /// The app's vars, in config order; `env` in the fetch handler.
    public let env: [(name: String, value: String)]
    public let heapLimitBytes: Int?
    /// How long the host waits for a promise given to ctx.waitUntil after
    /// the response; beyond it the work is no longer waited for (logged).
    public let waitUntilMilliseconds: Int

    public init(name: String, modules: ModuleSet, env: [(name: String, value: String)], heapLimitBytes: Int?,
                waitUntilMilliseconds: Int = 30_000) {
        self.name = name
        self.modules = modules
        self.env = env
        self.heapLimitBytes = heapLimitBytes
        self.waitUntilMilliseconds = waitUntilMilliseconds
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
