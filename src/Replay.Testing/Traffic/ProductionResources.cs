using Replay.Testing.Environments.Resources;

namespace Replay.Testing.Traffic;

/// <summary>
/// What production ran on during the incident and how hard it worked: the figures a matched clone copies, and the
/// usage a report puts beside the clone's.
/// </summary>
public sealed record ProductionResources
{
    /// <summary>CPU cores of one production instance (Upsun: the container's CPU), if known.</summary>
    public double? CpuCores { get; init; }

    /// <summary>Memory of one production instance in bytes, if known.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>How many instances served the traffic, if known.</summary>
    public int? Instances { get; init; }

    /// <summary>Production's CPU and memory during the incident window, in time order; empty when unknown.</summary>
    public IReadOnlyList<ResourceSample> Usage { get; init; } = [];

    /// <summary>Where the figures came from, such as "Upsun resources overview, service app".</summary>
    public string Source { get; init; } = string.Empty;
}
