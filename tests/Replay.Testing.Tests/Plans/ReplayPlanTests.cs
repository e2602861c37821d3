using Replay.Testing.Plans;
using Replay.Testing.Traffic;

namespace Replay.Testing.Tests.Plans;

public class ReplayPlanTests
{
    [Fact]
    public void Real_time_plan_follows_each_buckets_rate_not_the_average()
    {
        // 60 requests a minute, except a burst of 600 in minute 20.
        var perMinute = ProfileBuilder.Repeat(60, 60);
        perMinute[20] = 600;
        var plan = ReplayPlan.Create(ProfileBuilder.Minutes(("GET /catalog", perMinute)));

        plan.Duration.Should().Be(TimeSpan.FromHours(1));
        plan.Buckets.Should().HaveCount(60);
        plan.Buckets[19].RatePerSecond.Should().BeApproximately(1, 1e-9);
        plan.Buckets[20].RatePerSecond.Should().BeApproximately(10, 1e-9);
        plan.TotalRequests.Should().Be(59 * 60 + 600);
    }

    [Fact]
    public void Compressing_an_hour_into_a_minute_keeps_every_buckets_rate_and_shape()
    {
        var perMinute = Enumerable.Range(0, 60).Select(i => (long)(600 + (i * 60))).ToArray();
        var profile = ProfileBuilder.Minutes(("GET /catalog", perMinute));

        var plan = ReplayPlan.Create(profile, new ReplayPlanOptions { Duration = TimeSpan.FromMinutes(1) });

        plan.Compression.Should().Be(60);
        plan.Buckets.Should().AllSatisfy(b => b.Duration.Should().Be(TimeSpan.FromSeconds(1)));
        plan.Buckets.Select(b => b.RatePerSecond).Should().Equal(perMinute.Select(c => c / 60.0));
        plan.Buckets[59].Offset.Should().Be(TimeSpan.FromSeconds(59));
    }

    [Fact]
    public void Each_bucket_keeps_its_own_endpoint_mix()
    {
        var plan = ReplayPlan.Create(ProfileBuilder.Minutes(
            ("GET /catalog", [600, 60]),
            ("GET /cart", [60, 600])));

        plan.Buckets[0].Counts.Should().Equal(600, 60);
        plan.Buckets[1].Counts.Should().Equal(60, 600);
        var firstMinute = plan.EnumerateArrivals().TakeWhile(a => a.BucketIndex == 0).ToList();
        firstMinute.Count(a => a.EndpointIndex == 0).Should().Be(600);
        firstMinute.Take(66).Count(a => a.EndpointIndex == 0).Should().BeInRange(50, 64, "the mix is spread through the bucket, not sent endpoint by endpoint");
    }

    [Fact]
    public void Scaling_multiplies_every_rate_and_fractions_carry_so_totals_stay_exact()
    {
        var plan = ReplayPlan.Create(ProfileBuilder.Minutes(("GET /catalog", ProfileBuilder.Repeat(10, 60))),
            new ReplayPlanOptions { RateScale = 1.5, Duration = TimeSpan.FromMinutes(6) });

        // 10 a minute × 1.5 ÷ 10 (compression) = 1.5 per bucket: alternately 1 and 2, never all rounded down.
        plan.Buckets.Take(4).Select(b => b.Total).Should().Equal(1, 2, 1, 2);
        plan.TotalRequests.Should().Be(90);
    }

    [Fact]
    public void Arrivals_are_evenly_spaced_inside_their_bucket_and_in_time_order()
    {
        var plan = ReplayPlan.Create(ProfileBuilder.Minutes(("GET /a", [60, 120])), new ReplayPlanOptions { Duration = TimeSpan.FromMinutes(1) });

        var arrivals = plan.EnumerateArrivals().ToList();

        arrivals.Should().HaveCount(3);   // 60 and 120 a minute, compressed 60x: 1 then 2 requests, in 1 s buckets
        arrivals[1].Offset.Should().Be(TimeSpan.FromSeconds(1.25));
        arrivals[2].Offset.Should().Be(TimeSpan.FromSeconds(1.75));
        arrivals.Select(a => a.Offset).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Same_seed_gives_the_same_schedule_and_another_seed_a_different_order()
    {
        var profile = ProfileBuilder.Minutes(("GET /a", [300]), ("GET /b", [300]), ("GET /products/{id}", [300]));
        var options = new ReplayPlanOptions { TemplateValues = new Dictionary<string, IReadOnlyList<string>> { ["id"] = ["1", "2", "3"] } };

        var first = ReplayPlan.Create(profile, options).EnumerateArrivals().ToList();
        var again = ReplayPlan.Create(profile, options).EnumerateArrivals().ToList();
        var other = ReplayPlan.Create(profile, options with { Seed = 2 }).EnumerateArrivals().ToList();

        again.Should().Equal(first);
        other.Select(a => a.Target).Should().NotEqual(first.Select(a => a.Target));
        other.Should().HaveSameCount(first);
    }

    [Fact]
    public void Templates_are_filled_with_configured_values_and_never_sent_literally()
    {
        var profile = ProfileBuilder.Minutes(("GET /products/{id}", [100]));
        var plan = ReplayPlan.Create(profile, new ReplayPlanOptions
        {
            TemplateValues = new Dictionary<string, IReadOnlyList<string>> { ["id"] = ["7", "42"] },
        });

        plan.EnumerateArrivals().Select(a => a.Target).Distinct().Should().BeEquivalentTo("/products/7", "/products/42");
    }

    [Fact]
    public void Generated_template_values_stay_in_range_and_repeat_for_the_same_seed()
    {
        var profile = ProfileBuilder.Minutes(("GET /users/{id}/orders/{order}", [2000]));
        var options = new ReplayPlanOptions
        {
            TemplateGenerators = new Dictionary<string, TemplateValueGenerator>
            {
                ["id"] = TemplateValueGenerator.Integers(1, 50),
                ["order"] = TemplateValueGenerator.Guids(),
            },
        };

        var targets = ReplayPlan.Create(profile, options).EnumerateArrivals().Select(a => a.Target).ToList();
        var again = ReplayPlan.Create(profile, options).EnumerateArrivals().Select(a => a.Target).ToList();
        var other = ReplayPlan.Create(profile, options with { Seed = 9 }).EnumerateArrivals().Select(a => a.Target).ToList();

        var parts = targets.Select(t => t.Split('/')).ToList();
        parts.Select(p => int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)).Should().OnlyContain(id => id >= 1 && id <= 50);
        parts.Select(p => p[2]).Distinct().Should().HaveCount(50, "2,000 draws from 50 values reach every one");
        parts.Select(p => Guid.Parse(p[4])).Should().OnlyHaveUniqueItems().And.OnlyContain(g => g.Version == 4 && (g.ToByteArray()[8] & 0xC0) == 0x80);
        targets.Should().NotContain(t => t.Contains('{'));
        again.Should().Equal(targets);
        other.Should().NotEqual(targets);
    }

    [Fact]
    public void Hex_values_have_the_asked_length()
    {
        var plan = ReplayPlan.Create(ProfileBuilder.Minutes(("GET /objects/{oid}", [100])), new ReplayPlanOptions
        {
            TemplateGenerators = new Dictionary<string, TemplateValueGenerator> { ["oid"] = TemplateValueGenerator.Hex(24) },
        });

        plan.EnumerateArrivals().Select(a => a.Target["/objects/".Length..]).Should().OnlyContain(v => v.Length == 24 && v.All(char.IsAsciiHexDigitLower));
        plan.Endpoints[0].Placeholders[0].Describe().Should().Be("hex:24");
    }

    [Fact]
    public void A_placeholder_with_a_generator_and_values_or_a_query_is_refused()
    {
        var act = () => ReplayPlan.Create(ProfileBuilder.Minutes(("GET /products/{id}/{sku}", [100])), new ReplayPlanOptions
        {
            TemplateGenerators = new Dictionary<string, TemplateValueGenerator>
            {
                ["id"] = TemplateValueGenerator.Integers(1, 9),
                ["sku"] = TemplateValueGenerator.Hex(8),
            },
            TemplateValues = new Dictionary<string, IReadOnlyList<string>> { ["id"] = ["1"] },
            TemplateQueries = new Dictionary<string, string> { ["sku"] = "SELECT sku FROM products" },
        });

        act.Should().Throw<ReplayConfigurationException>()
            .WithMessage("*{id} has a generator and also values*{sku} has a generator and also a query*\"plan.templateQueries.sku\"*");
    }

    [Fact]
    public void A_recorded_order_needs_a_sequence_and_the_incidents_own_rate()
    {
        var profile = ProfileBuilder.Minutes(("GET /a", [60]));
        var withSequence = profile with { Sequence = new RequestSequence([new RecordedTarget("GET", "/a?x=1", "GET /a")], [0], [0]) };

        var noSequence = () => ReplayPlan.Create(profile, new ReplayPlanOptions { Order = RequestOrder.Recorded });
        var scaled = () => ReplayPlan.Create(withSequence, new ReplayPlanOptions { Order = RequestOrder.Recorded, RateScale = 2 });

        noSequence.Should().Throw<ReplayConfigurationException>().WithMessage("*order is \"recorded\"*no request sequence*keepSequence*REPLAY_REFRESH=1*");
        scaled.Should().Throw<ReplayConfigurationException>().WithMessage("RateScale is 2, but a recorded-order replay*\"mixed\"*");
        ReplayPlan.Create(withSequence, new ReplayPlanOptions { Order = RequestOrder.Recorded }).EnumerateArrivals().Select(a => a.Target).Should().Equal("/a?x=1");
    }

    [Fact]
    public void A_template_without_values_is_a_configuration_error_naming_the_placeholder()
    {
        var act = () => ReplayPlan.Create(ProfileBuilder.Minutes(("GET /products/{id}", [100])));

        act.Should().Throw<ReplayConfigurationException>().WithMessage("*\"GET /products/{id}\"*{id} has no values*TemplateValues[\"id\"]*plan.templateGenerators.id*plan.templateQueries.id*");
    }

    [Fact]
    public void A_window_without_traffic_cannot_be_planned()
    {
        var act = () => ReplayPlan.Create(ProfileBuilder.Minutes(("GET /a", [0, 0])));

        act.Should().Throw<ReplayConfigurationException>().WithMessage("*has no requests, so there is nothing to replay*");
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    [InlineData(double.NaN, null)]
    [InlineData(1, 0)]
    [InlineData(1, 7200)]
    public void Invalid_options_are_rejected_together(double scale, int? durationSeconds)
    {
        var options = new ReplayPlanOptions
        {
            RateScale = scale,
            Duration = durationSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        };

        var act = () => ReplayPlan.Create(ProfileBuilder.Minutes(("GET /a", [60])), options);

        act.Should().Throw<ReplayConfigurationException>().Which.Problems.Should().NotBeEmpty();
    }
}
