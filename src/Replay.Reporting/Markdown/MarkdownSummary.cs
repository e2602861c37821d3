using System.Text;
using Replay.Reporting.Pdf;
using Replay.Testing;

namespace Replay.Reporting.Markdown;

/// <summary>The report as Markdown: the verdict, the key facts, the SLO table and the top endpoints.</summary>
internal static class MarkdownSummary
{
    private const int TopEndpoints = 10;

    public static string Write(ReplayReport report, string? pdfFileName)
    {
        var text = new StringBuilder();
        text.Append("## Incident replay ").Append(report.Verdict.Word).Append(": ").AppendLine(Cell(report.TestName));
        text.AppendLine();
        text.AppendLine(Cell(ReportSummary.Sentence(report)));
        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("|---|---|");
        foreach (var (label, value) in IncidentReportDocument.HeadlineFacts(report))
        {
            text.Append("| ").Append(label).Append(" | ").Append(Cell(value)).AppendLine(" |");
        }

        if (report.Verdict.Checks.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### SLO verdict");
            text.AppendLine();
            text.AppendLine("| Scope | Metric | Limit | Measured | Result |");
            text.AppendLine("|---|---|---:|---:|---|");
            foreach (var check in report.Verdict.Checks)
            {
                text.Append("| ").Append(Cell(check.Scope)).Append(" | ").Append(check.Metric).Append(" | ").Append(Cell(check.Limit))
                    .Append(" | ").Append(Cell(check.Measured)).Append(" | ").Append(Result(check)).AppendLine(" |");
            }

            var details = report.Verdict.Checks.Where(c => c.Detail is not null && !c.Passed).ToList();
            if (details.Count > 0)
            {
                text.AppendLine();
                foreach (var check in details)
                {
                    string scope = check.Scope == SloCheck.AllEndpoints ? string.Empty : check.Scope + " ";
                    text.Append("- ").Append(Cell(scope + check.Metric)).Append(": ").AppendLine(Cell(check.Detail!));
                }
            }

            var legend = new List<string>();
            if (report.Verdict.Checks.Any(c => c.Kind == SloCheckKind.Generator))
            {
                legend.Add("Rows scoped \"generator\" check the load generator: if one fails, the verdict is INCONCLUSIVE.");
            }

            if (report.Verdict.Checks.Any(c => !c.Available))
            {
                legend.Add("n/a: the check could not be made, its data does not exist.");
            }

            if (legend.Count > 0)
            {
                text.AppendLine().Append('_').Append(string.Join(" ", legend)).AppendLine("_");
            }
        }

        if (report.ReporterProblems.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Reporter problems");
            text.AppendLine();
            foreach (string problem in report.ReporterProblems)
            {
                text.Append("- ").AppendLine(Cell(problem));
            }
        }

        if (report.Profile is { } profile && TrafficDiagnosticsText.Facts(profile) is { Count: > 0 } facts)
        {
            text.AppendLine();
            text.AppendLine("### Traffic read");
            text.AppendLine();
            text.AppendLine("| | |");
            text.AppendLine("|---|---|");
            foreach (var (label, value) in facts)
            {
                text.Append("| ").Append(label).Append(" | ").Append(Cell(value)).AppendLine(" |");
            }

            if (profile.Diagnostics is { Samples.Count: > 0 } diagnostics)
            {
                text.AppendLine();
                text.Append("Skipped records, for example: ").AppendLine(string.Join(" · ", diagnostics.Samples.Take(3).Select(s => "`" + s.Replace("`", "'", StringComparison.Ordinal) + "`")));
            }
        }

        if (report.Result is { Endpoints.Count: > 0 } result)
        {
            text.AppendLine();
            text.AppendLine("### Top endpoints");
            text.AppendLine();
            text.AppendLine("| Endpoint | Sent | Errors | p95 | p99 | Production p96 |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var endpoint in result.Endpoints.OrderByDescending(e => e.Planned).Take(TopEndpoints))
            {
                var production = report.Profile?.FindEndpoint(endpoint.Key)?.P96Milliseconds;
                text.Append("| `").Append(endpoint.Key.Replace("`", "'", StringComparison.Ordinal)).Append("` | ")
                    .Append(ReportText.Count(endpoint.Sent)).Append(" | ").Append(ReportText.Count(endpoint.Errors)).Append(" | ")
                    .Append(ReportText.Ms(endpoint.ResponseTime.P95Ms)).Append(" | ").Append(ReportText.Ms(endpoint.ResponseTime.P99Ms)).Append(" | ")
                    .Append(production is { } p ? ReportText.Ms(p) : "–").AppendLine(" |");
            }
        }

        if (report.Result is { } checkedResult)
        {
            MarkdownResponseChecks.Write(text, checkedResult);
        }

        if (pdfFileName is not null)
        {
            text.AppendLine();
            text.Append("Full report: `").Append(pdfFileName).AppendLine("`");
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    // A failed generator row is not a failure of the target: it makes the verdict INCONCLUSIVE.
    private static string Result(SloCheck check) =>
        !check.Available ? "_n/a_" : check.Passed ? "pass" : check.Kind == SloCheckKind.Generator ? "**FAIL** (generator)" : "**FAIL**";

    // A cell must stay one cell: pipes and line breaks would split the table.
    private static string Cell(string value) =>
        value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
