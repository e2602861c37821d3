namespace Replay.Testing.Load;

/// <summary>One point of a latency distribution: the response time at a percentile.</summary>
/// <param name="Percentile">The percentile, from 0 to 100 (99.9 = the slowest 0.1 %).</param>
/// <param name="Milliseconds">The response time at that percentile.</param>
public sealed record PercentilePoint(double Percentile, double Milliseconds);
