import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// SPEC §4 "Period presets" and "Previous period", §11 (revision 2): the shared framework in
/// PeriodPreset.swift, unit-tested without a store.
@Suite("period presets and comparisons")
struct PeriodPresetTests {
    static func day(_ text: String) -> Day {
        guard let d = Day.parse(text) else { preconditionFailure("not a date: \(text)") }
        return d
    }

    /// "YYYY-MM-DD..YYYY-MM-DD"
    static func range(_ text: String) -> Period {
        let parts = text.components(separatedBy: "..")
        return Period(from: day(parts[0]), to: day(parts[1]))
    }

    static func text(_ p: Period?) -> String { p.map { "\($0.from)..\($0.to)" } ?? "none" }

    // Every preset on boundary days, worked out by hand from the calendar:
    //   2026-01-01 Thursday (Monday of its week 2025-12-29; the first day of a year, quarter and month),
    //   2026-03-31 Tuesday (the last day of a quarter and of a 31-day month after a 28-day February),
    //   2024-02-29 Thursday (a leap day; Monday 02-26),
    //   2026-03-29 Sunday (the last day of its week; Europe's spring-forward day), 2026-03-30 Monday.
    // Columns: today, preset, the period, its previous_period, its previous_year.
    // previous_period: last_N_days/today/yesterday → the same length just before; last_* → the whole unit
    // before; this_* → as many days from the start of the previous unit, cut at that unit's last day.
    // previous_year: each end one year earlier, 29 February → 28 February.
    static let table: [(today: String, preset: String, period: String, previousPeriod: String, previousYear: String)] = [
        // today = 2026-01-01
        ("2026-01-01", "today", "2026-01-01..2026-01-01", "2025-12-31..2025-12-31", "2025-01-01..2025-01-01"),
        ("2026-01-01", "yesterday", "2025-12-31..2025-12-31", "2025-12-30..2025-12-30", "2024-12-31..2024-12-31"),
        ("2026-01-01", "last_7_days", "2025-12-26..2026-01-01", "2025-12-19..2025-12-25", "2024-12-26..2025-01-01"),
        ("2026-01-01", "last_30_days", "2025-12-03..2026-01-01", "2025-11-03..2025-12-02", "2024-12-03..2025-01-01"),
        ("2026-01-01", "last_90_days", "2025-10-04..2026-01-01", "2025-07-06..2025-10-03", "2024-10-04..2025-01-01"),
        ("2026-01-01", "this_week", "2025-12-29..2026-01-01", "2025-12-22..2025-12-25", "2024-12-29..2025-01-01"),
        ("2026-01-01", "last_week", "2025-12-22..2025-12-28", "2025-12-15..2025-12-21", "2024-12-22..2024-12-28"),
        ("2026-01-01", "this_month", "2026-01-01..2026-01-01", "2025-12-01..2025-12-01", "2025-01-01..2025-01-01"),
        ("2026-01-01", "last_month", "2025-12-01..2025-12-31", "2025-11-01..2025-11-30", "2024-12-01..2024-12-31"),
        ("2026-01-01", "this_quarter", "2026-01-01..2026-01-01", "2025-10-01..2025-10-01", "2025-01-01..2025-01-01"),
        ("2026-01-01", "last_quarter", "2025-10-01..2025-12-31", "2025-07-01..2025-09-30", "2024-10-01..2024-12-31"),
        ("2026-01-01", "this_year", "2026-01-01..2026-01-01", "2025-01-01..2025-01-01", "2025-01-01..2025-01-01"),
        ("2026-01-01", "last_year", "2025-01-01..2025-12-31", "2024-01-01..2024-12-31", "2024-01-01..2024-12-31"),
        // today = 2026-03-31
        ("2026-03-31", "today", "2026-03-31..2026-03-31", "2026-03-30..2026-03-30", "2025-03-31..2025-03-31"),
        ("2026-03-31", "yesterday", "2026-03-30..2026-03-30", "2026-03-29..2026-03-29", "2025-03-30..2025-03-30"),
        ("2026-03-31", "last_7_days", "2026-03-25..2026-03-31", "2026-03-18..2026-03-24", "2025-03-25..2025-03-31"),
        ("2026-03-31", "last_30_days", "2026-03-02..2026-03-31", "2026-01-31..2026-03-01", "2025-03-02..2025-03-31"),
        ("2026-03-31", "last_90_days", "2026-01-01..2026-03-31", "2025-10-03..2025-12-31", "2025-01-01..2025-03-31"),
        ("2026-03-31", "this_week", "2026-03-30..2026-03-31", "2026-03-23..2026-03-24", "2025-03-30..2025-03-31"),
        ("2026-03-31", "last_week", "2026-03-23..2026-03-29", "2026-03-16..2026-03-22", "2025-03-23..2025-03-29"),
        ("2026-03-31", "this_month", "2026-03-01..2026-03-31", "2026-02-01..2026-02-28", "2025-03-01..2025-03-31"),
        ("2026-03-31", "last_month", "2026-02-01..2026-02-28", "2026-01-01..2026-01-31", "2025-02-01..2025-02-28"),
        ("2026-03-31", "this_quarter", "2026-01-01..2026-03-31", "2025-10-01..2025-12-29", "2025-01-01..2025-03-31"),
        ("2026-03-31", "last_quarter", "2025-10-01..2025-12-31", "2025-07-01..2025-09-30", "2024-10-01..2024-12-31"),
        ("2026-03-31", "this_year", "2026-01-01..2026-03-31", "2025-01-01..2025-03-31", "2025-01-01..2025-03-31"),
        ("2026-03-31", "last_year", "2025-01-01..2025-12-31", "2024-01-01..2024-12-31", "2024-01-01..2024-12-31"),
        // today = 2024-02-29
        ("2024-02-29", "today", "2024-02-29..2024-02-29", "2024-02-28..2024-02-28", "2023-02-28..2023-02-28"),
        ("2024-02-29", "yesterday", "2024-02-28..2024-02-28", "2024-02-27..2024-02-27", "2023-02-28..2023-02-28"),
        ("2024-02-29", "last_7_days", "2024-02-23..2024-02-29", "2024-02-16..2024-02-22", "2023-02-23..2023-02-28"),
        ("2024-02-29", "last_30_days", "2024-01-31..2024-02-29", "2024-01-01..2024-01-30", "2023-01-31..2023-02-28"),
        ("2024-02-29", "last_90_days", "2023-12-02..2024-02-29", "2023-09-03..2023-12-01", "2022-12-02..2023-02-28"),
        ("2024-02-29", "this_week", "2024-02-26..2024-02-29", "2024-02-19..2024-02-22", "2023-02-26..2023-02-28"),
        ("2024-02-29", "last_week", "2024-02-19..2024-02-25", "2024-02-12..2024-02-18", "2023-02-19..2023-02-25"),
        ("2024-02-29", "this_month", "2024-02-01..2024-02-29", "2024-01-01..2024-01-29", "2023-02-01..2023-02-28"),
        ("2024-02-29", "last_month", "2024-01-01..2024-01-31", "2023-12-01..2023-12-31", "2023-01-01..2023-01-31"),
        ("2024-02-29", "this_quarter", "2024-01-01..2024-02-29", "2023-10-01..2023-11-29", "2023-01-01..2023-02-28"),
        ("2024-02-29", "last_quarter", "2023-10-01..2023-12-31", "2023-07-01..2023-09-30", "2022-10-01..2022-12-31"),
        ("2024-02-29", "this_year", "2024-01-01..2024-02-29", "2023-01-01..2023-03-01", "2023-01-01..2023-02-28"),
        ("2024-02-29", "last_year", "2023-01-01..2023-12-31", "2022-01-01..2022-12-31", "2022-01-01..2022-12-31"),
        // today = 2026-03-29
        ("2026-03-29", "today", "2026-03-29..2026-03-29", "2026-03-28..2026-03-28", "2025-03-29..2025-03-29"),
        ("2026-03-29", "yesterday", "2026-03-28..2026-03-28", "2026-03-27..2026-03-27", "2025-03-28..2025-03-28"),
        ("2026-03-29", "last_7_days", "2026-03-23..2026-03-29", "2026-03-16..2026-03-22", "2025-03-23..2025-03-29"),
        ("2026-03-29", "last_30_days", "2026-02-28..2026-03-29", "2026-01-29..2026-02-27", "2025-02-28..2025-03-29"),
        ("2026-03-29", "last_90_days", "2025-12-30..2026-03-29", "2025-10-01..2025-12-29", "2024-12-30..2025-03-29"),
        ("2026-03-29", "this_week", "2026-03-23..2026-03-29", "2026-03-16..2026-03-22", "2025-03-23..2025-03-29"),
        ("2026-03-29", "last_week", "2026-03-16..2026-03-22", "2026-03-09..2026-03-15", "2025-03-16..2025-03-22"),
        ("2026-03-29", "this_month", "2026-03-01..2026-03-29", "2026-02-01..2026-02-28", "2025-03-01..2025-03-29"),
        ("2026-03-29", "last_month", "2026-02-01..2026-02-28", "2026-01-01..2026-01-31", "2025-02-01..2025-02-28"),
        ("2026-03-29", "this_quarter", "2026-01-01..2026-03-29", "2025-10-01..2025-12-27", "2025-01-01..2025-03-29"),
        ("2026-03-29", "last_quarter", "2025-10-01..2025-12-31", "2025-07-01..2025-09-30", "2024-10-01..2024-12-31"),
        ("2026-03-29", "this_year", "2026-01-01..2026-03-29", "2025-01-01..2025-03-29", "2025-01-01..2025-03-29"),
        ("2026-03-29", "last_year", "2025-01-01..2025-12-31", "2024-01-01..2024-12-31", "2024-01-01..2024-12-31"),
        // today = 2026-03-30
        ("2026-03-30", "today", "2026-03-30..2026-03-30", "2026-03-29..2026-03-29", "2025-03-30..2025-03-30"),
        ("2026-03-30", "yesterday", "2026-03-29..2026-03-29", "2026-03-28..2026-03-28", "2025-03-29..2025-03-29"),
        ("2026-03-30", "last_7_days", "2026-03-24..2026-03-30", "2026-03-17..2026-03-23", "2025-03-24..2025-03-30"),
        ("2026-03-30", "last_30_days", "2026-03-01..2026-03-30", "2026-01-30..2026-02-28", "2025-03-01..2025-03-30"),
        ("2026-03-30", "last_90_days", "2025-12-31..2026-03-30", "2025-10-02..2025-12-30", "2024-12-31..2025-03-30"),
        ("2026-03-30", "this_week", "2026-03-30..2026-03-30", "2026-03-23..2026-03-23", "2025-03-30..2025-03-30"),
        ("2026-03-30", "last_week", "2026-03-23..2026-03-29", "2026-03-16..2026-03-22", "2025-03-23..2025-03-29"),
        ("2026-03-30", "this_month", "2026-03-01..2026-03-30", "2026-02-01..2026-02-28", "2025-03-01..2025-03-30"),
        ("2026-03-30", "last_month", "2026-02-01..2026-02-28", "2026-01-01..2026-01-31", "2025-02-01..2025-02-28"),
        ("2026-03-30", "this_quarter", "2026-01-01..2026-03-30", "2025-10-01..2025-12-28", "2025-01-01..2025-03-30"),
        ("2026-03-30", "last_quarter", "2025-10-01..2025-12-31", "2025-07-01..2025-09-30", "2024-10-01..2024-12-31"),
        ("2026-03-30", "this_year", "2026-01-01..2026-03-30", "2025-01-01..2025-03-30", "2025-01-01..2025-03-30"),
        ("2026-03-30", "last_year", "2025-01-01..2025-12-31", "2024-01-01..2024-12-31", "2024-01-01..2024-12-31"),
    ]

    @Test func everyPresetOnEveryBoundaryDay() {
        // Every preset appears for every boundary day (the table is complete).
        for today in ["2026-01-01", "2026-03-31", "2024-02-29", "2026-03-29", "2026-03-30"] {
            #expect(Self.table.filter { $0.today == today }.map(\.preset) == PeriodPreset.names, "\(today)")
        }
        for row in Self.table {
            guard let preset = PeriodPreset(rawValue: row.preset) else {
                Issue.record("unknown preset \(row.preset)")
                continue
            }
            let period = preset.resolve(today: Self.day(row.today))
            #expect(Self.text(period) == row.period, "\(row.preset) on \(row.today)")
            #expect(Self.text(CompareMode.previous_period.comparison(of: period, preset: preset)) == row.previousPeriod, "previous_period of \(row.preset) on \(row.today)")
            #expect(Self.text(CompareMode.previous_year.comparison(of: period, preset: preset)) == row.previousYear, "previous_year of \(row.preset) on \(row.today)")
            #expect(CompareMode.none.comparison(of: period, preset: preset) == nil)
        }
    }

    // SPEC §4 examples: in November, last_month compares October with September; 1–20 November
    // (this_month) compares with 1–20 October; 1–31 March with 1–28 February.
    @Test func specExamples() {
        let nov20 = Self.day("2026-11-20")
        let lastMonth = PeriodPreset.last_month.resolve(today: nov20)
        #expect(Self.text(lastMonth) == "2026-10-01..2026-10-31")
        #expect(Self.text(CompareMode.previous_period.comparison(of: lastMonth, preset: .last_month)) == "2026-09-01..2026-09-30")
        let thisMonth = PeriodPreset.this_month.resolve(today: nov20)
        #expect(Self.text(CompareMode.previous_period.comparison(of: thisMonth, preset: .this_month)) == "2026-10-01..2026-10-20")
        // Explicit dates (no preset): the same length ending the day before, however the dates align
        // (1–20 November is 20 days → 12–31 October).
        let explicit = Self.range("2026-11-01..2026-11-20")
        #expect(Self.text(CompareMode.previous_period.comparison(of: explicit, preset: nil)) == "2026-10-12..2026-10-31")
        #expect(Self.text(CompareMode.previous_year.comparison(of: explicit, preset: nil)) == "2025-11-01..2025-11-20")
    }

    // §11: on 29 Feb 2024 this_year is 60 days and compares with 1 Jan–1 Mar 2023 (60 days); previous_year
    // moves each end separately (29 Feb → 28 Feb), 59 days.
    @Test func leapDayThisYear() {
        let period = PeriodPreset.this_year.resolve(today: Self.day("2024-02-29"))
        #expect(period.dayCount == 60)
        let previous = CompareMode.previous_period.comparison(of: period, preset: .this_year)
        #expect(Self.text(previous) == "2023-01-01..2023-03-01")
        #expect(previous?.dayCount == 60)
        let lastYear = CompareMode.previous_year.comparison(of: period, preset: .this_year)
        #expect(Self.text(lastYear) == "2023-01-01..2023-02-28")
        #expect(lastYear?.dayCount == 59)
    }

    // The clamp: this_month on 31 March (31 days) against a 28-day February; on 31 May against 30 April;
    // on 29 February 2024 against January (no clamp needed: 29 days from 1 January).
    @Test func thisMonthIsCutAtTheEndOfAShorterPreviousMonth() {
        func previous(_ today: String) -> String {
            let period = PeriodPreset.this_month.resolve(today: Self.day(today))
            return Self.text(CompareMode.previous_period.comparison(of: period, preset: .this_month))
        }
        #expect(previous("2026-03-31") == "2026-02-01..2026-02-28")
        #expect(previous("2024-03-31") == "2024-02-01..2024-02-29")
        #expect(previous("2026-05-31") == "2026-04-01..2026-04-30")
        #expect(previous("2026-05-30") == "2026-04-01..2026-04-30")
        #expect(previous("2026-05-29") == "2026-04-01..2026-04-29")
        #expect(previous("2024-02-29") == "2024-01-01..2024-01-29")
        // this_quarter on the last day of Q3 (92 days) against Q2 (91 days): cut at 30 June.
        let q3 = PeriodPreset.this_quarter.resolve(today: Self.day("2026-09-30"))
        #expect(q3.dayCount == 92)
        #expect(Self.text(CompareMode.previous_period.comparison(of: q3, preset: .this_quarter)) == "2026-04-01..2026-06-30")
    }

    @Test func previousYearOfALeapDay() {
        #expect(Self.day("2024-02-29").sameDateLastYear == Self.day("2023-02-28"))
        #expect(Self.day("2024-02-28").sameDateLastYear == Self.day("2023-02-28"))
        #expect(Self.day("2025-03-01").sameDateLastYear == Self.day("2024-03-01"))
        #expect(Self.day("2026-12-31").sameDateLastYear == Self.day("2025-12-31"))
    }

    // MARK: ResolvedPeriod: presets, dates and the three defaulting rules

    static let specs: [ArgumentSpec] = [
        ArgumentSpec("from", .date, description: "", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "", example: "\"2026-03-31\""),
        .periodPreset,
        .compare,
    ]

    static func resolve(_ json: String, _ defaulting: ResolvedPeriod.Defaulting, today: String = "2026-04-30") -> Result<ResolvedPeriod, ToolError> {
        guard case let .object(raw)? = try? JSON.parse(json) else { preconditionFailure("not an object: \(json)") }
        do {
            let args = try Arguments.validate(raw, against: specs)
            return .success(try ResolvedPeriod.resolve(args, today: day(today), defaulting: defaulting))
        } catch {
            return .failure(error)
        }
    }

    static func field(_ result: Result<ResolvedPeriod, ToolError>) -> String? {
        if case let .failure(error) = result, error.code == .invalidArgument { return error.field ?? "<none>" }
        return nil
    }

    @Test func presetIsEchoedAndDefaultedFollowsTheTool() throws {
        let required = try Self.resolve(#"{"period": "last_month"}"#, .required).get()
        #expect(JSONValue.object(required.json) == StatsCheck.json(#"{"from": "2026-03-01", "to": "2026-03-31", "preset": "last_month"}"#))
        let thirty = try Self.resolve(#"{"period": "last_month"}"#, .lastThirtyDays).get()
        #expect(JSONValue.object(thirty.json) == StatsCheck.json(#"{"from": "2026-03-01", "to": "2026-03-31", "defaulted": false, "preset": "last_month"}"#))
        let explicit = try Self.resolve(#"{"from": "2026-03-01", "to": "2026-03-31"}"#, .required).get()
        #expect(JSONValue.object(explicit.json) == StatsCheck.json(#"{"from": "2026-03-01", "to": "2026-03-31"}"#))
    }

    // §11: `period` with a `from` or `to` (even a lone one) is invalid_argument with field `period`, before
    // the lone-date rule, for every tool.
    @Test(arguments: [ResolvedPeriod.Defaulting.required, .lastThirtyDays, .lastThirtyDaysStrict])
    func periodWithADateIsAnError(defaulting: ResolvedPeriod.Defaulting) {
        #expect(Self.field(Self.resolve(#"{"period": "today", "from": "2026-03-01"}"#, defaulting)) == "period")
        #expect(Self.field(Self.resolve(#"{"period": "today", "to": "2026-03-01"}"#, defaulting)) == "period")
        #expect(Self.field(Self.resolve(#"{"period": "today", "from": "2026-03-01", "to": "2026-03-31"}"#, defaulting)) == "period")
        // A malformed date is reported first (schema order: from, to, period).
        #expect(Self.field(Self.resolve(#"{"period": "today", "from": "2026-02-30"}"#, defaulting)) == "from")
        // An omitted date (null or "") does not conflict.
        #expect((try? Self.resolve(#"{"period": "today", "from": null, "to": ""}"#, defaulting).get())?.period == Self.range("2026-04-30..2026-04-30"))
    }

    // §5.1 / §11: neither date, or only `to`, is the missing `from`; only `from` is the missing `to`.
    @Test func requiredPeriodNamesTheMissingDate() {
        #expect(Self.field(Self.resolve("{}", .required)) == "from")
        #expect(Self.field(Self.resolve(#"{"to": "2026-03-31"}"#, .required)) == "from")
        #expect(Self.field(Self.resolve(#"{"from": "2026-03-01"}"#, .required)) == "to")
        #expect(Self.field(Self.resolve(#"{"from": "", "to": null}"#, .required)) == "from")
        #expect(Self.field(Self.resolve(#"{"from": "2026-03-02", "to": "2026-03-01"}"#, .required)) == "<none>")
    }

    @Test func lastThirtyDaysDefaultsAndNotes() throws {
        let none = try Self.resolve("{}", .lastThirtyDays).get()
        #expect(JSONValue.object(none.json) == StatsCheck.json(#"{"from": "2026-04-01", "to": "2026-04-30", "defaulted": true}"#))
        let lone = try Self.resolve(#"{"to": "2026-01-31"}"#, .lastThirtyDays).get()
        #expect(lone.period == Self.range("2026-04-01..2026-04-30"))
        #expect(lone.defaulted == true)
        #expect(lone.note?.contains("`to`") == true)
        // The strict variant (§5.13) rejects a lone date, naming the missing one.
        #expect(Self.field(Self.resolve(#"{"to": "2026-01-31"}"#, .lastThirtyDaysStrict)) == "from")
        #expect(Self.field(Self.resolve(#"{"from": "2026-01-31"}"#, .lastThirtyDaysStrict)) == "to")
        #expect(try Self.resolve("{}", .lastThirtyDaysStrict).get().defaulted == true)
    }

    // §11: ranges that come from a preset or a comparison are not checked against 2000–2100 or 1096 days.
    @Test func presetRangesAreNotBoundChecked() throws {
        let early = try Self.resolve(#"{"period": "last_year"}"#, .required, today: "2000-01-01").get()
        #expect(Self.text(early.period) == "1999-01-01..1999-12-31")
        let late = try Self.resolve(#"{"period": "last_90_days"}"#, .required, today: "2100-12-31").get()
        #expect(late.period.dayCount == 90)
    }

    // §11: presets and compare values match exactly (case-sensitive, not trimmed); null and "" are omitted.
    @Test(arguments: ["Last_month", "LAST_MONTH", " last_month", "last_month ", "lastmonth", "last_2_days", "custom"])
    func unknownPresetIsInvalidAndListsThePresets(value: String) throws {
        let result = Self.resolve("{\"period\": \"\(value)\"}", .required)
        #expect(Self.field(result) == "period")
        if case let .failure(error) = result {
            #expect(error.text.contains("last_quarter") && error.text.contains("this_week"))
        }
    }

    @Test func compareValuesAndOmission() throws {
        for value in ["Previous_period", "previous-year", " none", "year"] {
            #expect(Self.field(Self.resolve("{\"period\": \"today\", \"compare\": \"\(value)\"}", .required)) == "compare", "\(value)")
        }
        #expect(Self.field(Self.resolve(#"{"period": "today", "compare": true}"#, .required)) == "compare")
        // Omitted compare (absent, null or "") is previous_period.
        for extra in ["", #", "compare": null"#, #", "compare": """#] {
            guard case let .object(raw)? = try? JSON.parse("{\"period\": \"this_month\"\(extra)}") else { preconditionFailure() }
            let args = try Arguments.validate(raw, against: Self.specs)
            let resolved = try ResolvedPeriod.resolve(args, today: Self.day("2026-03-31"), defaulting: .required)
            #expect(Self.text(resolved.comparison(args)) == "2026-02-01..2026-02-28", "\(extra)")
        }
        // A null or "" period is omitted: the dates rule applies.
        #expect(Self.field(Self.resolve(#"{"period": null}"#, .required)) == "from")
        #expect(try Self.resolve(#"{"period": "", "from": "2026-03-01", "to": "2026-03-02"}"#, .required).get().preset == nil)
    }
}
