namespace Replay.Testing.Plans;

/// <summary>One bucket of the schedule: where it sits in the replay, and how many requests each endpoint sends in it.</summary>
/// <param name="Index">The bucket's position.</param>
/// <param name="SourceStart">The start of the incident bucket it replays.</param>
/// <param name="Offset">Its start, from the start of the replay.</param>
/// <param name="Duration">Its length in the replay (the incident bucket's length divided by its compression).</param>
/// <param name="Counts">Requests per endpoint, by endpoint index.</param>
public sealed record PlannedBucket(int Index, DateTimeOffset SourceStart, TimeSpan Offset, TimeSpan Duration, IReadOnlyList<int> Counts)
{
    /// <summary>The incident bucket's own length (<see cref="Duration"/> times the bucket's compression).</summary>
    public TimeSpan SourceDuration { get; init; }

    /// <summary>All requests of the bucket.</summary>
    public long Total => Counts.Sum(c => (long)c);

    /// <summary>The planned request rate, per second.</summary>
    public double RatePerSecond => Duration <= TimeSpan.Zero ? 0 : Total / Duration.TotalSeconds;
}
