namespace Replay.Testing.Environments.Resources;

/// <summary>
/// The target's CPU and memory during the replay beside production's during the incident, so a report can say
/// "the clone peaked at 1.9 of 2 cores; production peaked at 1.85 during the incident".
/// </summary>
public sealed record ResourceUsage
{
    /// <summary>The target's samples during the replay, in time order.</summary>
    public IReadOnlyList<ResourceSample> Target { get; init; } = [];

    /// <summary>Production's samples during the incident window, in time order; empty when unknown.</summary>
    public IReadOnlyList<ResourceSample> Production { get; init; } = [];

    /// <summary>The target's CPU limit in cores, if one was set.</summary>
    public double? TargetCpuLimitCores { get; init; }

    /// <summary>The target's memory limit in bytes, if one was set.</summary>
    public long? TargetMemoryLimitBytes { get; init; }

    /// <summary>Production's CPU limit in cores, if known.</summary>
    public double? ProductionCpuLimitCores { get; init; }

    /// <summary>Production's memory limit in bytes, if known.</summary>
    public long? ProductionMemoryLimitBytes { get; init; }

    /// <summary>Where the samples came from, such as "/proc of the process tree" or "Upsun resources overview".</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The target's peak CPU in cores.</summary>
    public double TargetPeakCpuCores => Target.Count == 0 ? 0 : Target.Max(s => s.CpuCores);

    /// <summary>Production's peak CPU in cores.</summary>
    public double ProductionPeakCpuCores => Production.Count == 0 ? 0 : Production.Max(s => s.CpuCores);
}
