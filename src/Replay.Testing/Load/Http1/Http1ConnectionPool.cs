using System.Collections.Concurrent;
using System.Net;

namespace Replay.Testing.Load.Http1;

/// <summary>At most a given number of keep-alive connections to one endpoint; a request waits for a free one.</summary>
internal sealed class Http1ConnectionPool(EndPoint endpoint, int maxConnections) : IDisposable
{
    private readonly SemaphoreSlim _capacity = new(maxConnections, maxConnections);
    private readonly ConcurrentBag<Http1Connection> _idle = [];
    private volatile bool _disposed;

    public async Task<Http1Connection> RentAsync(CancellationToken cancellationToken)
    {
        await _capacity.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_idle.TryTake(out var idle))
        {
            return idle;
        }

        try
        {
            return await Http1Connection.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _capacity.Release();
            throw;
        }
    }

    public void Return(Http1Connection connection, bool reusable)
    {
        if (reusable && !_disposed)
        {
            _idle.Add(connection);
        }
        else
        {
            connection.Dispose();
        }

        _capacity.Release();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
