import Testing
@testable import StatsCore

@Suite struct DayTests {
    @Test func epochAndKnownNumbers() {
        #expect(Day(year: 1970, month: 1, day: 1)?.number == 0)
        #expect(Day(year: 1969, month: 12, day: 31)?.number == -1)
        #expect(Day(year: 2000, month: 1, day: 1)?.number == 10957)
        #expect(Day(year: 2000, month: 2, day: 29)?.number == 11016)
        #expect(Day(year: 2024, month: 2, day: 29)?.number == 19782)
        #expect(Day(year: 2100, month: 3, day: 1)?.number == 47541)
        #expect(Day(year: 2100, month: 12, day: 31)?.number == 47846)
        #expect(Day(year: 1, month: 1, day: 1)?.number == -719162)
        #expect(Day(year: 0, month: 1, day: 1)?.number == -719528)
        #expect(Day(year: 9999, month: 12, day: 31)?.number == 2932896)
    }

    @Test func leapYears() {
        #expect(Day(year: 2000, month: 2, day: 29) != nil)   // divisible by 400
        #expect(Day(year: 2024, month: 2, day: 29) != nil)   // divisible by 4
        #expect(Day(year: 2100, month: 2, day: 29) == nil)   // century, not by 400
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
        #expect(Day(year: 0, month: 2, day: 29) != nil)      // year 0 is a leap year
        #expect(Day.isLeapYear(2000) && Day.isLeapYear(2024) && !Day.isLeapYear(2100) && !Day.isLeapYear(2026))
        #expect(Day.daysInMonth(year: 2024, month: 2) == 29)
        #expect(Day.daysInMonth(year: 2100, month: 2) == 28)
        #expect(Day.daysInMonth(year: 2026, month: 4) == 30)
        #expect(Day.daysInMonth(year: 2026, month: 12) == 31)
    }

    @Test func invalidComponents() {
        #expect(Day(year: 2026, month: 0, day: 1) == nil)
        #expect(Day(year: 2026, month: 13, day: 1) == nil)
        #expect(Day(year: 2026, month: 1, day: 0) == nil)
        #expect(Day(year: 2026, month: 1, day: 32) == nil)
        #expect(Day(year: 2026, month: 4, day: 31) == nil)
        #expect(Day(year: 2026, month: 2, day: 30) == nil)
        #expect(Day(year: Int.max, month: 1, day: 1) == nil)
        #expect(Day(year: Int.min, month: 1, day: 1) == nil)
    }

    @Test func roundTripEveryDayOverFiveCenturies() {
        // 1800-01-01 ... 2300-12-31: components -> number -> components, numbers consecutive.
        var expected = Day(year: 1800, month: 1, day: 1)!.number
        for year in 1800...2300 {
            for month in 1...12 {
                for day in 1...Day.daysInMonth(year: year, month: month) {
                    let d = Day(year: year, month: month, day: day)!
                    #expect(d.number == expected)
                    expected += 1
                    if d.year != year || d.month != month || d.dayOfMonth != day {
                        Issue.record("round trip failed for \(year)-\(month)-\(day)")
                    }
                }
            }
        }
    }

    @Test func negativeNumbersRoundTrip() {
        for n in [-1, -365, -719162, -719528, -719529, -1_000_000] {
            let d = Day(number: n)
            #expect(Day(year: d.year, month: d.month, day: d.dayOfMonth)?.number == n)
        }
        #expect(Day(number: -719529).description == "-0001-12-31")
    }

    @Test func parseAcceptsStrictDates() {
        #expect(Day.parse("2026-03-28")?.number == Day(year: 2026, month: 3, day: 28)?.number)
        #expect(Day.parse("2000-02-29") == Day(year: 2000, month: 2, day: 29))
        #expect(Day.parse("0000-01-01")?.number == -719528)
        #expect(Day.parse("9999-12-31")?.number == 2932896)
        #expect(Day.parse("1970-01-01") == Day(number: 0))
    }

    @Test(arguments: [
        "2026-2-3", "2026-02-30", "2026-02-03T00:00", " 2026-02-03", "2026-02-03 ", "2026-02-29",
        "2100-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026/01/01", "20260101", "",
        "+026-01-01", "-026-01-01", "2026-01-0a", "２０２６-01-01", "2026-01-1\u{0661}", "12026-01-01",
        "2026-1-01", "2026-01-1", "2026-01-32",
    ])
    func parseRejects(_ text: String) {
        #expect(Day.parse(text) == nil)
    }

    @Test func parseUTF8Buffer() {
        let ok = Array("2024-02-29".utf8).withUnsafeBufferPointer { Day.parse(utf8: $0) }
        #expect(ok == Day(year: 2024, month: 2, day: 29))
        let bad = Array("2024-02-3".utf8).withUnsafeBufferPointer { Day.parse(utf8: $0) }
        #expect(bad == nil)
    }

    @Test func weekdays() {
        #expect(Day(number: 0).isoWeekday == 4)                              // 1970-01-01 Thursday
        #expect(Day(number: -1).isoWeekday == 3)                             // 1969-12-31 Wednesday
        #expect(Day.parse("2026-03-30")!.isoWeekday == 1)                    // Monday
        #expect(Day.parse("2026-03-29")!.isoWeekday == 7)                    // Sunday
        #expect(Day.parse("2027-01-01")!.isoWeekday == 5)                    // Friday
        #expect(Day.parse("2000-01-01")!.isoWeekday == 6)                    // Saturday
        #expect(Day.parse("0001-01-01")!.isoWeekday == 1)                    // Monday
        // Seven consecutive days cover 1...7 in order, also for negative numbers.
        for start in [-10, -3, 0, 20815] {
            let monday = Day(number: start).monday
            #expect((0..<7).map { monday.adding($0).isoWeekday } == [1, 2, 3, 4, 5, 6, 7])
        }
    }

    @Test func mondayOfWeek() {
        #expect(Day.parse("2027-01-01")!.monday == Day.parse("2026-12-28"))   // across a year boundary
        #expect(Day.parse("2021-01-03")!.monday == Day.parse("2020-12-28"))   // Sunday
        #expect(Day.parse("2026-12-28")!.monday == Day.parse("2026-12-28"))   // Monday itself
        #expect(Day.parse("2026-04-19")!.monday == Day.parse("2026-04-13"))
        #expect(Day(number: 0).monday == Day.parse("1969-12-29"))
        #expect(Day.parse("2000-03-01")!.monday == Day.parse("2000-02-28"))  // across a leap day
    }

    @Test func monthBoundaries() {
        let d = Day.parse("2024-02-17")!
        #expect(d.firstOfMonth == Day.parse("2024-02-01"))
        #expect(d.firstOfNextMonth == Day.parse("2024-03-01"))
        #expect(Day.parse("2100-02-28")!.firstOfNextMonth == Day.parse("2100-03-01"))
        #expect(Day.parse("2026-12-31")!.firstOfNextMonth == Day.parse("2027-01-01"))
        #expect(Day.parse("2026-12-01")!.firstOfMonth == Day.parse("2026-12-01"))
        #expect(Day.parse("2026-01-31")!.firstOfNextMonth == Day.parse("2026-02-01"))
    }

    @Test func addingAndOrdering() {
        let d = Day.parse("2026-02-28")!
        #expect(d.adding(1) == Day.parse("2026-03-01"))
        #expect(d.adding(-59) == Day.parse("2025-12-31"))
        #expect(d.adding(0) == d)
        #expect(Day.parse("2024-02-28")!.adding(1) == Day.parse("2024-02-29"))
        #expect(Day.parse("2026-01-01")! < Day.parse("2026-01-02")!)
        #expect(!(d < d))
        #expect([Day(number: 3), Day(number: -2), Day(number: 0)].sorted().map(\.number) == [-2, 0, 3])
    }

    @Test func formatting() {
        #expect(Day.parse("2026-03-05")!.description == "2026-03-05")
        #expect(Day.parse("0042-11-09")!.description == "0042-11-09")
        #expect(Day.parse("0042-11-09")!.monthLabel == "0042-11")
        #expect(Day.parse("2026-12-31")!.monthLabel == "2026-12")
        #expect("\(Day(number: 0))" == "1970-01-01")
        #expect(Day(number: 2932897).description == "10000-01-01")
    }

    @Test func argumentBounds() {
        #expect(Day.argumentMin.description == "2000-01-01")
        #expect(Day.argumentMax.description == "2100-12-31")
        #expect(Day.argumentMax.number - Day.argumentMin.number == 36889)
    }
}
