namespace Replay.Testing.Environments.Databases;

/// <summary>A made clone: how to reach it, what it holds, what was scrubbed, and how to drop it.</summary>
internal sealed class DatabaseClone(ClonedDatabase database, string sourceDescription, long sizeBytes, Func<ValueTask> drop) : IAsyncDisposable
{
    private int _dropped;

    public ClonedDatabase Database { get; } = database;

    public string SourceDescription { get; } = sourceDescription;

    public long SizeBytes { get; } = sizeBytes;

    public IReadOnlyList<ScrubRecord> Scrubbed { get; set; } = [];

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _dropped, 1) == 0)
        {
            await drop().ConfigureAwait(false);
        }
    }
}
