using Replay.Reporting.Json;
using Replay.Reporting.Markdown;
using Replay.Reporting.Pdf;
using Replay.Testing.Reporting;

namespace Replay.Reporting;

/// <summary>The reporters a replay test runs unless told otherwise.</summary>
public static class DefaultReporters
{
    /// <summary>
    /// Every default reporter, in the order they write: the JSON result, the PDF report, the Markdown summary (which
    /// names the PDF), and the GitHub Actions job summary when <c>$GITHUB_STEP_SUMMARY</c> is set.
    /// </summary>
    public static IReadOnlyList<IReplayReporter> All { get; } =
        [JsonReporter.Default, PdfReporter.A4, MarkdownReporter.Default, MarkdownReporter.GitHubStepSummary];
}
