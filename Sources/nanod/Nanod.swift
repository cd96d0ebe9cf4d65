import ArgumentParser
import Foundation
import Logging
import NanoEngine
import NanoRuntime
import NanoServer

@main
struct Nanod: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nanod",
        abstract: "NANO: a multi-tenant JavaScript isolate runtime.",
        subcommands: [Run.self, Serve.self]
    )
}

/// NANO_EXTRA_CA_CERTS, when set, names certificates fetch() can load, or
/// the process exits 1 naming the file and why (not every https fetch failing
/// later).
func checkFetchTrust() throws {
    guard let path = ProcessInfo.processInfo.environment["NANO_EXTRA_CA_CERTS"], !path.isEmpty else { return }
    do {
        try FetchTLS.checkEnvironment()
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// The process's runtime snapshot, or exit 1 with the reason.
func runtimeSnapshot() throws -> Snapshot {
    do {
        return try RuntimeSnapshot.shared()
    } catch {
        FileHandle.standardError.write(Data("error: cannot prepare the runtime: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate an ES module and run its event loop until nothing is pending.")

    @Argument(help: "The module to run (its folder is the app's folder: imports stay inside it).")
    var file: String

    @Flag(help: "Let fetch() reach loopback, private and link-local addresses.")
    var allowPrivateNetwork = false

    func run() throws {
        // A closed stdout (`nanod run x.js | head -1`) must not kill the process.
        signal(SIGPIPE, SIG_IGN)
        try checkFetchTrust()
        let status = ScriptRunner.run(file: file, snapshot: try runtimeSnapshot(),
                                      fetch: FetchLimits(allowPrivateNetwork: allowPrivateNetwork))
        if status != 0 { throw ExitCode(status) }
    }
}
