using Replay.Reporting.Comparison;
using Replay.Testing;

namespace Replay.Reporting;

/// <summary>
/// The files an adapter attaches to a replay test's result: the run's reports, its baseline's, and the before/after
/// comparison when the test replayed a baseline. Shared so xUnit and NUnit attach the same things.
/// </summary>
public static class ReplayAttachments
{
    /// <summary>Writes the comparison (if the run has a baseline) and lists every report file that exists.</summary>
    /// <param name="run">The test's run.</param>
    /// <param name="report">The run's report.</param>
    /// <param name="log">Where the comparison's path is announced, beside the other report paths.</param>
    public static IReadOnlyList<string> Collect(ReplayRun run, ReplayReport report, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(log);

        var files = report.Artifacts.ToList();
        if (run.Baseline is { } baseline)
        {
            files.AddRange(baseline.Artifacts);
            if (ComparisonArtifact.Write(run, baseline, report) is { } comparison)
            {
                files.Add(comparison);
                log($"  report:  {comparison}");
            }
        }

        return files.Where(File.Exists).ToList();
    }

    /// <summary>The media type test platforms record for a report file.</summary>
    public static string MediaType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".pdf" => "application/pdf",
        ".md" => "text/markdown",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
