namespace Replay.Testing.Configuration;

/// <summary>SLO limits set on an attribute, as text; null or empty means "not set here".</summary>
internal sealed record SloOverrides(string? P50, string? P90, string? P95, string? P99, string? P999, string? Max,
    double MaxErrorRate, double MinAchievedRate, bool NoWorseThanProduction = false, bool NoWorseThanBaseline = false)
{
    public static SloOverrides None { get; } = new(null, null, null, null, null, null, double.NaN, double.NaN);
}
