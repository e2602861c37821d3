using Replay.Reporting.Pdf;

namespace Replay.Reporting.Comparison;

/// <summary>Writes the before/after report of a <see cref="ReplayComparison"/> as one PDF.</summary>
public sealed class ComparisonPdfReporter
{
    /// <summary>Creates a reporter for a paper size.</summary>
    public ComparisonPdfReporter(PaperSize paper) => Paper = paper;

    /// <summary>A4 pages: the default.</summary>
    public static ComparisonPdfReporter A4 { get; } = new(PaperSize.A4);

    /// <summary>US Letter pages.</summary>
    public static ComparisonPdfReporter Letter { get; } = new(PaperSize.Letter);

    /// <summary>The page size.</summary>
    public PaperSize Paper { get; }

    /// <summary>Writes the comparison to a PDF file, creating its folder.</summary>
    /// <returns>The path written.</returns>
    public string Write(ReplayComparison comparison, string path)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        PdfReportWriter.Write(path, ComparisonDocument.Build(comparison), Paper,
            $"Incident verification, before and after the fix: {comparison.Candidate.TestName}",
            $"Replay of the incident {comparison.Candidate.Window}: {comparison.BaselineLabel} {comparison.Baseline.Verdict.Word}, {comparison.CandidateLabel} {comparison.Candidate.Verdict.Word}",
            comparison.Candidate.StartedAt,
            $"Replay.Testing incident verification  ·  before and after the fix  ·  {comparison.Candidate.Window}");
        return path;
    }
}
