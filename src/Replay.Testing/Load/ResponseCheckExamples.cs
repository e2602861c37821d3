using System.Collections.Concurrent;

namespace Replay.Testing.Load;

/// <summary>
/// The few failed responses per endpoint a report shows (<see cref="PerEndpoint"/>). Thread-safe; a failure past the
/// limit costs one read, so a replay where every response fails builds no more examples than one where five do.
/// </summary>
internal sealed class ResponseCheckExamples(int endpoints)
{
    /// <summary>Examples kept per endpoint.</summary>
    public const int PerEndpoint = 5;

    private readonly int[] _taken = new int[endpoints];
    private readonly ConcurrentQueue<(int Endpoint, long Order, ResponseCheckExample Example)> _examples = new();
    private long _order;

    /// <summary>Claims a place for one more example of the endpoint; false when it has its share.</summary>
    public bool TryClaim(int endpoint) =>
        Volatile.Read(ref _taken[endpoint]) < PerEndpoint && Interlocked.Increment(ref _taken[endpoint]) <= PerEndpoint;

    /// <summary>Keeps an example after <see cref="TryClaim"/> succeeded.</summary>
    public void Add(int endpoint, ResponseCheckExample example) =>
        _examples.Enqueue((endpoint, Interlocked.Increment(ref _order), example));

    /// <summary>The examples, in plan order of their endpoints, then in the order they failed.</summary>
    public IReadOnlyList<ResponseCheckExample> ToList() =>
        _examples.OrderBy(e => e.Endpoint).ThenBy(e => e.Order).Select(e => e.Example).ToList();
}
