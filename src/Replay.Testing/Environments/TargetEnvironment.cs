namespace Replay.Testing.Environments;

/// <summary>
/// A provisioned environment a replay sends traffic to. Disposing it tears it down (stops the process, drops the
/// cloned database, deletes the cloud clone); disposal is idempotent and runs at most once.
/// </summary>
public sealed class TargetEnvironment : IAsyncDisposable
{
    private readonly Func<ValueTask> _teardown;
    private readonly Func<IReadOnlyList<string>> _logs;
    private int _disposed;

    /// <summary>Creates an environment handle.</summary>
    /// <param name="baseAddress">Where requests go.</param>
    /// <param name="kind">The kind of environment: <c>existing</c>, <c>local-process</c>, <c>upsun</c>.</param>
    /// <param name="description">What was provisioned, for the report.</param>
    /// <param name="teardown">Tears the environment down; called once.</param>
    /// <param name="logs">The environment's recent log lines, for error messages and the report.</param>
    public TargetEnvironment(Uri baseAddress, string kind, string description, Func<ValueTask>? teardown = null,
        Func<IReadOnlyList<string>>? logs = null)
    {
        BaseAddress = baseAddress;
        Kind = kind;
        Description = description;
        _teardown = teardown ?? (() => ValueTask.CompletedTask);
        _logs = logs ?? (() => []);
    }

    /// <summary>Where requests go.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The kind of environment: <c>existing</c>, <c>local-process</c>, <c>upsun</c>.</summary>
    public string Kind { get; }

    /// <summary>What was provisioned.</summary>
    public string Description { get; }

    /// <summary>Production versus this environment, figure by figure.</summary>
    public IReadOnlyList<ParityFact> Parity { get; init; } = [];

    /// <summary>The cloned database the environment runs on, if it has one (URL-template values can be queried from it).</summary>
    public ClonedDatabase? Database { get; init; }

    /// <summary>Samples the environment's CPU and memory during the replay, where it can be sampled.</summary>
    public Resources.IResourceSampler? ResourceSampler { get; init; }

    /// <summary>The CPU and memory the environment is limited to, if limits were set.</summary>
    public Resources.ResourceLimits ResourceLimits { get; init; } = Resources.ResourceLimits.None;

    /// <summary>Whether the environment has been torn down.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The environment's recent log lines.</summary>
    public IReadOnlyList<string> RecentLogs() => _logs();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _teardown().ConfigureAwait(false);
        }
    }
}
