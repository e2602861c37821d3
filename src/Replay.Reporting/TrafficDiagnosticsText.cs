using Replay.Testing.Traffic;

namespace Replay.Reporting;

/// <summary>
/// A source's diagnostics as report facts, the same in the PDF and in Markdown: every line a log held is accounted for
/// as in the window, outside it, or skipped (by kind).
/// </summary>
internal static class TrafficDiagnosticsText
{
    public static IReadOnlyList<(string Label, string Value)> Facts(TrafficDiagnostics diagnostics)
    {
        var facts = new List<(string, string)>();
        string kinds = diagnostics.SkippedByKind.Count == 0 || diagnostics.RecordsSkipped == 0
            ? string.Empty
            : ": " + string.Join(", ", diagnostics.SkippedByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value)
                .Select(k => $"{ReportText.Count(k.Value)} {k.Key}"));
        facts.Add(("Records skipped", $"{ReportText.Count(diagnostics.RecordsSkipped)} of {ReportText.Count(diagnostics.RecordsRead)} ({ReportText.Percent(diagnostics.SkippedShare)}){kinds}"));
        if (diagnostics.FirstSeen is { } first && diagnostics.LastSeen is { } last)
        {
            facts.Add(("Times seen", $"{ReportText.Instant(first)} to {ReportText.Instant(last)}"));
        }

        if (diagnostics.RecordsOutsideWindow > 0)
        {
            facts.Add(("Outside the window", $"{ReportText.Count(diagnostics.RecordsOutsideWindow)} records, not replayed"));
        }

        return facts;
    }
}
