namespace Replay.Testing;

/// <summary>The settings a replay ran with, as the report states them.</summary>
/// <param name="Duration">The length of the replay.</param>
/// <param name="Compression">How many times faster than real time.</param>
/// <param name="RateScale">The rate multiplier.</param>
/// <param name="Seed">The seed of the schedule.</param>
/// <param name="TotalRequests">Requests planned.</param>
/// <param name="Endpoints">The endpoint keys in plan order.</param>
public sealed record ReplayPlanSummary(TimeSpan Duration, double Compression, double RateScale, int Seed, long TotalRequests,
    IReadOnlyList<string> Endpoints)
{
    /// <summary>Whether the replay sent each bucket's mix or production's own requests in order.</summary>
    public Plans.RequestOrder Order { get; init; }

    /// <summary>How arrivals were spread inside each bucket: evenly, or at random as real clients arrive.</summary>
    public Plans.ArrivalSpacing Arrivals { get; init; }

    /// <summary>How the window was fitted into the replay's duration: every bucket alike, or the burst at its real length.</summary>
    public Plans.PlanCompression CompressionMode { get; init; }

    /// <summary>The phases judged on their own ("calm" first), with their real and replayed lengths; empty for one phase.</summary>
    public IReadOnlyList<Plans.PlannedPhase> Phases { get; init; } = [];

    /// <summary>Why the replay was judged as one phase, or empty.</summary>
    public string PhaseNote { get; init; } = "";

    /// <summary>What was done with requests the profile lists under no endpoint.</summary>
    public Plans.UncoveredTraffic Uncovered { get; init; }

    /// <summary>Where each URL template placeholder's values came from (<c>{"id": "int:1-50000"}</c>, <c>{"sku": "412 values"}</c>).</summary>
    public IReadOnlyDictionary<string, string> TemplateValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The share of the window's requests the listed endpoints cover, from 0 to 1.</summary>
    public double Coverage { get; init; } = 1;
}
