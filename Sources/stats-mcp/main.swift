// The stats-mcp executable: hands the command line to the command table (Commands/Dispatch.swift);
// each command lives in its own file under Commands/. No logic of its own.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

// A child inherits the signal mask of the thread that spawned it, and many parents spawn from a
// thread that blocks signals (every libdispatch / Swift-concurrency worker blocks SIGTERM, SIGINT,
// SIGHUP). With them blocked in every thread, SIGTERM would never reach the handler of the stdio
// transport and the server would not shut down (SPEC §7.1). Unblock them before any thread starts:
// threads inherit this mask.
do {
    var handled = sigset_t()
    #if canImport(Glibc)
    sigemptyset(&handled)
    for sig in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&handled, sig) }
    #else
    for sig in [SIGTERM, SIGINT, SIGHUP] { handled |= sigset_t(1) << sigset_t(sig - 1) }
    #endif
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
}

exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
