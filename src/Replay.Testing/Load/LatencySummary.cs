namespace Replay.Testing.Load;

/// <summary>Latency percentiles of a set of requests, in milliseconds.</summary>
public sealed record LatencySummary
{
    /// <summary>An empty summary.</summary>
    public static LatencySummary Empty { get; } = new();

    /// <summary>Requests measured.</summary>
    public long Count { get; init; }

    /// <summary>The fastest.</summary>
    public double MinMs { get; init; }

    /// <summary>The mean.</summary>
    public double MeanMs { get; init; }

    /// <summary>The median.</summary>
    public double P50Ms { get; init; }

    /// <summary>The 90th percentile.</summary>
    public double P90Ms { get; init; }

    /// <summary>The 95th percentile.</summary>
    public double P95Ms { get; init; }

    /// <summary>The 99th percentile.</summary>
    public double P99Ms { get; init; }

    /// <summary>The 99.9th percentile.</summary>
    public double P999Ms { get; init; }

    /// <summary>The slowest.</summary>
    public double MaxMs { get; init; }

    /// <summary>A percentile by its number (50, 90, 95, 99, 99.9, 100).</summary>
    public double Percentile(double percentile) => percentile switch
    {
        50 => P50Ms,
        90 => P90Ms,
        95 => P95Ms,
        99 => P99Ms,
        99.9 => P999Ms,
        100 => MaxMs,
        _ => throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Use 50, 90, 95, 99, 99.9 or 100."),
    };
}
