namespace Replay.Testing.Traffic;

/// <summary>One bucket of the timeline: the requests of each endpoint that started in it.</summary>
/// <param name="Start">The first instant of the bucket.</param>
/// <param name="Counts">Requests per endpoint key; an endpoint without requests in the bucket is absent.</param>
public sealed record TrafficBucket(DateTimeOffset Start, IReadOnlyDictionary<string, long> Counts)
{
    /// <summary>Status classes of all requests in the bucket (listed endpoints or not), where the source has them.</summary>
    public StatusClassCounts? Statuses { get; init; }

    /// <summary>Bytes received by production in the bucket, where the source has them.</summary>
    public long? RequestBytes { get; init; }

    /// <summary>Bytes sent by production in the bucket, where the source has them.</summary>
    public long? ResponseBytes { get; init; }

    /// <summary>Requests to the listed endpoints in this bucket.</summary>
    public long CoveredRequests => Counts.Values.Sum();
}
