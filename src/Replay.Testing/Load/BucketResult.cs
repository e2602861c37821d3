namespace Replay.Testing.Load;

/// <summary>What one bucket of the schedule met during the replay.</summary>
public sealed record BucketResult
{
    /// <summary>The bucket's position in the plan.</summary>
    public int Index { get; init; }

    /// <summary>The start of the incident bucket it replayed.</summary>
    public DateTimeOffset SourceStart { get; init; }

    /// <summary>Its start, from the start of the replay.</summary>
    public TimeSpan Offset { get; init; }

    /// <summary>Its length in the replay.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Arrivals planned.</summary>
    public long Planned { get; init; }

    /// <summary>Requests sent.</summary>
    public long Sent { get; init; }

    /// <summary>Responses received.</summary>
    public long Completed { get; init; }

    /// <summary>Transport errors, timeouts and 5xx responses.</summary>
    public long Errors { get; init; }

    /// <summary>Arrivals not sent.</summary>
    public long Dropped { get; init; }

    /// <summary>Responses by status class: 2 for 2xx, 5 for 5xx.</summary>
    public IReadOnlyDictionary<int, long> StatusClasses { get; init; } = new Dictionary<int, long>();

    /// <summary>Response time of the bucket's requests.</summary>
    public LatencySummary ResponseTime { get; init; } = LatencySummary.Empty;

    /// <summary>Service time from the moment each request reached the wire, requests of this bucket.</summary>
    public LatencySummary ServiceTime { get; init; } = LatencySummary.Empty;
}
