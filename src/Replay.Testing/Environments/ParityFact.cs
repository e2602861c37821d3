namespace Replay.Testing.Environments;

/// <summary>How one figure of the clone compares with production's.</summary>
/// <param name="Name">The figure: "CPU", "Memory", "Instances", "Data size".</param>
/// <param name="Production">Production's value as text, or "unknown".</param>
/// <param name="Target">The clone's (target's) value as text.</param>
/// <param name="Status">Whether the clone's value was enforced, approximated, or not matched.</param>
/// <param name="Note">Why, in one sentence.</param>
public sealed record ParityFact(string Name, string Production, string Target, ParityStatus Status, string Note);
