import StatsCore

/// `stats://docs/metrics`: what each metric counts, its formula and its period rules.
enum MetricsGlossary {
    static let markdown = """
        # stats-mcp metrics glossary

        ## Periods and dates
        - Dates are `YYYY-MM-DD` calendar dates in the **workspace's time zone** (IANA name; unknown or absent = UTC).
          An event belongs to the local date on which it happened there (DST changes included).
        - A period `from … to` includes both days; it holds `to - from + 1` days (at most \(SpanLimits.maximumDays); a day breakdown at most \(SpanLimits.maximumDayBreakdownDays)).
        - **Presets** (`period`): `today`, `yesterday`, `last_7_days`, `last_30_days`, `last_90_days` (ending today),
          `this_week` (Monday … today), `last_week`, `this_month` (the 1st … today), `last_month`, `this_quarter`,
          `last_quarter`, `this_year`, `last_year`; resolved in the workspace's time zone and echoed as `period.preset`.
        - **Previous period** (`compare`): `previous_period` (default) is the range of the same length ending the day
          before `from`; for `last_week`/`last_month`/`last_quarter`/`last_year` the whole unit before; for
          `this_week`/`this_month`/`this_quarter`/`this_year` the same number of days from the start of the previous
          unit, cut at its end (1–31 March compares with 1–28 February). `previous_year`: the same dates a year
          earlier (29 February → 28 February). `none`: no comparison.
        - "Today" is the current date in the workspace's time zone. `stats_get_campaign_performance` and
          `stats_get_user_metrics` default to the last 30 days ending today (`today-29 … today`) unless both `from`
          and `to` are given; `period.defaulted` says so and `period.note` names a lone ignored date.
        - Every answer echoes the period it used.

        ## Rounding
        - Percentages have one decimal, rounded half away from zero on the exact fraction; `null` when the denominator is 0.
        - Change percentage = (current − previous) / previous × 100; `null` when previous is 0.
        - Averages in seconds are rounded to whole seconds, half away from zero.

        ## Clicks (stats_* tools)
        - `campaignClicks`, `vcardClicks`, `otherClicks`: clicks of kind `campaign`, `vcard`, `other` in the period;
          `totalClicks` is their sum.
        - Workspace overview: clicks of the workspace, plus the outreach of all its campaigns and its call rows
          (campaign-less rows included) over the same period. Campaign performance: clicks attributed to the campaign.
          User metrics: clicks attributed to the user.
        - Breakdown buckets: `day` (every date), `week` (ISO weeks, Monday start, labelled by the Monday, counting only
          days inside the period), `month` (`YYYY-MM`, only days inside the period). `datasets.current[i]` is
          `totalClicks` of bucket i; `datasets.campaigns` lists up to 10 campaigns with the most campaign clicks
          (ties by public id) and their campaign clicks per bucket.
        - `signals`: one entry per click kind with a non-zero count, largest first.

        ## Outreach (activities in the period)
        - `emailsSent`, `invitesSent`, `invitesAccepted`, `linkedinMessagesSent`, `bounces`: activities of that type.
        - `replies`, `interested`: distinct prospects with a `reply` / `interested` activity in the period.
        - `prospectsContacted`: distinct prospects with an outbound activity (`email_sent`, `invite_sent`,
          `linkedin_message_sent`) in the period.
        - `replyRatePct` = replies / prospectsContacted; `bounceRatePct` = bounces / emailsSent;
          `acceptanceRatePct` = invitesAccepted / invitesSent. They can exceed 100 % when prospects contacted before
          the period reply in it.
        - User metrics count the activities of the campaigns the user owns; `campaignAssignments` counts campaigns the
          user owns or is assigned to (any status); `aliases` counts the user's aliases in the workspace.

        ## Dashboard (analytics_get_dashboard)
        - Weekly deltas come from weekly snapshots of each campaign's cumulative `stats`: the first snapshot is a
          baseline; each later one contributes `value − previous value` per counter (except `total`; missing = 0;
          negative deltas are kept) to the week of its `week_start`, under the campaign's channel (email, linkedin, call).
        - `range` `12w`/`26w`/`52w` keeps weeks starting on or after the Monday of this week minus 11/25/51 weeks;
          anything else means `all`.
        - `allTime`: per channel, the sum of the campaigns' current `stats` (except `total`).

        ## Campaign analytics (analytics_get_campaign_analytics, all time)
        - `amount_of_prospects`: prospects of the campaign; `amount_of_emails_sent`, `…invites_sent`,
          `…invites_accepted`, `…linkedin_messages_sent`: activities of that type.
        - `amount_of_prospects_contacted`: distinct prospects with an outbound activity; `amount_of_replies` /
          `amount_of_interested`: distinct prospects with a reply / interested activity.
        - Reply time of a prospect = its first reply − its first outbound activity strictly before that reply.
          `average_reply_time_seconds` is the mean over those prospects (null when none); `average_reply_time` renders
          it as minutes (under an hour, at least 1), hours (under a day) or days.

        ## Ranking (analytics_rank_campaigns)
        - One metric per campaign over the period: the outreach counts above, `clicks` (every kind), `total_calls`,
          `connected_calls`, `meetings_booked`, and the rates `reply_rate`, `bounce_rate`, `acceptance_rate`,
          `contact_rate` (connected / total calls), `conversion_rate` (meetings / total calls). A rate ranks only the
          campaigns whose denominator is at least `min_sample`; the others are counted in `excluded`. Ties by name,
          then id.

        ## Calls (analytics_get_call_dashboard, call campaigns)
        - Periods: `today`, `7d`/`30d`/`90d` (the last N days ending today), `custom` (`start_date … end_date`), or
          any preset above. `totals` sums every row of the period (campaign-less rows included).
        - Batches: counts of their calls by status; `progress_pct` = round((completed + failed) / total × 100), 0 for
          no calls. Batches are not filtered by period.
        - Campaign stats sum the daily call rows in the period: `contact_rate` = connected / total × 100,
          `conversion_rate` = meetings / total × 100 (0.0 when no calls), `avg_duration_seconds` =
          round(total duration / completed calls), 0 when none.

        ## Sync
        - `campaigns_sync_stats`: `stats` = `{ total: prospects }` plus one count per non-pending status. Bounce guard
          (active email campaigns): attempted = prospects not pending, bounced = prospects `bounced`; with
          attempted ≥ \(BounceGuardRule.minimumAttempted) and bounced / attempted ≥ \(BounceGuardRule.thresholdPercent) % the campaign is paused (`paused_reason: "bounce_rate"`).
        - `campaigns_capture_weekly_snapshots`: copies every non-draft campaign's `stats` into the snapshot of one
          week (a Monday), replacing an existing one.
        """
}
