using System.Text.Json.Serialization;

namespace Replay.Testing.Configuration;

// The schema of replay.json, the per-test-project configuration file. Every key is optional.
//
// {
//   "traffic": { "accessLogs": { "files": ["/var/log/nginx/access.log*"], "bucketSize": "10s",   used when no
//                                "maxEndpoints": 100, "maxSkippedShare": 0.01,                  snapshot exists
//                                "keepSequence": false },
//                "prometheus": { "baseUrl": "http://prometheus:9090/", "selector": "job=\"shop\"",   or this
//                                "metric": "http_server_request_duration_seconds_count", "bucketSize": "1min" },
//                "upsun": { "projectId": "abc123", "environmentId": "main", "topUrlsCount": 20 } },  token: UPSUN_API_TOKEN
//   "target":  { "baseUrl": "https://staging.example.com" }            an existing environment, or
//              { "project": "../ShopApp/ShopApp.csproj",                a .NET project started locally
//                "healthPath": "/health", "startupTimeout": "60s",
//                "environment": { "Shop__Build": "fixed" },
//                "database": { "provider": "sqlite", "source": "obj/production/shop.db",
//                              "environmentVariable": "ConnectionStrings__Shop",
//                              "scrub": ["UPDATE users SET email = 'user' || id || '@scrubbed.invalid'"] },
//                "resources": "production",                             or { "cpu": 1, "memory": "1GiB" }
//                "strictParity": false },
//              { "upsun": { "projectId": "abc123", "environmentId": "main",        a clone branched on Upsun
//                           "keepOnFailure": false, "activityTimeout": "30min" } }
//   "plan":    { "duration": "60s", "rateScale": 1.0, "seed": 1, "linearRamps": false, "order": "mixed", "arrivals": "uniform",
//                "compression": "uniform",                                 or "keepBurst": the burst at its real length
//                "templateValues": { "id": ["1", "2"] }, "templateGenerators": { "userId": "int:1-50000" },
//                "requestBodies": { "POST /checkout": { "json": { "userId": 7 } } } },
//   "load":    { "maxInFlight": 2000, "maxConnections": 256, "requestTimeout": "30s", "warmUp": "2s",
//                "userAgent": "Replay.Testing", "headers": { "Accept-Encoding": "gzip, br" }, "httpVersion": "1.1",
//                "freshConnectionShare": 0.1, "retries": 1, "retryBackoff": "100ms", "followRedirects": false,
//                "errorStatuses": [401, 403],
//                "responseChecks": { "GET /products/{id}": { "status": [200], "contentType": "application/json",
//                                                            "bodyContains": "\"id\"", "jsonPointer": "/id" } } },
//   "slo":     { "p95": "300ms", "p99": "1s", "maxErrorRate": 0.01, "minAchievedRate": 0.99,   null switches a default off
//                "maxDroppedArrivals": 0, "maxUnansweredRequests": 0, "statusMixTolerance": 0.05,
//                "maxSchedulerLag": "10ms", "maxGeneratorCpu": 0.95, "failWhenInconclusive": true,
//                "endpoints": { "POST /checkout": { "p95": "200ms", "maxErrorRate": 0 } },
//                "noWorseThanProduction": true, "noWorseThanBaseline": false, "relativeTolerance": 0.1,
//                "burstFactor": 1.5, "phases": { "burst": ["12:20", "12:35"] } },   each phase judged on its own
//   "reports": { "directory": "TestResults/replay" }
// }

internal sealed record ReplaySettings
{
    [JsonPropertyName("traffic")] public TrafficSettings? Traffic { get; init; }
    [JsonPropertyName("target")] public TargetSettings? Target { get; init; }
    [JsonPropertyName("plan")] public PlanSettings? Plan { get; init; }
    [JsonPropertyName("load")] public LoadSettings? Load { get; init; }
    [JsonPropertyName("slo")] public SloSettings? Slo { get; init; }
    [JsonPropertyName("reports")] public ReportSettings? Reports { get; init; }

    /// <summary>Which keys environment variables set, and which were set to null (defaults switched off).</summary>
    [JsonIgnore] public ConfigurationKeys Keys { get; init; } = ConfigurationKeys.None;
}

internal sealed record TrafficSettings
{
    [JsonPropertyName("accessLogs")] public AccessLogSettings? AccessLogs { get; init; }
    [JsonPropertyName("prometheus")] public PrometheusSettings? Prometheus { get; init; }
    [JsonPropertyName("upsun")] public UpsunSettings? Upsun { get; init; }
    [JsonPropertyName("templates")] public List<string>? Templates { get; init; }
}

internal sealed record UpsunSettings
{
    [JsonPropertyName("projectId")] public string? ProjectId { get; init; }
    [JsonPropertyName("environmentId")] public string? EnvironmentId { get; init; }
    [JsonPropertyName("apiUrl")] public string? ApiUrl { get; init; }
    [JsonPropertyName("authUrl")] public string? AuthUrl { get; init; }
    [JsonPropertyName("topUrlsCount")] public int? TopUrlsCount { get; init; }
    [JsonPropertyName("service")] public string? Service { get; init; }
    [JsonPropertyName("requestTimeout")] public string? RequestTimeout { get; init; }
    [JsonPropertyName("deadline")] public string? Deadline { get; init; }
}

internal sealed record PrometheusSettings
{
    [JsonPropertyName("baseUrl")] public string? BaseUrl { get; init; }
    [JsonPropertyName("metric")] public string? Metric { get; init; }
    [JsonPropertyName("durationHistogram")] public string? DurationHistogram { get; init; }
    [JsonPropertyName("routeLabel")] public string? RouteLabel { get; init; }
    [JsonPropertyName("methodLabel")] public string? MethodLabel { get; init; }
    [JsonPropertyName("statusLabel")] public string? StatusLabel { get; init; }
    [JsonPropertyName("selector")] public string? Selector { get; init; }
    [JsonPropertyName("bucketSize")] public string? BucketSize { get; init; }
    [JsonPropertyName("maxEndpoints")] public int? MaxEndpoints { get; init; }
    [JsonPropertyName("productionHosts")] public List<string>? ProductionHosts { get; init; }
}

internal sealed record AccessLogSettings
{
    [JsonPropertyName("files")] public List<string>? Files { get; init; }
    [JsonPropertyName("bucketSize")] public string? BucketSize { get; init; }
    [JsonPropertyName("maxEndpoints")] public int? MaxEndpoints { get; init; }
    [JsonPropertyName("maxSkippedShare")] public double? MaxSkippedShare { get; init; }
    [JsonPropertyName("productionHosts")] public List<string>? ProductionHosts { get; init; }
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("jsonFields")] public JsonFieldSettings? JsonFields { get; init; }
    [JsonPropertyName("keepSequence")] public bool? KeepSequence { get; init; }
    [JsonPropertyName("maxValuesPerPlaceholder")] public int? MaxValuesPerPlaceholder { get; init; }
}

internal sealed record JsonFieldSettings
{
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("method")] public string? Method { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("bytes")] public string? Bytes { get; init; }
    [JsonPropertyName("requestLength")] public string? RequestLength { get; init; }
    [JsonPropertyName("requestTime")] public string? RequestTime { get; init; }
}

internal sealed record TargetSettings
{
    [JsonPropertyName("baseUrl")] public string? BaseUrl { get; init; }
    [JsonPropertyName("project")] public string? Project { get; init; }
    [JsonPropertyName("healthPath")] public string? HealthPath { get; init; }
    [JsonPropertyName("startupTimeout")] public string? StartupTimeout { get; init; }
    [JsonPropertyName("environment")] public Dictionary<string, string>? Environment { get; init; }
    [JsonPropertyName("database")] public DatabaseSettings? Database { get; init; }
    [JsonPropertyName("resources")] public System.Text.Json.JsonElement? Resources { get; init; }
    [JsonPropertyName("strictParity")] public bool? StrictParity { get; init; }
    [JsonPropertyName("upsun")] public UpsunTargetSettings? Upsun { get; init; }
}

internal sealed record UpsunTargetSettings
{
    [JsonPropertyName("projectId")] public string? ProjectId { get; init; }
    [JsonPropertyName("environmentId")] public string? EnvironmentId { get; init; }
    [JsonPropertyName("apiUrl")] public string? ApiUrl { get; init; }
    [JsonPropertyName("authUrl")] public string? AuthUrl { get; init; }
    [JsonPropertyName("namePrefix")] public string? NamePrefix { get; init; }
    [JsonPropertyName("activityTimeout")] public string? ActivityTimeout { get; init; }
    [JsonPropertyName("keepOnFailure")] public bool? KeepOnFailure { get; init; }
}

internal sealed record DatabaseSettings
{
    [JsonPropertyName("provider")] public string? Provider { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("environmentVariable")] public string? EnvironmentVariable { get; init; }
    [JsonPropertyName("scrub")] public List<string>? Scrub { get; init; }

    // The source may be a connection string with a password; the generated ToString would print it.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Provider = ").Append(Provider)
            .Append(", Source = ").Append(Source is null ? null : Secrets.SecretRedactor.RedactConnectionString(Source))
            .Append(", EnvironmentVariable = ").Append(EnvironmentVariable)
            .Append(", Scrub = ").Append(Scrub?.Count ?? 0).Append(" statements");
        return true;
    }
}

internal sealed record RequestBodySettings
{
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("json")] public System.Text.Json.JsonElement? Json { get; init; }
    [JsonPropertyName("contentType")] public string? ContentType { get; init; }
}

internal sealed record PlanSettings
{
    [JsonPropertyName("duration")] public string? Duration { get; init; }
    [JsonPropertyName("rateScale")] public double? RateScale { get; init; }
    [JsonPropertyName("seed")] public int? Seed { get; init; }
    [JsonPropertyName("linearRamps")] public bool? LinearRamps { get; init; }
    [JsonPropertyName("uncovered")] public string? Uncovered { get; init; }
    [JsonPropertyName("order")] public string? Order { get; init; }
    [JsonPropertyName("arrivals")] public string? Arrivals { get; init; }
    [JsonPropertyName("compression")] public string? Compression { get; init; }
    [JsonPropertyName("templateValues")] public Dictionary<string, List<string>>? TemplateValues { get; init; }
    [JsonPropertyName("templateQueries")] public Dictionary<string, string>? TemplateQueries { get; init; }
    [JsonPropertyName("templateGenerators")] public Dictionary<string, string>? TemplateGenerators { get; init; }
    [JsonPropertyName("requestBodies")] public Dictionary<string, RequestBodySettings>? RequestBodies { get; init; }
}

internal sealed record LoadSettings
{
    [JsonPropertyName("maxInFlight")] public int? MaxInFlight { get; init; }
    [JsonPropertyName("requestTimeout")] public string? RequestTimeout { get; init; }
    [JsonPropertyName("maxConnections")] public int? MaxConnections { get; init; }
    [JsonPropertyName("warmUp")] public string? WarmUp { get; init; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; init; }
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("httpVersion")] public string? HttpVersion { get; init; }
    [JsonPropertyName("freshConnectionShare")] public double? FreshConnectionShare { get; init; }
    [JsonPropertyName("retries")] public int? Retries { get; init; }
    [JsonPropertyName("retryBackoff")] public string? RetryBackoff { get; init; }
    [JsonPropertyName("followRedirects")] public bool? FollowRedirects { get; init; }
    [JsonPropertyName("errorStatuses")] public List<int>? ErrorStatuses { get; init; }
    [JsonPropertyName("responseChecks")] public Dictionary<string, ResponseCheckSettings?>? ResponseChecks { get; init; }
}

internal sealed record ResponseCheckSettings
{
    [JsonPropertyName("status")] public int[]? Status { get; init; }
    [JsonPropertyName("contentType")] public string? ContentType { get; init; }
    [JsonPropertyName("bodyContains")] public string? BodyContains { get; init; }
    [JsonPropertyName("jsonPointer")] public string? JsonPointer { get; init; }
}

internal sealed record SloSettings
{
    [JsonPropertyName("p50")] public string? P50 { get; init; }
    [JsonPropertyName("p90")] public string? P90 { get; init; }
    [JsonPropertyName("p95")] public string? P95 { get; init; }
    [JsonPropertyName("p99")] public string? P99 { get; init; }
    [JsonPropertyName("p999")] public string? P999 { get; init; }
    [JsonPropertyName("max")] public string? Max { get; init; }
    [JsonPropertyName("maxErrorRate")] public double? MaxErrorRate { get; init; }
    [JsonPropertyName("minAchievedRate")] public double? MinAchievedRate { get; init; }
    [JsonPropertyName("maxDroppedArrivals")] public long? MaxDroppedArrivals { get; init; }
    [JsonPropertyName("maxUnansweredRequests")] public long? MaxUnansweredRequests { get; init; }
    [JsonPropertyName("statusMixTolerance")] public double? StatusMixTolerance { get; init; }
    [JsonPropertyName("maxSchedulerLag")] public string? MaxSchedulerLag { get; init; }
    [JsonPropertyName("maxGeneratorCpu")] public double? MaxGeneratorCpu { get; init; }
    [JsonPropertyName("failWhenInconclusive")] public bool? FailWhenInconclusive { get; init; }
    [JsonPropertyName("noWorseThanProduction")] public bool? NoWorseThanProduction { get; init; }
    [JsonPropertyName("noWorseThanBaseline")] public bool? NoWorseThanBaseline { get; init; }
    [JsonPropertyName("relativeTolerance")] public double? RelativeTolerance { get; init; }
    [JsonPropertyName("endpoints")] public Dictionary<string, EndpointSloSettings>? Endpoints { get; init; }
    [JsonPropertyName("phases")] public Dictionary<string, List<string>>? Phases { get; init; }
    [JsonPropertyName("burstFactor")] public double? BurstFactor { get; init; }
}

internal sealed record EndpointSloSettings
{
    [JsonPropertyName("p50")] public string? P50 { get; init; }
    [JsonPropertyName("p90")] public string? P90 { get; init; }
    [JsonPropertyName("p95")] public string? P95 { get; init; }
    [JsonPropertyName("p99")] public string? P99 { get; init; }
    [JsonPropertyName("max")] public string? Max { get; init; }
    [JsonPropertyName("maxErrorRate")] public double? MaxErrorRate { get; init; }
}

internal sealed record ReportSettings
{
    [JsonPropertyName("directory")] public string? Directory { get; init; }
}
