namespace Replay.Testing.Plans;

/// <summary>How a window is fitted into a shorter replay (<see cref="ReplayPlanOptions.Duration"/>).</summary>
public enum PlanCompression
{
    /// <summary>Every bucket shortened by the same factor, each at its own rate. The default.</summary>
    Uniform,

    /// <summary>
    /// The burst phase's buckets at their real length, as far as the replay's duration allows (at most
    /// <see cref="ReplayPlan.MaxBurstShare"/> of it), and the calm buckets sharing the rest, each still at its own
    /// rate: connection pools, queues, caches and the GC meet the burst for as long as production did.
    /// </summary>
    KeepBurst,
}
