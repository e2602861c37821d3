namespace Replay.Testing.Reporting;

/// <summary>Writes a replay's report in one format. Reporters never throw away a verdict: a failing one is logged and skipped.</summary>
public interface IReplayReporter
{
    /// <summary>The reporter's name, used in file names: <c>{test}-{name}.{ext}</c>.</summary>
    string Name { get; }

    /// <summary>Writes the report.</summary>
    /// <returns>The paths of the files written.</returns>
    ValueTask<IReadOnlyList<string>> ReportAsync(ReplayReport report, ReportContext context, CancellationToken cancellationToken);
}
