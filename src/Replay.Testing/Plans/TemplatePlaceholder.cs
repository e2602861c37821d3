namespace Replay.Testing.Plans;

/// <summary>A placeholder of a URL template (<c>{id}</c>) and the values it takes in the replay.</summary>
/// <param name="Name">The name between the braces.</param>
/// <param name="Values">The values, chosen by the plan's seeded random; empty when <see cref="Generator"/> makes them.</param>
public sealed record TemplatePlaceholder(string Name, IReadOnlyList<string> Values)
{
    /// <summary>Makes the values instead of <see cref="Values"/>, from the plan's seeded random.</summary>
    public TemplateValueGenerator? Generator { get; init; }

    /// <summary>Whether the placeholder can be filled.</summary>
    public bool HasValues => Generator is not null || Values.Count > 0;

    /// <summary>Where the values come from, for the report.</summary>
    public string Describe() => Generator is { } g ? g.Description : $"{Values.Count:N0} values";

    internal string Next(Random random) => Generator?.Next(random) ?? Values[random.Next(Values.Count)];
}
