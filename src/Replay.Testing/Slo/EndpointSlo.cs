namespace Replay.Testing;

/// <summary>
/// Limits for one endpoint, on top of the run-wide ones in <see cref="SloPolicy"/>: a checkout can be held to a
/// tighter p95 than a report export. Unset limits are not checked.
/// </summary>
public sealed record EndpointSlo
{
    /// <summary>The most the endpoint's median response time may be.</summary>
    public TimeSpan? P50 { get; init; }

    /// <summary>The most the endpoint's 90th-percentile response time may be.</summary>
    public TimeSpan? P90 { get; init; }

    /// <summary>The most the endpoint's 95th-percentile response time may be.</summary>
    public TimeSpan? P95 { get; init; }

    /// <summary>The most the endpoint's 99th-percentile response time may be.</summary>
    public TimeSpan? P99 { get; init; }

    /// <summary>The most the endpoint's slowest response may take.</summary>
    public TimeSpan? Max { get; init; }

    /// <summary>The largest share of the endpoint's requests that may fail, from 0 to 1.</summary>
    public double? MaxErrorRate { get; init; }
}
