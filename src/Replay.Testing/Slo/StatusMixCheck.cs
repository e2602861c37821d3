using System.Globalization;
using Replay.Testing.Load;
using Replay.Testing.Traffic;

namespace Replay.Testing.Slo;

/// <summary>
/// "Status mix like production": the replay's share of 1xx, 3xx and 4xx answers may not rise more than a tolerance
/// above production's during the window, for the whole replay and per endpoint where the source counted each
/// endpoint's classes. A fast 401 or 404 is not a pass: it means the clone did not serve the incident's traffic.
/// (5xx answers are errors, judged by the error rate.)
/// </summary>
internal static class StatusMixCheck
{
    private const string Metric = "status mix like production";

    // Fewer answers than this make an endpoint's shares noise; the whole-replay row still counts them.
    private const long MinEndpointAnswers = 20;

    private static readonly int[] JudgedClasses = [4, 3, 1];

    public static IEnumerable<SloCheck> Evaluate(double tolerance, ReplayResult result, TrafficProfile? production)
    {
        string limit = "1xx/3xx/4xx <= production + " + Points(tolerance);
        var statuses = ProductionStatuses(production);
        if (statuses is null)
        {
            yield return SloCheck.NotAvailable(SloCheck.AllEndpoints, Metric, limit, "no status classes in the traffic source");
            yield break;
        }

        long answered = result.StatusCodes.Values.Sum();
        if (answered == 0)
        {
            yield return new SloCheck(SloCheck.AllEndpoints, Metric, limit, SloPolicy.NoResponses, false, tolerance, double.NaN);
            yield break;
        }

        var (worstClass, excess) = WorstExcess(ClassesOf(result.StatusCodes), statuses);
        worstClass = excess > 0 ? worstClass : 4;   // when no class rose, show the one a missing session or a wrong path would raise
        bool passed = excess <= tolerance;
        yield return new SloCheck(SloCheck.AllEndpoints, Metric, limit,
            $"{worstClass}xx {SloText.Percent(Share(ClassesOf(result.StatusCodes), worstClass))} (production {SloText.Percent(Share(statuses, worstClass))})",
            passed, tolerance, excess)
        {
            Detail = passed ? null : Culprits(result, production!, statuses, tolerance),
        };

        foreach (var endpoint in result.Endpoints)
        {
            var incident = production!.FindEndpoint(endpoint.Key);
            long endpointAnswered = endpoint.StatusCodes.Values.Sum();
            if (incident?.Statuses is not { Total: > 0 } expected || endpointAnswered < MinEndpointAnswers)
            {
                continue;
            }

            var (cls, over) = WorstExcess(ClassesOf(endpoint.StatusCodes), expected);
            if (over > tolerance)
            {
                yield return new SloCheck(endpoint.Key, Metric, limit,
                    $"{cls}xx {SloText.Percent(Share(ClassesOf(endpoint.StatusCodes), cls))} (production {SloText.Percent(Share(expected, cls))})",
                    false, tolerance, over)
                {
                    Detail = Codes(endpoint, cls, expected),
                };
            }
        }
    }

    /// <summary>Production's answers by status class over the window, or null when the source has none.</summary>
    internal static StatusClassCounts? ProductionStatuses(TrafficProfile? production)
    {
        var buckets = production?.Timeline.Select(b => b.Statuses).OfType<StatusClassCounts>().ToList();
        if (buckets is not { Count: > 0 })
        {
            return null;
        }

        var total = buckets.Aggregate((a, b) => a + b);
        return total.Total - total.Unknown > 0 ? total : null;
    }

    private static long[] ClassesOf(IReadOnlyDictionary<int, long> codes)
    {
        var classes = new long[6];
        foreach (var (code, count) in codes)
        {
            classes[Math.Clamp(code / 100, 0, 5)] += count;
        }

        return classes;
    }

    private static (int Class, double Excess) WorstExcess(long[] replay, StatusClassCounts production) =>
        JudgedClasses.Select(c => (c, Share(replay, c) - Share(production, c))).MaxBy(x => x.Item2);

    private static double Share(long[] classes, int cls)
    {
        long total = classes.Sum();
        return total == 0 ? 0 : (double)classes[cls] / total;
    }

    // Shares of known classes: responses the source could not classify are left out of both sides.
    private static double Share(StatusClassCounts counts, int cls)
    {
        long known = counts.Total - counts.Unknown;
        long n = cls switch
        {
            1 => counts.Informational,
            2 => counts.Success,
            3 => counts.Redirection,
            4 => counts.ClientError,
            _ => counts.ServerError,
        };
        return known == 0 ? 0 : (double)n / known;
    }

    // The endpoints and codes behind a failed whole-replay row, largest first: "GET /cart: 401 × 1,204 (production: 0.3 % 4xx)".
    private static string Culprits(ReplayResult result, TrafficProfile production, StatusClassCounts statuses, double tolerance)
    {
        var failing = JudgedClasses.Where(c => Share(ClassesOf(result.StatusCodes), c) - Share(statuses, c) > tolerance).ToHashSet();
        var rows = result.Endpoints
            .SelectMany(e => e.StatusCodes.Where(s => failing.Contains(s.Key / 100)).Select(s => (Endpoint: e.Key, Code: s.Key, Count: s.Value)))
            .OrderByDescending(x => x.Count).ToList();
        var text = rows.Take(5).Select(x =>
        {
            var expected = production.FindEndpoint(x.Endpoint)?.Statuses is { Total: > 0 } own ? own : statuses;
            return $"{x.Endpoint}: {x.Code} × {SloText.Count(x.Count)} (production: {SloText.Percent(Share(expected, x.Code / 100))} {x.Code / 100}xx)";
        });
        string more = rows.Count > 5 ? $"; and {rows.Count - 5} more endpoint and code pairs" : "";
        return string.Join("; ", text) + more;
    }

    private static string Codes(EndpointResult endpoint, int cls, StatusClassCounts expected) =>
        string.Join(", ", endpoint.StatusCodes.Where(s => s.Key / 100 == cls).OrderByDescending(s => s.Value)
            .Select(s => $"{s.Key} × {SloText.Count(s.Value)}")) + $" (production: {SloText.Percent(Share(expected, cls))} {cls}xx)";

    private static string Points(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " pp";

}
