using System.Globalization;
using System.Text.Json;

namespace Replay.Testing.Traffic.Upsun;

/// <summary>
/// Widens an overview's profile (at most 100 URLs, each with its own curve) with an <c>http/breakdown/urls</c>
/// response (up to 300 URLs, counts only). A URL the overview's timeline does not carry gets its count spread over
/// the buckets in proportion to each bucket's unlisted traffic (status-class total minus the listed URLs), which is
/// where production served it; the origin records how many URLs got such an estimated curve.
/// </summary>
internal static class UpsunBreakdownParser
{
    public static TrafficProfile Widen(TrafficProfile overview, string json, string sourceName)
    {
        UpsunBreakdownResponse response;
        try
        {
            response = JsonSerializer.Deserialize<UpsunBreakdownResponse>(json)
                ?? throw new TrafficSourceException($"{sourceName} is empty (JSON null); expected an Upsun http/breakdown/urls response.");
        }
        catch (JsonException e)
        {
            throw new TrafficSourceException($"{sourceName} is not a valid Upsun http/breakdown/urls response: {e.Message}", e);
        }

        if (response.Breakdown is not { } breakdown || breakdown.Kind is not (null or "url"))
        {
            throw new TrafficSourceException($"{sourceName} has no URL breakdown (\"breakdown.kind\" \"url\" with \"data\").");
        }

        var known = overview.Endpoints.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var listed = new Dictionary<string, TrafficEndpoint>(known, StringComparer.Ordinal);
        var hosts = new SortedSet<string>(overview.ProductionHosts, StringComparer.OrdinalIgnoreCase);
        foreach (var stats in breakdown.Data ?? [])
        {
            if (stats.Url is null || stats.Count <= 0)
            {
                continue;
            }

            var (host, path) = UpsunOverviewParser.SplitUrl(stats.Url);
            if (host.Length > 0)
            {
                hosts.Add(host);
            }

            var endpoint = new TrafficEndpoint((stats.Method ?? "GET").ToUpperInvariant(), path, stats.Count)
            {
                P50Milliseconds = stats.P50,
                P96Milliseconds = stats.P96,
                AverageMilliseconds = stats.Average,
            };

            // The overview's figures stand for a URL it lists (its curve sums to its count); the breakdown adds the rest.
            if (!known.ContainsKey(endpoint.Key))
            {
                listed[endpoint.Key] = listed.TryGetValue(endpoint.Key, out var twin) ? twin with { Count = twin.Count + endpoint.Count } : endpoint;
            }
        }

        var added = listed.Values.Where(e => !known.ContainsKey(e.Key)).ToList();
        var timeline = SpreadOverUnlisted(overview.Timeline, added);
        var endpoints = listed.Values.OrderByDescending(e => e.Count).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
        var details = new Dictionary<string, string>(overview.Origin.Details)
        {
            ["breakdownUrls"] = endpoints.Count.ToString(CultureInfo.InvariantCulture),
            ["curveFromUnlistedTraffic"] = added.Count.ToString(CultureInfo.InvariantCulture),
        };

        return overview with
        {
            Endpoints = endpoints,
            Timeline = timeline,
            TotalRequests = Math.Max(overview.TotalRequests, Math.Max(breakdown.Total, endpoints.Sum(e => e.Count))),
            ProductionHosts = [.. hosts],
            Origin = overview.Origin with { Details = details },
        };
    }

    private static List<TrafficBucket> SpreadOverUnlisted(IReadOnlyList<TrafficBucket> timeline, List<TrafficEndpoint> added)
    {
        if (added.Count == 0 || timeline.Count == 0)
        {
            return [.. timeline];
        }

        // Weights: the bucket's traffic the overview's URLs do not explain; failing that, its listed traffic; failing that, even.
        double[] weights = timeline.Select(b => (double)Math.Max(0, (b.Statuses?.Total ?? 0) - b.CoveredRequests)).ToArray();
        if (weights.Sum() <= 0)
        {
            weights = timeline.Select(b => (double)b.CoveredRequests).ToArray();
        }

        if (weights.Sum() <= 0)
        {
            weights = [.. timeline.Select(_ => 1.0)];
        }

        var counts = timeline.Select(b => new SortedDictionary<string, long>((IDictionary<string, long>)b.Counts.ToDictionary(), StringComparer.Ordinal)).ToList();
        foreach (var endpoint in added)
        {
            long[] shares = Apportion(endpoint.Count, weights);
            for (int i = 0; i < shares.Length; i++)
            {
                if (shares[i] > 0)
                {
                    counts[i][endpoint.Key] = counts[i].GetValueOrDefault(endpoint.Key) + shares[i];
                }
            }
        }

        return timeline.Select((b, i) => b with { Counts = counts[i] }).ToList();
    }

    // Largest remainder: the shares add up to the count exactly.
    private static long[] Apportion(long count, double[] weights)
    {
        double sum = weights.Sum();
        var shares = new long[weights.Length];
        var remainders = new (double Remainder, int Index)[weights.Length];
        long given = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double exact = count * weights[i] / sum;
            shares[i] = (long)Math.Floor(exact);
            given += shares[i];
            remainders[i] = (exact - shares[i], i);
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(count - given)))
        {
            shares[index]++;
        }

        return shares;
    }
}
