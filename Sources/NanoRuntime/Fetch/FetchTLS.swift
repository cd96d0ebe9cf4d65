#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOSSL
import Synchronization

/// The TLS side of fetch() over https: one client context for the process
/// (a context is costly to make — it loads the system's trusted roots — and
/// is safe to share across threads), full certificate and name checks,
/// HTTP/1.1 by ALPN.
///
/// `NANO_EXTRA_CA_CERTS` names a PEM file of certificates trusted beside the
/// system's (as Node's NODE_EXTRA_CA_CERTS and Deno's DENO_CERT): a private
/// CA, or a test's own.
public enum FetchTLS {
    private static let state = Mutex<(extraRoots: String?, context: NIOSSLContext?)>(
        (extraRoots: environmentRoots, context: nil))

    private static var environmentRoots: String? {
        guard let raw = getenv("NANO_EXTRA_CA_CERTS") else { return nil }
        let path = String(cString: raw)
        return path.isEmpty ? nil : path
    }

    /// Trusts the certificates in the PEM file at `path` (nil: only the
    /// system's) from the next https fetch on. Throws, naming the file and
    /// why, when they cannot be loaded.
    public static func trustExtraRoots(file path: String?) throws(FetchTLSError) {
        let context = try makeContext(extraRoots: path)
        state.withLock { $0 = (path, context) }
    }

    /// Checks that `NANO_EXTRA_CA_CERTS`, when set, can be loaded (the
    /// server checks at start: a bad file is an error then, not a failure of
    /// every https fetch later).
    public static func checkEnvironment() throws(FetchTLSError) {
        _ = try context()
    }

    /// The client context; made on first use (off the event loops: the
    /// fetch path asks for it on the thread pool).
    static func context() throws(FetchTLSError) -> NIOSSLContext {
        let (path, made) = state.withLock { ($0.extraRoots, $0.context) }
        if let made { return made }
        let context = try makeContext(extraRoots: path)
        return state.withLock { state in
            if let made = state.context { return made }
            state.context = context
            return context
        }
    }

    /// The context if it is made already (no loading on the caller's thread).
    static var contextIfMade: NIOSSLContext? { state.withLock { $0.context } }

    private static func makeContext(extraRoots path: String?) throws(FetchTLSError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.applicationProtocols = ["http/1.1"]
        configuration.certificateVerification = .fullVerification
        if let path {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                guard !certificates.isEmpty else {
                    throw FetchTLSError("NANO_EXTRA_CA_CERTS (\(path)): no PEM certificate in the file")
                }
                configuration.additionalTrustRoots = [.certificates(certificates)]
            } catch let error as FetchTLSError {
                throw error
            } catch {
                throw FetchTLSError("NANO_EXTRA_CA_CERTS (\(path)): cannot load the certificates: \(describe(error))")
            }
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw FetchTLSError("cannot set up TLS for fetch(): \(describe(error))")
        }
    }

    /// A TLS failure as a sentence (BoringSSL's reason strings, without the
    /// library's enum dump).
    static func describe(_ error: any Error) -> String {
        switch error {
        case NIOSSLError.handshakeFailed(let inner):
            return "the TLS handshake failed (\(reasons(inner)))"
        case NIOSSLError.uncleanShutdown:
            return "the server ended TLS without closing it"
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return "the server's certificate is not for this host"
        case let error as BoringSSLError:
            return reasons(error)
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        default:
            return "\(error)"
        }
    }

    private static func reasons(_ error: BoringSSLError) -> String {
        let stack: NIOBoringSSLErrorStack
        switch error {
        case .sslError(let s), .unknownError(let s), .invalidSNIName(let s), .failedToSetALPN(let s): stack = s
        default: return "\(error)"
        }
        // "Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at FILE:LINE"
        // -> "certificate verify failed"
        let texts = stack.map { entry -> String in
            var text = Substring("\(entry)")
            if let at = text.firstRange(of: " at ") { text = text[..<at.lowerBound] }
            guard text.contains("error:") else {
                return text.drop { $0 != " " }.drop { $0 == " " || $0.isNumber }.trimmingSpaces()
            }
            let reason = text.split(separator: ":").last.map(String.init) ?? String(text)
            return String(reason.lowercased().map { $0 == "_" ? " " : $0 })
        }
        return texts.isEmpty ? "\(error)" : texts.joined(separator: ", ")
    }
}

public struct FetchTLSError: Error, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

private extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
