namespace Replay.Testing.Traffic;

/// <summary>
/// What a source saw besides the window's requests: records it skipped (by kind, with a few samples), records outside
/// the window and the times it saw, so that every line of a log is accounted for in the report.
/// </summary>
/// <param name="RecordsRead">Lines or records read, blank lines included: an access log's line count.</param>
/// <param name="RecordsSkipped">Of those, how many were skipped: blank, or not readable in the format.</param>
/// <param name="Samples">A few of the skipped records, as read (query strings removed, control characters escaped).</param>
public sealed record TrafficDiagnostics(long RecordsRead, long RecordsSkipped, IReadOnlyList<string> Samples)
{
    /// <summary>The kind of a blank line.</summary>
    public const string EmptyKind = "empty";

    /// <summary>The kind of a line the format cannot read.</summary>
    public const string UnparseableKind = "unparseable";

    /// <summary>The share of records skipped, from 0 to 1.</summary>
    public double SkippedShare => RecordsRead == 0 ? 0 : (double)RecordsSkipped / RecordsRead;

    /// <summary>
    /// Skipped records by kind (<see cref="EmptyKind"/>, <see cref="UnparseableKind"/>); they add up to
    /// <see cref="RecordsSkipped"/>. Empty when the source does not say (snapshots written before it was kept).
    /// </summary>
    public IReadOnlyDictionary<string, long> SkippedByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Readable records whose time is outside the window. Default 0.</summary>
    public long RecordsOutsideWindow { get; init; }

    /// <summary>The earliest time of a readable record, in the window or not; null when there was none or it is not known.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>The latest time of a readable record, in the window or not; null when there was none or it is not known.</summary>
    public DateTimeOffset? LastSeen { get; init; }
}
