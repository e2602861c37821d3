namespace Replay.Testing.Load;

/// <summary>A progress report of a running replay, sent about once a second.</summary>
/// <param name="Elapsed">Time since the first arrival was due.</param>
/// <param name="Duration">The planned length of the replay.</param>
/// <param name="Planned">Arrivals due so far.</param>
/// <param name="Sent">Requests sent so far.</param>
/// <param name="Completed">Responses received so far.</param>
/// <param name="Errors">Transport errors, timeouts and 5xx responses so far.</param>
/// <param name="Dropped">Arrivals that could not be sent so far.</param>
/// <param name="AchievedRate">Requests sent per second over the last interval.</param>
/// <param name="P95Milliseconds">The 95th-percentile response time so far.</param>
public sealed record LoadProgress(TimeSpan Elapsed, TimeSpan Duration, long Planned, long Sent, long Completed, long Errors,
    long Dropped, double AchievedRate, double P95Milliseconds);
