namespace Replay.Testing.Traffic;

/// <summary>One endpoint of the incident's traffic: a method and a path (or path template) with its request count.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path and query, relative to the site root; may be a template such as <c>/products/{id}</c>.</param>
/// <param name="Count">Requests in the window.</param>
public sealed record TrafficEndpoint(string Method, string Path, long Count)
{
    /// <summary>The key that identifies the endpoint in a profile: <c>"GET /products/{id}"</c>.</summary>
    public string Key => KeyOf(Method, Path);

    /// <summary>Production's median response time during the window, in milliseconds, where the source has it.</summary>
    public double? P50Milliseconds { get; init; }

    /// <summary>Production's 96th-percentile response time (Upsun's <c>p_96</c>), in milliseconds, where the source has it.</summary>
    public double? P96Milliseconds { get; init; }

    /// <summary>Production's mean response time, in milliseconds, where the source has it.</summary>
    public double? AverageMilliseconds { get; init; }

    /// <summary>
    /// Production's answers to this endpoint by status class, where the source has them per endpoint (access logs,
    /// Prometheus); the replay's status mix is then held to them endpoint by endpoint.
    /// </summary>
    public StatusClassCounts? Statuses { get; init; }

    /// <summary>
    /// Values production saw for each placeholder of a template path (<c>{"id": ["17", "42"]}</c>), where the source
    /// has them (access logs); the plan draws from them unless the plan's own template values are given.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TemplateValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// For each placeholder whose value pool was capped (<see cref="AccessLogs.AccessLogOptions.MaxValuesPerPlaceholder"/>),
    /// how many distinct values the window really held; placeholders whose pool holds every value seen are absent.
    /// </summary>
    public IReadOnlyDictionary<string, long> DistinctTemplateValues { get; init; } = new Dictionary<string, long>();

    /// <summary>Whether <see cref="Path"/> holds placeholders such as <c>{id}</c> that need values before sending.</summary>
    public bool IsTemplate => Path.Contains('{', StringComparison.Ordinal);

    /// <summary>Builds an endpoint key.</summary>
    public static string KeyOf(string method, string path) => $"{method} {path}";
}
