using System.Text.Json.Serialization;

namespace Replay.Testing.Traffic.Snapshots;

// The on-disk form of a traffic snapshot. Property order here is the key order in the file; dictionaries are
// written sorted, so a re-saved snapshot diffs only where the traffic changed. Bump SchemaVersion on any change
// that an older reader would misread.

internal sealed record TrafficSnapshotDocument
{
    // 2: endpoints may carry "templateValues" (an access log's value pools).
    // 3: "sequence" names the gzip file of the window's requests in order. Written only when there is a sequence,
    //    so snapshots without one stay readable by version-2 readers.
    public const int CurrentSchemaVersion = 3;
    public const int SchemaVersionWithoutSequence = 2;

    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("window")] public required SnapshotWindow Window { get; init; }
    [JsonPropertyName("bucketSeconds")] public double BucketSeconds { get; init; }
    [JsonPropertyName("totalRequests")] public long TotalRequests { get; init; }
    [JsonPropertyName("productionHosts")] public IReadOnlyList<string> ProductionHosts { get; init; } = [];
    [JsonPropertyName("origin")] public required SnapshotOrigin Origin { get; init; }
    [JsonPropertyName("production")] public SnapshotProduction? Production { get; init; }
    [JsonPropertyName("diagnostics")] public SnapshotDiagnostics? Diagnostics { get; init; }
    [JsonPropertyName("endpoints")] public IReadOnlyList<SnapshotEndpoint> Endpoints { get; init; } = [];
    [JsonPropertyName("timeline")] public IReadOnlyList<SnapshotBucket> Timeline { get; init; } = [];
    [JsonPropertyName("sequence")] public SnapshotSequence? Sequence { get; init; }
}

internal sealed record SnapshotSequence(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("sha256")] string Sha256);

internal sealed record SnapshotWindow(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset End);

internal sealed record SnapshotOrigin
{
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("description")] public required string Description { get; init; }
    [JsonPropertyName("fetchedAt")] public DateTimeOffset? FetchedAt { get; init; }
    [JsonPropertyName("details")] public SortedDictionary<string, string> Details { get; init; } = new(StringComparer.Ordinal);
}

internal sealed record SnapshotEndpoint
{
    [JsonPropertyName("method")] public required string Method { get; init; }
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("count")] public long Count { get; init; }
    [JsonPropertyName("p50Ms")] public double? P50Ms { get; init; }
    [JsonPropertyName("p96Ms")] public double? P96Ms { get; init; }
    [JsonPropertyName("averageMs")] public double? AverageMs { get; init; }
    [JsonPropertyName("statuses")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SnapshotStatuses? Statuses { get; init; }
    [JsonPropertyName("templateValues")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, IReadOnlyList<string>>? TemplateValues { get; init; }
    [JsonPropertyName("distinctTemplateValues")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, long>? DistinctTemplateValues { get; init; }
}

internal sealed record SnapshotBucket
{
    [JsonPropertyName("start")] public DateTimeOffset Start { get; init; }
    [JsonPropertyName("counts")] public SortedDictionary<string, long> Counts { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("statuses")] public SnapshotStatuses? Statuses { get; init; }
    [JsonPropertyName("requestBytes")] public long? RequestBytes { get; init; }
    [JsonPropertyName("responseBytes")] public long? ResponseBytes { get; init; }
}

internal sealed record SnapshotStatuses(
    [property: JsonPropertyName("1xx")] long Informational,
    [property: JsonPropertyName("2xx")] long Success,
    [property: JsonPropertyName("3xx")] long Redirection,
    [property: JsonPropertyName("4xx")] long ClientError,
    [property: JsonPropertyName("5xx")] long ServerError,
    [property: JsonPropertyName("unknown")] long Unknown);

internal sealed record SnapshotProduction
{
    [JsonPropertyName("cpuCores")] public double? CpuCores { get; init; }
    [JsonPropertyName("memoryBytes")] public long? MemoryBytes { get; init; }
    [JsonPropertyName("instances")] public int? Instances { get; init; }
    [JsonPropertyName("source")] public string Source { get; init; } = string.Empty;
    [JsonPropertyName("usage")] public IReadOnlyList<SnapshotUsage> Usage { get; init; } = [];
}

internal sealed record SnapshotUsage(
    [property: JsonPropertyName("offsetSeconds")] double OffsetSeconds,
    [property: JsonPropertyName("cpuCores")] double CpuCores,
    [property: JsonPropertyName("memoryBytes")] long MemoryBytes);

// The fields after "samples" are optional, so snapshots written before them read (and older readers skip them).
internal sealed record SnapshotDiagnostics(
    [property: JsonPropertyName("recordsRead")] long RecordsRead,
    [property: JsonPropertyName("recordsSkipped")] long RecordsSkipped,
    [property: JsonPropertyName("samples")] IReadOnlyList<string> Samples)
{
    [JsonPropertyName("skippedByKind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, long>? SkippedByKind { get; init; }

    [JsonPropertyName("recordsOutsideWindow")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RecordsOutsideWindow { get; init; }

    [JsonPropertyName("firstSeen")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? FirstSeen { get; init; }

    [JsonPropertyName("lastSeen")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastSeen { get; init; }
}
