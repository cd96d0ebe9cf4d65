import Foundation
import NanoEngine
import NanoRuntime
import Synchronization
import XCTest

/// Runs a module the way `nanod run` does, with console output captured.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

final class OutputCapture: Sendable {
    private let text = Mutex<(out: String, err: String)>(("", ""))
    var output: ConsoleOutput {
        ConsoleOutput { s, stream in
            self.text.withLock { t in
                if stream == .stdout { t.out += s } else { t.err += s }
            }
        }
    }
    var captured: (out: String, err: String) { text.withLock { $0 } }
}

/// A temporary app folder with the given files (path → contents).
final class AppFolder {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("nano-app-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        for (path, contents) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: file)
        }
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

func runModule(_ files: [String: String], main: String = "main.js") throws -> RunResult {
    let app = try AppFolder(files)
    return try runFile(app.path(main))
}

func runFile(_ path: String) throws -> RunResult {
    let capture = OutputCapture()
    let status = ScriptRunner.run(file: path, snapshot: try RuntimeSnapshot.shared(), output: capture.output)
    let (out, err) = capture.captured
    return RunResult(status: status, stdout: out, stderr: err)
}
