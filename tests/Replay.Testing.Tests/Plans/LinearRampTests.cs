using Replay.Testing.Plans;

namespace Replay.Testing.Tests.Plans;

public class LinearRampTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 10)]
    [InlineData(10, 1)]
    [InlineData(0, 5)]
    public void Positions_run_from_the_start_to_the_end_of_the_bucket_in_order(double startRate, double endRate)
    {
        var positions = Enumerable.Range(0, 101).Select(i => ReplayPlan.RampPosition(i / 100.0, startRate, endRate)).ToList();

        positions[0].Should().BeApproximately(0, 1e-9);
        positions[^1].Should().BeApproximately(1, 1e-9);
        positions.Should().BeInAscendingOrder();
    }

    [Fact]
    public void A_rising_rate_packs_arrivals_towards_the_end_of_the_bucket()
    {
        // With the rate going from 1 to 3, the first half of the time holds (1 + 2) / 2 / 2 = 3/8 of the arrivals.
        ReplayPlan.RampPosition(3.0 / 8, 1, 3).Should().BeApproximately(0.5, 1e-9);
    }

    [Fact]
    public void Ramps_move_arrivals_inside_buckets_but_keep_every_buckets_count()
    {
        var profile = ProfileBuilder.Minutes(("GET /catalog", [60, 600, 60]));
        var stepped = ReplayPlan.Create(profile);
        var ramped = ReplayPlan.Create(profile, new ReplayPlanOptions { LinearRamps = true });

        var steppedArrivals = stepped.EnumerateArrivals().ToList();
        var rampedArrivals = ramped.EnumerateArrivals().ToList();

        rampedArrivals.GroupBy(a => a.BucketIndex).Select(g => g.Count()).Should().Equal(60, 600, 60);
        rampedArrivals.Select(a => a.Offset).Should().BeInAscendingOrder();
        // The first minute ramps up towards the burst: most of its arrivals come late in it.
        var firstMinute = rampedArrivals.Where(a => a.BucketIndex == 0).ToList();
        firstMinute.Count(a => a.Offset >= TimeSpan.FromSeconds(30)).Should().Be(40, "the rate goes from 1/s to 5.5/s: two thirds of the minute's arrivals fall in its second half");
        steppedArrivals.Where(a => a.BucketIndex == 0).Count(a => a.Offset >= TimeSpan.FromSeconds(30)).Should().Be(30);
    }
}
