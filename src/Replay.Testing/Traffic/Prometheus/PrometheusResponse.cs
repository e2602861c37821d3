using System.Text.Json;
using System.Text.Json.Serialization;

namespace Replay.Testing.Traffic.Prometheus;

/// <summary>The envelope of a Prometheus HTTP API answer (<c>/api/v1/query</c>, <c>/api/v1/query_range</c>).</summary>
internal sealed record PrometheusResponse
{
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("errorType")] public string? ErrorType { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("data")] public PrometheusData? Data { get; init; }
}

internal sealed record PrometheusData
{
    [JsonPropertyName("resultType")] public string? ResultType { get; init; }
    [JsonPropertyName("result")] public List<PrometheusSeries> Result { get; init; } = [];
}

/// <summary>One series: its labels and either one sample (<c>value</c>) or many (<c>values</c>), each [time, "number"].</summary>
internal sealed record PrometheusSeries
{
    [JsonPropertyName("metric")] public Dictionary<string, string> Metric { get; init; } = [];
    [JsonPropertyName("value")] public JsonElement[]? Value { get; init; }
    [JsonPropertyName("values")] public List<JsonElement[]> Values { get; init; } = [];
}
