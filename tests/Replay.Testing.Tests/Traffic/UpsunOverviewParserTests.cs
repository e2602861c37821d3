using Replay.Testing.Traffic;
using Replay.Testing.Traffic.Upsun;

namespace Replay.Testing.Tests.Traffic;

public class UpsunOverviewParserTests
{
    private static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T13:00Z");

    private static TrafficProfile Parse() =>
        UpsunOverviewParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Upsun", "http-metrics-overview.json")), Window, "fixture");

    [Fact]
    public void Urls_become_endpoints_with_relative_paths_and_production_latency()
    {
        var profile = Parse();

        profile.Endpoints.Select(e => e.Key).Should().Equal("GET /catalog", "GET /api/users/{id}", "POST /checkout?step=pay");
        var catalog = profile.FindEndpoint("GET /catalog")!;
        catalog.Count.Should().Be(3000);
        catalog.P50Milliseconds.Should().Be(198.5);
        catalog.P96Milliseconds.Should().Be(512.8);
        profile.FindEndpoint("GET /api/users/{id}")!.IsTemplate.Should().BeTrue();
        profile.ProductionHosts.Should().Equal("shop.example.com");
    }

    [Fact]
    public void Timeline_keeps_per_bucket_counts_statuses_and_empty_buckets()
    {
        var profile = Parse();

        profile.BucketSize.Should().Be(TimeSpan.FromMinutes(10));
        profile.Timeline.Should().HaveCount(4);
        profile.Timeline[1].Counts["GET /catalog"].Should().Be(1600);
        profile.Timeline[1].Statuses!.ServerError.Should().Be(100);
        profile.Timeline[0].RequestBytes.Should().Be(524288);
        profile.Timeline[2].Counts.Should().BeEmpty("an empty bucket carries only its timestamp");
        profile.Timeline[2].Statuses.Should().Be(new StatusClassCounts(0, 0, 0, 0, 0, 0), "no request of any class, not an unknown mix");
    }

    [Fact]
    public void Coverage_compares_the_top_urls_with_all_status_classes()
    {
        var profile = Parse();

        profile.TotalRequests.Should().Be(650 + 0 + 1900 + 2000 + 50);
        profile.CoveredRequests.Should().Be(4500);
        profile.Coverage.Should().BeApproximately(4500.0 / 4600, 1e-9);
        profile.Origin.Details["environmentType"].Should().Be("production");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"_grain\": 0, \"data\": {}}")]
    public void A_malformed_response_is_a_traffic_source_error(string json)
    {
        var act = () => UpsunOverviewParser.Parse(json, Window, "the Upsun response");

        act.Should().Throw<TrafficSourceException>().WithMessage("the Upsun response*");
    }
}
