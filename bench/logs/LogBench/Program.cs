// The access-log source under bench/logs/run.sh.
//   generate FILE LINES   writes a realistic combined-format log: one hour from 2026-03-10T12:00Z, tens of thousands of
//                         distinct product URLs, real user agents, query strings, assets, a few error statuses
//   read FILE RUNS        reads it with AccessLogTrafficSource RUNS times; prints the median lines per second
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Replay.Testing;
using Replay.Testing.Traffic.AccessLogs;

var culture = CultureInfo.InvariantCulture;
var start = DateTimeOffset.Parse("2026-03-10T12:00Z", culture);
switch (args[0])
{
    case "generate":
    {
        long lines = long.Parse(args[2], culture);
        string[] agents =
        [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "curl/8.5.0",
        ];
        string[] slugs = ["lighting", "desks", "chairs", "storage", "kitchen", "garden", "textiles", "rugs", "decor", "office"];
        var random = new Random(42);
        using var writer = new StreamWriter(args[1], false, new UTF8Encoding(false), 1 << 20);
        var line = new StringBuilder(300);
        for (long i = 0; i < lines; i++)
        {
            var at = start.AddSeconds(3600.0 * i / lines).ToOffset(TimeSpan.FromHours(1));
            int pick = random.Next(100);
            string request = pick switch
            {
                < 45 => $"GET /products/{random.Next(1, 50_001)}",
                < 60 => $"GET /catalog/{slugs[random.Next(slugs.Length)]}?page={random.Next(1, 20)}",
                < 70 => $"GET /search?q=lamp{random.Next(1000)}&sort=price",
                < 80 => $"GET /static/app.{random.Next(1, 4):x8}9f3c2a1b.js",
                < 88 => "POST /cart/items",
                < 92 => "POST /checkout",
                < 97 => $"GET /users/{random.Next(1, 20_001)}/orders",
                _ => "GET /health",
            };
            int status = random.Next(1000) switch { < 900 => 200, < 950 => 304, < 985 => 404, < 995 => 500, _ => 503 };
            line.Clear()
                .Append(culture, $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)} - - [")
                .Append(at.ToString("dd/MMM/yyyy:HH:mm:ss", culture)).Append(" +0100] \"").Append(request)
                .Append(culture, $" HTTP/1.1\" {status} {random.Next(200, 60_000)} \"https://shop.example.com/\" \"{agents[random.Next(agents.Length)]}\"");
            writer.WriteLine(line);
        }

        return 0;
    }

    case "read":
    {
        int runs = int.Parse(args[2], culture);
        var window = new IncidentWindow(start, start.AddHours(1));
        var source = new AccessLogTrafficSource(new AccessLogOptions { Files = [args[1]] });
        var rates = new List<double>();
        long lines = 0;
        for (int run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var profile = source.FetchAsync(window, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            lines = profile.Diagnostics!.RecordsRead;
            rates.Add(lines / clock.Elapsed.TotalSeconds);
            Console.Error.WriteLine(string.Create(culture, $"run {run + 1}: {lines} lines in {clock.Elapsed.TotalSeconds:0.000} s, {profile.Endpoints.Count} endpoints, {profile.TotalRequests} requests in the window, skipped {profile.Diagnostics.RecordsSkipped}"));
        }

        rates.Sort();
        Console.WriteLine(string.Create(culture, $"lines={lines} lines_per_s={rates[rates.Count / 2]:0}"));
        return 0;
    }

    default:
        Console.Error.WriteLine($"unknown mode {args[0]}");
        return 2;
}
