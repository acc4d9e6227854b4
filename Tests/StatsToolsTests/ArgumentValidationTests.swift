import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// SPEC §4 and §11 argument rules, checked through the real tools (validation then run, as the
/// backend does).
@Suite("argument validation")
struct ArgumentValidationTests {
    let overview = StatsGetWorkspaceOverview()
    let performance = StatsGetCampaignPerformance()
    let userMetrics = StatsGetUserMetrics()
    let sync = CampaignsSyncStats()
    let capture = CampaignsCaptureWeeklySnapshots()

    // MARK: Unknown names

    @Test func singleUnknownArgumentIsNamedInField() throws {
        let error = try #require(StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2026-01-02", "bogus": 1}"#), .invalidArgument, field: "bogus"))
        #expect(error.message.contains("bogus"))
    }

    @Test func severalUnknownArgumentsHaveNoField() throws {
        let error = try #require(StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2026-01-02", "alpha": 1, "beta": 2}"#), .invalidArgument, field: nil))
        #expect(error.message.contains("alpha"))
        #expect(error.message.contains("beta"))
    }

    @Test func unknownNamesComeBeforeMissingRequiredOnes() {
        StatsCheck.error(StatsHarness.call(overview, #"{"From": "2026-01-01"}"#), .invalidArgument, field: "From")
        StatsCheck.error(StatsHarness.call(sync, #"{"campaign_id": "x"}"#), .invalidArgument, field: "campaign_id")
    }

    @Test func argumentNamesAreCaseSensitive() {
        StatsCheck.error(StatsHarness.call(performance, "{\"campaignpublicid\": \"\(StatsFixture.cp(1))\"}"), .invalidArgument, field: "campaignpublicid")
    }

    // MARK: Missing, null and wrong types

    @Test func missingRequiredArguments() throws {
        let error = try #require(StatsCheck.error(StatsHarness.call(overview, "{}"), .invalidArgument, field: "from"))
        #expect(error.message.contains("from"))
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01"}"#), .invalidArgument, field: "to")
        StatsCheck.error(StatsHarness.call(performance, "{}"), .invalidArgument, field: "campaignPublicId")
        StatsCheck.error(StatsHarness.call(userMetrics, #"{"from": "2026-01-01", "to": "2026-01-02"}"#), .invalidArgument, field: "userPublicId")
        StatsCheck.error(StatsHarness.call(sync, #"{"dry_run": true}"#), .invalidArgument, field: "id")
    }

    @Test func nullOrEmptyOptionalArgumentCountsAsOmitted() throws {
        // SPEC §4 "Omitted values": the same answer as without the argument.
        let plain = StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2026-01-02"}"#)
        for extra in [#""breakdown": null"#, #""breakdown": """#, #""workspacePublicId": null"#, #""workspacePublicId": """#,
                      #""compare": null"#, #""period": """#, #""compare": """#, #""period": null"#] {
            let other = StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2026-01-02", \#(extra)}"#)
            #expect(try other.get() == plain.get(), "\(extra)")
        }
        // A whitespace-only string is not "": it is validated (and rejected here).
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2026-01-02", "breakdown": " "}"#), .invalidArgument, field: "breakdown")
    }

    @Test func nullOrEmptyRequiredArgumentIsMissing() throws {
        for value in ["null", #""""#] {
            let e = try #require(StatsCheck.error(StatsHarness.call(sync, #"{"id": \#(value)}"#), .invalidArgument, field: "id"))
            #expect(e.message.contains("Missing"))
            StatsCheck.error(StatsHarness.call(performance, #"{"campaignPublicId": \#(value)}"#), .invalidArgument, field: "campaignPublicId")
        }
        // An undeclared argument is unknown even when it is null or "".
        StatsCheck.error(StatsHarness.call(sync, #"{"id": "x", "color": null}"#), .invalidArgument, field: "color")
        StatsCheck.error(StatsHarness.call(sync, #"{"id": "x", "color": ""}"#), .invalidArgument, field: "color")
    }

    @Test(arguments: [
        #"{"from": 20260101, "to": "2026-01-02"}"#,
        #"{"from": ["2026-01-01"], "to": "2026-01-02"}"#,
        #"{"from": {"date": "2026-01-01"}, "to": "2026-01-02"}"#,
        #"{"from": true, "to": "2026-01-02"}"#,
    ])
    func wrongJSONTypeForADate(arguments: String) throws {
        let error = try #require(StatsCheck.error(StatsHarness.call(overview, arguments), .invalidArgument, field: "from"))
        // The message names what was received and what is expected; the hint gives an example.
        #expect(error.message.contains("YYYY-MM-DD"))
        #expect(error.hint?.contains("Example") == true)
    }

    @Test func wrongJSONTypesForOtherKinds() {
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2026-01-02", "breakdown": ["day"]}"#), .invalidArgument, field: "breakdown")
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2026-01-02", "workspacePublicId": 340}"#), .invalidArgument, field: "workspacePublicId")
        StatsCheck.error(StatsHarness.call(performance, #"{"campaignPublicId": 1}"#), .invalidArgument, field: "campaignPublicId")
        StatsCheck.error(StatsHarness.call(sync, #"{"id": ["cp_01hz0000000000000000000001"]}"#), .invalidArgument, field: "id")
    }

    @Test(arguments: ["DAY", "days", "Week", " ", " none", "year"])
    func breakdownIsAnExactEnum(value: String) {
        StatsCheck.error(StatsHarness.call(overview, "{\"from\": \"2026-01-01\", \"to\": \"2026-01-02\", \"breakdown\": \"\(value)\"}"), .invalidArgument, field: "breakdown")
    }

    // MARK: Dates

    @Test(arguments: ["2026-02-30", "2026-2-3", "2026-02-03T00:00", "2026-13-01", "2026-00-10", "2026-02-29", " 2026-02-03",
                      "2026-02-03 ", "2026/02/03", "20260203", "2026-02-3", "١٢٣٤-02-03", "1999-12-31", "2101-01-01", " "])
    func malformedOrOutOfRangeDates(value: String) throws {
        let error = try #require(StatsCheck.error(StatsHarness.call(overview, "{\"from\": \"\(value)\", \"to\": \"2026-03-01\"}"), .invalidArgument, field: "from"))
        #expect(error.hint?.contains("Example") == true)
    }

    @Test func rangeLimitsOfDatesAreInclusive() {
        StatsCheck.member(StatsHarness.call(overview, #"{"from": "2000-01-01", "to": "2000-01-01"}"#), "previous",
            WorkspaceOverviewTests.quietPrevious("1999-12-31", "1999-12-31", totals: #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0}"#))
        StatsCheck.member(StatsHarness.call(overview, #"{"from": "2100-12-31", "to": "2100-12-31"}"#), "period", #"{"from": "2100-12-31", "to": "2100-12-31"}"#)
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2100-12-31", "to": "2101-01-01"}"#), .invalidArgument, field: "to")
        StatsCheck.member(StatsHarness.call(overview, #"{"from": "2024-02-29", "to": "2024-02-29"}"#), "period", #"{"from": "2024-02-29", "to": "2024-02-29"}"#)
    }

    @Test func fromAfterToIsACrossFieldErrorWithoutField() throws {
        let error = try #require(StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-03-02", "to": "2026-03-01"}"#), .invalidArgument, field: nil))
        #expect(error.message.contains("2026-03-02"))
        // from == to is fine.
        StatsCheck.member(StatsHarness.call(overview, #"{"from": "2026-03-01", "to": "2026-03-01"}"#), "period", #"{"from": "2026-03-01", "to": "2026-03-01"}"#)
    }

    // 2026-01-01..2028-12-31 = 365 + 365 + 366 = 1096 days; one more day is 1097. The previous period
    // is 2023-01-01..2025-12-31 and holds one click (other, 2025-12-31T23:59:59Z), no activity and no call row.
    @Test func spanOf1096DaysIsAcceptedAnd1097Rejected() throws {
        StatsCheck.member(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2028-12-31", "breakdown": "month"}"#), "previous",
            WorkspaceOverviewTests.quietPrevious("2023-01-01", "2025-12-31", totals: #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 1}"#))
        let error = try #require(StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2029-01-01"}"#), .invalidArgument, field: nil))
        #expect(error.message.contains("1097"))
        StatsCheck.member(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2028-12-31", "breakdown": "week"}"#), "period", #"{"from": "2026-01-01", "to": "2028-12-31"}"#)
    }

    // 2024 is a leap year: 2024-01-01..2024-12-31 = 366 days (allowed); ..2025-01-01 = 367 (rejected, no field: a span rule).
    @Test func dayBreakdownAllows366DaysAndRejects367() throws {
        let ok = try #require(StatsCheck.value(StatsHarness.call(overview, #"{"from": "2024-01-01", "to": "2024-12-31", "breakdown": "day"}"#)))
        #expect(ok["breakdown"]?["chart"]?["labels"]?["current"]?.arrayValue?.count == 366)
        #expect(ok["breakdown"]?["chart"]?["labels"]?["previous"]?.arrayValue?.first == "2022-12-31")
        let error = try #require(StatsCheck.error(StatsHarness.call(overview, #"{"from": "2024-01-01", "to": "2025-01-01", "breakdown": "day"}"#), .invalidArgument, field: nil))
        #expect(error.field == nil, "a span rule is cross-field: no field (SPEC §11)")
        #expect(error.hint?.contains("week") == true)
        #expect(error.hint?.contains("month") == true)
        // The same span is fine for week and month.
        StatsCheck.value(StatsHarness.call(overview, #"{"from": "2024-01-01", "to": "2025-01-01", "breakdown": "week"}"#))
    }

    // MARK: §11 validation order

    @Test func orderUnknownBeforeEverythingElse() {
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "bad", "to": "2026-01-01", "x": 1, "workspacePublicId": "ws_bad"}"#), .invalidArgument, field: "x")
    }

    @Test func orderFollowsTheSchemaOrder() {
        // Both wrong: `from` is declared first.
        StatsCheck.error(StatsHarness.call(overview, #"{"to": 5, "from": "2026-02-30"}"#), .invalidArgument, field: "from")
        // Revision 2: a missing `to` is a cross-field rule (§11 "§5.1 without period"), so a bad `breakdown` (an
        // argument's own rule) comes first; a malformed `to` is still reported before it.
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01", "breakdown": "hour"}"#), .invalidArgument, field: "breakdown")
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2026-1-2", "breakdown": "hour"}"#), .invalidArgument, field: "to")
        // A bad `breakdown` before a bad `workspacePublicId`.
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-01-01", "to": "2026-01-02", "workspacePublicId": "nope", "breakdown": "hour"}"#), .invalidArgument, field: "breakdown")
    }

    @Test func orderSingleArgumentRulesBeforeCrossFieldRules() {
        // from > to but breakdown is not in the enum: the enum (an argument's own rule) wins.
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-03-01", "to": "2026-02-01", "breakdown": "fortnight"}"#), .invalidArgument, field: "breakdown")
        // A malformed workspacePublicId beats from > to as well.
        StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-03-01", "to": "2026-02-01", "workspacePublicId": "ws_1"}"#), .invalidArgument, field: "workspacePublicId")
    }

    @Test func orderCrossFieldBeforeReferences() {
        let other = StatsFixture.ws(2)
        // from > to and a foreign (well-formed) workspace: the cross-field rule first.
        StatsCheck.error(StatsHarness.call(overview, "{\"from\": \"2026-03-02\", \"to\": \"2026-03-01\", \"workspacePublicId\": \"\(other)\"}"), .invalidArgument, field: nil)
        // Day breakdown too long and a foreign workspace: the span rule first.
        StatsCheck.error(StatsHarness.call(overview, "{\"from\": \"2024-01-01\", \"to\": \"2025-01-01\", \"breakdown\": \"day\", \"workspacePublicId\": \"\(other)\"}"), .invalidArgument, field: nil)
        // Span too long and a foreign workspace.
        StatsCheck.error(StatsHarness.call(overview, "{\"from\": \"2026-01-01\", \"to\": \"2029-01-01\", \"workspacePublicId\": \"\(other)\"}"), .invalidArgument, field: nil)
        // from > to with an unknown campaign: invalid_argument, not not_found.
        StatsCheck.error(StatsHarness.call(performance, "{\"campaignPublicId\": \"\(StatsFixture.cp(99))\", \"from\": \"2026-03-02\", \"to\": \"2026-03-01\"}"), .invalidArgument, field: nil)
        StatsCheck.error(StatsHarness.call(userMetrics, "{\"userPublicId\": \"\(StatsFixture.usr(4))\", \"from\": \"2026-03-02\", \"to\": \"2026-03-01\"}"), .invalidArgument, field: nil)
    }

    // MARK: Booleans and integers

    @Test(arguments: [#""true""#, "1", "0", "1.0", #"[true]"#, #"{"v": true}"#])
    func dryRunMustBeABoolean(value: String) {
        StatsCheck.error(StatsHarness.call(sync, "{\"id\": \"\(StatsFixture.cp(1))\", \"dry_run\": \(value)}"), .invalidArgument, field: "dry_run")
        StatsCheck.error(StatsHarness.call(capture, "{\"dry_run\": \(value)}"), .invalidArgument, field: "dry_run")
    }

    @Test func dryRunBooleansAreAccepted() {
        StatsCheck.member(StatsHarness.call(sync, "{\"id\": \"\(StatsFixture.cp(1))\", \"dry_run\": true}"), "dry_run", "true")
        StatsCheck.member(StatsHarness.call(capture, #"{"dry_run": true}"#), "dry_run", "true")
    }

    // None of these five tools takes an integer, so the shared integer rule is checked on a spec directly.
    @Test func integerArgumentAcceptsZeroFractionAndRejectsBooleans() throws {
        let specs = [ArgumentSpec("limit", .integer(min: 1, max: 100), description: "page size", example: "25")]
        func validate(_ text: String) -> Result<Arguments, ToolError> {
            guard case let .object(raw)? = try? JSON.parse(text) else { preconditionFailure() }
            return Result { () throws(ToolError) -> Arguments in try Arguments.validate(raw, against: specs) }
        }
        #expect(try validate(#"{"limit": 5.0}"#).get()["limit"] == .int(5))
        #expect(try validate(#"{"limit": 5}"#).get().int("limit") == 5)
        #expect(try validate(#"{"limit": 5e0}"#).get().int("limit") == 5)
        for bad in [#"{"limit": true}"#, #"{"limit": 5.5}"#, #"{"limit": "5"}"#, #"{"limit": 0}"#, #"{"limit": 101}"#, #"{"limit": " "}"#] {
            guard case let .failure(error) = validate(bad) else {
                Issue.record("accepted \(bad)")
                continue
            }
            #expect(error.code == .invalidArgument)
            #expect(error.field == "limit")
        }
    }

    // MARK: Identifier formats

    // Revision 2 (§5.2, §5.3): the UUID is accepted beside the public id; an id of the other kind is not.
    @Test func uuidIsAcceptedButNotAnIDOfAnotherKind() {
        StatsCheck.value(StatsHarness.call(performance, "{\"campaignPublicId\": \"\(StatsFixture.cid(1))\"}"))
        StatsCheck.value(StatsHarness.call(userMetrics, "{\"userPublicId\": \"\(StatsFixture.uid(1))\"}"))
        StatsCheck.error(StatsHarness.call(performance, "{\"campaignPublicId\": \"\(StatsFixture.usr(1))\"}"), .invalidArgument, field: "campaignPublicId")
        StatsCheck.error(StatsHarness.call(userMetrics, "{\"userPublicId\": \"\(StatsFixture.cp(1))\"}"), .invalidArgument, field: "userPublicId")
        // A user's UUID is a well-formed campaign reference that names no campaign: not_found.
        StatsCheck.error(StatsHarness.call(performance, "{\"campaignPublicId\": \"\(StatsFixture.uid(1))\"}"), .notFound, field: "campaignPublicId")
    }

    @Test func uppercaseULIDIsInvalid() {
        let upper = "cp_" + StatsFixture.ulid(1).uppercased()
        StatsCheck.error(StatsHarness.call(performance, "{\"campaignPublicId\": \"\(upper)\"}"), .invalidArgument, field: "campaignPublicId")
        StatsCheck.error(StatsHarness.call(sync, "{\"id\": \"\(upper)\"}"), .invalidArgument, field: "id")
        StatsCheck.error(StatsHarness.call(userMetrics, "{\"userPublicId\": \"usr_\(StatsFixture.ulid(1).uppercased())\"}"), .invalidArgument, field: "userPublicId")
    }

    @Test(arguments: [
        "usr_01hz0000000000000000000001",  // wrong prefix
        "cp_01hz000000000000000000001",  // 25 characters
        "cp_01hz00000000000000000000001",  // 27 characters
        "cp_81hz0000000000000000000001",  // first character above 7
        "cp_01hz000000000000000000000u",  // u is not Crockford
        "cp_01hz000000000000000000000i",
        "cp-01hz0000000000000000000001",
    ])
    func malformedCampaignPublicIDs(value: String) {
        StatsCheck.error(StatsHarness.call(performance, "{\"campaignPublicId\": \"\(value)\"}"), .invalidArgument, field: "campaignPublicId")
    }

    @Test func syncIdMustBeAUUIDOrACampaignPublicID() {
        for bad in ["c0000000-0000-0000-8000-000000000001",  // version 0
                    "c0000000-0000-4000-7000-000000000001",  // variant 7
                    "c0000000000040008000000000000001", "usr_01hz0000000000000000000001", "ws_01hz0000000000000000000001", ""] {
            StatsCheck.error(StatsHarness.call(sync, "{\"id\": \"\(bad)\"}"), .invalidArgument, field: "id")
        }
    }

    // §11: a non-Monday week_start is an argument's own format rule, so it is reported before a
    // later argument's type error.
    @Test func nonMondayWeekStartBeforeALaterArgumentsTypeError() throws {
        let error = try #require(StatsCheck.error(StatsHarness.call(capture, #"{"week_start": "2026-04-30", "dry_run": "yes"}"#), .invalidArgument, field: "week_start"))
        #expect(error.hint?.contains("2026-04-27") == true)
        StatsCheck.error(StatsHarness.call(capture, #"{"week_start": "2026-04-31", "dry_run": "yes"}"#), .invalidArgument, field: "week_start")
        StatsCheck.error(StatsHarness.call(capture, #"{"week_start": "2026-04-27", "dry_run": "yes"}"#), .invalidArgument, field: "dry_run")
    }

    @Test func toolErrorStructuredContentShape() throws {
        let error = try #require(StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-02-30", "to": "2026-03-01"}"#), .invalidArgument, field: "from"))
        let content = error.structuredContent
        #expect(content["error"]?["code"] == "invalid_argument")
        #expect(content["error"]?["field"] == "from")
        #expect(content["error"]?["message"]?.stringValue?.contains("2026-02-30") == true)
        #expect(content["error"]?["hint"] != nil)
        let noField = try #require(StatsCheck.error(StatsHarness.call(overview, #"{"from": "2026-03-02", "to": "2026-03-01"}"#), .invalidArgument, field: nil))
        #expect(noField.structuredContent["error"]?.objectValue?.keys.contains("field") == false)
    }
}

/// SPEC §11: "An integer argument accepts a JSON number with a zero fraction" — also beyond Int64.
@Suite struct HugeWholeNumberTests {
    @Test func aWholeNumberBeyondInt64SaturatesInsteadOfFailing() throws {
        let spec = ArgumentSpec("limit", .integer(min: 1, max: nil), description: "", example: "25")
        #expect(try spec.validate(.double(1e20)) == .int(Int64.max))
        #expect(throws: ToolError.self) { try spec.validate(.double(-1e20)) }  // below the minimum
        #expect(throws: ToolError.self) { try spec.validate(.double(1.5)) }
        let bounded = ArgumentSpec("limit", .integer(min: 1, max: 100), description: "", example: "25")
        #expect(throws: ToolError.self) { try bounded.validate(.double(1e20)) }  // above 100
    }
}

/// Each id pattern of the input schemas accepts exactly what validation accepts (SPEC §5 intro).
@Suite struct IDPatternAgreementTests {
    static let samples: [String] = [
        "c0000000-0000-4000-8000-000000000001", "C0000000-0000-4000-8000-00000000000A", "c0000000-0000-0000-8000-000000000001",
        "c0000000-0000-9000-8000-000000000001", "c0000000-0000-4000-c000-000000000001", "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "fFffffff-ffff-ffff-ffff-ffffffffffff",
        "00000000-0000-0000-0000-00000000000f", "c0000000-0000-4000-8000-00000000001", "c0000000000040008000000000000001",
        "cp_00000000000000000000000101", "cp_80000000000000000000000101", "cp_0000000000000000000000010i", "CP_00000000000000000000000101",
        "usr_00000000000000000000000001", "usr_0000000000000000000000001", "ws_00000000000000000000000340", "ws_0000000000000000000000034u",
        "ALL", "all", "aLl", "ALL ", "340", "0340", "123456789012345678", "1234567890123456789", "+340", "", "x",
    ]

    static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test func campaignUserAndWorkspacePatternsAgreeWithValidation() {
        for text in Self.samples {
            let campaign = Identifiers.canonicalUUID(text) != nil || Identifiers.isPublicID(text, prefix: "cp")
            #expect(Self.matches(IDPatterns.campaignRef, text) == campaign, "campaign \(text)")
            let user = Identifiers.canonicalUUID(text) != nil || Identifiers.isPublicID(text, prefix: "usr")
            #expect(Self.matches(IDPatterns.userRef, text) == user, "user \(text)")
            let workspace = (try? ArgumentSpec.workspaceSelection("workspace_id", .string(text), example: "")) != nil
            #expect(Self.matches(IDPatterns.workspaceRef, text) == workspace, "workspace \(text)")
        }
    }
}
