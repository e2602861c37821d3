using System.Text.Json.Serialization;

namespace Replay.Testing.Traffic.Upsun;

// The body of GET …/observability/http/breakdown/urls, as the Upsun OpenAPI schema gives it: up to 300 URLs ranked by
// impact, with the same per-URL statistics as the overview. Its timeline covers only the top hits (at most 15), so
// the overview's timeline is what carries the curve; the filter echoes are not read.

internal sealed record UpsunBreakdownResponse(
    [property: JsonPropertyName("_grain")] int Grain,
    [property: JsonPropertyName("_breakdown_limit")] int? Limit,
    [property: JsonPropertyName("breakdown")] UpsunBreakdown? Breakdown);

internal sealed record UpsunBreakdown(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("data")] List<UpsunUrlStats>? Data);
