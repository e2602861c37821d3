namespace Replay.Testing.Load;

/// <summary>
/// The load generator's own CPU during the replay, sampled from its process once a second, as a share of the cores
/// it may use (1 = every core busy). A generator that saturates its cores measures its own queueing, not the target.
/// </summary>
public sealed record GeneratorUsage
{
    /// <summary>The cores the generator's process may use.</summary>
    public int Cores { get; init; }

    /// <summary>CPU used over the whole replay, from 0 to 1 of <see cref="Cores"/>.</summary>
    public double MeanCpu { get; init; }

    /// <summary>CPU used over the busiest five seconds of the replay, from 0 to 1 of <see cref="Cores"/>.</summary>
    public double BusiestCpu { get; init; }

    /// <summary>CPU used in each second of the replay, from 0 to 1 of <see cref="Cores"/>.</summary>
    public IReadOnlyList<double> CpuPerSecond { get; init; } = [];
}
