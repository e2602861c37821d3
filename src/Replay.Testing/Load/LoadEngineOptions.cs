namespace Replay.Testing.Load;

/// <summary>How the load engine sends the plan's requests.</summary>
public sealed record LoadEngineOptions
{
    /// <summary>
    /// The most requests in flight at once. An arrival due while the cap is reached is not sent and is counted as
    /// dropped (never queued: a queue would hide the overload). Default 2,000.
    /// </summary>
    public int MaxInFlight { get; init; } = 2_000;

    /// <summary>The keep-alive connection pool size. Default 256.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>How long one request may take before it counts as a timeout. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long in-flight requests may finish after the last arrival or a cancellation. Default 10 seconds.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long to send the plan's first requests, closed-loop and unrecorded, before the clock starts: production
    /// was warm during the incident, so a clone's first-request costs (JIT, connection pools, caches) and the
    /// engine's own must not be measured as the incident's latency. Default zero; the test-framework adapters use 2 s
    /// (configuration key <c>load.warmUp</c>).
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>How often progress is reported. Default 1 second.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The User-Agent header sent with every request.</summary>
    public string UserAgent { get; init; } = "Replay.Testing";

    internal void Validate()
    {
        var problems = new List<string>();
        if (MaxInFlight <= 0)
        {
            problems.Add($"LoadEngineOptions.MaxInFlight is {MaxInFlight}; it must be at least 1.");
        }

        if (MaxConnections <= 0)
        {
            problems.Add($"LoadEngineOptions.MaxConnections is {MaxConnections}; it must be at least 1.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"LoadEngineOptions.RequestTimeout is {RequestTimeout}; it must be positive.");
        }

        if (DrainTimeout < TimeSpan.Zero)
        {
            problems.Add($"LoadEngineOptions.DrainTimeout is {DrainTimeout}; it cannot be negative.");
        }

        if (WarmUp < TimeSpan.Zero)
        {
            problems.Add($"LoadEngineOptions.WarmUp is {WarmUp}; it cannot be negative (use zero for none).");
        }

        if (ProgressInterval <= TimeSpan.Zero)
        {
            problems.Add($"LoadEngineOptions.ProgressInterval is {ProgressInterval}; it must be positive.");
        }

        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }
    }
}
