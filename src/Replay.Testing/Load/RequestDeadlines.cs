using System.Diagnostics;

namespace Replay.Testing.Load;

/// <summary>
/// Timeout tokens shared by every request that starts in the same tenth of a second. A linked source and a timer
/// per request cost more than the rest of the engine's bookkeeping at tens of thousands of requests a second; a
/// shared one per slice times a request out between <see cref="LoadEngineOptions.RequestTimeout"/> and 100 ms later.
/// </summary>
internal sealed class RequestDeadlines(TimeSpan timeout, CancellationToken abort) : IDisposable
{
    private static readonly long SliceTicks = Stopwatch.Frequency / 10;
    private readonly Queue<Slice> _pending = new();
    private readonly object _gate = new();
    private Slice? _current;
    private bool _disposed;

    /// <summary>The token that cancels when a request starting now times out, or when the run is aborted.</summary>
    public CancellationToken ForRequestStartingNow()
    {
        long index = Stopwatch.GetTimestamp() / SliceTicks;
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Index == index)
        {
            return current.Token;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is null || _current.Index != index)
            {
                // Slices whose timeout has fired are done with: every request that held their token has ended.
                while (_pending.TryPeek(out var oldest) && oldest.Source.IsCancellationRequested)
                {
                    _pending.Dequeue().Source.Dispose();
                }

                var source = CancellationTokenSource.CreateLinkedTokenSource(abort);
                source.CancelAfter(timeout + TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 10));
                var slice = new Slice(index, source);
                _pending.Enqueue(slice);
                Volatile.Write(ref _current, slice);
            }

            return _current.Token;
        }
    }

    /// <summary>Whether a request that was given <paramref name="token"/> ended because it timed out (not aborted).</summary>
    public bool TimedOut(CancellationToken token) => token.IsCancellationRequested && !abort.IsCancellationRequested;

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_pending.TryDequeue(out var slice))
            {
                slice.Source.Dispose();
            }
        }
    }

    private sealed class Slice(long index, CancellationTokenSource source)
    {
        public long Index { get; } = index;

        public CancellationTokenSource Source { get; } = source;

        public CancellationToken Token { get; } = source.Token;
    }
}
