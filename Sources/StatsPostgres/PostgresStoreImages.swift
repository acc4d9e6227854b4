import Foundation
import StatsJSON
import StatsStore

/// Store images (docs/POSTGRES.md "Starting fast"): starting from the newest image plus the logged
/// ops, and writing a new image in the background after the rows had to be read.
extension PostgresStore {
    /// The newest image at or below `version` with the logged ops since applied; nil when there is
    /// none, a direct write left a gap in the op log, or the image is not one this build reads. The
    /// attempt runs under a savepoint, so a failed query leaves the caller's transaction usable.
    func loadFromImage(_ db: PGDatabase, version: Int64) throws -> Cached? {
        let c = db.connection
        let started = Date()
        try c.execute("SAVEPOINT stats_image")
        let fetched: (bytes: [UInt8], imageVersion: Int64, ops: [JournalOp])?
        switch fetchImage(db, version: version) {
        case let .success(found):
            fetched = found
            try c.execute("RELEASE SAVEPOINT stats_image")
        case let .failure(error):
            guard error.kind == .sql || error.kind == .schema else { throw error }
            try c.execute("ROLLBACK TO SAVEPOINT stats_image")
            diagnostics("stats-mcp: the PostgreSQL store image could not be read (\(error.message)); reading the rows")
            return nil
        }
        guard let fetched else { return nil }
        let fetchedAt = Date()
        let decoded: (data: StoreData, problems: [StoreProblem])
        do {
            decoded = try fetched.bytes.withUnsafeBufferPointer { try StoreImage.decode($0) }
        } catch {
            diagnostics("stats-mcp: the PostgreSQL store image of version \(fetched.imageVersion) is not usable (\(error)); reading the rows")
            return nil
        }
        var data = decoded.data
        data.apply(fetched.ops)
        let loaded = Cached(data: data, problems: decoded.problems, version: version)
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        let fetchMs = Int(fetchedAt.timeIntervalSince(started) * 1000)
        diagnostics(
            "stats-mcp: loaded the PostgreSQL store (\(target?.display ?? "?"), schema \(schema), version \(version)) from its image of version \(fetched.imageVersion) (\(fetched.bytes.count / 1_000_000) MB read in \(fetchMs) ms, \(fetched.ops.count) logged ops replayed) in \(ms) ms")
        if fetched.ops.count > Self.opsBeforeNewImage { writeImageInBackground(loaded) }
        return loaded
    }

    /// The newest usable image's bytes and the ops logged since it (nil: none, or a gap in the log).
    private func fetchImage(_ db: PGDatabase, version: Int64) -> Result<(bytes: [UInt8], imageVersion: Int64, ops: [JournalOp])?, PGError> {
        Result { () throws(PGError) -> (bytes: [UInt8], imageVersion: Int64, ops: [JournalOp])? in
            guard let imageVersion = try db.latestImage(atMost: version) else { return nil }
            var ops: [JournalOp] = []
            if imageVersion < version {
                guard let logged = try db.loggedOps(from: imageVersion, to: version) else { return nil }
                ops = logged
            }
            try db.connection.execute("SET LOCAL statement_timeout = \(loadTimeoutMs)")
            return (try db.imageBytes(version: imageVersion), imageVersion, ops)
        }
    }

    /// Encodes `view` and stores it as the image of its version, on a thread and a connection of its
    /// own (requests go on meanwhile). A role that may not write `view_image` (a read-only role) is
    /// told once on stderr; the server works the same, only its next start reads the rows again.
    func writeImageInBackground(_ view: Cached) {
        imageState.lock()
        guard !imageWriting, !imageRefused, let target, let lib = LibPQ.shared(environment: environment) else {
            imageState.unlock()
            return
        }
        imageWriting = true
        imageState.unlock()
        let settings = PGDatabase.sessionSettings(timeoutMs: max(timeoutMs, 60_000))
        let schema = schema
        let diagnostics = diagnostics
        let thread = Thread { [self] in
            let started = Date()
            let bytes = StoreImage.encode(view.data, problems: view.problems)
            var refused = false
            switch Self.storeImage(bytes, version: view.version, target: target, lib: lib, settings: settings, schema: schema) {
            case .success(true):
                let ms = Int(Date().timeIntervalSince(started) * 1000)
                diagnostics("stats-mcp: wrote the store image of version \(view.version) (\(bytes.count / 1_000_000) MB) in \(ms) ms: the next server starts from it")
            case .success(false):
                break
            case let .failure(error):
                refused = error.kind == .sql || error.kind == .schema
                diagnostics("stats-mcp: could not write the store image (\(error.message)); servers keep starting from the rows")
            }
            imageState.lock()
            imageWriting = false
            imageRefused = imageRefused || refused
            imageState.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private static func storeImage(
        _ bytes: [UInt8], version: Int64, target: PGTarget, lib: LibPQ, settings: [String], schema: String
    ) -> Result<Bool, PGError> {
        Result { () throws(PGError) -> Bool in
            let c = try PGConnection.connect(target, lib: lib, settings: settings)
            return try PGDatabase(connection: c, schema: schema).writeImage(bytes, version: version)
        }
    }

    /// Waits (at most `seconds`) until no image is being written: a server that exits right after its
    /// first answer still leaves the image for the next one.
    public func waitForImage(upTo seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            imageState.lock()
            let busy = imageWriting
            imageState.unlock()
            if !busy { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}
