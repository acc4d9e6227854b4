import StatsCore
import StatsJSON

/// Every validation and lookup message, in one place (SPEC §6: name the field, what was received,
/// what is expected, an example).
public enum Messages {
    /// How a received value is shown in a message (compact JSON, shortened).
    static func shown(_ value: JSONValue) -> String {
        let text = JSON.string(value)
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }

    static func unknownArguments(_ names: [String], allowed: [String]) -> ToolError {
        let list = names.map { "`\($0)`" }.joined(separator: ", ")
        let allowedText = allowed.isEmpty ? "this tool takes no arguments" : "allowed: " + allowed.joined(separator: ", ")
        return ToolError(
            .invalidArgument,
            names.count == 1 ? "Unknown argument \(list)." : "Unknown arguments \(list).",
            field: names.count == 1 ? names[0] : nil,
            hint: "Remove it; \(allowedText).")
    }

    static func missing(_ name: String, example: String) -> ToolError {
        ToolError(.invalidArgument, "Missing required argument `\(name)`.", field: name, hint: "Pass it, e.g. \"\(name)\": \(example).")
    }

    static func wrongType(_ name: String, received: JSONValue, expected: String, example: String) -> ToolError {
        ToolError(
            .invalidArgument, "Argument `\(name)` must be \(expected); received \(received.typeName) \(shown(received)).",
            field: name, hint: "Example: \"\(name)\": \(example).")
    }

    static func invalidValue(_ name: String, received: JSONValue, expected: String, example: String) -> ToolError {
        ToolError(
            .invalidArgument, "Argument `\(name)` must be \(expected); received \(shown(received)).", field: name,
            hint: "Example: \"\(name)\": \(example).")
    }

    static let dateExpectation = "a real calendar date in YYYY-MM-DD format between 2000-01-01 and 2100-12-31"

    static func fromAfterTo(_ from: Day, _ to: Day, fromName: String = "from", toName: String = "to") -> ToolError {
        ToolError(
            .invalidArgument, "`\(fromName)` (\(from)) is after `\(toName)` (\(to)).",
            hint: "Swap them: the range is \(fromName) <= \(toName), both inclusive.")
    }

    static func spanTooLong(days: Int, limit: Int) -> ToolError {
        ToolError(
            .invalidArgument, "The date range spans \(days) days; at most \(limit) days are allowed.",
            hint: "Split the question into ranges of at most \(limit) days.")
    }

    static func dayBreakdownTooLong(days: Int) -> ToolError {
        ToolError(
            .invalidArgument, "A day breakdown covers at most \(SpanLimits.maximumDayBreakdownDays) days; this range spans \(days) days.",
            hint: "Use \"breakdown\": \"week\" or \"month\" for longer ranges.")  // a span rule: cross-field, no `field` (SPEC §11)
    }

    static func notFound(_ what: String, _ value: String) -> ToolError {
        ToolError(
            .notFound, "No \(what) \(value) in this workspace.",
            hint: "Check the id; list what exists with campaigns_list or users_list.")
    }

    static func workspaceMismatch(_ value: String) -> ToolError {
        ToolError(
            .workspaceMismatch, "workspacePublicId \(value) is not the workspace bound to this API key.",
            field: "workspacePublicId", hint: "Omit workspacePublicId to use the session workspace.")
    }

    static let accessDenied = ToolError(
        .forbidden, "Access denied", field: "workspace_id",
        hint: "Omit workspace_id for the session workspace, or pass \"ALL\" for every workspace you are linked to.")

    public static func unauthorized(_ reason: String) -> ToolError {
        ToolError(
            .unauthorized, reason,
            hint: "Set STATS_API_KEY in the server's environment (or start it with --api-key-file PATH) to an active API key of a user linked to its workspace, then restart the server.")
    }

    /// `period` together with `from` or `to` (SPEC §4; `field: period`).
    static func periodWithDates() -> ToolError {
        ToolError(
            .invalidArgument, "`period` cannot be combined with `from` or `to`; give either a preset or explicit dates.",
            field: "period", hint: "Example: \"period\": \"last_month\", or \"from\": \"2026-03-01\", \"to\": \"2026-03-31\".")
    }

    /// A required period with a date missing (SPEC §5.1; `field` names the missing date).
    static func missingDate(_ missing: String) -> ToolError {
        let other = missing == "from" ? "to" : "from"
        return ToolError(
            .invalidArgument, "Missing `\(missing)`: give both `from` and `to` (YYYY-MM-DD), or a `period` preset.",
            field: missing,
            hint: "Example: \"from\": \"2026-03-01\", \"to\": \"2026-03-31\", or \"period\": \"last_30_days\" (not only `\(other)`).")
    }

    /// A lone date where the tool does not default (SPEC §5.13; `field` names the missing date).
    static func loneDate(given: String, missing: String) -> ToolError {
        ToolError(
            .invalidArgument, "`\(given)` was given without `\(missing)`: give both `from` and `to` (YYYY-MM-DD), or a `period` preset.",
            field: missing, hint: "Example: \"from\": \"2026-03-01\", \"to\": \"2026-03-31\", or \"period\": \"last_30_days\".")
    }

    static func notMonday(_ day: Day) -> ToolError {
        ToolError(
            .invalidArgument, "`week_start` must be a Monday; \(day) is not.", field: "week_start",
            hint: "Use \(day.monday), the Monday of that week.")
    }
}

// MARK: - Lists, cursors and the analytics_* tools

extension Messages {
    /// One item of a list argument has the wrong format (e.g. `campaign_ids`).
    static func invalidListItem(_ name: String, item: String, expected: String, example: String) -> ToolError {
        ToolError(
            .invalidArgument, "Argument `\(name)` must hold only \(expected) items; \(shown(.string(item))) is neither.",
            field: name, hint: "Example: \"\(name)\": \(example).")
    }

    /// Several listed ids that are not in the caller's reach, named together (SPEC §5.4). Worded the
    /// same whether an id exists elsewhere or nowhere.
    static func campaignsNotFound(_ values: [String], field: String) -> ToolError {
        let list = values.map { "`\($0)`" }.joined(separator: ", ")
        return ToolError(
            .notFound,
            values.count == 1
                ? "No campaign \(list) owned by you in this workspace."
                : "No campaigns \(list) owned by you in this workspace.",
            field: field,
            hint: "Omit `\(field)` to use every campaign you own, or find ids with campaigns_list (filter by owner).")
    }

    static func customDateRequired(_ name: String) -> ToolError {
        ToolError(
            .invalidArgument, "`\(name)` is required when `period` is \"custom\".", field: name,
            hint: "Example: \"period\": \"custom\", \"start_date\": \"2026-03-01\", \"end_date\": \"2026-03-31\".")
    }

    static func customDateNotAllowed(_ name: String) -> ToolError {
        ToolError(
            .invalidArgument, "`\(name)` is only allowed when `period` is \"custom\".", field: name,
            hint: "Pass \"period\": \"custom\" with both start_date and end_date, or omit `\(name)` to use today, 7d, 30d or 90d.")
    }

    /// A cursor this server did not issue, or one that was modified.
    static func malformedCursor(_ received: String) -> ToolError {
        ToolError(
            .invalidArgument,
            received.isEmpty
                ? "Argument `cursor` is empty; it must be a next_cursor value from a previous page."
                : "Argument `cursor` is not a cursor this server issued (malformed or modified); received \(shown(.string(received))).",
            field: "cursor", hint: "Pass next_cursor from the previous page unchanged, or omit `cursor` to start at the first page.")
    }

    /// A genuine cursor of another listing (another tool, workspace or set of filters).
    static func foreignCursor() -> ToolError {
        ToolError(
            .invalidArgument, "Argument `cursor` belongs to a different listing (another tool or other filters).",
            field: "cursor",
            hint: "Repeat the call with the same filters as the page that returned this cursor, or omit `cursor` to start at the first page.")
    }
}
