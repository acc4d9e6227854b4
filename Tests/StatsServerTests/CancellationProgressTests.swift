import Foundation
import StatsJSON
import StatsProtocol
import StatsServer
import Testing

func cancel(_ id: String) -> String {
    #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":\#(id),"reason":"test"}}"#
}

/// `notifications/cancelled` and `notifications/progress` (SPEC §7.3).
@Suite struct CancellationProgressTests {
    func ready() -> Harness {
        let h = Harness()
        h.initialize()
        return h
    }

    func execute(_ h: Harness, _ work: ServerWork?) -> [JSONValue] {
        guard let work else { return [] }
        let sink = LineSink()
        h.server.execute(work) { sink.append($0) }
        return sink.lines.map { try! JSON.parse(Array($0.dropLast())) }
    }

    @Test func cancelledBeforeItRunsGetsNoResponse() {
        let h = ready()
        let work = h.server.receive(line: Array(request("40", "tools/call", #"{"name":"echo"}"#).utf8))
        #expect(h.server.receive(line: Array(cancel("40").utf8)) == nil)
        #expect(execute(h, work).isEmpty)
        #expect(h.backend.calls.isEmpty)
        #expect(h.server.pendingRequestCount == 0)
        #expect(h.raw(request("41", "ping")) == [#"{"jsonrpc":"2.0","id":41,"result":{}}"#])
    }

    @Test func cancelledWhileRunningGetsNoResponse() {
        let h = ready()
        let server = h.server
        h.backend.hook = { context in
            // The reader thread applies the cancellation while the tool runs.
            _ = server.receive(line: Array(cancel("\"c\"").utf8))
            #expect(context.isCancelled())
            context.progress(1, nil, nil)  // nothing is sent for a cancelled request
            context.log(.emergency, "x")
        }
        _ = h.one(request("1", "logging/setLevel", #"{"level":"debug"}"#))
        let work = server.receive(line: Array(request("\"c\"", "tools/call", #"{"name":"hook","_meta":{"progressToken":1}}"#).utf8))
        #expect(execute(h, work).isEmpty)
        #expect(h.backend.calls.count == 1)
    }

    @Test func cancellationFromAnotherThreadWhileRunning() async {
        let h = ready()
        let server = h.server
        let started = DispatchSemaphore(value: 0)
        h.backend.hook = { context in
            started.signal()
            let deadline = Date().addingTimeInterval(5)
            while !context.isCancelled() && Date() < deadline { usleep(1000) }
        }
        let work = server.receive(line: Array(request("77", "tools/call", #"{"name":"hook"}"#).utf8))!
        let sink = LineSink()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            server.execute(work) { sink.append($0) }
            done.signal()
        }
        thread.start()
        started.wait()
        _ = server.receive(line: Array(cancel("77").utf8))
        done.wait()
        #expect(sink.lines.isEmpty)
    }

    @Test func cancellingAnUnknownOrFinishedIDIsIgnored() {
        let h = ready()
        #expect(h.raw(cancel("12345")).isEmpty)
        #expect(h.raw(cancel("\"nope\"")).isEmpty)
        #expect(h.raw(cancel("null")).isEmpty)
        #expect(h.raw(cancel("1.5")).isEmpty)
        #expect(h.one(request("5", "tools/call", #"{"name":"echo"}"#))["result"] != nil)
        #expect(h.raw(cancel("5")).isEmpty)
        #expect(h.raw(request("6", "ping")) == [#"{"jsonrpc":"2.0","id":6,"result":{}}"#])
    }

    @Test func cancelMatchesTheIDType() {
        let h = ready()
        let work = h.server.receive(line: Array(request("\"1\"", "ping").utf8))
        _ = h.server.receive(line: Array(cancel("1").utf8))  // integer 1 is another id
        #expect(execute(h, work).count == 1)
    }

    @Test func cancelInsideABatch() {
        let h = ready()
        let work = h.server.receive(line: Array(request("8", "tools/call", #"{"name":"echo"}"#).utf8))
        #expect(h.server.receive(line: Array(("[" + cancel("8") + "]").utf8)) == nil)
        #expect(execute(h, work).isEmpty)
    }

    @Test func cancelledBatchElementIsLeftOutOfTheArray() {
        let h = ready()
        let work = h.server.receive(line: Array(("[" + request("1", "ping") + "," + request("2", "ping") + "]").utf8))
        _ = h.server.receive(line: Array(cancel("1").utf8))
        let out = execute(h, work)
        #expect(out.count == 1)
        #expect(out.first?.arrayValue?.map { $0["id"] } == [2])
        let all = h.server.receive(line: Array(("[" + request("3", "ping") + "]").utf8))
        _ = h.server.receive(line: Array(cancel("3").utf8))
        #expect(execute(h, all).isEmpty)
    }

    @Test func initializeCannotBeCancelled() {
        let h = Harness()
        let work = h.server.receive(line: Array(request("0", "initialize", #"{"protocolVersion":"2025-11-25"}"#).utf8))
        _ = h.server.receive(line: Array(cancel("0").utf8))
        #expect(execute(h, work).first?["result"]?["protocolVersion"] == "2025-11-25")
    }

    @Test func progressNotificationsAreStrictlyIncreasingAndPrecedeTheResponse() {
        let h = ready()
        let out = h.send(request("1", "tools/call", #"{"name":"slow","_meta":{"progressToken":"p1"}}"#))
        #expect(out.count == 4)
        let notes = out.dropLast()
        for note in notes {
            #expect(note["method"] == "notifications/progress")
            #expect(note["id"] == nil)
            #expect(note["params"]?["progressToken"] == "p1")
            #expect(note["params"]?["total"] == 3)
            #expect(note["params"]?["message"] == "step")
        }
        #expect(notes.map { $0["params"]?["progress"] } == [1, 2, 3])
        #expect(out.last?["id"] == 1)
        #expect(out.last?["result"] != nil)
    }

    @Test func integerProgressTokenIsEchoed() {
        let h = ready()
        h.backend.progressScript = [0.25, 0.5]
        let out = h.raw(request("1", "tools/call", #"{"name":"slow","_meta":{"progressToken":42}}"#))
        #expect(out.count == 3)
        #expect(out[0].contains(#""progressToken":42,"progress":0.25"#))
        #expect(out[1].contains(#""progress":0.5"#))
    }

    @Test func noProgressWithoutAToken() {
        let h = ready()
        #expect(h.send(request("1", "tools/call", #"{"name":"slow"}"#)).count == 1)
        #expect(h.send(request("2", "tools/call", #"{"name":"slow","_meta":{}}"#)).count == 1)
        #expect(h.send(request("3", "tools/call", #"{"name":"slow","_meta":{"progressToken":null}}"#)).count == 1)
        #expect(h.send(request("4", "tools/call", #"{"name":"slow","_meta":{"progressToken":1.5}}"#)).count == 1)
    }

    @Test func nothingIsSentForARequestAfterItsResponse() {
        let h = ready()
        _ = h.one(request("1", "logging/setLevel", #"{"level":"debug"}"#))
        h.backend.progressScript = [1]
        let work = h.server.receive(line: Array(request("2", "tools/call", #"{"name":"slow","_meta":{"progressToken":"t"}}"#).utf8))!
        let sink = LineSink()
        h.server.execute(work) { sink.append($0) }
        #expect(sink.lines.count == 10)
        // Late calls on the finished request's context are dropped.
        let saved = h.backend.savedContext!
        saved.progress(100, nil, nil)
        saved.log(.emergency, "late")
        #expect(sink.lines.count == 10)
        #expect(!saved.isCancelled())
        #expect(h.raw(request("3", "ping")) == [#"{"jsonrpc":"2.0","id":3,"result":{}}"#])
    }

    @Test func storeLoadProgressGoesToTheFirstToolCall() {
        let h = ready()
        h.backend.prepareProgress = [10, 20]
        h.backend.progressScript = [1, 30]
        let out = h.send(request("1", "tools/call", #"{"name":"slow","_meta":{"progressToken":"load"}}"#))
        #expect(out.dropLast().map { $0["params"]?["progress"] } == [10, 20, 30])
        #expect(out.dropLast().first?["params"]?["message"] == "loading")
    }
}
