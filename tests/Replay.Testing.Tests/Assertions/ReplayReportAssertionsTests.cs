using Replay.Reporting.Tests.Samples;
using Replay.Testing.FluentAssertions;

namespace Replay.Testing.Tests.Assertions;

public class ReplayReportAssertionsTests
{
    [Fact]
    public void A_passing_replay_meets_its_slo_and_chains()
    {
        var report = SampleReports.Passing();

        var act = () => report.Should().MeetSlo()
            .And.HaveP95Below(TimeSpan.FromSeconds(1))
            .And.HaveErrorRateBelow(0.01)
            .And.HaveNoDroppedArrivals();

        act.Should().NotThrow();
    }

    [Fact]
    public void A_failing_replay_fails_with_the_verdict_table()
    {
        var report = SampleReports.Failing();

        var act = () => report.Should().MeetSlo("the fix must hold under the outage's traffic");

        act.Should().Throw<Exception>().Which.Message.Should()
            .Contain("to meet its SLOs because the fix must hold under the outage's traffic, but it did not:")
            .And.Contain("SLO verdict: FAILED")
            .And.MatchRegex("Scope +\\| Metric")
            .And.Contain("| FAIL");
    }

    [Fact]
    public void A_single_limit_names_the_limit_and_shows_only_its_check()
    {
        var report = SampleReports.Failing();

        var act = () => report.Should().HaveP95Below(TimeSpan.FromMilliseconds(300));

        string message = act.Should().Throw<Exception>().Which.Message;
        message.Should().Contain("to have a p95 response time of at most 300 ms, but it did not:")
            .And.MatchRegex("p95 response time +\\| <= 300 ms")
            .And.NotContain("error rate");
    }

    [Fact]
    public void A_policy_given_in_the_test_is_judged_on_the_measurements()
    {
        var report = SampleReports.Passing();

        var act = () => report.Should().MeetSlo(new SloPolicy { P95 = TimeSpan.FromTicks(1) });

        act.Should().Throw<Exception>().WithMessage("*to meet the SLOs, but it did not:*p95 response time*FAIL*");
    }

    [Fact]
    public void The_error_rate_limit_reads_as_a_percentage()
    {
        var report = SampleReports.Failing();

        var act = () => report.Should().HaveErrorRateBelow(0.001);

        act.Should().Throw<Exception>().WithMessage("*an error rate of at most 0.1 %*error rate*FAIL*");
    }
}
