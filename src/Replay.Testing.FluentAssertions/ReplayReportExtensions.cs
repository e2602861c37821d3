namespace Replay.Testing.FluentAssertions;

/// <summary>Entry point of the assertions: <c>report.Should()</c>.</summary>
public static class ReplayReportExtensions
{
    /// <summary>Starts an assertion on a replay's report.</summary>
    public static ReplayReportAssertions Should(this ReplayReport report) => new(report);
}
