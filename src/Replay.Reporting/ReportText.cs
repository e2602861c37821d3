using System.Globalization;
using Replay.Testing;
using Replay.Testing.Slo;

namespace Replay.Reporting;

/// <summary>How figures read in every report: invariant culture, units spelled out, nothing a reader must decode.</summary>
internal static class ReportText
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString(perSecond >= 100 ? "N0" : "0.#", CultureInfo.InvariantCulture) + " req/s";

    public static string Ms(double milliseconds) => SloText.Milliseconds(milliseconds);

    public static string Percent(double ratio) => SloText.Percent(ratio);

    public static string Ratio(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span.TotalSeconds < 120 && span.TotalSeconds % 60 != 0 || span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
        : span.TotalMinutes < 120
            ? span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
            : span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";

    public static string Instant(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + Offset(instant.Offset);

    /// <summary>"2026-03-10 12:00 – 13:00 UTC (1 h)".</summary>
    public static string Window(IncidentWindow window)
    {
        string start = window.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string end = window.End.Date == window.Start.Date
            ? window.End.ToString("HH:mm", CultureInfo.InvariantCulture)
            : window.End.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{start} – {end}{Offset(window.Start.Offset)} ({Duration(window.Duration)})";
    }

    private static string Offset(TimeSpan offset) => offset == TimeSpan.Zero ? " UTC" : $" UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
}
