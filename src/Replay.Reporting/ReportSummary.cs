using Replay.Testing;

namespace Replay.Reporting;

/// <summary>The one or two sentences that say what happened, for the PDF's first page and the Markdown summary.</summary>
internal static class ReportSummary
{
    public static string Sentence(ReplayReport report)
    {
        string target = report.Target?.BaseAddress.ToString().TrimEnd('/') ?? "no target";
        string replay = $"The replay of the incident {ReportText.Window(report.Window)} against {target}";
        if (report.Failure is { } failure)
        {
            return $"{replay} did not reach a verdict: the {failure.Stage} stage failed. {failure.Message}";
        }

        var verdict = report.Verdict;
        if (verdict.Problem is { } problem)
        {
            return $"{replay} did not reach a verdict: {problem}.";
        }

        // An inconclusive replay says so first: its target rows, pass or fail, are partly the generator's figures.
        if (verdict.InconclusiveReason is { } reason)
        {
            return $"{replay} could not be judged: {reason}.";
        }

        var judged = verdict.Checks.Where(c => c.Available).ToList();
        var failed = verdict.Failures.ToList();
        string notMade = NotMade(verdict);
        if (failed.Count == 0)
        {
            return $"{replay} met all {judged.Count} SLO checks{notMade}.";
        }

        string what = string.Join("; ", failed.Select(c => $"{Scope(c)}{c.Metric} {c.Measured} (limit {c.Limit})"));
        return $"{replay} failed {failed.Count} of {judged.Count} SLO checks: {what}{notMade}.";
    }

    // A check that could not be made is named, so a PASSED never hides that it judged less than it seems.
    private static string NotMade(SloVerdict verdict)
    {
        var notMade = verdict.Checks.Where(c => !c.Available).Select(c => Scope(c) + c.Metric).ToList();
        return notMade.Count == 0 ? string.Empty
            : $" ({notMade.Count} could not be made, shown as n/a: {string.Join(", ", notMade)})";
    }

    private static string Scope(SloCheck check) => check.Scope == SloCheck.AllEndpoints ? string.Empty : check.Scope + ": ";
}
