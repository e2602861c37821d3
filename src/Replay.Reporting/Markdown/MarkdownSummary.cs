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
                    .Append(" | ").Append(Cell(check.Measured)).Append(" | ").Append(check.Passed ? "pass" : "**FAIL**").AppendLine(" |");
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

        if (pdfFileName is not null)
        {
            text.AppendLine();
            text.Append("Full report: `").Append(pdfFileName).AppendLine("`");
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    // A cell must stay one cell: pipes and line breaks would split the table.
    private static string Cell(string value) =>
        value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
