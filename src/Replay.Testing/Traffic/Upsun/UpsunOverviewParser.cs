using System.Text.Json;

namespace Replay.Testing.Traffic.Upsun;

/// <summary>Turns an Upsun <c>http-metrics/overview</c> response into a <see cref="TrafficProfile"/>.</summary>
internal static class UpsunOverviewParser
{
    public static TrafficProfile Parse(string json, IncidentWindow window, string sourceName)
    {
        UpsunOverviewResponse response;
        try
        {
            response = JsonSerializer.Deserialize<UpsunOverviewResponse>(json)
                ?? throw new TrafficSourceException($"{sourceName} is empty (JSON null); expected an Upsun http-metrics/overview response.");
        }
        catch (JsonException e)
        {
            throw new TrafficSourceException(
                $"{sourceName} is not a valid Upsun http-metrics/overview response: {e.Message}", e);
        }

        if (response.Grain <= 0)
        {
            throw new TrafficSourceException($"{sourceName} has no positive \"_grain\" (bucket size in seconds): {response.Grain}.");
        }

        var urls = response.Data?.Urls ?? [];
        var keyToEndpoint = new Dictionary<string, string>(StringComparer.Ordinal);
        var hosts = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var endpoints = new List<TrafficEndpoint>();
        foreach (var (upsunKey, stats) in urls)
        {
            var (method, url) = SplitKey(upsunKey, stats);
            var (host, path) = SplitUrl(url);
            if (host.Length > 0)
            {
                hosts.Add(host);
            }

            var endpoint = new TrafficEndpoint(method, path, stats.Count)
            {
                P50Milliseconds = stats.P50,
                P96Milliseconds = stats.P96,
                AverageMilliseconds = stats.Average,
            };
            keyToEndpoint[upsunKey] = endpoint.Key;
            endpoints.Add(endpoint);
        }

        endpoints = MergeDuplicates(endpoints);
        var timeline = (response.Data?.Timelines ?? [])
            .OrderBy(p => p.Timestamp)
            .Select(p => ToBucket(p, keyToEndpoint))
            .ToList();

        long statusTotal = timeline.Sum(b => b.Statuses?.Total ?? 0);
        long covered = endpoints.Sum(e => e.Count);

        var details = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Add(details, "project", response.ProjectId);
        Add(details, "environment", response.EnvironmentId);
        Add(details, "environmentType", response.EnvironmentType);
        Add(details, "branchMachineName", response.BranchMachineName);
        Add(details, "topUrlsCount", response.TopUrlsCount?.ToString(System.Globalization.CultureInfo.InvariantCulture));

        return new TrafficProfile
        {
            Window = window,
            BucketSize = TimeSpan.FromSeconds(response.Grain),
            Endpoints = endpoints,
            Timeline = timeline,
            TotalRequests = Math.Max(statusTotal, covered),
            ProductionHosts = [.. hosts],
            Origin = new TrafficOrigin("upsun", $"Upsun project {response.ProjectId ?? "?"}, environment {response.EnvironmentId ?? "?"}")
            {
                Details = details,
            },
        };
    }

    private static TrafficBucket ToBucket(UpsunTimelinePoint point, Dictionary<string, string> keyToEndpoint)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (upsunKey, value) in point.Urls ?? [])
        {
            // A timeline may name a URL that fell out of the top list; keep it under its own key.
            string key = keyToEndpoint.TryGetValue(upsunKey, out var k) ? k : KeyFromUpsunKey(upsunKey);
            counts[key] = counts.GetValueOrDefault(key) + value.Count;
        }

        StatusClassCounts? statuses = point.Codes is { } codes
            ? new StatusClassCounts(
                codes.GetValueOrDefault("1XX"), codes.GetValueOrDefault("2XX"), codes.GetValueOrDefault("3XX"),
                codes.GetValueOrDefault("4XX"), codes.GetValueOrDefault("5XX"), codes.GetValueOrDefault("UNKNOWN"))
            : point.Urls is null or { Count: 0 }
                ? new StatusClassCounts(0, 0, 0, 0, 0, 0)   // the schema's empty bucket: a timestamp only, so no request of any class
                : null;

        return new TrafficBucket(DateTimeOffset.FromUnixTimeSeconds(point.Timestamp), counts)
        {
            Statuses = statuses,
            RequestBytes = point.RequestSize,
            ResponseBytes = point.ResponseSize,
        };
    }

    private static List<TrafficEndpoint> MergeDuplicates(List<TrafficEndpoint> endpoints) =>
        endpoints
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.First() : g.First() with { Count = g.Sum(e => e.Count) })
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

    private static string KeyFromUpsunKey(string upsunKey)
    {
        var (method, url) = SplitKey(upsunKey, null);
        return TrafficEndpoint.KeyOf(method, SplitUrl(url).Path);
    }

    // Keys look like "GET-https://example.com/api/products"; the entry's own method and url win when present.
    private static (string Method, string Url) SplitKey(string key, UpsunUrlStats? stats)
    {
        int dash = key.IndexOf('-', StringComparison.Ordinal);
        string method = stats?.Method ?? (dash > 0 ? key[..dash] : "GET");
        string url = stats?.Url ?? (dash > 0 ? key[(dash + 1)..] : key);
        return (method.ToUpperInvariant(), url);
    }

    // Not System.Uri: it would escape the braces of a template such as /api/users/{id}.
    internal static (string Host, string Path) SplitUrl(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return (string.Empty, url.StartsWith('/') ? url : "/" + url);
        }

        int hostStart = scheme + 3;
        int pathStart = url.IndexOfAny(['/', '?'], hostStart);
        string authority = pathStart < 0 ? url[hostStart..] : url[hostStart..pathStart];
        string path = pathStart < 0 ? "/" : url[pathStart..];
        if (path.StartsWith('?'))
        {
            path = "/" + path;
        }

        int at = authority.LastIndexOf('@');
        string hostPort = at >= 0 ? authority[(at + 1)..] : authority;
        int colon = hostPort.LastIndexOf(':');
        string host = colon > 0 && !hostPort.EndsWith(']') ? hostPort[..colon] : hostPort;
        return (host, path);
    }

    private static void Add(IDictionary<string, string> details, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            details[key] = value;
        }
    }
}
