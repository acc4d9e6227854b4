import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide signal set-up (SPEC §7.1, issue 17 #7 and #10). `Signals.install()` is the very first
/// statement of main.swift, before anything can fail, allocate much or start a thread:
///
/// - SIGXFSZ is ignored: a write past `RLIMIT_FSIZE` is an EFBIG error (the journal append is cut back
///   and the tool answers `store_unavailable`) instead of killing the process.
/// - SIGPIPE is ignored by the server from the first instant: a closed stdout is an EPIPE write error
///   and the transport exits 0. Technically it gets a handler that returns (the same effect as
///   ignoring it) once the transport has registered, and before that takes the default action: a
///   command such as `call` piped into `head` then ends quietly (status 141) instead of trapping in
///   Foundation's `FileHandle.write` (which cannot report EPIPE). Nothing writes to stdout in a server
///   before the transport registers.
/// - SIGTERM, SIGINT and SIGHUP are blocked in the main thread before any other thread exists (every
///   thread inherits the mask; this also overrides a mask a parent may have left blocked) and taken by
///   one dedicated thread with `sigwait`: no handler, no async-signal-safety concerns, and no file
///   descriptor, so it works even with `RLIMIT_NOFILE` at 3.
/// - A termination signal is handed to the handler the stdio transport registers (`onTerminate`:
///   finish what was read, answer it, exit 0). One that arrives before the transport registers is
///   kept and handed over at registration, so SIGTERM in the first milliseconds of `serve` is a clean
///   exit 0 too. If nothing registers within `commandGrace` seconds the process is running a command
///   (`call`, `demo`, `check`, …), not a server: the signal then takes its default action.
enum Signals {
    /// How long a termination signal waits for a server to register before it takes its default action.
    static let commandGrace = 2.0

    private static let state = SignalState()

    static func install() {
        signal(SIGXFSZ, SIG_IGN)
        var pipeAction = sigaction()
        #if canImport(Darwin)
        pipeAction.__sigaction_u.__sa_handler = signalsBrokenPipe
        #else
        pipeAction.__sigaction_handler.sa_handler = signalsBrokenPipe
        #endif
        sigemptyset(&pipeAction.sa_mask)
        pipeAction.sa_flags = SA_RESTART
        sigaction(SIGPIPE, &pipeAction, nil)
        var set = terminationSet()
        guard pthread_sigmask(SIG_BLOCK, &set, nil) == 0 else { return }
        let thread = Thread { waitLoop() }
        thread.name = "stats-mcp.signals"
        thread.stackSize = 1 << 18
        thread.start()
    }

    /// Registers what a termination signal does (the stdio transport: close its input queue). A signal
    /// that already arrived is delivered at once.
    static func onTerminate(_ handler: @escaping @Sendable () -> Void) {
        signalsServing.store(true, ordering: .sequentiallyConsistent)
        if state.register(handler) { handler() }
    }

    static func terminationSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, sig) }
        return set
    }

    private static func waitLoop() {
        var set = terminationSet()
        while true {
            var sig: Int32 = 0
            guard sigwait(&set, &sig) == 0 else { continue }
            if let handler = state.deliver() {
                handler()
                continue
            }
            // No server registered yet: give it a moment (serve registers within milliseconds).
            let deadline = Date().addingTimeInterval(commandGrace)
            while Date() < deadline {
                if state.isRegistered { break }
                usleep(5_000)
            }
            if state.isRegistered { continue }  // registration delivered the pending signal
            // A command, not a server: the signal's default action (e.g. exit status 143 for SIGTERM).
            signal(sig, SIG_DFL)
            var one = sigset_t()
            sigemptyset(&one)
            sigaddset(&one, sig)
            pthread_sigmask(SIG_UNBLOCK, &one, nil)
            raise(sig)
        }
    }
}

/// Set once the stdio transport serves: SIGPIPE is then ignored (EPIPE reaches the transport).
private let signalsServing = Atomic<Bool>(false)

/// SIGPIPE (async-signal-safe: an atomic load, then at most signal + raise). Serving: return, so the
/// write fails with EPIPE like with SIG_IGN. Otherwise (a command): the default action, as if nothing
/// had been installed.
private func signalsBrokenPipe(_ sig: Int32) {
    if signalsServing.load(ordering: .relaxed) { return }
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
}

/// The registered handler and whether a signal is waiting for one (guarded by a lock).
private final class SignalState: @unchecked Sendable {
    private let lock = NSLock()
    private var handler: (@Sendable () -> Void)?
    private var pending = false
    private var delivered = false

    var isRegistered: Bool {
        lock.lock()
        defer { lock.unlock() }
        return handler != nil
    }

    /// Stores the handler; true when a signal was pending (the caller runs the handler).
    func register(_ h: @escaping @Sendable () -> Void) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        handler = h
        if pending && !delivered {
            delivered = true
            return true
        }
        return false
    }

    /// The handler to run for a signal that just arrived, or nil (then the signal is pending).
    func deliver() -> (@Sendable () -> Void)? {
        lock.lock()
        defer { lock.unlock() }
        guard let handler else {
            pending = true
            return nil
        }
        delivered = true
        return handler
    }
}
