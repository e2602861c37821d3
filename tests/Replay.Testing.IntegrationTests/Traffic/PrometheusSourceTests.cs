using Replay.Testing.IntegrationTests.Servers;
using Replay.Testing.IntegrationTests.Targets;
using Replay.Testing.Traffic.Prometheus;

namespace Replay.Testing.IntegrationTests.Traffic;

[Trait("Category", "Integration")]
public class PrometheusSourceTests
{
    [Fact]
    public async Task A_real_prometheus_scraping_a_real_app_gives_back_the_exact_requests_of_the_window()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var app = await MeteredApp.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync(app.BaseAddress, cancel);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        // A 10-second window on a 5-second grid, starting after Prometheus has scraped the idle app.
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var start = DateTimeOffset.FromUnixTimeSeconds(((now / 5) + 2) * 5);
        var window = new IncidentWindow(start, start.AddSeconds(10));
        await Task.Delay(start - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200), cancel);

        int products = 0, checkouts = 0, slow = 0;
        while (DateTimeOffset.UtcNow < start.AddSeconds(8))
        {
            (await client.GetAsync($"products/{(products % 7) + 1}", cancel)).EnsureSuccessStatusCode();
            products++;
            if (products % 4 == 0)
            {
                await client.PostAsync("checkout", new StringContent("{}"), cancel);
                checkouts++;
                await client.GetAsync("slow", cancel);
                slow++;
            }

            await Task.Delay(40, cancel);
        }

        await Task.Delay(window.End - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2.5), cancel);   // the scrapes after the last request

        var profile = await new PrometheusTrafficSource(new PrometheusOptions
        {
            BaseUrl = prometheus.BaseAddress,
            Selector = "job=\"shop\"",
            BucketSize = TimeSpan.FromSeconds(5),
        }).FetchAsync(window, cancel);

        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().BeEquivalentTo(
            [("GET /products/{id}", (long)products), ("POST /checkout", (long)checkouts), ("GET /slow", (long)slow)]);
        profile.TotalRequests.Should().Be(products + checkouts + slow, "every request the app served in the window, /metrics scrapes aside");
        profile.Timeline.Should().HaveCount(2);
        profile.Timeline.Sum(b => b.Statuses!.ServerError).Should().Be(checkouts);
        profile.FindEndpoint("POST /checkout")!.Statuses.Should().Be(new Replay.Testing.Traffic.StatusClassCounts(0, 0, 0, 0, checkouts),
            "each endpoint's own status mix, for the replay's status-mix check");
        profile.FindEndpoint("GET /products/{id}")!.Statuses!.Success.Should().Be(products);
        profile.FindEndpoint("GET /slow")!.P50Milliseconds.Should().BeInRange(50, 100, "/slow takes 60 ms, read from the histogram's buckets");
    }
}
