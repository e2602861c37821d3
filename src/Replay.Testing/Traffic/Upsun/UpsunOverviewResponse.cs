using System.Text.Json.Serialization;

namespace Replay.Testing.Traffic.Upsun;

// The body of GET …/observability/http-metrics/overview, as the Upsun OpenAPI schema gives it.
// Timeline points carry only "timestamp" when their bucket has no data, so everything else is optional.

internal sealed record UpsunOverviewResponse(
    [property: JsonPropertyName("_grain")] int Grain,
    [property: JsonPropertyName("_from")] long From,
    [property: JsonPropertyName("_to")] long To,
    [property: JsonPropertyName("_project_id")] string? ProjectId,
    [property: JsonPropertyName("_environment_id")] string? EnvironmentId,
    [property: JsonPropertyName("_environment_type")] string? EnvironmentType,
    [property: JsonPropertyName("_branch_machine_name")] string? BranchMachineName,
    [property: JsonPropertyName("_top_urls_count")] int? TopUrlsCount,
    [property: JsonPropertyName("data")] UpsunOverviewData? Data);

internal sealed record UpsunOverviewData(
    [property: JsonPropertyName("urls")] Dictionary<string, UpsunUrlStats>? Urls,
    [property: JsonPropertyName("timelines")] List<UpsunTimelinePoint>? Timelines);

internal sealed record UpsunUrlStats(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("impact")] double? Impact,
    [property: JsonPropertyName("average")] double? Average,
    [property: JsonPropertyName("p_50")] double? P50,
    [property: JsonPropertyName("p_96")] double? P96,
    [property: JsonPropertyName("count")] long Count);

internal sealed record UpsunTimelinePoint(
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("request_size")] long? RequestSize,
    [property: JsonPropertyName("response_size")] long? ResponseSize,
    [property: JsonPropertyName("urls")] Dictionary<string, UpsunTimelineUrl>? Urls,
    [property: JsonPropertyName("codes")] Dictionary<string, long>? Codes);

internal sealed record UpsunTimelineUrl(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("impact")] double? Impact);
