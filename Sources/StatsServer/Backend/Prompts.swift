import StatsCore
import StatsJSON
import StatsProtocol
import StatsStore
import StatsTools

/// The prompts of SPEC §7.4 and the completions of their arguments. Each prompt renders one user-role
/// message that names the tools to call, with their arguments, and what to report. Pure: the campaign
/// lookup and "today" come from the caller.
enum StatsPrompts {
    /// The §4 period presets, in SPEC order.
    static let periodPresets = PeriodPreset.names
    static let defaultComparePeriod = PeriodPreset.last_month.rawValue
    /// How many weeks back `week_start` completion looks.
    static let weekStartLookbackWeeks = 52

    enum Name: String, CaseIterable {
        case weeklyReview = "weekly_review"
        case campaignHealth = "campaign_health"
        case comparePeriods = "compare_periods"
    }

    static let weekStart = PromptArgument(
        name: "week_start", description: "Monday of the week to review (YYYY-MM-DD). Default: last week (Monday to Sunday).",
        required: false)
    static let campaign = PromptArgument(
        name: "campaign", description: "The campaign: its cp_… id, its UUID, or part of its name.", required: true)
    static let period = PromptArgument(
        name: "period",
        description: "A period preset (today, yesterday, last_7_days, …, last_year). Default: \(defaultComparePeriod).",
        required: false)

    static let all: [Prompt] = [
        Prompt(
            name: Name.weeklyReview.rawValue, title: "Weekly review",
            description: "Review one week of the workspace: clicks and outreach against the week before, the campaigns that moved, the weekly trend, and next actions.",
            arguments: [weekStart]),
        Prompt(
            name: Name.campaignHealth.rawValue, title: "Campaign health check",
            description: "Check one campaign: its funnel over the last 30 days against the 30 before, its rates against the workspace, bounce risk, and what to do.",
            arguments: [campaign]),
        Prompt(
            name: Name.comparePeriods.rawValue, title: "Compare periods",
            description: "Compare a period with the one before and with the same period a year earlier: clicks, outreach, calls and the campaigns behind the change.",
            arguments: [period]),
    ]

    /// What `campaign` names, as far as the store can tell.
    enum CampaignChoice {
        /// A `cp_…` id or a UUID: passed on as given.
        case id(String)
        /// Exactly one campaign's name contains the text.
        case match(publicID: String, name: String)
        /// Several names contain it: the model picks one with `campaigns_list`.
        case several(count: Int)
        /// No campaign of the workspace matches.
        case none
        /// The store could not be read (no key, unavailable): the model searches.
        case unknown
    }

    // MARK: prompts/get

    static func render(_ params: PromptsGet.Params, campaign lookup: (String) -> CampaignChoice)
        -> Result<PromptsGet.Result, RPCError>
    {
        guard let name = Name(rawValue: params.name), let prompt = all.first(where: { $0.name == params.name }) else {
            return .failure(.invalidParams("Unknown prompt: \(params.name). Prompts: \(all.map(\.name).joined(separator: ", "))"))
        }
        let known = Set(prompt.arguments.map(\.name))
        if let unknown = params.arguments.keys.sorted().first(where: { !known.contains($0) }) {
            return .failure(.invalidParams("Unknown argument `\(unknown)` for prompt \(params.name)"))
        }
        for argument in prompt.arguments where argument.required && params.arguments[argument.name] == nil {
            return .failure(.invalidParams("Missing required argument `\(argument.name)` for prompt \(params.name)"))
        }
        let text: String
        switch name {
        case .weeklyReview:
            switch weeklyReview(weekStart: params.arguments[weekStart.name]) {
            case let .success(t): text = t
            case let .failure(e): return .failure(e)
            }
        case .campaignHealth:
            let value = params.arguments[campaign.name] ?? ""
            switch campaignHealth(value, choice: lookup(value)) {
            case let .success(t): text = t
            case let .failure(e): return .failure(e)
            }
        case .comparePeriods:
            switch comparePeriods(params.arguments[period.name] ?? defaultComparePeriod) {
            case let .success(t): text = t
            case let .failure(e): return .failure(e)
            }
        }
        return .success(PromptsGet.Result(description: prompt.description, messages: [PromptMessage(role: .user, text: text)]))
    }

    static func weeklyReview(weekStart value: String?) -> Result<String, RPCError> {
        let periodArgs: String
        let what: String
        if let value {
            guard let day = Day.parse(value), day >= Day.argumentMin, day <= Day.argumentMax, day.isoWeekday == 1 else {
                return .failure(.invalidParams("week_start must be a Monday as YYYY-MM-DD, got \(value)"))
            }
            let sunday = day.adding(6)
            periodArgs = #""from": "\#(day)", "to": "\#(sunday)""#
            what = "the week of Monday \(day) to Sunday \(sunday)"
        } else {
            periodArgs = #""period": "last_week""#
            what = "last week (Monday to Sunday)"
        }
        return .success("""
            Give me a weekly review of my outreach for \(what).

            Call these stats-mcp tools:
            1. workspace_get with {} to learn the workspace, its time zone, today's date and which data exists.
            2. stats_get_workspace_overview with {\(periodArgs), "compare": "previous_period", "breakdown": "day"} for clicks, outreach, rates and calls against the week before, day by day.
            3. analytics_rank_campaigns with {"metric": "replies", \(periodArgs), "limit": 5} for the campaigns with the most replies, and again with {"metric": "bounce_rate", \(periodArgs), "limit": 5} for the worst bounce rates.
            4. analytics_get_dashboard with {"range": "12w"} for the weekly LinkedIn and email trend of my campaigns.

            Then report, in under 250 words:
            - the week's totals (clicks, prospects contacted, replies, meetings booked) with the change against the week before, as the tools give them;
            - the best and the weakest day of the week;
            - the top campaigns by replies, and every campaign whose bounce rate is 5 % or more (the bounce guard pauses active email campaigns at 5 % once 100 prospects were attempted);
            - whether the 12-week trend is rising, flat or falling;
            - three concrete next actions.
            Quote figures exactly as returned; where a tool returns null or no data, say so instead of guessing.
            """)
    }

    static func campaignHealth(_ value: String, choice: CampaignChoice) -> Result<String, RPCError> {
        let id: String
        var intro: String
        switch choice {
        case let .id(given):
            id = given
            intro = "Check the health of campaign \(given)."
        case let .match(publicID, name):
            id = publicID
            intro = "Check the health of the campaign \"\(name)\" (\(publicID))."
        case let .several(count):
            return .success(searchFirst(value, note: "\(count) campaigns have a name containing \"\(value)\""))
        case .unknown:
            return .success(searchFirst(value, note: "the campaign is given by name"))
        case .none:
            return .failure(.invalidParams("No campaign of the workspace matches \"\(value)\" (give a cp_… id, a UUID or part of a name)"))
        }
        intro += "\n"
        return .success(intro + campaignSteps(idArgument: id))
    }

    private static func searchFirst(_ value: String, note: String) -> String {
        """
        Check the health of the campaign whose name contains "\(value)".

        First call campaigns_list with {"query": "\(value)"}; \(note): pick the one meant (ask me when it is not clear) \
        and use its public_id below as <id>.
        \(campaignSteps(idArgument: "<id>"))
        """
    }

    private static func campaignSteps(idArgument id: String) -> String {
        """

        Call these stats-mcp tools:
        1. campaigns_get with {"id": "\(id)"} for its type, status, owner and current stats.
        2. stats_get_campaign_performance with {"campaignPublicId": "\(id)", "period": "last_30_days", "compare": "previous_period"} for clicks, the outreach funnel and rates over the last 30 days against the 30 before.
        3. analytics_rank_campaigns with {"metric": "reply_rate", "period": "last_30_days", "type": <the campaign's type>} to see where it ranks among campaigns of its type (and with "metric": "bounce_rate" for an email campaign).
        4. For a call campaign only: analytics_get_call_dashboard with {"campaign_id": "\(id)", "period": "30d"} for its call batches, contact and conversion rates.

        Then report, in under 200 words:
        - status and funnel (prospects contacted → replies → interested, or calls → connected → meetings), with the change against the previous 30 days;
        - reply, acceptance and bounce rates, and its rank among campaigns of its type;
        - risks: a bounce rate of 5 % or more (the bounce guard pauses active email campaigns there), no activity, falling replies;
        - a verdict (healthy, watch or act now) and up to three actions.
        Quote figures exactly as returned; where a tool returns null or no data, say so instead of guessing.
        """
    }

    static func comparePeriods(_ preset: String) -> Result<String, RPCError> {
        guard periodPresets.contains(preset) else {
            return .failure(.invalidParams("period must be one of \(periodPresets.joined(separator: ", ")), got \(preset)"))
        }
        let breakdown: String
        switch preset {
        case "today", "yesterday": breakdown = "none"
        case "last_90_days", "this_quarter", "last_quarter": breakdown = "week"
        case "this_year", "last_year": breakdown = "month"
        default: breakdown = "day"
        }
        return .success("""
            Compare \(preset) with the period before it and with the same period a year earlier.

            Call these stats-mcp tools:
            1. stats_get_workspace_overview with {"period": "\(preset)", "compare": "previous_period", "breakdown": "\(breakdown)"} for clicks, outreach, rates and calls against the previous period.
            2. stats_get_workspace_overview with {"period": "\(preset)", "compare": "previous_year"} for the same figures a year earlier.
            3. analytics_rank_campaigns with {"metric": "replies", "period": "\(preset)", "limit": 5} and with {"metric": "clicks", "period": "\(preset)", "limit": 5} for the campaigns behind the numbers.

            Then report, in under 250 words:
            - a small table: total clicks, prospects contacted, replies, meetings booked and total calls for \(preset), the previous period and a year earlier, with the change percentages the tools return;
            - the biggest movers and the campaigns that explain them;
            - whether the change is a trend or a one-off (use the \(breakdown == "none" ? "two comparisons" : "\(breakdown) breakdown"));
            - one sentence on what to do next.
            Echo the exact dates each tool used; where a tool returns null or no data, say so instead of guessing.
            """)
    }

    // MARK: completion/complete

    /// Proposals for `argument` of `prompt` (all matches; the caller keeps the first ten).
    static func complete(
        prompt: String, argument: String, value: String, campaigns: () -> [Campaign], today: () -> Day?
    ) -> Result<[String], RPCError> {
        guard let found = all.first(where: { $0.name == prompt }) else {
            return .failure(.invalidParams("Unknown prompt: \(prompt)"))
        }
        guard found.arguments.contains(where: { $0.name == argument }) else {
            return .failure(.invalidParams("Prompt \(prompt) has no argument `\(argument)`"))
        }
        let needle = TextMatch.folded(value)
        switch argument {
        case campaign.name:
            var out: [String] = []
            var seen = Set<String>()
            for c in campaigns() {
                if let name = c.name, TextMatch.contains(name, folded: needle), seen.insert(name).inserted { out.append(name) }
                if !needle.isEmpty, TextMatch.contains(c.publicID, folded: needle), seen.insert(c.publicID).inserted {
                    out.append(c.publicID)
                }
            }
            return .success(out)
        case period.name:
            return .success(periodPresets.filter { TextMatch.contains($0, folded: needle) })
        case weekStart.name:
            guard let today = today() else { return .success([]) }
            let monday = today.monday
            return .success((0..<weekStartLookbackWeeks).map { monday.adding(-7 * $0).description }.filter { $0.hasPrefix(value) })
        default:
            return .success([])
        }
    }
}
