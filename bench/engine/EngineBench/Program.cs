// The load engine under the benchmark's three measurements; bench/engine/run.sh drives it and the peers.
//   saturate URL SECONDS IN_FLIGHT   the most the engine sends with IN_FLIGHT requests outstanding (like 50 connections)
//   rate URL RATE SECONDS            an open-model run at a flat RATE; the target's access log gives the per-second error
//   checks URL SECONDS IN_FLIGHT [ROUNDS]   saturate without and with a response check on every response (status,
//                                    content type, body substring, JSON pointer: URL must answer {"id": ...} as JSON),
//                                    in turns; medians and their ratio
// Each prints one line of key=value figures.
using System.Diagnostics;
using System.Globalization;
using Replay.Testing;
using Replay.Testing.Load;
using Replay.Testing.Plans;
using Replay.Testing.Traffic;

string mode = args[0];
var target = new Uri(args[1]);
var culture = CultureInfo.InvariantCulture;

(ReplayResult Result, double CpuUsPerRequest, long PeakRssKb) Run(double rate, int seconds, LoadEngineOptions options)
{
    var start = DateTimeOffset.Parse("2026-03-10T12:00Z", culture);
    var window = new IncidentWindow(start, start.AddMinutes(seconds));
    long perBucket = (long)(rate * 60);   // one-minute buckets, replayed one per second
    var profile = new TrafficProfile
    {
        Window = window,
        BucketSize = TimeSpan.FromMinutes(1),
        Endpoints = [new TrafficEndpoint("GET", "/", perBucket * seconds)],
        Timeline = Enumerable.Range(0, seconds)
            .Select(i => new TrafficBucket(start.AddMinutes(i), new Dictionary<string, long> { ["GET /"] = perBucket }))
            .ToList(),
        TotalRequests = perBucket * seconds,
        Origin = new TrafficOrigin("bench", "flat rate"),
    };
    var plan = ReplayPlan.Create(profile, new ReplayPlanOptions { Duration = TimeSpan.FromSeconds(seconds) });
    // CPU per request is counted from the first progress report (a second in) to the end: no start-up, no warm-up.
    var first = new FirstReport();
    var result = new LoadEngine(options).RunAsync(plan, target, first).GetAwaiter().GetResult();
    var used = Process.GetCurrentProcess().TotalProcessorTime - first.Cpu;
    long peak = File.ReadAllLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], culture)).Single();
    return (result, used.TotalMicroseconds / Math.Max(1, result.Completed - first.Completed), peak);
}

switch (mode)
{
    case "saturate":
    {
        int seconds = int.Parse(args[2], culture);
        int inFlight = int.Parse(args[3], culture);
        // Far more arrivals than the target can take: the engine keeps IN_FLIGHT requests outstanding and drops the rest.
        var (result, cpu, peak) = Run(200_000, seconds, new LoadEngineOptions { MaxInFlight = inFlight, MaxConnections = inFlight, WarmUp = TimeSpan.FromSeconds(1) });
        Console.WriteLine(string.Create(culture,
            $"completed={result.Completed} errors={result.Errors} rps={result.Completed / result.Elapsed.TotalSeconds:0} cpu_us_per_req={cpu:0.0} peak_rss_mb={peak / 1024.0:0}"));
        break;
    }
    case "rate":
    {
        double rate = double.Parse(args[2], culture);
        int seconds = int.Parse(args[3], culture);
        var (result, cpu, peak) = Run(rate, seconds, new LoadEngineOptions { WarmUp = TimeSpan.FromSeconds(1) });
        Console.WriteLine(string.Create(culture,
            $"start_unix={result.StartedAt.ToUnixTimeMilliseconds() / 1000.0:0.000} planned={result.Planned} sent={result.Sent} completed={result.Completed} errors={result.Errors} dropped={result.Dropped} p99_ms={result.ResponseTime.P99Ms:0.00} lag_p99_ms={result.SchedulerLag.P99Ms:0.00} cpu_us_per_req={cpu:0.0} peak_rss_mb={peak / 1024.0:0}"));
        break;
    }
    case "checks":
    {
        int seconds = int.Parse(args[2], culture);
        int inFlight = int.Parse(args[3], culture);
        int rounds = args.Length > 4 ? int.Parse(args[4], culture) : 3;
        var plain = new LoadEngineOptions { MaxInFlight = inFlight, MaxConnections = inFlight, WarmUp = TimeSpan.FromSeconds(1) };
        var withChecks = plain with
        {
            ResponseChecks = new Dictionary<string, ResponseCheck>
            {
                ["GET /"] = new() { Statuses = [200], ContentType = "application/json", BodyContains = "\"id\"", JsonPointer = "/id" },
            },
        };
        var plainRps = new List<double>();
        var checkedRps = new List<double>();
        long failures = 0;
        for (int round = 0; round < rounds; round++)
        {
            // Turns alternate which goes first, so a drift in the machine's load does not favour one side.
            foreach (bool check in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var (result, cpu, _) = Run(200_000, seconds, check ? withChecks : plain);
                double rps = result.Completed / result.Elapsed.TotalSeconds;
                (check ? checkedRps : plainRps).Add(rps);
                failures += result.CheckFailures;
                Console.Error.WriteLine(string.Create(culture, $"round {round + 1} {(check ? "checks" : "plain ")}: rps={rps:0} cpu_us_per_req={cpu:0.0} check_failures={result.CheckFailures} checked={result.CheckedResponses}"));
            }
        }

        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine(string.Create(culture,
            $"plain_rps={Median(plainRps):0} checks_rps={Median(checkedRps):0} checks_ratio={Median(checkedRps) / Median(plainRps):0.00} check_failures={failures}"));
        break;
    }
    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}

return 0;

/// <summary>Notes the process CPU time and the completed count at the first progress report.</summary>
internal sealed class FirstReport : IProgress<LoadProgress>
{
    private int _seen;

    public TimeSpan Cpu { get; private set; }

    public long Completed { get; private set; }

    public void Report(LoadProgress value)
    {
        if (Interlocked.Exchange(ref _seen, 1) == 0)
        {
            Cpu = Process.GetCurrentProcess().TotalProcessorTime;
            Completed = value.Completed;
        }
    }
}
