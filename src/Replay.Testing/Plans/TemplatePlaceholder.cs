namespace Replay.Testing.Plans;

/// <summary>A placeholder of a URL template (<c>{id}</c>) and the values it takes in the replay.</summary>
/// <param name="Name">The name between the braces.</param>
/// <param name="Values">The values, chosen by the plan's seeded random.</param>
public sealed record TemplatePlaceholder(string Name, IReadOnlyList<string> Values);
