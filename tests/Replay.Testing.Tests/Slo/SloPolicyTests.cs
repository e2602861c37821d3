using Replay.Testing.Load;
using Replay.Testing.Slo;

namespace Replay.Testing.Tests.Slo;

public class SloPolicyTests
{
    private static readonly ReplayResult Result = new()
    {
        Planned = 1000,
        Sent = 1000,
        Completed = 995,
        Errors = 5,
        PlannedDuration = TimeSpan.FromSeconds(10),
        ResponseTime = new LatencySummary { Count = 995, P50Ms = 2, P95Ms = 12.5, P99Ms = 40, MaxMs = 120 },
    };

    [Fact]
    public void Every_limit_set_is_checked_and_the_verdict_passes_when_all_hold()
    {
        var policy = new SloPolicy { P95 = TimeSpan.FromMilliseconds(300), P99 = TimeSpan.FromSeconds(1), MaxErrorRate = 0.01, MinAchievedRate = 0.99 };

        var verdict = policy.Evaluate(Result);

        verdict.Passed.Should().BeTrue();
        verdict.Checks.Select(c => c.Metric).Should().Equal("p95 response time", "p99 response time", "error rate", "unanswered requests",
            "achieved rate", "dropped arrivals", "status mix like production", "scheduler lag p99", "CPU, busiest 5 s");
    }

    [Fact]
    public void An_impossible_p95_fails_and_the_table_shows_limit_and_measured_value()
    {
        var policy = SloPolicy.WithoutDefaults with { P95 = TimeSpan.FromTicks(10), MaxDroppedArrivals = 0 };   // 0.001 ms

        var verdict = policy.Evaluate(Result);

        verdict.Passed.Should().BeFalse();
        verdict.ToTable().Should().Be(string.Join(Environment.NewLine,
            "SLO verdict: FAILED (1 of 2 checks failed)",
            "Scope | Metric            | Limit       | Measured | Result",
            "------+-------------------+-------------+----------+-------",
            "all   | p95 response time | <= 0.001 ms | 12.5 ms  | FAIL",
            "all   | dropped arrivals  | <= 0        | 0        | pass"));
    }

    [Fact]
    public void A_dropped_arrival_fails_the_verdict_by_default()
    {
        var verdict = new SloPolicy().Evaluate(Result with { Dropped = 3 });

        verdict.Passed.Should().BeFalse();
        verdict.Failures.Single().Metric.Should().Be("dropped arrivals");
    }

    [Theory]
    [InlineData("300ms", 300)]
    [InlineData("1s", 1000)]
    [InlineData("1.5 s", 1500)]
    [InlineData("0.001ms", 0.001)]
    [InlineData("2min", 120_000)]
    [InlineData("00:00:02", 2000)]
    public void Durations_read_with_units(string text, double milliseconds) =>
        SloText.ParseDuration(text, "P95").TotalMilliseconds.Should().BeApproximately(milliseconds, 1e-9);

    [Fact]
    public void A_duration_without_unit_names_the_setting()
    {
        var act = () => SloText.ParseDuration("300", "slo.p95");

        act.Should().Throw<ReplayConfigurationException>().WithMessage("slo.p95 is \"300\"*\"300ms\"*");
    }
}
