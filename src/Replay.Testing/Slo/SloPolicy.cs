using Replay.Testing.Load;
using Replay.Testing.Slo;

namespace Replay.Testing;

/// <summary>
/// The service-level objectives a replay must meet: response-time percentiles (measured from the intended send
/// time), the error rate, the share of the planned rate achieved, and dropped arrivals. Unset limits are not checked.
/// </summary>
public sealed record SloPolicy
{
    /// <summary>The most the median response time may be.</summary>
    public TimeSpan? P50 { get; init; }

    /// <summary>The most the 90th-percentile response time may be.</summary>
    public TimeSpan? P90 { get; init; }

    /// <summary>The most the 95th-percentile response time may be.</summary>
    public TimeSpan? P95 { get; init; }

    /// <summary>The most the 99th-percentile response time may be.</summary>
    public TimeSpan? P99 { get; init; }

    /// <summary>The most the 99.9th-percentile response time may be.</summary>
    public TimeSpan? P999 { get; init; }

    /// <summary>The most the slowest response may take.</summary>
    public TimeSpan? Max { get; init; }

    /// <summary>The largest share of requests that may fail (transport error, timeout or 5xx), from 0 to 1.</summary>
    public double? MaxErrorRate { get; init; }

    /// <summary>The smallest share of planned requests that must be sent, from 0 to 1 (0.99 = 99 %).</summary>
    public double? MinAchievedRate { get; init; }

    /// <summary>
    /// The most arrivals that may be dropped because the in-flight cap was reached. Default 0: a dropped arrival
    /// means the replay did not send the incident's traffic, so it fails the verdict unless allowed here.
    /// </summary>
    public long? MaxDroppedArrivals { get; init; } = 0;

    /// <summary>Checks a result against the policy.</summary>
    public SloVerdict Evaluate(ReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var checks = new List<SloCheck>();
        AddLatency(checks, "p50", P50, result.ResponseTime.P50Ms);
        AddLatency(checks, "p90", P90, result.ResponseTime.P90Ms);
        AddLatency(checks, "p95", P95, result.ResponseTime.P95Ms);
        AddLatency(checks, "p99", P99, result.ResponseTime.P99Ms);
        AddLatency(checks, "p99.9", P999, result.ResponseTime.P999Ms);
        AddLatency(checks, "max", Max, result.ResponseTime.MaxMs);

        if (MaxErrorRate is { } maxErrors)
        {
            checks.Add(new SloCheck(SloCheck.AllEndpoints, "error rate", "<= " + SloText.Percent(maxErrors),
                SloText.Percent(result.ErrorRate), result.ErrorRate <= maxErrors, maxErrors, result.ErrorRate));
        }

        if (MinAchievedRate is { } minRate)
        {
            checks.Add(new SloCheck(SloCheck.AllEndpoints, "achieved rate", ">= " + SloText.Percent(minRate),
                SloText.Percent(result.AchievedRateRatio), result.AchievedRateRatio >= minRate, minRate, result.AchievedRateRatio));
        }

        if (MaxDroppedArrivals is { } maxDropped)
        {
            checks.Add(new SloCheck(SloCheck.AllEndpoints, "dropped arrivals", "<= " + maxDropped.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                result.Dropped.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), result.Dropped <= maxDropped, maxDropped, result.Dropped));
        }

        return new SloVerdict(checks);
    }

    private static void AddLatency(List<SloCheck> checks, string percentile, TimeSpan? limit, double measuredMs)
    {
        if (limit is { } l)
        {
            checks.Add(new SloCheck(SloCheck.AllEndpoints, percentile + " response time", "<= " + SloText.Milliseconds(l.TotalMilliseconds),
                SloText.Milliseconds(measuredMs), measuredMs <= l.TotalMilliseconds, l.TotalMilliseconds, measuredMs));
        }
    }
}
