import ArgumentParser
import Foundation
import NanoEngine
import NanoRuntime

@main
struct Nanod: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nanod",
        abstract: "NANO: a multi-tenant JavaScript isolate runtime.",
        subcommands: [Run.self]
    )
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate an ES module and run its event loop until nothing is pending.")

    @Argument(help: "The module to run (its folder is the app's folder: imports stay inside it).")
    var file: String

    func run() throws {
        // A closed stdout (`nanod run x.js | head -1`) must not kill the process.
        signal(SIGPIPE, SIG_IGN)
        let snapshot: Snapshot
        do {
            snapshot = try RuntimeSnapshot.shared()
        } catch {
            FileHandle.standardError.write(Data("error: cannot prepare the runtime: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let status = ScriptRunner.run(file: file, snapshot: snapshot)
        if status != 0 { throw ExitCode(status) }
    }
}
