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

        if (report.Verdict.Problem is { } problem)
        {
            return $"{replay} did not reach a verdict: {problem}.";
        }

        var failed = report.Verdict.Failures.ToList();
        if (failed.Count == 0)
        {
            return $"{replay} met all {report.Verdict.Checks.Count} SLO checks.";
        }

        string what = string.Join("; ", failed.Select(c => $"{Scope(c)}{c.Metric} {c.Measured} (limit {c.Limit})"));
        return $"{replay} failed {failed.Count} of {report.Verdict.Checks.Count} SLO checks: {what}.";
    }

    private static string Scope(SloCheck check) => check.Scope == SloCheck.AllEndpoints ? string.Empty : check.Scope + ": ";
}
