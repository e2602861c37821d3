using HdrHistogram;

namespace Replay.Testing.Load;

/// <summary>A thread-safe HdrHistogram of latencies recorded in microseconds, up to one hour.</summary>
internal sealed class LatencyHistogram
{
    private const long HighestMicroseconds = 3_600_000_000;
    private readonly HistogramBase _histogram;

    /// <param name="significantDigits">Precision: 3 for the run and endpoints, 2 for the many per-bucket histograms.</param>
    /// <param name="compact">32-bit counts, half the memory: enough for one bucket's requests, not for a whole run.</param>
    public LatencyHistogram(int significantDigits = 3, bool compact = false) =>
        _histogram = compact
            ? new IntConcurrentHistogram(1, HighestMicroseconds, significantDigits)
            : new LongConcurrentHistogram(1, HighestMicroseconds, significantDigits);

    public long Count => _histogram.TotalCount;

    public void Record(long stopwatchTicks)
    {
        long micros = (long)(stopwatchTicks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency);
        _histogram.RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
    }

    public double PercentileMilliseconds(double percentile) =>
        _histogram.TotalCount == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;

    private static readonly double[] DistributionPercentiles =
        [0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 98, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100];

    public IReadOnlyList<PercentilePoint> Distribution()
    {
        var h = _histogram.Copy();
        return h.TotalCount == 0
            ? []
            : DistributionPercentiles.Select(p => new PercentilePoint(p, (p == 100 ? h.GetMaxValue() : h.GetValueAtPercentile(p)) / 1000.0)).ToList();
    }

    public LatencySummary Summarize()
    {
        var h = _histogram.Copy();
        if (h.TotalCount == 0)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary
        {
            Count = h.TotalCount,
            MinMs = h.GetValueAtPercentile(0) / 1000.0,
            MeanMs = h.GetMean() / 1000.0,
            P50Ms = h.GetValueAtPercentile(50) / 1000.0,
            P90Ms = h.GetValueAtPercentile(90) / 1000.0,
            P95Ms = h.GetValueAtPercentile(95) / 1000.0,
            P99Ms = h.GetValueAtPercentile(99) / 1000.0,
            P999Ms = h.GetValueAtPercentile(99.9) / 1000.0,
            MaxMs = h.GetMaxValue() / 1000.0,
        };
    }
}
