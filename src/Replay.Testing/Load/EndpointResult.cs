namespace Replay.Testing.Load;

/// <summary>What one endpoint's requests met during the replay.</summary>
public sealed record EndpointResult
{
    /// <summary>The endpoint key, <c>"GET /products/{id}"</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Arrivals planned.</summary>
    public long Planned { get; init; }

    /// <summary>Requests sent.</summary>
    public long Sent { get; init; }

    /// <summary>Responses received, whatever their status.</summary>
    public long Completed { get; init; }

    /// <summary>Transport errors, timeouts, 5xx responses, and responses that failed their check.</summary>
    public long Errors { get; init; }

    /// <summary>Arrivals not sent because the in-flight cap was reached.</summary>
    public long Dropped { get; init; }

    /// <summary>Attempts sent again after a failure, beside the first attempts counted in <see cref="Sent"/>.</summary>
    public long Retries { get; init; }

    /// <summary>Responses that failed the endpoint's <see cref="ResponseCheck"/> (also counted in <see cref="Errors"/>).</summary>
    public long CheckFailures { get; init; }

    /// <summary>Responses by status code.</summary>
    public IReadOnlyDictionary<int, long> StatusCodes { get; init; } = new Dictionary<int, long>();

    /// <summary>Response time: from the intended send time to the end of the response (coordinated-omission safe).</summary>
    public LatencySummary ResponseTime { get; init; } = LatencySummary.Empty;

    /// <summary>Service time: from the actual send to the end of the response.</summary>
    public LatencySummary ServiceTime { get; init; } = LatencySummary.Empty;

    /// <summary>Errors per request sent, from 0 to 1.</summary>
    public double ErrorRate => Sent == 0 ? 0 : (double)Errors / Sent;
}
