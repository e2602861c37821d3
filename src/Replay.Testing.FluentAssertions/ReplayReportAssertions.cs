using System.Globalization;
using global::FluentAssertions;
using global::FluentAssertions.Execution;
using global::FluentAssertions.Primitives;

namespace Replay.Testing.FluentAssertions;

/// <summary>
/// Assertions on a <see cref="ReplayReport"/>. Every failure message carries the verdict table of the limits
/// asserted, so a failing test reads like the report.
/// </summary>
/// <example>
/// <code>
/// var report = await run.ReplayAsync();
/// report.Should().MeetSlo(new SloPolicy { P95 = TimeSpan.FromMilliseconds(300) })
///     .And.HaveErrorRateBelow(0.01);
/// </code>
/// </example>
public sealed class ReplayReportAssertions(ReplayReport subject)
    : ReferenceTypeAssertions<ReplayReport, ReplayReportAssertions>(subject)
{
    /// <inheritdoc />
    protected override string Identifier => "replay";

    /// <summary>Asserts that the replay met the SLOs it was configured with (its own verdict).</summary>
    public AndConstraint<ReplayReportAssertions> MeetSlo(string because = "", params object[] becauseArgs)
    {
        var verdict = Subject.Verdict;
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(verdict.Passed)
            .FailWith("Expected {context:replay} {0} to meet its SLOs{reason}, but it did not:{1}", Subject.TestName, Table(verdict));
        return new AndConstraint<ReplayReportAssertions>(this);
    }

    /// <summary>Asserts that the replay's measurements meet the given policy, whatever it was configured with.</summary>
    public AndConstraint<ReplayReportAssertions> MeetSlo(SloPolicy policy, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var verdict = Judge(policy);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(verdict.Passed)
            .FailWith("Expected {context:replay} {0} to meet the SLOs{reason}, but it did not:{1}", Subject.TestName, Table(verdict));
        return new AndConstraint<ReplayReportAssertions>(this);
    }

    /// <summary>Asserts that the 95th-percentile response time (from intended send time) is at most <paramref name="limit"/>.</summary>
    public AndConstraint<ReplayReportAssertions> HaveP95Below(TimeSpan limit, string because = "", params object[] becauseArgs) =>
        Limit(SloPolicy.WithoutDefaults with { P95 = limit, MaxDroppedArrivals = null }, $"a p95 response time of at most {Format(limit)}", because, becauseArgs);

    /// <summary>Asserts that the 99th-percentile response time is at most <paramref name="limit"/>.</summary>
    public AndConstraint<ReplayReportAssertions> HaveP99Below(TimeSpan limit, string because = "", params object[] becauseArgs) =>
        Limit(SloPolicy.WithoutDefaults with { P99 = limit, MaxDroppedArrivals = null }, $"a p99 response time of at most {Format(limit)}", because, becauseArgs);

    /// <summary>Asserts that at most <paramref name="limit"/> (0.01 = 1 %) of the requests failed (5xx or transport errors).</summary>
    public AndConstraint<ReplayReportAssertions> HaveErrorRateBelow(double limit, string because = "", params object[] becauseArgs) =>
        Limit(SloPolicy.WithoutDefaults with { MaxErrorRate = limit, MaxDroppedArrivals = null },
            $"an error rate of at most {(limit * 100).ToString("0.##", CultureInfo.InvariantCulture)} %", because, becauseArgs);

    /// <summary>Asserts that no planned arrival was dropped: the load generator kept up with the incident's rate.</summary>
    public AndConstraint<ReplayReportAssertions> HaveNoDroppedArrivals(string because = "", params object[] becauseArgs) =>
        Limit(SloPolicy.WithoutDefaults with { MaxDroppedArrivals = 0 }, "no dropped arrivals", because, becauseArgs);

    private AndConstraint<ReplayReportAssertions> Limit(SloPolicy policy, string expectation, string because, object[] becauseArgs)
    {
        var verdict = Judge(policy);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(verdict.Passed)
            .FailWith("Expected {context:replay} {0} to have " + expectation.Replace("{", "{{", StringComparison.Ordinal) + "{reason}, but it did not:{1}",
                Subject.TestName, Table(verdict));
        return new AndConstraint<ReplayReportAssertions>(this);
    }

    private SloVerdict Judge(SloPolicy policy)
    {
        Execute.Assertion
            .ForCondition(Subject is not null)
            .FailWith("Expected a replay report, but found <null>.");
        return Subject!.Result is { } result
            ? policy.Evaluate(result)
            : SloVerdict.NotJudged(Subject.Failure?.Message ?? "the replay has no result");
    }

    private static string Format(TimeSpan limit) => limit.TotalSeconds >= 1
        ? limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
        : limit.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    // A raw-text wrapper so FluentAssertions prints the table as it is, not as a quoted string.
    private static TableText Table(SloVerdict verdict) => new(Environment.NewLine + verdict.ToTable());

    private sealed record TableText(string Text)
    {
        public override string ToString() => Text;
    }
}
