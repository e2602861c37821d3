namespace Replay.Testing.Plans;

/// <summary>
/// A part of the incident judged on its own: the burst (buckets well above the window's median rate), a phase named
/// in <see cref="ReplayPlanOptions.Phases"/>, or the calm (every other bucket).
/// </summary>
/// <param name="Name">"burst", "calm" or the configured name.</param>
/// <param name="Buckets">The indices of its buckets, in time order (not necessarily adjacent).</param>
/// <param name="Reason">How it was found, as the report states it ("rate above 1.5 × the window's median of 41.2/s").</param>
public sealed record PlannedPhase(string Name, IReadOnlyList<int> Buckets, string Reason)
{
    /// <summary>The phase of every bucket no other phase holds.</summary>
    public const string Calm = "calm";

    /// <summary>The phase of the buckets whose rate is well above the median.</summary>
    public const string Burst = "burst";

    /// <summary>Its real length in the incident.</summary>
    public TimeSpan SourceDuration { get; init; }

    /// <summary>Its length in the replay.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Requests the plan sends in it.</summary>
    public long TotalRequests { get; init; }

    /// <summary>How many times faster than real time it is replayed (1 = its real length).</summary>
    public double Compression => Duration <= TimeSpan.Zero ? 1 : SourceDuration / Duration;
}
