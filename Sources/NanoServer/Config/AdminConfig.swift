import Foundation

/// The config's `admin` object: where the admin API listens, its bearer
/// token, and the folder deployments are kept in.
///
/// ```json
/// "admin": { "listen": "127.0.0.1:8081", "token": "...", "dataDir": ".nano-data" }
/// ```
/// Every key is optional. The token may instead come from the environment
/// (`NANO_ADMIN_TOKEN`, which wins over the file so the file need not hold
/// it); without one the admin API does not start, but apps deployed earlier
/// are still served. `dataDir` is relative to the config file (default
/// `.nano-data` next to it).
public struct AdminConfig: Sendable, Equatable {
    public static let defaultListen = ListenAddress(host: "127.0.0.1", port: 8081)
    public static let defaultDataDir = ".nano-data"
    public static let tokenVariable = "NANO_ADMIN_TOKEN"
    /// A token shorter than this is refused: the API can deploy code.
    public static let minimumTokenLength = 16

    public var listen: ListenAddress
    /// nil: the admin API is off.
    public var token: String?
    /// Where deployments are written (absolute).
    public var dataDir: URL
    /// Largest request body the admin API reads (deploys carry source code).
    public var maxBodyBytes = 32 * 1024 * 1024

    public init(listen: ListenAddress = AdminConfig.defaultListen, token: String?, dataDir: URL) {
        self.listen = listen
        self.token = token
        self.dataDir = dataDir
    }

    static func parse(_ object: JSONObject?, relativeTo base: URL, environment: [String: String]) throws -> AdminConfig {
        try object?.allowOnly(["listen", "token", "dataDir"])
        let listen = try object?.string("listen").map { try ListenAddress(parsing: $0) } ?? defaultListen
        let dataDir = try object?.string("dataDir") ?? defaultDataDir
        guard !dataDir.isEmpty else { throw ConfigError("admin.dataDir must not be empty") }
        var token = try object?.string("token")
        var source = "admin.token"
        if let fromEnvironment = environment[tokenVariable], !fromEnvironment.isEmpty {
            token = fromEnvironment
            source = tokenVariable
        }
        if let token {
            // Never quote the token: this message goes to the log.
            guard token.utf8.count >= minimumTokenLength else {
                throw ConfigError("\(source) is too short: at least \(minimumTokenLength) characters")
            }
            guard token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw ConfigError("\(source) may only hold printable ASCII without spaces (it is sent in a header)")
            }
        }
        return AdminConfig(listen: listen, token: token,
                           dataDir: URL(fileURLWithPath: dataDir, relativeTo: base).standardizedFileURL)
    }
}
