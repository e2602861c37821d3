using System.Diagnostics;
using Replay.Testing.Load;
using Replay.Testing.Plans;
using Replay.Testing.Traffic;

namespace Replay.Testing.Tests.Plans;

public class PhaseTests
{
    // The ShopApp's shape: an hour at 40 requests a minute, with minutes 20 to 34 at 100.
    private static readonly long[] Outage = Enumerable.Range(0, 60).Select(m => m is >= 20 and < 35 ? 100L : 40L).ToArray();

    private static ReplayPlan Plan(ReplayPlanOptions? options = null, params long[] perMinute) =>
        ReplayPlan.Create(ProfileBuilder.Minutes(("GET /catalog", perMinute.Length > 0 ? perMinute : Outage)), options);

    [Fact]
    public void The_buckets_well_above_the_median_rate_are_the_burst_and_the_rest_is_the_calm()
    {
        var plan = Plan();

        plan.Phases.Select(p => p.Name).Should().Equal("calm", "burst");
        var burst = plan.Phases[1];
        burst.Buckets.Should().Equal(Enumerable.Range(20, 15));
        burst.SourceDuration.Should().Be(TimeSpan.FromMinutes(15));
        burst.TotalRequests.Should().Be(1500);
        burst.Reason.Should().Be("rate above 1.5 × the window's median of 0.67/s");
        plan.Phases[0].Buckets.Should().HaveCount(45);
        plan.PhaseNote.Should().BeEmpty();
    }

    [Fact]
    public void A_flat_window_is_judged_as_one_phase_and_says_why()
    {
        var plan = Plan(null, ProfileBuilder.Repeat(40, 60));

        plan.Phases.Should().BeEmpty();
        plan.PhaseNote.Should().Be("no bucket's rate is above 1.5 × the window's median of 0.67/s; the replay is judged as one phase");
        Plan(new ReplayPlanOptions { BurstFactor = null }).Phases.Should().BeEmpty("detection can be switched off");
        Plan(new ReplayPlanOptions { BurstFactor = 3 }).Phases.Should().BeEmpty("100 a minute is not 3 times 40");
    }

    [Fact]
    public void Named_phases_take_the_buckets_that_start_inside_them()
    {
        var plan = Plan(new ReplayPlanOptions
        {
            Phases = new Dictionary<string, PhaseSpan> { ["spike"] = new("12:25", "12:30"), ["recovery"] = new("2026-03-10T12:40Z", "2026-03-10T12:50Z") },
        });

        plan.Phases.Select(p => (p.Name, p.Buckets.First(), p.Buckets.Count)).Should().Equal(("calm", 0, 45), ("spike", 25, 5), ("recovery", 40, 10));
        plan.Phases[1].Reason.Should().Be("slo.phases: 12:25 to 12:30");
    }

    [Theory]
    [InlineData("11:50", "12:10", "is not inside the incident window")]
    [InlineData("12:20", "noon", "is not two times")]
    [InlineData("12:20:10", "12:20:50", "holds no bucket start")]
    public void A_named_phase_that_cannot_be_placed_is_a_configuration_error_naming_its_key(string from, string to, string why)
    {
        var act = () => Plan(new ReplayPlanOptions { Phases = new Dictionary<string, PhaseSpan> { ["burst"] = new(from, to) } });

        act.Should().Throw<ReplayConfigurationException>().WithMessage($"*\"slo.phases.burst\"*{why}*");
    }

    [Fact]
    public void Overlapping_phases_and_a_phase_named_calm_are_configuration_errors()
    {
        var act = () => Plan(new ReplayPlanOptions
        {
            Phases = new Dictionary<string, PhaseSpan> { ["a"] = new("12:20", "12:30"), ["b"] = new("12:25", "12:35"), ["calm"] = new("12:40", "12:45") },
        });

        act.Should().Throw<ReplayConfigurationException>()
            .Which.Problems.Should().SatisfyRespectively(
                p => p.Should().Contain("\"slo.phases.b\" overlaps \"slo.phases.a\" at 2026-03-10T12:25:00"),
                p => p.Should().Contain("\"slo.phases.calm\": a phase needs a name other than \"calm\""));
    }

    [Fact]
    public void Keep_burst_replays_the_burst_at_its_real_length_when_the_duration_allows_and_every_bucket_at_its_own_rate()
    {
        var plan = Plan(new ReplayPlanOptions { Duration = TimeSpan.FromMinutes(30), Compression = PlanCompression.KeepBurst });

        var burst = plan.Phases.Single(p => p.Name == "burst");
        var calm = plan.Phases.Single(p => p.Name == "calm");
        burst.Duration.Should().Be(TimeSpan.FromMinutes(15), "the burst's real length");
        calm.Duration.Should().Be(TimeSpan.FromMinutes(15), "the calm's 45 minutes share the rest");
        burst.TotalRequests.Should().Be(1500, "at real length the burst sends every request production received");
        calm.Compression.Should().Be(3);
        plan.Buckets.Last().Offset.Should().Be(TimeSpan.FromMinutes(29.666666666666668));
        plan.Buckets.Should().AllSatisfy(b => b.RatePerSecond.Should().BeApproximately(b.SourceStart.Minute is >= 20 and < 35 ? 100 / 60.0 : 40 / 60.0, 0.05));
        plan.EnumerateArrivals().Select(a => a.Offset).Should().BeInAscendingOrder().And.OnlyContain(o => o < TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void Keep_burst_gives_the_burst_at_most_its_share_of_a_short_replay_and_says_so()
    {
        var plan = Plan(new ReplayPlanOptions { Duration = TimeSpan.FromSeconds(60), Compression = PlanCompression.KeepBurst, Seed = 3 });
        var uniform = Plan(new ReplayPlanOptions { Duration = TimeSpan.FromSeconds(60), Seed = 3 });

        var burst = plan.Phases.Single(p => p.Name == "burst");
        burst.Duration.Should().Be(TimeSpan.FromSeconds(60 * ReplayPlan.MaxBurstShare));
        uniform.Phases.Single(p => p.Name == "burst").Duration.Should().Be(TimeSpan.FromSeconds(15));
        PhaseText.Describe(burst).Should().Be("burst: 15 min in 48 s (18.75× compression), 80 requests; rate above 1.5 × the window's median of 0.67/s");
        plan.Duration.Should().Be(TimeSpan.FromSeconds(60));
        (plan.Buckets.Last().Offset + plan.Buckets.Last().Duration).Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(1));
        (burst.TotalRequests / burst.Duration.TotalSeconds).Should().BeApproximately(100 / 60.0, 0.05, "the burst keeps its rate");
        var calm = plan.Phases.Single(p => p.Name == "calm");
        (calm.TotalRequests / calm.Duration.TotalSeconds).Should().BeApproximately(40 / 60.0, 0.1, "and so does the calm, in its 12 s");
    }

    [Fact]
    public void A_recorded_order_keeps_each_request_in_its_own_bucket_under_keep_burst()
    {
        var profile = ProfileBuilder.Minutes(("GET /catalog", Outage)) with { Sequence = null };
        var recorded = RecordedProfile(profile);
        var plan = ReplayPlan.Create(recorded, new ReplayPlanOptions { Order = RequestOrder.Recorded, Duration = TimeSpan.FromMinutes(30), Compression = PlanCompression.KeepBurst });

        var arrivals = plan.EnumerateArrivals().ToList();
        arrivals.Should().HaveCount((int)Outage.Sum());
        arrivals.Should().AllSatisfy(a => a.Offset.Should().BeGreaterThanOrEqualTo(plan.Buckets[a.BucketIndex].Offset)
            .And.BeLessThan(plan.Buckets[a.BucketIndex].Offset + plan.Buckets[a.BucketIndex].Duration));
        plan.Phases.Single(p => p.Name == "burst").Duration.Should().Be(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void A_build_that_falls_over_only_in_the_burst_fails_its_burst_phase_while_the_whole_run_p95_holds()
    {
        var plan = Plan(new ReplayPlanOptions { Duration = TimeSpan.FromSeconds(60) });
        var recorder = new LoadRecorder(plan);
        long ms = Stopwatch.Frequency / 1000;
        foreach (var arrival in plan.EnumerateArrivals())
        {
            bool inBurst = plan.Buckets[arrival.BucketIndex].SourceStart.Minute is >= 20 and < 35;
            recorder.RecordSent(arrival, 0);
            recorder.RecordResponse(arrival, 200, (inBurst ? 900 : 20) * ms, (inBurst ? 900 : 20) * ms);
        }

        var result = recorder.ToResult(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(60), 0, false);
        var verdict = new SloPolicy { P95 = TimeSpan.FromMilliseconds(1000), P50 = TimeSpan.FromMilliseconds(300) }.Evaluate(result);

        result.Phases.Select(p => (p.Name, p.Result.Sent)).Should().Equal(("calm", plan.Phases[0].TotalRequests), ("burst", plan.Phases[1].TotalRequests));
        result.ResponseTime.P50Ms.Should().BeLessThan(300, "the whole run's median is the calm's");
        verdict.Outcome.Should().Be(VerdictOutcome.Failed);
        verdict.Failures.Should().ContainSingle().Which.Should().Match<SloCheck>(c => c.Phase == "burst" && c.Metric == "p50 response time");
        verdict.PhasesFailed.Should().Equal("burst");
        verdict.ToTable().Should().StartWith("SLO verdict: FAILED (1 of ").And.Contain("checks failed, in burst)")
            .And.Contain("Phase | Scope").And.MatchRegex(@"burst\s+\| all\s+\| p50 response time\s+\| <= 300 ms\s+\| 9\d\d ms\s+\| FAIL");
    }

    private static TrafficProfile RecordedProfile(TrafficProfile profile)
    {
        var offsets = Enumerable.Range(0, Outage.Length)
            .SelectMany(minute => Enumerable.Range(0, (int)Outage[minute]).Select(i => TimeSpan.FromMinutes(minute + (i / (double)Outage[minute])).Ticks))
            .ToArray();
        var sequence = new RequestSequence([new RecordedTarget("GET", "/catalog", "GET /catalog")], offsets, new int[offsets.Length]);
        return profile with { Sequence = sequence };
    }
}
