using Replay.Testing;
using Replay.Testing.Reporting;

namespace Replay.Reporting.Pdf;

/// <summary>
/// Writes the incident-verification report as a PDF (<c>{test}-report.pdf</c>): verdict, window, target, traffic and
/// coverage, parity, settings, SLO and endpoint tables, charts as vectors, errors, and a reproducibility block.
/// </summary>
public sealed class PdfReporter : IReplayReporter
{
    /// <summary>Creates a reporter for a paper size.</summary>
    public PdfReporter(PaperSize paper) => Paper = paper;

    /// <summary>A4 pages: the default.</summary>
    public static PdfReporter A4 { get; } = new(PaperSize.A4);

    /// <summary>US Letter pages.</summary>
    public static PdfReporter Letter { get; } = new(PaperSize.Letter);

    /// <summary>The page size.</summary>
    public PaperSize Paper { get; }

    /// <inheritdoc />
    public string Name => "report";

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ReportAsync(ReplayReport report, ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        string path = context.PathFor(Name, "pdf");
        Write(report, path);
        return ValueTask.FromResult<IReadOnlyList<string>>([path]);
    }

    /// <summary>Writes the report of one replay to a file.</summary>
    public void Write(ReplayReport report, string path) =>
        PdfReportWriter.Write(path, IncidentReportDocument.Build(report), Paper,
            $"Incident verification report: {report.TestName}",
            $"Replay of the incident {report.Window} against {report.Target?.BaseAddress.ToString() ?? "no target"}: {report.Verdict.Word}" +
                (report.Verdict.Inconclusive ? " (the load generator fell behind; the figures are partly its own)" : string.Empty),
            report.StartedAt,
            $"Replay.Testing incident verification  ·  {report.TestName}  ·  {report.Verdict.Word}");
}
