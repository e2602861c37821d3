namespace Replay.Testing.Load;

/// <summary>What the requests of one phase of the incident (the burst, the calm, a named phase) met during the replay.</summary>
public sealed record PhaseResult
{
    /// <summary>"burst", "calm" or the name given in <c>slo.phases</c>.</summary>
    public required string Name { get; init; }

    /// <summary>How the phase was found ("rate above 1.5 × the window's median of 41/s").</summary>
    public string Reason { get; init; } = "";

    /// <summary>Its real length in the incident.</summary>
    public TimeSpan SourceDuration { get; init; }

    /// <summary>Its length in the replay.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>
    /// Its requests' measurements, as for a replay of the phase alone: counts, status codes, response, service and lag
    /// percentiles, endpoints and buckets (the generator's CPU is the whole run's, in <see cref="ReplayResult.Generator"/>).
    /// </summary>
    public required ReplayResult Result { get; init; }

    /// <summary>How many times faster than real time it was replayed (1 = its real length).</summary>
    public double Compression => Duration <= TimeSpan.Zero ? 1 : SourceDuration / Duration;
}
