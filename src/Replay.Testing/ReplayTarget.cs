namespace Replay.Testing;

/// <summary>What a replay was aimed at, as the report states it.</summary>
/// <param name="BaseAddress">Where requests went.</param>
/// <param name="Kind">The kind of environment: <c>existing</c>, <c>local-process</c>, <c>upsun</c>.</param>
/// <param name="Description">What was provisioned.</param>
public sealed record ReplayTarget(Uri BaseAddress, string Kind, string Description);
