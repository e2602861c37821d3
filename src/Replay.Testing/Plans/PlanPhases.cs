using System.Globalization;

namespace Replay.Testing.Plans;

/// <summary>
/// Finds a plan's phases in the incident's rate curve, and fits each bucket into the replay's duration as the
/// compression asks.
/// </summary>
internal static class PlanPhases
{
    /// <summary>The phases of the window's buckets: the configured ones, else the detected burst; the calm holds the rest.</summary>
    /// <param name="window">The incident window.</param>
    /// <param name="buckets">Each bucket's start, real length and requests, in time order.</param>
    /// <param name="options">The plan's options.</param>
    /// <param name="note">How the phases were found, or why there are none.</param>
    /// <exception cref="ReplayConfigurationException">A configured phase cannot be placed in the window.</exception>
    public static List<(string Name, List<int> Buckets, string Reason)> Find(IncidentWindow window,
        IReadOnlyList<(DateTimeOffset Start, TimeSpan Length, double Requests)> buckets, ReplayPlanOptions options, out string note)
    {
        var phases = options.Phases.Count > 0 ? Configured(window, buckets, options.Phases) : Detected(buckets, options.BurstFactor);
        note = phases.Count == 0 && options.Phases.Count == 0 ? DetectionNote(buckets, options.BurstFactor) : "";
        var held = phases.SelectMany(p => p.Buckets).ToHashSet();
        var calm = Enumerable.Range(0, buckets.Count).Where(i => !held.Contains(i)).ToList();
        if (phases.Count > 0 && calm.Count > 0)
        {
            phases.Insert(0, (PlannedPhase.Calm, calm, "every other bucket"));
        }

        return phases;
    }

    /// <summary>
    /// The replay length of each bucket: all shortened alike, or (keep-burst) the storm's buckets at their real length as
    /// far as <see cref="ReplayPlan.MaxBurstShare"/> of the duration allows and the calm ones sharing the rest.
    /// </summary>
    public static TimeSpan[] ReplayLengths(IReadOnlyList<TimeSpan> sourceLengths, ISet<int> storm, TimeSpan duration,
        TimeSpan windowLength, PlanCompression compression, out double calmFactor)
    {
        double uniform = windowLength / duration;
        TimeSpan stormSource = Sum(sourceLengths.Where((_, i) => storm.Contains(i)));
        TimeSpan calmSource = windowLength - stormSource;   // gaps in the timeline are calm time too
        calmFactor = uniform;
        if (compression == PlanCompression.Uniform || storm.Count == 0 || calmSource <= TimeSpan.Zero || uniform <= 1)
        {
            return sourceLengths.Select(l => l / uniform).ToArray();
        }

        // Never shorter than uniform compression would make it, never longer than real, and the calm keeps the rest.
        TimeSpan stormReplay = Max(stormSource / uniform, Min(stormSource, duration * ReplayPlan.MaxBurstShare));
        TimeSpan calmReplay = duration - stormReplay;
        double stormFactor = stormSource / stormReplay;
        calmFactor = calmSource / calmReplay;
        double calm = calmFactor;
        return sourceLengths.Select((l, i) => l / (storm.Contains(i) ? stormFactor : calm)).ToArray();
    }

    private static List<(string Name, List<int> Buckets, string Reason)> Detected(
        IReadOnlyList<(DateTimeOffset Start, TimeSpan Length, double Requests)> buckets, double? factor)
    {
        if (factor is not { } f || buckets.Count < 2)
        {
            return [];
        }

        double median = Median(buckets);
        var burst = Enumerable.Range(0, buckets.Count).Where(i => Rate(buckets[i]) > f * median).ToList();
        return burst.Count == 0 || burst.Count == buckets.Count ? []
            : [(PlannedPhase.Burst, burst, $"rate above {Number(f)} × the window's median of {Number(median)}/s")];
    }

    private static string DetectionNote(IReadOnlyList<(DateTimeOffset Start, TimeSpan Length, double Requests)> buckets, double? factor) =>
        factor is not { } f ? "burst detection is off (slo.burstFactor: null); the replay is judged as one phase"
        : buckets.Count < 2 ? "the window has one bucket; the replay is judged as one phase"
        : $"no bucket's rate is above {Number(f)} × the window's median of {Number(Median(buckets))}/s; the replay is judged as one phase";

    private static List<(string Name, List<int> Buckets, string Reason)> Configured(IncidentWindow window,
        IReadOnlyList<(DateTimeOffset Start, TimeSpan Length, double Requests)> buckets, IReadOnlyDictionary<string, PhaseSpan> configured)
    {
        var problems = new List<string>();
        var phases = new List<(string Name, List<int> Buckets, string Reason)>();
        var owner = new string?[buckets.Count];
        foreach (var (name, span) in configured)
        {
            string key = $"slo.phases.{name}";
            if (string.IsNullOrWhiteSpace(name) || name.Equals(PlannedPhase.Calm, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"\"{key}\": a phase needs a name other than \"{PlannedPhase.Calm}\", which is every bucket outside the named phases.");
                continue;
            }

            if (span.Resolve(window, out string? problem) is not { } range)
            {
                problems.Add($"\"{key}\": {problem}");
                continue;
            }

            // A bucket belongs to the phase its start lies in.
            var held = Enumerable.Range(0, buckets.Count).Where(i => buckets[i].Start >= range.From && buckets[i].Start < range.To).ToList();
            if (held.Count == 0)
            {
                problems.Add($"\"{key}\": [\"{span.From}\", \"{span.To}\"] holds no bucket start; the profile's buckets are " +
                    $"{Number((buckets.Count > 1 ? buckets[1].Start - buckets[0].Start : buckets[0].Length).TotalSeconds)} s long.");
                continue;
            }

            if (held.FirstOrDefault(i => owner[i] is not null, -1) is var shared and >= 0)
            {
                problems.Add($"\"{key}\" overlaps \"slo.phases.{owner[shared]}\" at {buckets[shared].Start:yyyy-MM-dd'T'HH:mm:ssK}; phases may not overlap.");
                continue;
            }

            held.ForEach(i => owner[i] = name);
            phases.Add((name, held, $"slo.phases: {span.From} to {span.To}"));
        }

        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }

        return phases;
    }

    private static double Rate((DateTimeOffset Start, TimeSpan Length, double Requests) bucket) =>
        bucket.Length <= TimeSpan.Zero ? 0 : bucket.Requests / bucket.Length.TotalSeconds;

    private static double Median(IReadOnlyList<(DateTimeOffset Start, TimeSpan Length, double Requests)> buckets)
    {
        var rates = buckets.Select(Rate).Order().ToArray();
        int middle = rates.Length / 2;
        return rates.Length % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
    }

    private static string Number(double value) => value.ToString(value >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static TimeSpan Sum(IEnumerable<TimeSpan> lengths) => lengths.Aggregate(TimeSpan.Zero, (a, b) => a + b);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
