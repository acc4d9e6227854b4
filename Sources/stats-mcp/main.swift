// The stats-mcp executable: hands the command line to the command table (Commands/Dispatch.swift);
// each command lives in its own file under Commands/. No logic of its own.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

Signals.install()  // first: SIGXFSZ ignored, SIGPIPE ignored once serving, SIGTERM/SIGINT/SIGHUP taken by a signal thread (Signals.swift)

exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
