import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// analytics_get_campaign_analytics (SPEC §5.5, §11) on the fixture store.
///
/// Activities of workspace A (all-time):
///   E1: P1 email_sent 10:00:00, email_sent 10:01:00, reply 10:01:30, interested → reply time from the FIRST
///       outbound: 90 s (not 30 s). P2 reply 09:00 then email_sent 10:00 (a reply before any outbound: counted as
///       replied and contacted, left out of the reply time). P3 email_sent + bounce. P4 no activity.
///       → prospects 4, emails 4, contacted 3 (P1 P2 P3), replies 2 (P1 P2), interested 1; mean 90 s
///         → round(90/60 = 1.5) = 2 → "2 minutes" (half away from zero).
///   L1: Q1 invite_sent 08:00:00, reply 08:00:02.5 (2.5 s), invite_accepted, a second reply a day later (ignored);
///       Q2 invite_sent 09:00:00.250, reply 09:00:00.750 (0.5 s), interested; Q3 linkedin_message_sent.
///       → prospects 3, invites 2, accepted 1, messages 1, contacted 3, replies 2, interested 1;
///         mean (2.5 + 0.5) / 2 = 1.5 s → 2 s (exact, half away) → max(1, round(2/60)) = "1 minute".
///   E2: R1 email_sent 03-01 00:00, reply 03-02 12:00 → 129600 s = 1.5 days → "2 days".
///   B1 (workspace B): email_sent 00:00, reply 01:30 → 5400 s = 1.5 h → "2 hours".
/// Order: workspace_id, then name (null last), then id:
///   T1 "Alpha Email" (b0…) < E1 "Alpha Email" (c0…01) < E3 "Baseline Only" < L1 "Beta LinkedIn" < E2 "Delta Other"
///   < C1 "Gamma Calls" < X1 (no name); then B: B1 "Beta Secret" < B2 "Carl Campaign".
@Suite("analytics_get_campaign_analytics")
struct AnalyticsGetCampaignAnalyticsTests {
    let tool = AnalyticsGetCampaignAnalytics()

    static func row(_ id: String, _ publicID: String, _ name: String?, _ status: String, _ ws: Int, _ a: [Int], _ text: String?, _ seconds: Int?) -> String {
        let nameJSON = name.map { "\"\($0)\"" } ?? "null"
        let textJSON = text.map { "\"\($0)\"" } ?? "null"
        let secondsJSON = seconds.map(String.init) ?? "null"
        return """
            {"id":"\(id)","public_id":"\(publicID)","name":\(nameJSON),"status":"\(status)","workspace_id":\(ws),
             "analytics":{"amount_of_prospects":\(a[0]),"amount_of_emails_sent":\(a[1]),"amount_of_invites_sent":\(a[2]),
              "amount_of_invites_accepted":\(a[3]),"amount_of_linkedin_messages_sent":\(a[4]),"amount_of_prospects_contacted":\(a[5]),
              "amount_of_replies":\(a[6]),"amount_of_interested":\(a[7]),"average_reply_time":\(textJSON),"average_reply_time_seconds":\(secondsJSON)}}
            """
    }

    static let zero = [0, 0, 0, 0, 0, 0, 0, 0]
    static let rowsA = [
        row(Fixture.t1, Fixture.t1Public, "Alpha Email", "ARCHIVED", 340, zero, nil, nil),
        row(Fixture.e1, Fixture.e1Public, "Alpha Email", "ACTIVE", 340, [4, 4, 0, 0, 0, 3, 2, 1], "2 minutes", 90),
        row(Fixture.e3, Fixture.e3Public, "Baseline Only", "DRAFT", 340, zero, nil, nil),
        row(Fixture.l1, Fixture.l1Public, "Beta LinkedIn", "ACTIVE", 340, [3, 0, 2, 1, 1, 3, 2, 1], "1 minute", 2),
        row(Fixture.e2, Fixture.e2Public, "Delta Other", "ACTIVE", 340, [1, 1, 0, 0, 0, 1, 1, 0], "2 days", 129600),
        row(Fixture.c1, Fixture.c1Public, "Gamma Calls", "PAUSED", 340, zero, nil, nil),
        row(Fixture.x1, Fixture.x1Public, nil, "COMPLETED", 340, zero, nil, nil),
    ]
    static let rowsB = [
        row(Fixture.b1, Fixture.b1Public, "Beta Secret", "ACTIVE", 341, [1, 1, 0, 0, 0, 1, 1, 0], "2 hours", 5400),
        row(Fixture.b2, Fixture.b2Public, "Carl Campaign", "ACTIVE", 341, zero, nil, nil),
    ]
    static func expected(_ rows: [String]) -> JSONValue {
        Fixture.json(#"{"campaigns":[\#(rows.joined(separator: ","))],"total":\#(rows.count),"next_cursor":null}"#)
    }

    @Test func sessionWorkspaceByDefault() {
        #expect(Fixture.ok(tool) == Self.expected(Self.rowsA))
    }

    @Test(arguments: ["340", "340.0", #""ws_00000000000000000000000340""#])
    func sessionWorkspaceByID(_ value: String) {
        #expect(Fixture.ok(tool, #"{"workspace_id":\#(value)}"#) == Self.expected(Self.rowsA))
    }

    @Test(arguments: ["341", #""ws_00000000000000000000000341""#])
    func anotherLinkedWorkspace(_ value: String) {
        #expect(Fixture.ok(tool, #"{"workspace_id":\#(value)}"#) == Self.expected(Self.rowsB))
    }

    @Test(arguments: ["ALL", "all", "All", "aLl"])
    func allLinkedWorkspacesOrderedByWorkspaceID(_ value: String) {
        #expect(Fixture.ok(tool, #"{"workspace_id":"\#(value)"}"#) == Self.expected(Self.rowsA + Self.rowsB))
        // The same from a session of workspace B: ALL is about the user, ordered by workspace id.
        let fromB = Fixture.context(workspace: Fixture.wsB)
        #expect(Fixture.ok(tool, #"{"workspace_id":"\#(value)"}"#, fromB) == Self.expected(Self.rowsA + Self.rowsB))
        #expect(Fixture.ok(tool, "{}", fromB) == Self.expected(Self.rowsB))
    }

    @Test func keysInDocumentedOrder() throws {
        let first = try #require(Fixture.ok(tool)["campaigns"]?.arrayValue?.first?.objectValue)
        #expect(first.keys == ["id", "public_id", "name", "status", "workspace_id", "analytics"])
        #expect(first["analytics"]?.objectValue?.keys == [
            "amount_of_prospects", "amount_of_emails_sent", "amount_of_invites_sent", "amount_of_invites_accepted",
            "amount_of_linkedin_messages_sent", "amount_of_prospects_contacted", "amount_of_replies", "amount_of_interested",
            "average_reply_time", "average_reply_time_seconds",
        ])
    }

    @Test func forbiddenLooksTheSameForUnlinkedAndNonexistentWorkspaces() throws {
        // 342 exists (Ada is not linked), 999 does not; the ws_ forms likewise. All are `Access denied`, word for word.
        let reference = try #require(Fixture.error(tool, #"{"workspace_id":999}"#))
        #expect(reference.code == .forbidden)
        #expect(reference.message == "Access denied")
        for value in ["342", #""ws_00000000000000000000000342""#, #""ws_07777777777777777777777777""#, "-1", "0"] {
            #expect(Fixture.error(tool, #"{"workspace_id":\#(value)}"#) == reference, "\(value)")
        }
        // Bob (linked to A only) asking for B.
        let bob = Fixture.context(user: Fixture.bob)
        #expect(Fixture.error(tool, #"{"workspace_id":341}"#, bob) == reference)
        #expect(Fixture.ok(tool, #"{"workspace_id":"ALL"}"#, bob) == Self.expected(Self.rowsA))
    }

    @Test(arguments: [#""ALL ""#, #""al""#, #""WS_00000000000000000000000340""#, #""ws_0000000000000000000000034""#,
                      "340.5", "true", "[340]", "{}", #""+340""#, #"" 340""#, #""3.4""#, #""١٢""#, #""1234567890123456789""#])
    func invalidWorkspaceID(_ value: String) throws {
        let e = try #require(Fixture.error(tool, #"{"workspace_id":\#(value)}"#))
        #expect(e.code == .invalidArgument)
        #expect(e.field == "workspace_id")
    }

    @Test func unknownArgument() throws {
        let e = try #require(Fixture.error(tool, #"{"workspace":340}"#))
        #expect(e.code == .invalidArgument && e.field == "workspace")
    }

    // MARK: Reply time arithmetic

    @Test(arguments: [
        (0, "1 minute"), (1, "1 minute"), (29, "1 minute"), (30, "1 minute"), (89, "1 minute"),
        (90, "2 minutes"), (149, "2 minutes"), (150, "3 minutes"), (3599, "60 minutes"),
        (3600, "1 hour"), (5399, "1 hour"), (5400, "2 hours"), (86399, "24 hours"),
        (86400, "1 day"), (129599, "1 day"), (129600, "2 days"), (1_000_000, "12 days"),
    ])
    func replyTimeText(_ seconds: Int64, _ text: String) {
        // minutes: max(1, round(s/60)); hours: round(s/3600); days: round(s/86400); halves away from zero:
        // 30/60 = 0.5 → 1; 90/60 = 1.5 → 2; 150/60 = 2.5 → 3; 3599/60 = 59.98 → 60; 5400/3600 = 1.5 → 2;
        // 86399/3600 = 23.9997 → 24; 129600/86400 = 1.5 → 2; 1e6/86400 = 11.57 → 12.
        #expect(AnalyticsGetCampaignAnalytics.replyTimeText(seconds) == text)
    }

    @Test func averageIsExactAndRoundsHalfAwayFromZero() {
        func average(_ nanos: Int128, _ count: Int64) -> Int64? {
            var f = CampaignFunnel()
            f.replyTimeNanosSum = nanos
            f.replyTimeCount = count
            return AnalyticsGetCampaignAnalytics.averageReplySeconds(f)
        }
        #expect(average(0, 0) == nil)
        #expect(average(1_500_000_000, 1) == 2)  // 1.5 s → 2
        #expect(average(1_499_999_999, 1) == 1)  // just below the half
        #expect(average(3_000_000_001, 2) == 2)  // 1.5000000005 → 2
        #expect(average(2_999_999_999, 2) == 1)  // 1.4999999995 → 1 (a double would see 1.5)
        #expect(average(500_000_000, 1) == 1)  // 0.5 → 1
        // A sum beyond Int64 (e.g. a million prospects each replying after 10 days) stays exact.
        let tenDays: Int128 = 864_000 * 1_000_000_000
        #expect(average(tenDays * 1_000_000, 1_000_000) == 864_000)
    }

    // MARK: Filters, sort, pages (revision 2)

    func ids(_ args: String, _ context: ToolContext = Fixture.context()) -> [String] {
        (Fixture.ok(tool, args, context)["campaigns"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    }

    @Test func typeStatusAndQueryFilters() {
        // type linkedin in A: T1 (archived) and L1, name order.
        #expect(ids(#"{"type":"linkedin"}"#) == [Fixture.t1, Fixture.l1])
        // status matches the stored (lower-case) value: active in A = E1, L1, E2.
        #expect(ids(#"{"status":"active"}"#) == [Fixture.e1, Fixture.l1, Fixture.e2])
        // query: case-insensitive part of the name; a null name never matches a non-empty query.
        #expect(ids(#"{"query":"ALPHA"}"#) == [Fixture.t1, Fixture.e1])
        #expect(ids(#"{"query":"beta","workspace_id":"ALL"}"#) == [Fixture.l1, Fixture.b1])
        #expect(ids(#"{"query":"a","type":"email","status":"active"}"#) == [Fixture.e1, Fixture.e2])
        // All filters, total counts every match.
        let r = Fixture.ok(tool, #"{"type":"email","workspace_id":"ALL"}"#)
        #expect(r["total"] == 5)  // E1, E3, E2, X1 in A; B1 in B
        #expect(ids(#"{"type":"email","workspace_id":"ALL"}"#) == [Fixture.e1, Fixture.e3, Fixture.e2, Fixture.x1, Fixture.b1])
        // The upper-cased status of the answer is not a filter value.
        #expect(Fixture.error(tool, #"{"status":"ACTIVE"}"#)?.field == "status")
        // No match: an empty page, total 0.
        #expect(Fixture.ok(tool, #"{"query":"zzz"}"#) == Fixture.json(#"{"campaigns":[],"total":0,"next_cursor":null}"#))
    }

    @Test func sortByACountInBothOrdersTiesAscend() {
        // Replies in A: T1 0, E1 2, E3 0, L1 2, E2 1, C1 0, X1 0 (base order T1 E1 E3 L1 E2 C1 X1).
        #expect(ids(#"{"sort":"amount_of_replies"}"#) == [Fixture.e1, Fixture.l1, Fixture.e2, Fixture.t1, Fixture.e3, Fixture.c1, Fixture.x1])
        #expect(ids(#"{"sort":"amount_of_replies","order":"desc"}"#) == ids(#"{"sort":"amount_of_replies"}"#))
        #expect(ids(#"{"sort":"amount_of_replies","order":"asc"}"#) == [Fixture.t1, Fixture.e3, Fixture.c1, Fixture.x1, Fixture.e2, Fixture.e1, Fixture.l1])
        // Prospects with ALL: E1 4, L1 3, E2 1 (340), B1 1 (341), then zeros T1 E3 C1 X1 (340) and B2 (341):
        // the tie E2/B1 goes by workspace id ascending in both orders.
        #expect(ids(#"{"sort":"amount_of_prospects","workspace_id":"ALL"}"#)
            == [Fixture.e1, Fixture.l1, Fixture.e2, Fixture.b1, Fixture.t1, Fixture.e3, Fixture.c1, Fixture.x1, Fixture.b2])
        #expect(ids(#"{"sort":"amount_of_prospects","order":"asc","workspace_id":"ALL"}"#)
            == [Fixture.t1, Fixture.e3, Fixture.c1, Fixture.x1, Fixture.b2, Fixture.e2, Fixture.b1, Fixture.l1, Fixture.e1])
    }

    @Test func nullAverageReplyTimeIsLastInBothOrders() {
        // L1 2 s, E1 90 s, B1 5400 s, E2 129600 s; T1 E3 C1 X1 B2 have none (kept in base order).
        let nulls = [Fixture.t1, Fixture.e3, Fixture.c1, Fixture.x1, Fixture.b2]
        #expect(ids(#"{"sort":"average_reply_time_seconds","order":"asc","workspace_id":"ALL"}"#)
            == [Fixture.l1, Fixture.e1, Fixture.b1, Fixture.e2] + nulls)
        #expect(ids(#"{"sort":"average_reply_time_seconds","order":"desc","workspace_id":"ALL"}"#)
            == [Fixture.e2, Fixture.b1, Fixture.e1, Fixture.l1] + nulls)
    }

    @Test func pagingThroughEveryPageWithCursors() throws {
        // ALL by prospects desc, 2 per page: [E1 L1] [E2 B1] [T1 E3] [C1 X1] [B2]; the limit may change between pages.
        let expected = [Fixture.e1, Fixture.l1, Fixture.e2, Fixture.b1, Fixture.t1, Fixture.e3, Fixture.c1, Fixture.x1, Fixture.b2]
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            var args = #"{"workspace_id":"ALL","sort":"amount_of_prospects","limit":2"#
            if let cursor { args += #","cursor":"\#(cursor)""# }
            let r = Fixture.ok(tool, args + "}")
            #expect(r["total"] == 9)
            let page = (r["campaigns"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            #expect(page.count == min(2, 9 - seen.count))
            seen += page
            cursor = r["next_cursor"]?.stringValue
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 5)
        #expect(seen == expected)
        // The default limit is 25: one page, no cursor.
        #expect(Fixture.ok(tool, #"{"workspace_id":"ALL"}"#)["next_cursor"] == .null)
        // Another page size from a cursor.
        let first = Fixture.ok(tool, #"{"workspace_id":"ALL","sort":"amount_of_prospects","limit":3}"#)
        let next = try #require(first["next_cursor"]?.stringValue)
        #expect(ids(#"{"workspace_id":"ALL","sort":"amount_of_prospects","limit":100,"cursor":"\#(next)"}"#) == Array(expected[3...]))
    }

    @Test func cursorIsBoundToSortOrderSelectionAndFilters() throws {
        let first = Fixture.ok(tool, #"{"workspace_id":"ALL","sort":"amount_of_replies","limit":1}"#)
        let cursor = try #require(first["next_cursor"]?.stringValue)
        // The same listing: the effective order (desc by default) and "all" in another case are the same selection.
        #expect(Fixture.run(tool, #"{"workspace_id":"all","sort":"amount_of_replies","order":"desc","cursor":"\#(cursor)"}"#).isSuccess)
        for other in [
            #"{"workspace_id":"ALL","sort":"amount_of_replies","order":"asc","cursor":"\#(cursor)"}"#,
            #"{"workspace_id":"ALL","sort":"amount_of_prospects","cursor":"\#(cursor)"}"#,
            #"{"workspace_id":"ALL","cursor":"\#(cursor)"}"#,
            #"{"workspace_id":340,"sort":"amount_of_replies","cursor":"\#(cursor)"}"#,
            #"{"sort":"amount_of_replies","cursor":"\#(cursor)"}"#,
            #"{"workspace_id":"ALL","sort":"amount_of_replies","type":"email","cursor":"\#(cursor)"}"#,
            #"{"workspace_id":"ALL","sort":"amount_of_replies","query":"a","cursor":"\#(cursor)"}"#,
            #"{"workspace_id":"ALL","sort":"amount_of_replies","status":"active","cursor":"\#(cursor)"}"#,
        ] {
            let e = Fixture.error(tool, other)
            #expect(e?.code == .invalidArgument && e?.field == "cursor", "\(other)")
        }
        // The same selection in another session workspace (B) is another listing.
        let fromB = Fixture.context(workspace: Fixture.wsB)
        #expect(Fixture.error(tool, #"{"workspace_id":"ALL","sort":"amount_of_replies","cursor":"\#(cursor)"}"#, fromB)?.field == "cursor")
        // An omitted workspace_id, the id and the ws_ id name the same selection.
        let own = Fixture.ok(tool, #"{"limit":1}"#)
        let ownCursor = try #require(own["next_cursor"]?.stringValue)
        #expect(ids(#"{"workspace_id":"ws_00000000000000000000000340","cursor":"\#(ownCursor)"}"#).first == Fixture.e1)
        #expect(ids(#"{"workspace_id":"340","cursor":"\#(ownCursor)"}"#).first == Fixture.e1)
        // An altered cursor (payload changed, tag kept) and another tool's cursor are refused.
        var bytes = Array(cursor.utf8)
        bytes[5] = bytes[5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(Fixture.error(tool, #"{"workspace_id":"ALL","sort":"amount_of_replies","cursor":"\#(String(decoding: bytes, as: UTF8.self))"}"#)?.field == "cursor")
        let listCursor = try #require(Fixture.ok(CampaignsList(), #"{"limit":1}"#)["next_cursor"]?.stringValue)
        #expect(Fixture.error(tool, #"{"cursor":"\#(listCursor)"}"#)?.field == "cursor")
    }

    @Test func orderWithoutSortIsReportedBeforeForbidden() throws {
        let e = try #require(Fixture.error(tool, #"{"order":"asc"}"#))
        #expect(e.code == .invalidArgument && e.field == "order")
        let both = try #require(Fixture.error(tool, #"{"order":"desc","workspace_id":999}"#))
        #expect(both.code == .invalidArgument && both.field == "order")
        // With sort, the unlinked workspace is forbidden.
        #expect(Fixture.error(tool, #"{"order":"desc","sort":"amount_of_replies","workspace_id":999}"#)?.code == .forbidden)
        // null / "" order is omitted.
        #expect(Fixture.run(tool, #"{"order":null,"sort":""}"#).isSuccess)
    }

    @Test(arguments: [#"{"limit":0}"#, #"{"limit":101}"#, #"{"sort":"name"}"#, #"{"order":"ASC","sort":"amount_of_replies"}"#, #"{"type":"sms"}"#])
    func invalidValues(_ args: String) throws {
        #expect(Fixture.error(tool, args)?.code == .invalidArgument)
    }
}

/// The answers of the three analytics tools conform to their output schemas (revision 2 shapes).
@Suite("analytics output schemas")
struct AnalyticsOutputSchemaTests {
    func reparsed(_ value: JSONValue) throws -> JSONValue { try JSON.parse(JSON.string(value)) }

    @Test func answersConform() throws {
        let calls: [(any Tool, String)] = [
            (AnalyticsGetCampaignAnalytics(), "{}"),
            (AnalyticsGetCampaignAnalytics(), #"{"workspace_id":"ALL","sort":"average_reply_time_seconds","limit":2}"#),
            (AnalyticsGetDashboard(), "{}"),
            (AnalyticsGetDashboard(), #"{"type":"call","range":"12w"}"#),
            (AnalyticsGetCallDashboard(), "{}"),
            (AnalyticsGetCallDashboard(), #"{"period":"last_month","limit":1}"#),
        ]
        for (tool, arguments) in calls {
            let value = try reparsed(Fixture.ok(tool, arguments))
            let problems = StatsSchemaCheck.violations(value, tool.outputSchema)
            #expect(problems.isEmpty, "\(tool.name) \(arguments): \(problems)")
        }
        // The checker notices a wrong figure type, an unknown top-level key and a missing total.
        let bad = Fixture.json(#"{"campaigns":[{"id":"x","public_id":"y","name":null,"status":"ACTIVE","workspace_id":1,"analytics":{"amount_of_prospects":"7"}}],"total":1,"next_cursor":null,"extra":1}"#)
        #expect(StatsSchemaCheck.violations(bad, AnalyticsGetCampaignAnalytics().outputSchema).count >= 3)
        let noTotal = Fixture.json(#"{"weekly":[],"allTime":{"linkedin":{},"email":{},"call":{}},"campaigns":[],"range":"all"}"#)
        #expect(!StatsSchemaCheck.violations(noTotal, AnalyticsGetDashboard().outputSchema).isEmpty)
    }
}

/// `query` on non-ASCII names (SPEC §11: NFC then Unicode lower-case on both sides), through the
/// folded-name cache, which must follow a rename.
@Suite("analytics_get_campaign_analytics query folding")
struct AnalyticsQueryFoldingTests {
    static let store = """
        {"format":"stats-mcp-store","version":1,
         "workspaces":[{"id":340,"public_id":"ws_00000000000000000000000340","name":"Acme","timezone":"UTC"}],
         "users":[{"id":"\(Fixture.ada)","public_id":"usr_00000000000000000000000001","name":"Ada Park","workspace_ids":[340]}],
         "campaigns":[
          {"id":"c3000000-0000-4000-8000-000000000001","public_id":"cp_00000000000000000000000901","workspace_id":340,"user_id":"\(Fixture.ada)","type":"email","name":"Z\\u00fcrich Banks","status":"active"},
          {"id":"c3000000-0000-4000-8000-000000000002","public_id":"cp_00000000000000000000000902","workspace_id":340,"user_id":"\(Fixture.ada)","type":"email","name":"ZU\\u0308RICH nfd","status":"active"},
          {"id":"c3000000-0000-4000-8000-000000000003","public_id":"cp_00000000000000000000000903","workspace_id":340,"user_id":"\(Fixture.ada)","type":"email","name":"\\u00c9COLE \\ud83c\\udf5c","status":"active"},
          {"id":"c3000000-0000-4000-8000-000000000004","public_id":"cp_00000000000000000000000904","workspace_id":340,"user_id":"\(Fixture.ada)","type":"email","name":"Zurich plain","status":"active"}]}
        """

    func names(_ args: String, _ data: StoreData) -> [String] {
        (Fixture.ok(AnalyticsGetCampaignAnalytics(), args, Fixture.context(data: data))["campaigns"]?.arrayValue ?? [])
            .compactMap { $0["name"]?.stringValue }
    }

    @Test func foldedSubstrings() {
        let data = Fixture.load(Self.store)
        // "zür" (NFC query) matches the NFC name and the NFD upper-case one ("ZU\u{308}RICH" → "zürich"), not "Zurich".
        #expect(names(#"{"query":"Z\u00dcR"}"#, data) == ["ZU\u{308}RICH nfd", "Z\u{fc}rich Banks"])
        #expect(names(#"{"query":"zu\u0308r"}"#, data) == ["ZU\u{308}RICH nfd", "Z\u{fc}rich Banks"])
        #expect(names(#"{"query":"école 🍜"}"#, data) == ["\u{c9}COLE 🍜"])
        #expect(names(#"{"query":"zurich"}"#, data) == ["Zurich plain"])
        // The second call (cached folded names) answers the same.
        #expect(names(#"{"query":"zür"}"#, data) == ["ZU\u{308}RICH nfd", "Z\u{fc}rich Banks"])
    }

    @Test func aRenameIsSeenAtOnce() throws {
        var data = Fixture.load(Self.store)
        #expect(names(#"{"query":"zür"}"#, data).count == 2)
        data.apply([.setCampaignFields(campaignID: "c3000000-0000-4000-8000-000000000001", fields: JSONObject([("name", "Genf Banken")]))])
        #expect(names(#"{"query":"zür"}"#, data) == ["ZU\u{308}RICH nfd"])
        data.apply([.setCampaignFields(campaignID: "c3000000-0000-4000-8000-000000000004", fields: JSONObject([("name", "Zürich neu")]))])
        #expect(names(#"{"query":"zür"}"#, data) == ["ZU\u{308}RICH nfd", "Z\u{fc}rich neu"])
    }
}
