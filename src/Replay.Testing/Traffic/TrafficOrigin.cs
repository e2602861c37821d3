namespace Replay.Testing.Traffic;

/// <summary>Where a profile's traffic was read: the source kind and what identifies the data there.</summary>
/// <param name="Kind">The source kind: <c>upsun</c>, <c>access-log</c>, <c>prometheus</c>.</param>
/// <param name="Description">A human-readable description, such as "Upsun project abc123, environment main".</param>
public sealed record TrafficOrigin(string Kind, string Description)
{
    /// <summary>When the data was fetched from the source.</summary>
    public DateTimeOffset? FetchedAt { get; init; }

    /// <summary>Source-specific facts worth reporting (project and environment ids, file names, queries).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
