namespace Replay.Testing.Plans;

/// <summary>An endpoint of the plan: what to send, and the values its template placeholders take.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query, possibly a template such as <c>/products/{id}</c>.</param>
public sealed record PlannedEndpoint(string Method, string Path)
{
    /// <summary>The endpoint key, <c>"GET /products/{id}"</c>.</summary>
    public string Key => Traffic.TrafficEndpoint.KeyOf(Method, Path);

    /// <summary>The body sent with each request, if any.</summary>
    public RequestBody? Body { get; init; }

    /// <summary>The template's placeholders in order, with the values each may take; empty for a plain path.</summary>
    public IReadOnlyList<TemplatePlaceholder> Placeholders { get; init; } = [];
}
