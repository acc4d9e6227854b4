import Testing
@testable import StatsCore

@Suite struct ExactMathTests {
    @Test func roundedQuotientHalfAwayFromZero() {
        #expect(ExactMath.roundedQuotient(Int64(7), 2) == 4)      // 3.5
        #expect(ExactMath.roundedQuotient(Int64(5), 2) == 3)      // 2.5 (not banker's 2)
        #expect(ExactMath.roundedQuotient(Int64(-5), 2) == -3)
        #expect(ExactMath.roundedQuotient(Int64(5), -2) == -3)
        #expect(ExactMath.roundedQuotient(Int64(-5), -2) == 3)
        #expect(ExactMath.roundedQuotient(Int64(7), 3) == 2)      // 2.33
        #expect(ExactMath.roundedQuotient(Int64(8), 3) == 3)      // 2.67
        #expect(ExactMath.roundedQuotient(Int64(-8), 3) == -3)
        #expect(ExactMath.roundedQuotient(Int64(-7), 3) == -2)
        #expect(ExactMath.roundedQuotient(Int64(0), 5) == 0)
        #expect(ExactMath.roundedQuotient(Int64(0), -5) == 0)
        #expect(ExactMath.roundedQuotient(Int64(6), 3) == 2)
        #expect(ExactMath.roundedQuotient(Int64(1), 3) == 0)
        #expect(ExactMath.roundedQuotient(Int64(1), 2) == 1)
        #expect(ExactMath.roundedQuotient(Int64(-1), 2) == -1)
        #expect(ExactMath.roundedQuotient(Int64(49), 100) == 0)
        #expect(ExactMath.roundedQuotient(Int64(50), 100) == 1)
    }

    @Test func roundedQuotientExtremes() {
        #expect(ExactMath.roundedQuotient(Int64.max, 1) == .max)
        #expect(ExactMath.roundedQuotient(Int64.min, 1) == .min)
        #expect(ExactMath.roundedQuotient(Int64.max, 2) == 4_611_686_018_427_387_904)   // ...903.5 -> ...904
        #expect(ExactMath.roundedQuotient(Int64.min, 2) == -4_611_686_018_427_387_904)
        #expect(ExactMath.roundedQuotient(Int64.max, Int64.max) == 1)
        #expect(ExactMath.roundedQuotient(Int64.min, Int64.min) == 1)
        #expect(ExactMath.roundedQuotient(Int64.max, Int64.min) == -1)                 // -0.99999...
        #expect(ExactMath.roundedQuotient(Int64(1), Int64.min) == 0)
        #expect(ExactMath.roundedQuotient(Int128.max, 2) == Int128.max / 2 + 1)
        #expect(ExactMath.roundedQuotient(Int128.min, Int128.min) == 1)
        #expect(ExactMath.roundedQuotient(Int128.min / 2, Int128.min) == 1)             // exactly 0.5
        #expect(ExactMath.roundedQuotient(Int128(-3), Int128(2)) == -2)
    }

    @Test func percentExamples() {
        #expect(ExactMath.percent(2, 5) == 40.0)
        #expect(ExactMath.percent(1, 3) == 33.3)
        #expect(ExactMath.percent(2, 3) == 66.7)
        #expect(ExactMath.percent(1, 8) == 12.5)
        #expect(ExactMath.percent(1, 16) == 6.3)     // 6.25 rounds away from zero
        #expect(ExactMath.percent(-1, 16) == -6.3)
        #expect(ExactMath.percent(1, -16) == -6.3)
        #expect(ExactMath.percent(5, 100) == 5.0)
        #expect(ExactMath.percent(1, 40) == 2.5)
        #expect(ExactMath.percent(13, 500) == 2.6)
        #expect(ExactMath.percent(0, 7) == 0.0)
        #expect(ExactMath.percent(7, 7) == 100.0)
        #expect(ExactMath.percent(3, 2) == 150.0)    // may exceed 100
        #expect(ExactMath.percent(1, 2000) == 0.1)   // 0.05 -> 0.1
        #expect(ExactMath.percent(1, 2001) == 0.0)   // 0.04997...
        #expect(ExactMath.percent(5, 0) == nil)
        #expect(ExactMath.percent(0, 0) == nil)
    }

    @Test func percentNoOverflow() {
        #expect(ExactMath.percent(Int64.max, 1) == Double(Int128(Int64.max) * 1000) / 10)
        #expect(ExactMath.percent(Int64.max, Int64.max) == 100.0)
        #expect(ExactMath.percent(Int64.min, Int64.max) == -100.0)    // -100.00000000000000001
    }

    @Test func percentIsExactTenthsOverTen() {
        // Every k/1000 ... the Double equals the tenths integer divided by 10 (never 0.30000000000000004 style).
        for num in 0...200 {
            let p = ExactMath.percent(Int64(num), 200)!
            let tenths = ExactMath.roundedQuotient(Int64(num) * 1000, 200)
            #expect(p == Double(tenths) / 10)
            #expect(String(p) == String(Double(tenths) / 10))
        }
        #expect(String(ExactMath.percent(1, 3)!) == "33.3")
        #expect(String(ExactMath.percent(7, 10)!) == "70.0")
    }

    @Test func changePercent() {
        #expect(ExactMath.changePercent(current: 15, previous: 10) == 50.0)
        #expect(ExactMath.changePercent(current: 5, previous: 10) == -50.0)
        #expect(ExactMath.changePercent(current: 10, previous: 10) == 0.0)
        #expect(ExactMath.changePercent(current: 0, previous: 3) == -100.0)
        #expect(ExactMath.changePercent(current: 4, previous: 3) == 33.3)
        #expect(ExactMath.changePercent(current: 2, previous: 3) == -33.3)
        #expect(ExactMath.changePercent(current: 17, previous: 16) == 6.3)
        #expect(ExactMath.changePercent(current: 15, previous: 16) == -6.3)
        #expect(ExactMath.changePercent(current: 7, previous: 0) == nil)
        #expect(ExactMath.changePercent(current: 0, previous: 0) == nil)
        #expect(ExactMath.changePercent(current: Int64.max, previous: Int64.min) != nil)   // no overflow
    }
}
