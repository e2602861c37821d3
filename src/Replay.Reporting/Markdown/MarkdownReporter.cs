using System.Text;
using Replay.Testing;
using Replay.Testing.Reporting;

namespace Replay.Reporting.Markdown;

/// <summary>
/// Writes a Markdown summary (verdict, key facts, SLO table, top endpoints): beside the PDF as
/// <c>{test}-summary.md</c>, or appended to the GitHub Actions job summary.
/// </summary>
public sealed class MarkdownReporter : IReplayReporter
{
    /// <summary>The variable GitHub Actions sets to the job summary file.</summary>
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    private readonly bool _toStepSummary;
    private readonly Func<string?> _stepSummaryPath;

    internal MarkdownReporter(bool toStepSummary, Func<string?>? stepSummaryPath = null)
    {
        _toStepSummary = toStepSummary;
        _stepSummaryPath = stepSummaryPath ?? (() => Environment.GetEnvironmentVariable(StepSummaryVariable));
    }

    /// <summary>Writes <c>{test}-summary.md</c> into the results folder.</summary>
    public static MarkdownReporter Default { get; } = new(toStepSummary: false);

    /// <summary>Appends the summary to the file named by <c>$GITHUB_STEP_SUMMARY</c>; does nothing when it is not set.</summary>
    public static MarkdownReporter GitHubStepSummary { get; } = new(toStepSummary: true);

    /// <inheritdoc />
    public string Name => _toStepSummary ? "step-summary" : "summary";

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ReportAsync(ReplayReport report, ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        string pdf = context.PathFor("report", "pdf");
        string markdown = MarkdownSummary.Write(report, File.Exists(pdf) ? Path.GetFileName(pdf) : null);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        if (_toStepSummary)
        {
            if (_stepSummaryPath() is not { Length: > 0 } summary)
            {
                return [];
            }

            // Several replays in one job each add their section; nothing is overwritten.
            await File.AppendAllTextAsync(summary, markdown + "\n", utf8, cancellationToken).ConfigureAwait(false);
            return [];
        }

        string path = context.PathFor(Name, "md");
        await File.WriteAllTextAsync(path, markdown, utf8, cancellationToken).ConfigureAwait(false);
        return [path];
    }
}
