using System.Diagnostics;

namespace Replay.Testing.Load;

/// <summary>
/// When a request's first byte was written to its connection. A request can wait in the client's connection pool
/// before that; service time is measured from here, so it is the target's time, not the client's queue.
/// Carried to the connection's stream by an AsyncLocal: an HTTP/1.1 request writes itself in its own async flow.
/// </summary>
internal sealed class RequestWriteStamp
{
    private static readonly AsyncLocal<RequestWriteStamp?> CurrentStamp = new();
    private long _writtenAt;

    /// <summary>The stamp of the request being sent in this async flow, if any.</summary>
    public static RequestWriteStamp? Current
    {
        get => CurrentStamp.Value;
        set => CurrentStamp.Value = value;
    }

    /// <summary>The Stopwatch timestamp of the first write, or 0 when nothing was written in this flow (HTTP/2).</summary>
    public long WrittenAt => Volatile.Read(ref _writtenAt);

    public void MarkWritten() => MarkWritten(Stopwatch.GetTimestamp());

    public void MarkWritten(long timestamp)
    {
        if (Volatile.Read(ref _writtenAt) == 0)
        {
            Interlocked.CompareExchange(ref _writtenAt, timestamp, 0);
        }
    }
}
