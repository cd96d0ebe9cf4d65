/// Checks the admin API's bearer token.
enum AdminAuth {
    /// True when `header` is `Bearer <token>`. The comparison takes the same
    /// time wherever the first wrong byte is, so timing does not leak the
    /// token a byte at a time.
    static func isAuthorized(_ header: String?, token: String) -> Bool {
        guard let header else { return false }
        let scheme = "bearer "
        guard header.utf8.count > scheme.utf8.count,
              header.prefix(scheme.count).lowercased() == scheme else { return false }
        let given = Array(header.dropFirst(scheme.count).drop(while: { $0 == " " }).utf8)
        let expected = Array(token.utf8)
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for i in 0..<expected.count {
            difference |= expected[i] ^ (i < given.count ? given[i] : 0)
        }
        return difference == 0
    }
}
