using Replay.Testing.Load;
using Replay.Testing.Traffic;

namespace Replay.Testing.Tests.Slo;

public class RelativeSloTests
{
    private static EndpointResult Endpoint(string key, double p50, double p95, long errors = 0) => new()
    {
        Key = key,
        Planned = 100,
        Sent = 100,
        Completed = 100,
        Errors = errors,
        ResponseTime = new LatencySummary { Count = 100, P50Ms = p50, P95Ms = p95, P99Ms = p95 * 2, MaxMs = p95 * 3 },
    };

    private static readonly ReplayResult Result = new()
    {
        Planned = 200,
        Sent = 200,
        Completed = 200,
        Errors = 2,
        PlannedDuration = TimeSpan.FromSeconds(10),
        ResponseTime = new LatencySummary { Count = 200, P50Ms = 5, P95Ms = 80, P99Ms = 160 },
        Endpoints = [Endpoint("GET /catalog", p50: 5, p95: 80), Endpoint("POST /checkout", p50: 20, p95: 250, errors: 2)],
    };

    private static readonly TrafficProfile Production = new()
    {
        Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T13:00Z"),
        BucketSize = TimeSpan.FromMinutes(1),
        Endpoints =
        [
            new TrafficEndpoint("GET", "/catalog", 1000) { P50Milliseconds = 900, P96Milliseconds = 5000 },
            new TrafficEndpoint("POST", "/checkout", 100) { P50Milliseconds = 10, P96Milliseconds = 200 },
        ],
        Timeline = [],
        TotalRequests = 1100,
        Origin = new TrafficOrigin("test", "test"),
    };

    [Fact]
    public void Endpoint_limits_are_checked_per_endpoint_and_name_it()
    {
        var policy = new SloPolicy
        {
            Endpoints = new Dictionary<string, EndpointSlo>
            {
                ["GET /catalog"] = new() { P95 = TimeSpan.FromMilliseconds(100) },
                ["POST /checkout"] = new() { P95 = TimeSpan.FromMilliseconds(200), MaxErrorRate = 0 },
            },
        };

        var verdict = policy.Evaluate(Result);

        verdict.Failures.Select(c => (c.Scope, c.Metric)).Should().Equal(
            ("POST /checkout", "p95 response time"), ("POST /checkout", "error rate"));
        verdict.Checks.Should().Contain(c => c.Scope == "GET /catalog" && c.Passed);
    }

    [Fact]
    public void An_endpoint_limit_for_an_endpoint_the_replay_did_not_send_fails_instead_of_passing_silently()
    {
        var policy = new SloPolicy { Endpoints = new Dictionary<string, EndpointSlo> { ["GET /catalogue"] = new() { P95 = TimeSpan.FromSeconds(1) } } };

        var failure = policy.Evaluate(Result).Failures.Single();

        failure.Scope.Should().Be("GET /catalogue");
        failure.Measured.Should().Be("not in the replay");
    }

    [Fact]
    public void No_worse_than_production_compares_each_endpoint_with_its_p50_and_p96_during_the_incident()
    {
        var verdict = new SloPolicy { NoWorseThanProduction = true }.Evaluate(Result, Production, baseline: null);

        // The catalogue was the outage (p50 900 ms) and is now fast; checkout was fine then (p50 10 ms) and is slower now.
        verdict.Checks.Where(c => c.Scope == "GET /catalog").Should().OnlyContain(c => c.Passed).And.HaveCount(2);
        verdict.Failures.Select(c => (c.Scope, c.Metric, c.Limit)).Should().Equal(
            ("POST /checkout", "p50 vs production p50", "<= 11 ms"),
            ("POST /checkout", "p95 vs production p96", "<= 220 ms"));
    }

    [Fact]
    public void No_worse_than_production_fails_when_the_source_has_no_production_percentiles()
    {
        var verdict = new SloPolicy { NoWorseThanProduction = true }.Evaluate(Result, production: null, baseline: null);

        verdict.Failures.Single().Measured.Should().Be("none in the traffic source");
    }

    [Fact]
    public void No_worse_than_baseline_allows_the_tolerance_and_says_when_there_is_no_baseline()
    {
        var policy = new SloPolicy { NoWorseThanBaseline = true, RelativeTolerance = 0.1 };
        var slightlyFaster = Result with { ResponseTime = new LatencySummary { Count = 200, P95Ms = 75, P99Ms = 150 }, Errors = 4 };

        policy.Evaluate(Result, null, baseline: slightlyFaster).Passed.Should().BeTrue("80 ms is within 10 % of 75 ms");
        policy.Evaluate(Result, null, baseline: slightlyFaster with { ResponseTime = new LatencySummary { P95Ms = 50, P99Ms = 150 } })
            .Failures.Single().Metric.Should().Be("p95 vs baseline");
        policy.Evaluate(Result, null, baseline: null).Failures.Single().Measured.Should().Contain("run.ReplayBaselineAsync");
    }
}
