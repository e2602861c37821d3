namespace Replay.Testing.Environments.Resources;

/// <summary>CPU and memory used at one moment.</summary>
/// <param name="Offset">From the start of the replay (target) or of the incident window (production).</param>
/// <param name="CpuCores">Cores in use (1.5 = one and a half cores busy).</param>
/// <param name="MemoryBytes">Resident memory.</param>
public sealed record ResourceSample(TimeSpan Offset, double CpuCores, long MemoryBytes);
