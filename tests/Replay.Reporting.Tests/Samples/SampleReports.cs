using Replay.Testing;
using Replay.Testing.Environments;
using Replay.Testing.Environments.Resources;
using Replay.Testing.Load;
using Replay.Testing.Traffic;

namespace Replay.Reporting.Tests.Samples;

/// <summary>
/// Realistic reports without running anything: a one-hour incident (60 one-minute buckets, 10 endpoints, a burst
/// from 12:20 to 12:35) replayed in one minute. Deterministic, so approved files stay stable.
/// </summary>
internal static class SampleReports
{
    public static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T13:00Z");

    private static readonly (string Key, double Share, double P50, double P96)[] Endpoints =
    [
        ("GET /catalog", 0.24, 38, 1450), ("GET /products/{id}", 0.30, 12, 45), ("GET /search", 0.12, 25, 90),
        ("GET /categories/{slug}", 0.09, 30, 120), ("GET /cart", 0.08, 6, 20), ("POST /cart/items", 0.05, 15, 60),
        ("POST /checkout", 0.04, 60, 210), ("GET /account/orders", 0.03, 22, 80), ("GET /health", 0.03, 1, 3),
        ("GET /static/app.js", 0.02, 2, 6),
    ];

    /// <summary>The fixed build: every SLO holds; the status mix cannot be checked (n/a), as no production figures are given.</summary>
    public static ReplayReport Passing() => Build(outage: false, starved: false);

    /// <summary>
    /// The broken build: latency explodes and errors appear during the catalogue burst, and <c>GET /cart</c> answers
    /// 401, so the status mix fails with a detail line.
    /// </summary>
    public static ReplayReport Failing() => Build(outage: true, starved: false);

    /// <summary>
    /// The fixed build replayed by a starved generator: during the burst its CPU saturates and requests leave late,
    /// so response time climbs while service time stays flat, and the verdict is INCONCLUSIVE.
    /// </summary>
    public static ReplayReport Inconclusive() => Build(outage: false, starved: true);

    private static ReplayReport Build(bool outage, bool starved)
    {
        var profile = Profile();
        var buckets = new List<BucketResult>();
        long planned = 0, errors = 0;
        for (int i = 0; i < 60; i++)
        {
            bool burst = i is >= 20 and < 35;
            long count = (long)Math.Round(profile.Timeline[i].CoveredRequests / 60.0);
            long bucketErrors = outage && burst ? count / 8 : 0;
            double p50 = outage && burst ? 900 + (i * 7) : 4 + (i % 5);
            double waited = starved && burst ? 120 + (i * 4) : 0;
            planned += count;
            errors += bucketErrors;
            buckets.Add(new BucketResult
            {
                Index = i,
                SourceStart = Window.Start.AddMinutes(i),
                Offset = TimeSpan.FromSeconds(i),
                Duration = TimeSpan.FromSeconds(1),
                Planned = count,
                Sent = count,
                Completed = count - (bucketErrors / 2),
                Errors = bucketErrors,
                StatusClasses = new Dictionary<int, long> { [2] = count - bucketErrors, [5] = bucketErrors / 2 },
                ResponseTime = new LatencySummary { Count = count, P50Ms = p50 + waited, P95Ms = (p50 * 3) + waited, P99Ms = (p50 * 5) + waited, MaxMs = (p50 * 8) + waited },
                ServiceTime = new LatencySummary { Count = count, P50Ms = p50 * 0.9, P95Ms = p50 * 2.6, P99Ms = p50 * 4.4, MaxMs = p50 * 7.5 },
            });
        }

        var overall = outage
            ? new LatencySummary { Count = planned, MinMs = 0.8, MeanMs = 410, P50Ms = 6.2, P90Ms = 1900, P95Ms = 2650, P99Ms = 4100, P999Ms = 6200, MaxMs = 7400 }
            : starved
                ? new LatencySummary { Count = planned, MinMs = 0.7, MeanMs = 48, P50Ms = 5.2, P90Ms = 190, P95Ms = 231, P99Ms = 262, P999Ms = 280, MaxMs = 310 }
                : new LatencySummary { Count = planned, MinMs = 0.7, MeanMs = 5.9, P50Ms = 4.1, P90Ms = 9.8, P95Ms = 14.2, P99Ms = 38.5, P999Ms = 95, MaxMs = 140 };
        long unauthorized = outage ? 120 : 0;
        var cpu = Enumerable.Range(0, 60).Select(i => i is >= 20 and < 35 ? (starved ? 0.99 : 0.41 + (i % 3 * 0.02)) : 0.18 + (i % 4 * 0.01)).ToList();
        var result = new ReplayResult
        {
            StartedAt = Window.Start.AddDays(5),
            Elapsed = TimeSpan.FromSeconds(61.2),
            PlannedDuration = TimeSpan.FromSeconds(60),
            Planned = planned,
            Sent = planned,
            Completed = planned - (errors / 2),
            Errors = errors,
            StatusCodes = new SortedDictionary<int, long> { [200] = planned - errors - 40 - unauthorized, [401] = unauthorized, [404] = 40, [503] = errors / 2 },
            TransportErrors = errors > 0 ? new Dictionary<string, long> { ["timeout"] = errors / 2 } : new Dictionary<string, long>(),
            ResponseTime = overall,
            ServiceTime = starved
                ? overall with { P90Ms = 9.6, P95Ms = 13.8, P99Ms = 36.9, P999Ms = 90, MaxMs = 131 }
                : overall with { P95Ms = overall.P95Ms / 2, P99Ms = overall.P99Ms / 2 },
            SchedulerLag = starved
                ? new LatencySummary { Count = planned, P50Ms = 0.6, P95Ms = 148, P99Ms = 181, MaxMs = 236 }
                : new LatencySummary { Count = planned, P50Ms = 0.4, P95Ms = 1.1, P99Ms = 2.3, MaxMs = 6 },
            Generator = new GeneratorUsage { Cores = 2, MeanCpu = cpu.Average(), BusiestCpu = cpu.Max(), CpuPerSecond = cpu },
            ResponseTimeDistribution = new[] { 0, 50, 90, 99, 99.9, 99.99 }.Select(p => new PercentilePoint(p, p switch
            {
                0 => overall.MinMs, 50 => overall.P50Ms, 90 => overall.P90Ms, 99 => overall.P99Ms, 99.9 => overall.P999Ms, _ => overall.MaxMs,
            })).ToList(),
            Endpoints = Endpoints.Select(e => new EndpointResult
            {
                Key = e.Key,
                Planned = (long)(planned * e.Share),
                Sent = (long)(planned * e.Share),
                Completed = (long)(planned * e.Share),
                Errors = outage && e.Key == "GET /catalog" ? errors : 0,
                StatusCodes = outage && e.Key == "GET /cart"
                    ? new Dictionary<int, long> { [200] = (long)(planned * e.Share) - unauthorized, [401] = unauthorized }
                    : new Dictionary<int, long> { [200] = (long)(planned * e.Share) },
                ResponseTime = overall with { P95Ms = outage && e.Key == "GET /catalog" ? 3900 : e.P50 * 0.4 },
            }).ToList(),
            Buckets = buckets,
        };

        var slo = new SloPolicy { P95 = TimeSpan.FromMilliseconds(300), P99 = TimeSpan.FromSeconds(1), MaxErrorRate = 0.01, MinAchievedRate = 0.99 };
        return new ReplayReport
        {
            TestName = outage ? "CheckoutOutage.Broken_build_falls_over" : starved ? "CheckoutOutage.Fix_replayed_by_a_starved_generator" : "CheckoutOutage.Fix_holds_under_outage_traffic",
            Window = Window,
            StartedAt = result.StartedAt,
            Elapsed = TimeSpan.FromSeconds(74.5),
            Profile = profile,
            SnapshotPath = "/repo/examples/ShopApp.LoadTests/Incidents/2026-03-10T1200Z_2026-03-10T1300Z.upsun.traffic.json",
            SnapshotHash = "4f1c2a9e0b7d3c5a8e6f1b2d4c7a9e0f3b5d7c9a1e3f5b7d9c1a3e5f7b9d1c3a",
            Target = new ReplayTarget(new Uri("http://127.0.0.1:41234/"), "local-process", "local process ShopApp (pid 4242) on http://127.0.0.1:41234/"),
            Parity =
            [
                new ParityFact("CPU", "2 cores", "2 cores (affinity 0-1)", ParityStatus.Approximated, "cgroup v1 is read-only here; CPU affinity and DOTNET_PROCESSOR_COUNT limit the process."),
                new ParityFact("Memory", "2,048 MiB", "2,048 MiB heap limit", ParityStatus.Approximated, "DOTNET_GCHeapHardLimit caps the managed heap; native memory is not capped."),
                new ParityFact("Data", "52,000 products", "52,000 products (SQLite backup)", ParityStatus.Enforced, "Cloned with the SQLite backup API, e-mails scrubbed."),
            ],
            Resources = new ResourceUsage
            {
                Target = Enumerable.Range(0, 60).Select(i => new ResourceSample(TimeSpan.FromSeconds(i), i is >= 20 and < 35 ? (outage ? 1.95 : 0.9) : 0.35, (300 + i) * 1048576L)).ToList(),
                Production = Enumerable.Range(0, 60).Select(i => new ResourceSample(TimeSpan.FromMinutes(i), i is >= 20 and < 35 ? 1.85 : 0.4, (600 + i) * 1048576L)).ToList(),
                TargetCpuLimitCores = 2,
                ProductionCpuLimitCores = 2,
                TargetMemoryLimitBytes = 2048 * 1048576L,
                ProductionMemoryLimitBytes = 2048 * 1048576L,
                Source = "target: /proc of the process tree; production: Upsun resources overview",
            },
            Plan = new ReplayPlanSummary(TimeSpan.FromSeconds(60), 60, 1, 1, planned, Endpoints.Select(e => e.Key).ToList()),
            Result = result,
            // The failing sample is judged against production's status mix; the others have no production figures (n/a).
            Verdict = slo.Evaluate(result, outage ? profile : null, baseline: null),
            RunEnvironment = new RunEnvironment("0.1.0", ".NET 10.0.12", "Debian GNU/Linux 12", 2, "9be335d1c0a4f2b7e6d5c3a1b0f9e8d7c6b5a4f3"),
        };
    }

    private static TrafficProfile Profile()
    {
        var timeline = Enumerable.Range(0, 60).Select(i =>
        {
            bool burst = i is >= 20 and < 35;
            var counts = Endpoints.ToDictionary(e => e.Key, e => (long)Math.Round(1800 * e.Share * (burst && e.Key == "GET /catalog" ? 4 : 1)));
            long total = counts.Values.Sum() * 104 / 100;
            return new TrafficBucket(Window.Start.AddMinutes(i), counts)
            {
                Statuses = new StatusClassCounts(0, total - (burst ? total / 9 : 2), 0, 2, burst ? total / 9 : 0),
            };
        }).ToList();
        return new TrafficProfile
        {
            Window = Window,
            BucketSize = TimeSpan.FromMinutes(1),
            Endpoints = Endpoints.Select(e => new TrafficEndpoint(e.Key.Split(' ')[0], e.Key.Split(' ')[1], timeline.Sum(b => b.Counts[e.Key]))
            {
                P50Milliseconds = e.P50,
                P96Milliseconds = e.P96,
            }).ToList(),
            Timeline = timeline,
            TotalRequests = timeline.Sum(b => b.Statuses!.Total),
            ProductionHosts = ["shop.example.com"],
            Origin = new TrafficOrigin("upsun", "Upsun project shop4x7k2q, environment main") { FetchedAt = Window.End.AddHours(20) },
            Diagnostics = null,
        };
    }
}
