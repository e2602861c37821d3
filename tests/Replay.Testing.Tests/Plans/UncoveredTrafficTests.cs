using Replay.Testing.Plans;
using Replay.Testing.Traffic;

namespace Replay.Testing.Tests.Plans;

public class UncoveredTrafficTests
{
    // Two minutes: the listed endpoint has 60 requests in each; the first minute served 120 in all (status classes),
    // the second has no status counts; over the window, 300 requests were served.
    private static readonly TrafficProfile Profile = ProfileBuilder.Minutes(("GET /catalog", [60, 60])) with
    {
        TotalRequests = 300,
        Timeline =
        [
            new TrafficBucket(DateTimeOffset.Parse("2026-03-10T12:00Z"), new Dictionary<string, long> { ["GET /catalog"] = 60 })
            {
                Statuses = new StatusClassCounts(0, 110, 0, 5, 5),
            },
            new TrafficBucket(DateTimeOffset.Parse("2026-03-10T12:01Z"), new Dictionary<string, long> { ["GET /catalog"] = 60 }),
        ],
    };

    [Fact]
    public void By_default_the_uncovered_requests_are_left_out()
    {
        var plan = ReplayPlan.Create(Profile);

        plan.Buckets.Select(b => b.Total).Should().Equal(60, 60);
    }

    [Fact]
    public void Spread_scales_each_bucket_by_its_own_total_or_else_by_the_overall_coverage()
    {
        var plan = ReplayPlan.Create(Profile, new ReplayPlanOptions { Uncovered = UncoveredTraffic.Spread });

        Profile.Coverage.Should().Be(0.4);
        plan.Buckets.Select(b => b.Total).Should().Equal(120, 150);
    }
}
