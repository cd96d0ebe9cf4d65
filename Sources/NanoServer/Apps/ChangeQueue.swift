import Synchronization

/// Runs the changes to the served apps (config reload, admin deploy and
/// delete, removing drained apps) one at a time, in the order they asked.
/// Each change reads the apps in force, works for a while (loads modules,
/// writes files) and then replaces them: two at once would lose one.
/// An actor would not do: it lets another call in at every `await`.
final class ChangeQueue: Sendable {
    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func run<T: Sendable>(_ change: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await change()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.busy {
                    state.waiting.append(continuation)
                    return false
                }
                state.busy = true
                return true
            }
            if now { continuation.resume() }
        }
    }

    private func release() {
        // The next change inherits `busy`: nothing can slip in between.
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
