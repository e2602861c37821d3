using Replay.Testing;

namespace Replay.Reporting.Comparison;

/// <summary>
/// The before/after PDF the adapters write after a test that replayed a baseline: beside the run's own report, as
/// <c>{test}-comparison.pdf</c>.
/// </summary>
public static class ComparisonArtifact
{
    /// <summary>Writes the comparison of a run's baseline and its report; returns the path, or null when there is no folder to write to.</summary>
    public static string? Write(ReplayRun run, ReplayReport baseline, ReplayReport candidate)
    {
        ArgumentNullException.ThrowIfNull(run);
        string? folder = candidate.Artifacts.Select(Path.GetDirectoryName).FirstOrDefault(d => d is not null);
        if (folder is null)
        {
            return null;
        }

        string stem = Path.GetFileName(candidate.Artifacts[0]);
        stem = stem[..stem.LastIndexOf('-')];
        string path = Path.Combine(folder, stem + "-comparison.pdf");
        ComparisonPdfReporter.A4.Write(new ReplayComparison(baseline, candidate) { BaselineLabel = run.BaselineLabel }, path);
        return path;
    }
}
