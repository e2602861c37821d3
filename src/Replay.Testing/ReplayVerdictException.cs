namespace Replay.Testing;

/// <summary>A replay did not meet its SLOs, or could not run to a verdict. The message is the verdict table.</summary>
public sealed class ReplayVerdictException : Exception
{
    /// <summary>Creates the exception for a report.</summary>
    public ReplayVerdictException(ReplayReport report) : base(Describe(report, null)) => Report = report;

    /// <summary>Creates the exception for a report, with a first line saying what was expected.</summary>
    public ReplayVerdictException(ReplayReport report, string expectation) : base(Describe(report, expectation)) => Report = report;

    /// <summary>The report of the replay.</summary>
    public ReplayReport Report { get; }

    private static string Describe(ReplayReport report, string? expectation)
    {
        var lines = new List<string>();
        if (expectation is not null)
        {
            lines.Add(expectation);
        }

        lines.Add($"Incident replay {report.Window} against {report.Target?.BaseAddress.ToString() ?? "no target"}:");
        if (report.Failure is { } failure)
        {
            lines.Add($"The {failure.Stage} stage failed: {failure.Message}");
        }

        lines.Add(report.Verdict.ToTable());
        if (report.Artifacts.Count > 0)
        {
            lines.Add("Reports:");
            lines.AddRange(report.Artifacts.Select(a => "  " + a));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
