using Replay.Testing.Traffic;

namespace Replay.Testing.IntegrationTests.Targets;

internal static class TestProfiles
{
    public static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T12:10Z");

    /// <summary>Ten one-minute buckets of <paramref name="perMinute"/> requests to one path, from production host shop.example.com.</summary>
    public static TrafficProfile Steady(string path = "/a", long perMinute = 600) => new()
    {
        Window = Window,
        BucketSize = TimeSpan.FromMinutes(1),
        Endpoints = [new TrafficEndpoint("GET", path, perMinute * 10)],
        Timeline = Enumerable.Range(0, 10)
            .Select(i => new TrafficBucket(Window.Start.AddMinutes(i), new Dictionary<string, long> { ["GET " + path] = perMinute }))
            .ToList(),
        TotalRequests = perMinute * 10,
        ProductionHosts = ["shop.example.com"],
        Origin = new TrafficOrigin("test", "test profile"),
    };
}
