using System.Globalization;

namespace Replay.Testing.Plans;

/// <summary>A phase as the run's output and the reports state it.</summary>
public static class PhaseText
{
    /// <summary>"burst: 15 min in 48 s (18.75× compression), 3,812 requests; rate above 1.5 × the window's median of 41/s".</summary>
    public static string Describe(PlannedPhase phase) =>
        $"{phase.Name}: {Length(phase.SourceDuration)} in {Length(phase.Duration)} " +
        $"({(Math.Abs(phase.Compression - 1) < 0.005 ? "real length" : phase.Compression.ToString("0.##", CultureInfo.InvariantCulture) + "× compression")}), " +
        $"{phase.TotalRequests.ToString("N0", CultureInfo.InvariantCulture)} requests; {phase.Reason}";

    /// <summary>A length as people say it: "15 min", "48 s", "1 h 5 min".</summary>
    public static string Length(TimeSpan length) =>
        length.TotalHours >= 1 ? $"{(int)length.TotalHours} h{(length.Minutes > 0 ? $" {length.Minutes} min" : "")}"
        : length.TotalMinutes >= 1 && length.Seconds == 0 ? $"{(int)length.TotalMinutes} min"
        : length.TotalMinutes >= 1 ? $"{(int)length.TotalMinutes} min {length.Seconds} s"
        : length.TotalSeconds.ToString(length.TotalSeconds >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture) + " s";
}
