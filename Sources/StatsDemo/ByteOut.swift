/// A reusable output buffer that JSON is written into byte by byte and handed to the sink
/// in chunks of about 1 MiB. Records are small (< 64 KiB); the buffer is checked for a flush
/// between records only, so it keeps generous slack above the flush threshold.
final class ByteOut {
    static let flushThreshold = 1 << 20
    private static let capacity = (1 << 20) + (1 << 18)

    let base: UnsafeMutablePointer<UInt8>
    var count = 0
    /// Work units done, for progress reports.
    var unitsDone = 0
    let unitsTotal: Int
    let progress: ((Double) -> Void)?

    init(unitsTotal: Int, progress: ((Double) -> Void)?) {
        base = .allocate(capacity: ByteOut.capacity)
        self.unitsTotal = max(1, unitsTotal)
        self.progress = progress
    }

    deinit { base.deallocate() }

    /// Flushes when the buffer holds at least the threshold.
    @inline(__always)
    func maybeFlush(_ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        if count >= ByteOut.flushThreshold { try flush(sink) }
    }

    func flush(_ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        precondition(count <= ByteOut.capacity, "demo record overflowed the output buffer")
        if count > 0 {
            try sink(UnsafeRawBufferPointer(start: base, count: count))
            count = 0
        }
        if let progress {
            progress(min(1.0, Double(unitsDone) / Double(unitsTotal)))
        }
    }

    // MARK: - Raw bytes

    @inline(__always)
    func byte(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    @inline(__always)
    func str(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        (base + count).update(from: s.utf8Start, count: n)
        count += n
    }

    @inline(__always)
    func bytes(_ a: [UInt8]) {
        a.withUnsafeBufferPointer { p in
            (base + count).update(from: p.baseAddress!, count: p.count)
            count += p.count
        }
    }

    @inline(__always)
    func bytes(_ p: UnsafePointer<UInt8>, _ n: Int) {
        (base + count).update(from: p, count: n)
        count += n
    }

    /// A quoted JSON string from bytes known not to need escaping (ids, statuses).
    @inline(__always)
    func quoted(_ a: [UInt8]) {
        byte(0x22); bytes(a); byte(0x22)
    }

    // MARK: - Numbers, dates, ids

    @inline(__always)
    func int(_ value: Int) {
        if value < 0 {
            byte(0x2D)
            int(0 - value)
            return
        }
        var digits = 1
        var t = value
        while t >= 10 { t /= 10; digits += 1 }
        var v = value
        var i = count + digits - 1
        repeat {
            base[i] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
            v /= 10
            i -= 1
        } while v > 0
        count += digits
    }

    @inline(__always)
    private func two(_ v: Int) {
        base[count] = UInt8(truncatingIfNeeded: 0x30 + v / 10)
        base[count + 1] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
        count += 2
    }

    @inline(__always)
    private func four(_ v: Int) {
        two(v / 100)
        two(v % 100)
    }

    /// `YYYY-MM-DD` (unquoted) for a day number (days since 1970-01-01).
    @inline(__always)
    func date(_ day: Int) {
        let c = Civil.fromDays(day)
        four(c.year); byte(0x2D); two(c.month); byte(0x2D); two(c.day)
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"` (quoted) for Unix seconds.
    @inline(__always)
    func timestamp(_ seconds: Int) {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let sod = seconds - day * 86_400
        byte(0x22)
        date(day)
        byte(0x54)
        two(sod / 3600); byte(0x3A); two(sod / 60 % 60); byte(0x3A); two(sod % 60)
        byte(0x5A)
        byte(0x22)
    }

    /// A quoted timestamp or `null`.
    func timestamp(orNull seconds: Int?) {
        if let seconds { timestamp(seconds) } else { str("null") }
    }

    /// A quoted lowercase UUID.
    @inline(__always)
    func uuid(_ hi: UInt64, _ lo: UInt64) {
        byte(0x22)
        Hex.writeUUID(hi, lo, to: base + count)
        count += 36
        byte(0x22)
    }

    /// A JSON string with escaping (for names, labels and other free text).
    func string(_ s: String) {
        byte(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: byte(0x5C); byte(0x22)
            case 0x5C: byte(0x5C); byte(0x5C)
            case 0x0A: byte(0x5C); byte(0x6E)
            case 0x0D: byte(0x5C); byte(0x72)
            case 0x09: byte(0x5C); byte(0x74)
            case 0..<0x20:
                str("\\u00")
                byte(Hex.hexDigit(Int(b >> 4)))
                byte(Hex.hexDigit(Int(b & 0xF)))
            default: byte(b)
            }
        }
        byte(0x22)
    }

    func string(orNull s: String?) {
        if let s { string(s) } else { str("null") }
    }
}

/// Proleptic Gregorian conversions (Howard Hinnant's algorithms).
enum Civil {
    @inline(__always)
    static func fromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday, 1 = Monday … 7 = Sunday.
    @inline(__always)
    static func isoWeekday(_ day: Int) -> Int {
        let r = (day + 3) % 7   // 1970-01-01 was a Thursday (3 days after Monday)
        return (r < 0 ? r + 7 : r) + 1
    }
}
