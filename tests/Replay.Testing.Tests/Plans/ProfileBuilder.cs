using Replay.Testing.Traffic;

namespace Replay.Testing.Tests.Plans;

/// <summary>Makes small traffic profiles for planner tests: one bucket per minute of a one-hour window.</summary>
internal static class ProfileBuilder
{
    public static readonly IncidentWindow Hour = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T13:00Z");

    /// <summary>A profile whose minute i carries counts[key][i] requests.</summary>
    public static TrafficProfile Minutes(params (string Key, long[] PerMinute)[] endpoints)
    {
        int buckets = endpoints.Max(e => e.PerMinute.Length);
        var timeline = Enumerable.Range(0, buckets).Select(i => new TrafficBucket(
            Hour.Start.AddMinutes(i),
            endpoints.Where(e => i < e.PerMinute.Length && e.PerMinute[i] > 0).ToDictionary(e => e.Key, e => e.PerMinute[i]))).ToList();
        var list = endpoints.Select(e =>
        {
            int space = e.Key.IndexOf(' ');
            return new TrafficEndpoint(e.Key[..space], e.Key[(space + 1)..], e.PerMinute.Sum());
        }).ToList();
        return new TrafficProfile
        {
            Window = Hour,
            BucketSize = TimeSpan.FromMinutes(1),
            Endpoints = list,
            Timeline = timeline,
            TotalRequests = list.Sum(e => e.Count),
            Origin = new TrafficOrigin("test", "test profile"),
        };
    }

    public static long[] Repeat(long value, int count) => Enumerable.Repeat(value, count).ToArray();
}
