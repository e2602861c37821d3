using Replay.Reporting.Json;
using Replay.Testing.Reporting;

namespace Replay.Reporting;

/// <summary>The reporters a replay test runs unless told otherwise.</summary>
public static class DefaultReporters
{
    /// <summary>Every default reporter, in the order they write.</summary>
    public static IReadOnlyList<IReplayReporter> All { get; } = [JsonReporter.Default];
}
