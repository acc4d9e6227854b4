/// How big a demo store to generate. The size is driven by the number of prospects `N`;
/// activities are about `3 N`, clicks exactly `5 N`, campaigns `24 + N / 500`.
public enum DemoScale: Sendable, Equatable {
    /// About 2,000 prospects (a few MB). Generated in memory at server start for `--demo`.
    case small
    /// About 100,000 prospects (≈ 145 MB).
    case medium
    /// About 1,000,000 prospects, 3,000,000 activities, 5,000,000 clicks (≈ 1.5 GB).
    case large
    /// `N` prospects; everything else scales proportionally.
    case custom(Int)

    /// `"small"`, `"medium"`, `"large"` (any case, surrounding spaces ignored) or a positive
    /// decimal integer (the number of prospects, at most 100,000,000). Anything else gives `nil`.
    public static func parse(_ text: String) -> DemoScale? {
        let t = text.trimmingSpaces().lowercased()
        switch t {
        case "small": return .small
        case "medium": return .medium
        case "large": return .large
        default: break
        }
        guard !t.isEmpty, t.utf8.count <= 9, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let n = Int(t), n > 0, n <= 100_000_000 else { return nil }
        return .custom(n)
    }

    /// The number of prospects this scale generates.
    public var prospectCount: Int {
        switch self {
        case .small: return 2_000
        case .medium: return 100_000
        case .large: return 1_000_000
        case .custom(let n): return max(0, n)
        }
    }

    /// The name used on the command line (`small`, `medium`, `large`, or the number).
    public var name: String {
        switch self {
        case .small: return "small"
        case .medium: return "medium"
        case .large: return "large"
        case .custom(let n): return String(n)
        }
    }
}

/// A documented demo API key (plain text) and what it binds to.
public struct DemoKey: Sendable, Equatable {
    /// The plain key, e.g. `stats-demo-owner` (the store holds only its SHA-256).
    public let key: String
    /// The key's label in `api_keys`.
    public let label: String
    public let userName: String
    public let userPublicID: String
    public let workspaceID: Int
    public let workspacePublicID: String

    public init(key: String, label: String, userName: String, userPublicID: String,
                workspaceID: Int, workspacePublicID: String) {
        self.key = key
        self.label = label
        self.userName = userName
        self.userPublicID = userPublicID
        self.workspaceID = workspaceID
        self.workspacePublicID = workspacePublicID
    }
}

/// A campaign of the demo store that documentation and the benchmark refer to.
public struct DemoCampaignInfo: Sendable, Equatable {
    public let id: String
    public let publicID: String
    public let name: String
    public let type: String
    public let status: String
    public let workspaceID: Int
    public let prospectCount: Int
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
