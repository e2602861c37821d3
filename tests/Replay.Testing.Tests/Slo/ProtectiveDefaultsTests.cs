using Replay.Testing.Load;
using Replay.Testing.Traffic;

namespace Replay.Testing.Tests.Slo;

public class ProtectiveDefaultsTests
{
    private static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T12:01Z");

    private static ReplayResult Answered(params (string Endpoint, int Status, long Count)[] answers)
    {
        long total = answers.Sum(a => a.Count);
        return new ReplayResult
        {
            Planned = total,
            Sent = total,
            Completed = total,
            PlannedDuration = TimeSpan.FromSeconds(10),
            ResponseTime = new LatencySummary { Count = total, P50Ms = 2, P95Ms = 5, P99Ms = 9, MaxMs = 20 },
            SchedulerLag = new LatencySummary { Count = total, P99Ms = 0.2 },
            StatusCodes = answers.GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Sum(a => a.Count)),
            Endpoints = answers.GroupBy(a => a.Endpoint).Select(g => new EndpointResult
            {
                Key = g.Key,
                Sent = g.Sum(a => a.Count),
                Completed = g.Sum(a => a.Count),
                StatusCodes = g.ToDictionary(a => a.Status, a => a.Count),
            }).ToList(),
        };
    }

    private static TrafficProfile Production(StatusClassCounts window, params (string Endpoint, StatusClassCounts? Statuses)[] endpoints) => new()
    {
        Window = Window,
        BucketSize = TimeSpan.FromMinutes(1),
        Endpoints = endpoints.Select(e => new TrafficEndpoint(e.Endpoint.Split(' ')[0], e.Endpoint.Split(' ')[1], 100) { Statuses = e.Statuses }).ToList(),
        Timeline = [new TrafficBucket(Window.Start, new Dictionary<string, long>()) { Statuses = window }],
        TotalRequests = window.Total,
        Origin = new TrafficOrigin("test", "test"),
    };

    [Fact]
    public void A_latency_limit_over_zero_responses_fails_instead_of_reading_zero()
    {
        var nothing = new ReplayResult { Planned = 100, Sent = 100, PlannedDuration = TimeSpan.FromSeconds(1), TransportErrors = new Dictionary<string, long> { ["refused"] = 100 } };

        var verdict = new SloPolicy { P95 = TimeSpan.FromMilliseconds(300) }.Evaluate(nothing);

        verdict.Outcome.Should().Be(VerdictOutcome.Failed);
        verdict.Checks.Single(c => c.Metric == "p95 response time").Measured.Should().Be("no responses to judge");
        verdict.Checks.Single(c => c.Metric == "unanswered requests").Measured.Should().Be("100 (refused 100)");
    }

    [Fact]
    public void A_latency_limit_over_the_few_answered_requests_of_a_mostly_refusing_target_fails()
    {
        var few = Answered(("GET /a", 200, 30)) with { Sent = 100, TransportErrors = new Dictionary<string, long> { ["refused"] = 70 } };

        var verdict = (SloPolicy.WithoutDefaults with { P95 = TimeSpan.FromMilliseconds(300) }).Evaluate(few);

        verdict.Passed.Should().BeFalse();
        verdict.Checks.Single().Measured.Should().Be("only 30 of 100 answered: too few to judge");
    }

    [Fact]
    public void A_4xx_share_past_production_fails_naming_endpoints_codes_and_production_share()
    {
        var production = Production(new StatusClassCounts(0, 990, 7, 3, 0), ("GET /cart", null), ("GET /catalog", null));
        var result = Answered(("GET /catalog", 200, 800), ("GET /cart", 401, 1204), ("GET /cart", 200, 10));

        var verdict = new SloPolicy().Evaluate(result, production, baseline: null);

        var mix = verdict.Checks.Single(c => c.Metric == "status mix like production");
        mix.Passed.Should().BeFalse();
        mix.Limit.Should().Be("1xx/3xx/4xx <= production + 5 pp");
        mix.Detail.Should().Be("GET /cart: 401 × 1,204 (production: 0.3 % 4xx)");
    }

    [Fact]
    public void Per_endpoint_status_classes_judge_each_endpoint_against_its_own_production_mix()
    {
        // The whole replay's 4xx share stays close to production's, but one endpoint answers 404 where production did not
        var production = Production(new StatusClassCounts(0, 900, 0, 100, 0),
            ("GET /search", new StatusClassCounts(0, 0, 0, 100, 0)), ("GET /product", new StatusClassCounts(0, 900, 0, 0, 0)));
        var result = Answered(("GET /search", 200, 100), ("GET /product", 200, 800), ("GET /product", 404, 100));

        var verdict = new SloPolicy().Evaluate(result, production, baseline: null);

        verdict.Checks.Single(c => c.Metric == "status mix like production" && c.Scope == SloCheck.AllEndpoints).Passed.Should().BeTrue();
        var product = verdict.Checks.Single(c => c.Scope == "GET /product");
        product.Passed.Should().BeFalse();
        product.Detail.Should().Be("404 × 100 (production: 0 % 4xx)");
    }

    [Fact]
    public void A_mix_within_tolerance_passes_and_a_tolerance_can_be_widened_or_switched_off()
    {
        var production = Production(new StatusClassCounts(0, 970, 20, 10, 0));
        var result = Answered(("GET /a", 200, 930), ("GET /a", 404, 70));

        new SloPolicy().Evaluate(result, production, null).Passed.Should().BeFalse("6 points above production's 1 %");
        new SloPolicy { StatusMixTolerance = 0.1 }.Evaluate(result, production, null).Passed.Should().BeTrue();
        new SloPolicy { StatusMixTolerance = null }.Evaluate(result, production, null).Checks
            .Should().NotContain(c => c.Metric == "status mix like production");
    }

    [Fact]
    public void A_generator_that_fell_behind_makes_the_verdict_inconclusive_whatever_the_target_did()
    {
        var late = Answered(("GET /a", 200, 1000)) with
        {
            SchedulerLag = new LatencySummary { Count = 1000, P99Ms = 42 },
            Generator = new GeneratorUsage { Cores = 2, MeanCpu = 0.5, BusiestCpu = 0.6, CpuPerSecond = [0.5, 0.6] },
        };

        var verdict = new SloPolicy().Evaluate(late);

        verdict.Outcome.Should().Be(VerdictOutcome.Inconclusive);
        verdict.Word.Should().Be("INCONCLUSIVE");
        verdict.Passed.Should().BeFalse();
        verdict.InconclusiveReason.Should().Contain("scheduler lag p99 42 ms, limit <= 10 ms").And.Contain("slo.maxSchedulerLag");
        verdict.ToTable().Should().StartWith("SLO verdict: INCONCLUSIVE (the load generator fell behind");
        new SloPolicy { MaxSchedulerLag = TimeSpan.FromMilliseconds(50) }.Evaluate(late).Outcome.Should().Be(VerdictOutcome.Passed);
    }

    [Fact]
    public void With_a_late_generator_a_latency_failure_is_inconclusive_but_errors_still_fail()
    {
        var late = Answered(("GET /a", 200, 1000)) with { SchedulerLag = new LatencySummary { Count = 1000, P99Ms = 42 } };
        var slow = new SloPolicy { P95 = TimeSpan.FromMilliseconds(1) };

        slow.Evaluate(late).Outcome.Should().Be(VerdictOutcome.Inconclusive, "the lateness is part of every response time");
        slow.Evaluate(late with { Errors = 500 }).Outcome.Should().Be(VerdictOutcome.Failed, "a generator cannot make a target answer 5xx");
    }

    [Fact]
    public void A_saturated_generator_cpu_is_inconclusive()
    {
        var busy = Answered(("GET /a", 200, 1000)) with
        {
            Generator = new GeneratorUsage { Cores = 2, MeanCpu = 0.9, BusiestCpu = 0.99, CpuPerSecond = [0.99] },
        };

        var verdict = new SloPolicy().Evaluate(busy);

        verdict.Outcome.Should().Be(VerdictOutcome.Inconclusive);
        verdict.Checks.Single(c => c.Metric == "CPU, busiest 5 s").Measured.Should().Be("99 % of 2 cores");
    }

    [Fact]
    public void Error_rate_no_worse_than_production_uses_the_windows_5xx_share()
    {
        var production = Production(new StatusClassCounts(0, 980, 0, 0, 20));
        var result = Answered(("GET /a", 200, 950), ("GET /a", 500, 50)) with { Errors = 50 };

        var verdict = new SloPolicy { NoWorseThanProduction = true, MaxErrorRate = null }.Evaluate(result, production, null);

        var row = verdict.Checks.Single(c => c.Metric == "error rate vs production");
        row.Limit.Should().Be("<= 2.2 %");
        row.Passed.Should().BeFalse();
    }

    [Fact]
    public void Out_of_range_limits_set_in_code_are_problems_named_by_property()
    {
        var problems = new SloPolicy { MaxErrorRate = 5, StatusMixTolerance = -0.1, MaxUnansweredRequests = -1 }.Problems();

        problems.Should().HaveCount(3);
        problems[0].Should().StartWith("SloPolicy.MaxErrorRate is 5; it is a share from 0 to 1");
    }
}
