import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NanoRuntime
import NIOCore
import NIOSSL
import XCTest

/// fetch() over https against real TLS upstreams on loopback, with
/// certificates made for the test by the openssl command: a CA the server
/// trusts (NANO_EXTRA_CA_CERTS's mechanism), a certificate for another name
/// under it, and one nobody trusts.
final class FetchTLSTests: XCTestCase {
    func testHTTPSWithTheCertificatesChecked() async throws {
        let certificates = try TestCertificates.make()
        addTeardownBlock { try? FileManager.default.removeItem(at: certificates.folder) }
        try FetchTLS.trustExtraRoots(file: certificates.ca.path)
        addTeardownBlock { try? FetchTLS.trustExtraRoots(file: nil) }

        let good = try await ScriptedUpstream.start(tls: certificates.serverContext(certificates.localhost))
        addTeardownBlock { try await good.stop() }
        let other = try await ScriptedUpstream.start(tls: certificates.serverContext(certificates.otherName))
        addTeardownBlock { try await other.stop() }
        let untrusted = try await ScriptedUpstream.start(tls: certificates.serverContext(certificates.selfSigned))
        addTeardownBlock { try await untrusted.stop() }
        let plain = try await ScriptedUpstream.start()
        addTeardownBlock { try await plain.stop() }

        let app = try await TestServer(module: """
            async function outcome(f) {
              try { return await f(); } catch (e) { return e.name + ": " + e.message; }
            }
            export default {
              async fetch(request) {
                const q = new URL(request.url).searchParams;
                const good = "https://localhost:" + q.get("good");
                const out = {};
                // Three fetches, one TLS connection (the upstream counts requests per connection).
                const counts = [];
                for (let i = 0; i < 3; i++) counts.push(await (await fetch(good + "/count")).text());
                out.counts = counts.join(",");
                const chunked = await fetch(good + "/chunked");
                out.chunked = [chunked.status, chunked.headers.getSetCookie().join("|"), await chunked.text()];
                out.sent = await (await fetch(good + "/request", { method: "POST" })).text();
                // An IP literal: the certificate is checked against the address.
                out.ip = await (await fetch("https://127.0.0.1:" + q.get("good") + "/count")).text();
                out.untrusted = await outcome(() => fetch("https://localhost:" + q.get("untrusted") + "/count"));
                out.otherName = await outcome(() => fetch("https://localhost:" + q.get("other") + "/count"));
                out.notTLS = await outcome(() => fetch("https://localhost:" + q.get("plain") + "/count"));
                return Response.json(out);
              },
            };
            """, configure: { $0.allowPrivateNetwork = true })
        addTeardownBlock { try await app.stop() }
        let r = try app.get("/?good=\(good.port)&other=\(other.port)&untrusted=\(untrusted.port)&plain=\(plain.port)")
        XCTAssertEqual(r.status, 200, r.text)
        let out = try XCTUnwrap(r.json, r.text)
        XCTAssertEqual(out["counts"] as? String, "1,2,3")
        XCTAssertEqual((out["chunked"] as? [Any] ?? []).map { "\($0)" }, ["200", "a=1|b=2", "hello world"])
        let sent = out["sent"] as? String ?? ""
        XCTAssertTrue(sent.hasPrefix("POST /request HTTP/1.1\r\n"), sent)
        XCTAssertTrue(sent.contains("host: localhost:\(good.port)\r\n"), sent)
        XCTAssertEqual(out["ip"] as? String, "1", "a connection of its own (another name)")
        XCTAssertEqual(out["untrusted"] as? String,
                       "TypeError: fetch: the connection to localhost:\(untrusted.port) failed: "
                       + "the TLS handshake failed (certificate verify failed)")
        XCTAssertEqual(out["otherName"] as? String,
                       "TypeError: fetch: the connection to localhost:\(other.port) failed: "
                       + "the server's certificate is not for this host")
        let notTLS = out["notTLS"] as? String ?? ""
        XCTAssertTrue(notTLS.hasPrefix("TypeError: fetch: the connection to localhost:\(plain.port) failed: "
                                       + "the TLS handshake failed"), notTLS)
    }

    func testExtraRootsThatCannotBeLoadedAreNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nano-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("missing.pem").path
        XCTAssertThrowsError(try FetchTLS.trustExtraRoots(file: missing)) { error in
            XCTAssertTrue("\(error)".hasPrefix("NANO_EXTRA_CA_CERTS (\(missing)): cannot load the certificates"), "\(error)")
        }
        let empty = folder.appendingPathComponent("empty.pem")
        try Data("not a certificate\n".utf8).write(to: empty)
        XCTAssertThrowsError(try FetchTLS.trustExtraRoots(file: empty.path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("NANO_EXTRA_CA_CERTS (\(empty.path)):"), "\(error)")
        }
    }
}

/// A CA, certificates under it for localhost (and 127.0.0.1) and for another
/// name, and a self-signed one for localhost, made by `openssl`.
struct TestCertificates {
    let folder: URL
    var ca: URL { folder.appendingPathComponent("ca.pem") }
    let localhost: (certificate: URL, key: URL)
    let otherName: (certificate: URL, key: URL)
    let selfSigned: (certificate: URL, key: URL)

    static func make() throws -> TestCertificates {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nano-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + ec + ["-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2",
                                             "-subj", "/CN=NANO test CA"])
        func leaf(_ name: String, names: String) throws -> (URL, URL) {
            try Data("subjectAltName=\(names)\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n".utf8)
                .write(to: URL(fileURLWithPath: path("\(name).ext")))
            try openssl(["req"] + ec + ["-keyout", path("\(name).key"), "-out", path("\(name).csr"), "-subj", "/CN=\(name)"])
            try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                         "-CAcreateserial", "-out", path("\(name).pem"), "-days", "2", "-extfile", path("\(name).ext")])
            return (URL(fileURLWithPath: path("\(name).pem")), URL(fileURLWithPath: path("\(name).key")))
        }
        let localhost = try leaf("localhost", names: "DNS:localhost,IP:127.0.0.1")
        let other = try leaf("other", names: "DNS:other.test")
        try openssl(["req", "-x509"] + ec + ["-keyout", path("self.key"), "-out", path("self.pem"), "-days", "2",
                                             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"])
        return TestCertificates(folder: folder, localhost: localhost, otherName: other,
                                selfSigned: (URL(fileURLWithPath: path("self.pem")), URL(fileURLWithPath: path("self.key"))))
    }

    func serverContext(_ pair: (certificate: URL, key: URL)) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(pair.certificate.path).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: pair.key.path, format: .pem)))
        configuration.applicationProtocols = ["http/1.1"]
        return try NIOSSLContext(configuration: configuration)
    }

    /// Runs the openssl command (posix_spawnp, not Foundation's Process,
    /// whose bookkeeping LeakSanitizer reports when run from async tests).
    private static func openssl(_ arguments: [String]) throws {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("openssl-\(UUID().uuidString).err").path
        defer { unlink(errors) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = (["openssl"] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "openssl", &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw NSError(domain: "openssl", code: Int(spawned), userInfo: [
                NSLocalizedDescriptionKey: "cannot run openssl: \(String(cString: strerror(spawned)))",
            ])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw NSError(domain: "openssl", code: Int(status), userInfo: [
                NSLocalizedDescriptionKey: "openssl \(arguments.joined(separator: " ")): \(message)",
            ])
        }
    }
}
