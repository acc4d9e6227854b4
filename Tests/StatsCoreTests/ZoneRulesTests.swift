import Foundation
import Testing
@testable import StatsCore

@Suite struct ZoneRulesTests {
    /// UTC seconds of an RFC 3339 timestamp.
    private func at(_ text: String) -> Int64 { Instant.parse(text)!.seconds }
    private func day(_ text: String) -> Day { Day.parse(text)! }
    private func zone(_ name: String) -> ZoneRules { ZoneRules.named(name)! }

    @Test func utc() {
        let z = ZoneRules.utc
        #expect(z.identifier == "UTC")
        #expect(ZoneRules.named("UTC") === z)
        #expect(z.offset(atUTCSeconds: 0) == 0)
        #expect(z.offset(atUTCSeconds: at("2026-07-01T12:00:00Z")) == 0)
        #expect(z.localDay(utcSeconds: -1) == day("1969-12-31"))
        #expect(z.localDay(utcSeconds: 0) == day("1970-01-01"))
        #expect(z.localDay(utcSeconds: at("2026-03-28T23:59:59Z")) == day("2026-03-28"))
        #expect(z.startOfDay(day("2026-03-29")) == at("2026-03-29T00:00:00Z"))
        #expect(z.startOfDay(day("1969-12-31")) == -86_400)
    }

    @Test func unknownNamesAndCaching() {
        #expect(ZoneRules.named("Nowhere/Atlantis") == nil)
        #expect(ZoneRules.named("") == nil)
        #expect(ZoneRules.named("Nowhere/Atlantis") == nil)   // cached negative answer
        let a = zone("Europe/Berlin"), b = zone("Europe/Berlin")
        #expect(a === b)
        #expect(a.identifier == "Europe/Berlin")
    }

    @Test func concurrentLookupsAgree() async {
        let names = ["Europe/Paris", "America/Chicago", "Asia/Tokyo", "Africa/Cairo"]
        let ids = await withTaskGroup(of: ObjectIdentifier?.self) { group in
            for i in 0..<64 { group.addTask { ZoneRules.named(names[i % 4]).map(ObjectIdentifier.init) } }
            var seen: [ObjectIdentifier?] = []
            for await id in group { seen.append(id) }
            return seen
        }
        #expect(ids.allSatisfy { $0 != nil })
        #expect(Set(ids.compactMap { $0 }).count == 4)
    }

    @Test func berlinSpringForward() {
        let z = zone("Europe/Berlin")
        // 2026-03-29 01:00Z: +01:00 -> +02:00.
        #expect(z.offset(atUTCSeconds: at("2026-03-29T00:59:59Z")) == 3600)
        #expect(z.offset(atUTCSeconds: at("2026-03-29T01:00:00Z")) == 7200)
        #expect(z.localDay(utcSeconds: at("2026-03-28T22:59:59Z")) == day("2026-03-28"))
        #expect(z.localDay(utcSeconds: at("2026-03-28T23:00:00Z")) == day("2026-03-29"))
        #expect(z.localDay(of: Instant.parse("2026-03-28T23:30:00Z")!) == day("2026-03-29"))
        #expect(z.startOfDay(day("2026-03-29")) == at("2026-03-28T23:00:00Z"))
        #expect(z.startOfDay(day("2026-03-30")) == at("2026-03-29T22:00:00Z"))   // a 23-hour day
        #expect(z.localDay(utcSeconds: at("2026-03-29T21:59:59Z")) == day("2026-03-29"))
        #expect(z.localDay(utcSeconds: at("2026-03-29T22:00:00Z")) == day("2026-03-30"))
    }

    @Test func berlinFallBack() {
        let z = zone("Europe/Berlin")
        // 2026-10-25 01:00Z: +02:00 -> +01:00.
        #expect(z.offset(atUTCSeconds: at("2026-10-25T00:59:59Z")) == 7200)
        #expect(z.offset(atUTCSeconds: at("2026-10-25T01:00:00Z")) == 3600)
        #expect(z.startOfDay(day("2026-10-25")) == at("2026-10-24T22:00:00Z"))
        #expect(z.startOfDay(day("2026-10-26")) == at("2026-10-25T23:00:00Z"))   // a 25-hour day
        #expect(z.localDay(utcSeconds: at("2026-10-25T22:59:59Z")) == day("2026-10-25"))
        #expect(z.localDay(utcSeconds: at("2026-10-25T23:00:00Z")) == day("2026-10-26"))
        // Winter and summer far from the switches.
        #expect(z.offset(atUTCSeconds: at("2026-01-15T12:00:00Z")) == 3600)
        #expect(z.offset(atUTCSeconds: at("2026-07-15T12:00:00Z")) == 7200)
    }

    @Test func newYork() {
        let z = zone("America/New_York")
        // 2026-03-08 07:00Z: -05:00 -> -04:00; 2026-11-01 06:00Z: -04:00 -> -05:00.
        #expect(z.offset(atUTCSeconds: at("2026-03-08T06:59:59Z")) == -18_000)
        #expect(z.offset(atUTCSeconds: at("2026-03-08T07:00:00Z")) == -14_400)
        #expect(z.offset(atUTCSeconds: at("2026-11-01T05:59:59Z")) == -14_400)
        #expect(z.offset(atUTCSeconds: at("2026-11-01T06:00:00Z")) == -18_000)
        #expect(z.startOfDay(day("2026-03-08")) == at("2026-03-08T05:00:00Z"))
        #expect(z.startOfDay(day("2026-03-09")) == at("2026-03-09T04:00:00Z"))
        #expect(z.startOfDay(day("2026-11-01")) == at("2026-11-01T04:00:00Z"))
        #expect(z.startOfDay(day("2026-11-02")) == at("2026-11-02T05:00:00Z"))
        #expect(z.localDay(utcSeconds: at("2026-03-28T03:59:59Z")) == day("2026-03-27"))
        #expect(z.localDay(utcSeconds: at("2026-03-28T04:00:00Z")) == day("2026-03-28"))
    }

    @Test func kolkataHalfHour() {
        let z = zone("Asia/Kolkata")
        #expect(z.offset(atUTCSeconds: at("2026-03-28T18:30:00Z")) == 19_800)
        #expect(z.localDay(utcSeconds: at("2026-03-28T18:29:59Z")) == day("2026-03-28"))
        #expect(z.localDay(utcSeconds: at("2026-03-28T18:30:00Z")) == day("2026-03-29"))
        #expect(z.startOfDay(day("2026-03-29")) == at("2026-03-28T18:30:00Z"))
    }

    @Test func lordHoweHalfHourDST() {
        let z = zone("Australia/Lord_Howe")
        // 2026-04-05 02:00 +11:00 -> 01:30 +10:30 at 2026-04-04T15:00Z.
        #expect(z.offset(atUTCSeconds: at("2026-04-04T14:59:59Z")) == 39_600)
        #expect(z.offset(atUTCSeconds: at("2026-04-04T15:00:00Z")) == 37_800)
        #expect(z.startOfDay(day("2026-04-05")) == at("2026-04-04T13:00:00Z"))
        #expect(z.startOfDay(day("2026-04-06")) == at("2026-04-05T13:30:00Z"))
        // 2026-10-04 02:00 +10:30 -> 02:30 +11:00 at 2026-10-03T15:30Z.
        #expect(z.offset(atUTCSeconds: at("2026-10-03T15:29:59Z")) == 37_800)
        #expect(z.offset(atUTCSeconds: at("2026-10-03T15:30:00Z")) == 39_600)
        #expect(z.startOfDay(day("2026-10-04")) == at("2026-10-03T13:30:00Z"))
        #expect(z.startOfDay(day("2026-10-05")) == at("2026-10-04T13:00:00Z"))
    }

    @Test func skippedMidnight() {
        // Local midnight does not exist: the day starts at the transition (01:00 local).
        #expect(zone("America/Havana").startOfDay(day("2026-03-08")) == at("2026-03-08T05:00:00Z"))
        #expect(zone("America/Sao_Paulo").startOfDay(day("2018-11-04")) == at("2018-11-04T03:00:00Z"))
        #expect(zone("America/Santiago").startOfDay(day("2026-09-06")) == at("2026-09-06T04:00:00Z"))
        #expect(zone("Asia/Beirut").startOfDay(day("2026-03-29")) == at("2026-03-28T22:00:00Z"))
        let havana = zone("America/Havana")
        #expect(havana.localDay(utcSeconds: at("2026-03-08T04:59:59Z")) == day("2026-03-07"))
        #expect(havana.localDay(utcSeconds: at("2026-03-08T05:00:00Z")) == day("2026-03-08"))
    }

    @Test func skippedWholeDay() {
        // Samoa skipped 2011-12-30 (from -10:00 to +14:00 at 2011-12-30T10:00Z).
        let z = zone("Pacific/Apia")
        #expect(z.startOfDay(day("2011-12-29")) == at("2011-12-29T10:00:00Z"))
        #expect(z.startOfDay(day("2011-12-30")) == at("2011-12-30T10:00:00Z"))
        #expect(z.startOfDay(day("2011-12-31")) == at("2011-12-30T10:00:00Z"))
        #expect(z.localDay(utcSeconds: at("2011-12-30T09:59:59Z")) == day("2011-12-29"))
        #expect(z.localDay(utcSeconds: at("2011-12-30T10:00:00Z")) == day("2011-12-31"))
    }

    @Test func standardOffsetChangeWithoutDST() {
        // Moscow moved from +04:00 to +03:00 permanently on 2014-10-26 at 2014-10-25T22:00Z.
        let z = zone("Europe/Moscow")
        #expect(z.offset(atUTCSeconds: at("2014-10-25T21:59:59Z")) == 14_400)
        #expect(z.offset(atUTCSeconds: at("2014-10-25T22:00:00Z")) == 10_800)
        #expect(z.offset(atUTCSeconds: at("2026-07-01T00:00:00Z")) == 10_800)
    }

    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
                      "America/Sao_Paulo", "Pacific/Apia", "Asia/Tehran", "Europe/Dublin", "Africa/Casablanca"])
    func agreesWithFoundation(_ name: String) {
        let z = zone(name), tz = TimeZone(identifier: name)!
        var rng = SplitMix(seed: 99)
        // 2000-01-01 ... 2101-01-01, random instants.
        for _ in 0..<3000 {
            let s = 946_684_800 + Int64(rng.next() % 3_187_296_000)
            #expect(z.offset(atUTCSeconds: s) == tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(s))))
        }
    }

    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Havana",
                      "Pacific/Apia", "Asia/Kolkata", "Pacific/Chatham"])
    func startOfDayIsFirstInstantOfDay(_ name: String) {
        // For every day 2010-2030: local day changes exactly at startOfDay, and consecutive starts increase.
        let z = zone(name)
        var previous = Int64.min
        for n in Day.parse("2010-01-01")!.number...Day.parse("2030-12-31")!.number {
            let d = Day(number: n)
            let s = z.startOfDay(d)
            #expect(s >= previous)
            previous = s
            if z.startOfDay(d.adding(1)) == s { continue }   // a skipped day
            if z.localDay(utcSeconds: s) != d || z.localDay(utcSeconds: s - 1) >= d {
                Issue.record("\(name): startOfDay(\(d)) = \(s) is not the first instant of the day")
            }
        }
    }

    @Test func beforeAndAfterTable() {
        let z = zone("Europe/Berlin")
        // Before 1900 the 1900 offset (+01:00) applies; after the table the last offset does.
        #expect(z.offset(atUTCSeconds: at("1850-06-01T00:00:00Z")) == 3600)
        #expect(z.localDay(utcSeconds: Int64.min / 2) == Day(number: Int(Int64.min / 2 + 3600).quotientFloor(86_400)))
    }
}

private extension Int {
    func quotientFloor(_ d: Int) -> Int { let q = self / d; return self % d < 0 ? q - 1 : q }
}
