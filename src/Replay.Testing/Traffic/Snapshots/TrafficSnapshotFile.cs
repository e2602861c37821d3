using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Replay.Testing.Traffic.Snapshots;

/// <summary>
/// Saves and loads traffic profiles as versioned JSON snapshot files, committed beside the tests so that a pipeline
/// replays offline and deterministically.
/// </summary>
public static class TrafficSnapshotFile
{
    /// <summary>The suffix every snapshot file name ends with.</summary>
    public const string Suffix = ".traffic.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The file name of the snapshot of a window from a source kind: <c>2026-03-10T1200Z_2026-03-10T1300Z.upsun.traffic.json</c>.</summary>
    public static string FileNameFor(IncidentWindow window, string sourceKind) => $"{window.ToFileStem()}.{sourceKind}{Suffix}";

    /// <summary>
    /// Writes a profile to a snapshot file, creating its folder. A profile with a request sequence also writes it
    /// beside the snapshot (<c>….requests.tsv.gz</c>, named and hashed in the snapshot); commit both.
    /// </summary>
    public static void Save(TrafficProfile profile, string path)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string sequencePath = Path.Combine(directory, SequenceFileName(path));
        SnapshotSequence? sequence = null;
        if (profile.Sequence is { } requests)
        {
            byte[] bytes = RequestSequenceFile.Write(requests);
            File.WriteAllBytes(sequencePath, bytes);
            sequence = new SnapshotSequence(Path.GetFileName(sequencePath), requests.Count, Sha256(bytes));
        }
        else if (File.Exists(sequencePath))
        {
            File.Delete(sequencePath);   // an earlier save's sequence would no longer match the snapshot
        }

        File.WriteAllText(path, Serialize(profile, sequence), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Reads a snapshot file.</summary>
    /// <exception cref="TrafficSourceException">The file is missing, malformed, or from a newer schema.</exception>
    public static TrafficProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new TrafficSourceException($"The traffic snapshot \"{path}\" does not exist.");
        }

        return Deserialize(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>
    /// The SHA-256 of a snapshot file, as lower-case hex, for the report's reproducibility block. It covers the request
    /// sequence too, whose own hash the snapshot holds.
    /// </summary>
    public static string HashOf(string path) => Sha256(File.ReadAllBytes(path));

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    // 2026-03-10T1200Z_2026-03-10T1300Z.access-log.traffic.json -> 2026-03-10T1200Z_2026-03-10T1300Z.access-log.requests.tsv.gz
    private static string SequenceFileName(string path)
    {
        string name = Path.GetFileName(path);
        string stem = name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) ? name[..^Suffix.Length] : Path.GetFileNameWithoutExtension(name);
        return stem + ".requests.tsv.gz";
    }

    internal static string Serialize(TrafficProfile profile, SnapshotSequence? sequence = null)
    {
        var document = new TrafficSnapshotDocument
        {
            SchemaVersion = sequence is null ? TrafficSnapshotDocument.SchemaVersionWithoutSequence : TrafficSnapshotDocument.CurrentSchemaVersion,
            Window = new SnapshotWindow(profile.Window.Start, profile.Window.End),
            BucketSeconds = profile.BucketSize.TotalSeconds,
            TotalRequests = profile.TotalRequests,
            ProductionHosts = profile.ProductionHosts.Order(StringComparer.Ordinal).ToList(),
            Origin = new SnapshotOrigin
            {
                Kind = profile.Origin.Kind,
                Description = profile.Origin.Description,
                FetchedAt = profile.Origin.FetchedAt,
                Details = new SortedDictionary<string, string>(profile.Origin.Details.ToDictionary(), StringComparer.Ordinal),
            },
            Production = profile.ProductionResources is { } production
                ? new SnapshotProduction
                {
                    CpuCores = production.CpuCores,
                    MemoryBytes = production.MemoryBytes,
                    Instances = production.Instances,
                    Source = production.Source,
                    Usage = production.Usage.Select(u => new SnapshotUsage(u.Offset.TotalSeconds, u.CpuCores, u.MemoryBytes)).ToList(),
                }
                : null,
            Diagnostics = profile.Diagnostics is { } d
                ? new SnapshotDiagnostics(d.RecordsRead, d.RecordsSkipped, d.Samples)
                {
                    SkippedByKind = d.SkippedByKind.Count > 0 ? new SortedDictionary<string, long>(d.SkippedByKind.ToDictionary(), StringComparer.Ordinal) : null,
                    RecordsOutsideWindow = d.RecordsOutsideWindow,
                    FirstSeen = d.FirstSeen,
                    LastSeen = d.LastSeen,
                }
                : null,
            Endpoints = profile.Endpoints.Select(e => new SnapshotEndpoint
            {
                Method = e.Method,
                Path = e.Path,
                Count = e.Count,
                P50Ms = e.P50Milliseconds,
                P96Ms = e.P96Milliseconds,
                AverageMs = e.AverageMilliseconds,
                Statuses = e.Statuses is { } es ? new SnapshotStatuses(es.Informational, es.Success, es.Redirection, es.ClientError, es.ServerError, es.Unknown) : null,
                TemplateValues = e.TemplateValues.Count == 0 ? null : new(e.TemplateValues.ToDictionary(), StringComparer.Ordinal),
                DistinctTemplateValues = e.DistinctTemplateValues.Count == 0 ? null : new(e.DistinctTemplateValues.ToDictionary(), StringComparer.Ordinal),
            }).ToList(),
            Timeline = profile.Timeline.Select(b => new SnapshotBucket
            {
                Start = b.Start,
                Counts = new SortedDictionary<string, long>(b.Counts.ToDictionary(), StringComparer.Ordinal),
                Statuses = b.Statuses is { } s
                    ? new SnapshotStatuses(s.Informational, s.Success, s.Redirection, s.ClientError, s.ServerError, s.Unknown)
                    : null,
                RequestBytes = b.RequestBytes,
                ResponseBytes = b.ResponseBytes,
            }).ToList(),
            Sequence = sequence,
        };
        // The same bytes on Windows and Linux, so a snapshot refreshed on either diffs cleanly.
        return JsonSerializer.Serialize(document, Options).ReplaceLineEndings("\n") + "\n";
    }

    internal static TrafficProfile Deserialize(string json, string name, string? directory = null)
    {
        TrafficSnapshotDocument? document;
        try
        {
            using var probe = JsonDocument.Parse(json);
            if (!probe.RootElement.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new TrafficSourceException(
                    $"The traffic snapshot \"{name}\" has no \"schemaVersion\": it is not a Replay.Testing snapshot. " +
                    "Recreate it with REPLAY_REFRESH=1, or save a profile with TrafficSnapshotFile.Save.");
            }

            if (version.GetInt32() > TrafficSnapshotDocument.CurrentSchemaVersion)
            {
                throw new TrafficSourceException(
                    $"The traffic snapshot \"{name}\" has schema version {version.GetInt32()}, newer than this Replay.Testing " +
                    $"reads ({TrafficSnapshotDocument.CurrentSchemaVersion}). Update the Replay.Testing packages.");
            }

            document = JsonSerializer.Deserialize<TrafficSnapshotDocument>(json, Options);
        }
        catch (JsonException e)
        {
            throw new TrafficSourceException($"The traffic snapshot \"{name}\" is not valid JSON: {e.Message}", e);
        }

        if (document is null)
        {
            throw new TrafficSourceException($"The traffic snapshot \"{name}\" is empty.");
        }

        if (document.BucketSeconds <= 0)
        {
            throw new TrafficSourceException($"The traffic snapshot \"{name}\" has \"bucketSeconds\" {document.BucketSeconds}; it must be positive.");
        }

        IncidentWindow window;
        try
        {
            window = new IncidentWindow(document.Window.Start, document.Window.End);
        }
        catch (ArgumentException e)
        {
            throw new TrafficSourceException($"The traffic snapshot \"{name}\" has an invalid window: {e.Message}", e);
        }

        return new TrafficProfile
        {
            Window = window,
            BucketSize = TimeSpan.FromSeconds(document.BucketSeconds),
            TotalRequests = document.TotalRequests,
            ProductionHosts = document.ProductionHosts,
            Origin = new TrafficOrigin(document.Origin.Kind, document.Origin.Description)
            {
                FetchedAt = document.Origin.FetchedAt,
                Details = document.Origin.Details,
            },
            ProductionResources = document.Production is { } production
                ? new ProductionResources
                {
                    CpuCores = production.CpuCores,
                    MemoryBytes = production.MemoryBytes,
                    Instances = production.Instances,
                    Source = production.Source,
                    Usage = production.Usage.Select(u => new Environments.Resources.ResourceSample(TimeSpan.FromSeconds(u.OffsetSeconds), u.CpuCores, u.MemoryBytes)).ToList(),
                }
                : null,
            Diagnostics = document.Diagnostics is { } d
                ? new TrafficDiagnostics(d.RecordsRead, d.RecordsSkipped, d.Samples)
                {
                    SkippedByKind = d.SkippedByKind ?? new SortedDictionary<string, long>(StringComparer.Ordinal),
                    RecordsOutsideWindow = d.RecordsOutsideWindow ?? 0,
                    FirstSeen = d.FirstSeen,
                    LastSeen = d.LastSeen,
                }
                : null,
            Endpoints = document.Endpoints.Select(e => new TrafficEndpoint(e.Method, e.Path, e.Count)
            {
                P50Milliseconds = e.P50Ms,
                P96Milliseconds = e.P96Ms,
                AverageMilliseconds = e.AverageMs,
                Statuses = e.Statuses is { } es ? new StatusClassCounts(es.Informational, es.Success, es.Redirection, es.ClientError, es.ServerError, es.Unknown) : null,
                TemplateValues = e.TemplateValues is { } values
                    ? values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)
                    : new Dictionary<string, IReadOnlyList<string>>(),
                DistinctTemplateValues = e.DistinctTemplateValues ?? new SortedDictionary<string, long>(StringComparer.Ordinal),
            }).ToList(),
            Timeline = document.Timeline.Select(b => new TrafficBucket(b.Start, b.Counts)
            {
                Statuses = b.Statuses is { } s
                    ? new StatusClassCounts(s.Informational, s.Success, s.Redirection, s.ClientError, s.ServerError, s.Unknown)
                    : null,
                RequestBytes = b.RequestBytes,
                ResponseBytes = b.ResponseBytes,
            }).ToList(),
            Sequence = document.Sequence is { } sequence ? ReadSequence(sequence, name, directory) : null,
        };
    }

    private static RequestSequence ReadSequence(SnapshotSequence sequence, string name, string? directory)
    {
        string path = Path.Combine(directory ?? ".", sequence.File);
        if (directory is null || Path.GetFileName(sequence.File) != sequence.File || !File.Exists(path))
        {
            throw new TrafficSourceException(
                $"The traffic snapshot \"{name}\" keeps its request sequence in \"{sequence.File}\", which is not beside it. " +
                "Commit the .requests.tsv.gz file with the snapshot, or refresh both with REPLAY_REFRESH=1.");
        }

        byte[] bytes = File.ReadAllBytes(path);
        if (!string.Equals(Sha256(bytes), sequence.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new TrafficSourceException(
                $"The request sequence \"{path}\" is not the one the snapshot \"{name}\" was saved with (its SHA-256 differs). " +
                "Restore it from version control, or refresh both with REPLAY_REFRESH=1.");
        }

        var requests = RequestSequenceFile.Read(bytes, path);
        if (requests.Count != sequence.Requests)
        {
            throw new TrafficSourceException($"The request sequence \"{path}\" holds {requests.Count:N0} requests; the snapshot \"{name}\" says {sequence.Requests:N0}.");
        }

        return requests;
    }
}
