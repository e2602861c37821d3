using Replay.Testing.Plans;

namespace Replay.Testing.Tests.Plans;

public class PoissonArrivalsTests
{
    private static ReplayPlan Plan(ArrivalSpacing spacing, int seed = 1) => ReplayPlan.Create(
        ProfileBuilder.Minutes(("GET /catalog", [600, 1200, 0, 300]), ("POST /checkout", [60, 120, 5, 30])),
        new ReplayPlanOptions { Arrivals = spacing, Seed = seed });

    [Fact]
    public void Poisson_buckets_keep_every_buckets_exact_count_and_endpoint_mix()
    {
        var uniform = Plan(ArrivalSpacing.Uniform).EnumerateArrivals().ToList();
        var poisson = Plan(ArrivalSpacing.Poisson).EnumerateArrivals().ToList();

        poisson.GroupBy(a => (a.BucketIndex, a.EndpointIndex)).ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(uniform.GroupBy(a => (a.BucketIndex, a.EndpointIndex)).ToDictionary(g => g.Key, g => g.Count()));
        poisson.Should().AllSatisfy(a => a.Offset.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(a.BucketIndex))
            .And.BeLessThan(TimeSpan.FromMinutes(a.BucketIndex + 1)));
        poisson.Select(a => a.Offset).Should().BeInAscendingOrder("the engine sends arrivals in the order they come");
    }

    [Fact]
    public void Poisson_arrivals_are_the_same_for_one_seed_and_differ_for_another()
    {
        var first = Plan(ArrivalSpacing.Poisson, seed: 3).EnumerateArrivals().Select(a => a.Offset).ToList();
        var again = Plan(ArrivalSpacing.Poisson, seed: 3).EnumerateArrivals().Select(a => a.Offset).ToList();
        var other = Plan(ArrivalSpacing.Poisson, seed: 4).EnumerateArrivals().Select(a => a.Offset).ToList();

        again.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public void Poisson_gaps_clump_where_uniform_gaps_are_a_metronome()
    {
        static double[] Gaps(ReplayPlan plan) => plan.EnumerateArrivals().Where(a => a.BucketIndex == 1)
            .Select(a => a.Offset.TotalSeconds).Pairwise().ToArray();

        var uniform = Gaps(Plan(ArrivalSpacing.Uniform));
        var poisson = Gaps(Plan(ArrivalSpacing.Poisson));

        double mean = poisson.Average();
        mean.Should().BeApproximately(60.0 / 1320, 0.01, "the bucket's rate is unchanged");
        // Exponential gaps have a coefficient of variation near 1; a metronome's is near 0.
        (StandardDeviation(poisson) / mean).Should().BeInRange(0.8, 1.2);
        (StandardDeviation(uniform) / uniform.Average()).Should().BeLessThan(0.05);
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}

internal static class PairwiseExtensions
{
    public static IEnumerable<double> Pairwise(this IEnumerable<double> values)
    {
        double? previous = null;
        foreach (double value in values)
        {
            if (previous is { } p)
            {
                yield return value - p;
            }

            previous = value;
        }
    }
}
