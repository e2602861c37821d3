using System.Text.Json.Serialization;

namespace Replay.Testing.Traffic.Upsun;

// The body of GET …/observability/resources/overview: per-bucket metrics per service. Every leaf is nullable.

internal sealed record UpsunResourcesResponse(
    [property: JsonPropertyName("_grain")] int Grain,
    [property: JsonPropertyName("_from")] long From,
    [property: JsonPropertyName("_to")] long To,
    [property: JsonPropertyName("data")] List<UpsunResourcesPoint>? Data);

internal sealed record UpsunResourcesPoint(
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("services")] Dictionary<string, UpsunServiceMetrics>? Services);

internal sealed record UpsunServiceMetrics(
    [property: JsonPropertyName("cpu_used")] UpsunAggregate? CpuUsed,
    [property: JsonPropertyName("cpu_limit")] UpsunAggregate? CpuLimit,
    [property: JsonPropertyName("memory_used")] UpsunAggregate? MemoryUsed,
    [property: JsonPropertyName("memory_limit")] UpsunAggregate? MemoryLimit);

internal sealed record UpsunAggregate(
    [property: JsonPropertyName("avg")] double? Avg,
    [property: JsonPropertyName("max")] double? Max,
    [property: JsonPropertyName("p95")] double? P95);
