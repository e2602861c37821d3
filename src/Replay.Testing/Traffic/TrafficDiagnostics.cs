namespace Replay.Testing.Traffic;

/// <summary>What a source could not read: lines or records it skipped, with a few samples, for the report.</summary>
/// <param name="RecordsRead">Lines or records read.</param>
/// <param name="RecordsSkipped">Of those, how many could not be parsed and were skipped.</param>
/// <param name="Samples">A few of the skipped records, as read (secrets removed).</param>
public sealed record TrafficDiagnostics(long RecordsRead, long RecordsSkipped, IReadOnlyList<string> Samples)
{
    /// <summary>The share of records skipped, from 0 to 1.</summary>
    public double SkippedShare => RecordsRead == 0 ? 0 : (double)RecordsSkipped / RecordsRead;
}
