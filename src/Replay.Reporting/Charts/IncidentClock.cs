using Replay.Testing;

namespace Replay.Reporting.Charts;

/// <summary>Puts replay buckets on the incident's own clock, so every chart reads in incident time.</summary>
internal static class IncidentClock
{
    /// <summary>An instant as a chart x value, in the window's own offset.</summary>
    public static double X(DateTimeOffset instant, IncidentWindow window) =>
        instant.ToOffset(window.Start.Offset).DateTime.ToOADate();

    /// <summary>The x axis label: "Incident time (UTC)" or "Incident time (UTC+01:00)".</summary>
    public static string Label(IncidentWindow window) =>
        window.Start.Offset == TimeSpan.Zero ? "Incident time (UTC)" : $"Incident time (UTC{window.Start.Offset:\\+hh\\:mm})";
}
