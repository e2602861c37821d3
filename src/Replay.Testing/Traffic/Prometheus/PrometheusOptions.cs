namespace Replay.Testing.Traffic.Prometheus;

/// <summary>
/// Where production's request counter is in Prometheus, and how it is labelled. The defaults are the names
/// ASP.NET Core and OpenTelemetry use: <c>http_server_request_duration_seconds_count</c> labelled
/// <c>http_route</c>, <c>http_request_method</c> and <c>http_response_status_code</c>.
/// </summary>
public sealed record PrometheusOptions
{
    /// <summary>The Prometheus server, such as <c>http://prometheus.internal:9090/</c>.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The request counter. Default <c>http_server_request_duration_seconds_count</c>.</summary>
    public string Metric { get; init; } = "http_server_request_duration_seconds_count";

    /// <summary>
    /// A histogram of request durations whose <c>_bucket</c> series give production's p50 and p96 per endpoint, or
    /// null for none. Default <c>http_server_request_duration_seconds</c>.
    /// </summary>
    public string? DurationHistogram { get; init; } = "http_server_request_duration_seconds";

    /// <summary>The label holding the route template (<c>/products/{id}</c>). Default <c>http_route</c>.</summary>
    public string RouteLabel { get; init; } = "http_route";

    /// <summary>The label holding the method. Default <c>http_request_method</c>.</summary>
    public string MethodLabel { get; init; } = "http_request_method";

    /// <summary>The label holding the status code. Default <c>http_response_status_code</c>.</summary>
    public string StatusLabel { get; init; } = "http_response_status_code";

    /// <summary>Label matchers that pick production's series, such as <c>job="shop", env="production"</c>.</summary>
    public string Selector { get; init; } = "";

    /// <summary>The timeline's step, which is also the query step. Default 1 minute.</summary>
    public TimeSpan BucketSize { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many endpoints the profile lists, busiest first. Default 100.</summary>
    public int MaxEndpoints { get; init; } = 100;

    /// <summary>How long one query may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The host names production answers on, so a replay is never aimed at them.</summary>
    public IReadOnlyList<string> ProductionHosts { get; init; } = [];
}
