using System.Text.Json.Nodes;

namespace ShopApp.IncidentSnapshot;

/// <summary>
/// The 2026-03-10 outage as Upsun's observability API reported it. At 12:20 a marketing e-mail sent shoppers to the
/// catalogue; its page ran one query per product, the single 1-CPU container saturated, and for fifteen minutes the
/// catalogue (and everything queued behind it) timed out at the edge with 5xx.
/// </summary>
internal static class IncidentTraffic
{
    public const string Host = "https://shop.example.com";
    private const double BaseRate = 40;   // requests per second on an ordinary Tuesday noon

    // Path, method, share of ordinary traffic, production p50 and p96 over the window (ms), response size (bytes).
    private static readonly (string Method, string Path, double Share, double P50, double P96, int Bytes)[] Urls =
    [
        ("GET", "/products/{id}", 0.28, 24, 1_900, 9_000),
        ("GET", "/catalog", 0.20, 610, 11_400, 58_000),
        ("GET", "/categories/{slug}", 0.10, 31, 2_100, 14_000),
        ("GET", "/search", 0.09, 44, 2_600, 7_500),
        ("GET", "/cart", 0.08, 9, 1_200, 1_200),
        ("GET", "/static/app.js", 0.07, 3, 14, 31_000),
        ("POST", "/cart/items", 0.06, 22, 1_700, 900),
        ("GET", "/users/{id}/orders", 0.05, 18, 1_500, 2_400),
        ("GET", "/health", 0.04, 2, 9, 60),
        ("POST", "/checkout", 0.03, 75, 3_200, 400),
    ];

    public static bool InBurst(int minute) => minute is >= 20 and < 35;

    public static JsonObject HttpOverview(DateTimeOffset start)
    {
        var random = new Random(1203);
        var totals = new double[Urls.Length];
        var timelines = new JsonArray();
        for (int minute = 0; minute < 60; minute++)
        {
            var urls = new JsonObject();
            long minuteTotal = 0, minuteCatalog = 0, bytes = 0;
            for (int u = 0; u < Urls.Length; u++)
            {
                var url = Urls[u];
                double rate = BaseRate * url.Share * (InBurst(minute) ? (url.Path == "/catalog" ? 6.5 : 1.25) : 1);
                long count = (long)Math.Round(rate * 60 * (0.92 + (random.NextDouble() * 0.16)));
                totals[u] += count;
                minuteTotal += count;
                bytes += count * url.Bytes;
                if (url.Path == "/catalog")
                {
                    minuteCatalog = count;
                }

                urls[Key(url.Method, url.Path)] = new JsonObject { ["count"] = count, ["impact"] = Math.Round(count * url.P50 / 1000.0, 2) };
            }

            // 4 % of requests went to URLs outside the top ten.
            long other = minuteTotal * 4 / 100;
            long all = minuteTotal + other;
            long serverErrors = InBurst(minute) ? (minuteCatalog * 38 / 100) + ((minuteTotal - minuteCatalog) * 9 / 100) : all / 900;
            long clientErrors = all / 120, redirects = all / 60;
            timelines.Add(new JsonObject
            {
                ["timestamp"] = (start + TimeSpan.FromMinutes(minute)).ToUnixTimeSeconds(),
                ["request_size"] = all * 620,
                ["response_size"] = bytes + (other * 4_000),
                ["urls"] = urls,
                ["codes"] = new JsonObject
                {
                    ["UNKNOWN"] = 0, ["1XX"] = 0, ["2XX"] = all - serverErrors - clientErrors - redirects,
                    ["3XX"] = redirects, ["4XX"] = clientErrors, ["5XX"] = serverErrors,
                },
            });
        }

        var urlStats = new JsonObject();
        for (int u = 0; u < Urls.Length; u++)
        {
            var url = Urls[u];
            double average = Math.Round((url.P50 * 0.6) + (url.P96 * 0.12), 1);
            urlStats[Key(url.Method, url.Path)] = new JsonObject
            {
                ["url"] = Host + url.Path, ["method"] = url.Method, ["impact"] = Math.Round(average * totals[u], 2),
                ["average"] = average, ["p_50"] = url.P50, ["p_96"] = url.P96, ["count"] = (long)totals[u],
            };
        }

        return new JsonObject
        {
            ["_grain"] = 60, ["_from"] = start.ToUnixTimeSeconds(), ["_to"] = start.AddHours(1).ToUnixTimeSeconds(),
            ["_project_id"] = "shop4x7k2q", ["_environment_id"] = "main", ["_environment_type"] = "production",
            ["_branch_machine_name"] = "main-shop4x7", ["_top_urls_count"] = Urls.Length,
            ["data"] = new JsonObject { ["urls"] = urlStats, ["timelines"] = timelines },
        };
    }

    public static JsonObject ResourcesOverview(DateTimeOffset start)
    {
        var random = new Random(1204);
        var data = new JsonArray();
        for (int minute = 0; minute < 60; minute++)
        {
            double cpu = InBurst(minute) ? 0.97 + (random.NextDouble() * 0.03) : 0.32 + (random.NextDouble() * 0.12);
            double memory = (InBurst(minute) ? 690 : 410 + (minute % 7 * 6)) * 1048576.0;
            data.Add(new JsonObject
            {
                ["timestamp"] = (start + TimeSpan.FromMinutes(minute)).ToUnixTimeSeconds(),
                ["services"] = new JsonObject
                {
                    ["app"] = new JsonObject
                    {
                        ["cpu_used"] = new JsonObject { ["avg"] = Math.Round(cpu * 0.85, 3), ["max"] = Math.Round(cpu, 3) },
                        ["cpu_limit"] = new JsonObject { ["max"] = 1.0 },
                        ["memory_used"] = new JsonObject { ["avg"] = Math.Round(memory * 0.95), ["max"] = Math.Round(memory) },
                        ["memory_limit"] = new JsonObject { ["max"] = 1073741824 },
                    },
                },
            });
        }

        return new JsonObject
        {
            ["_grain"] = 60, ["_from"] = start.ToUnixTimeSeconds(), ["_to"] = start.AddHours(1).ToUnixTimeSeconds(),
            ["_project_id"] = "shop4x7k2q", ["_environment_id"] = "main", ["_branch_machine_name"] = "main-shop4x7",
            ["data"] = data,
        };
    }

    private static string Key(string method, string path) => $"{method}-{Host}{path}";
}
