using Replay.Testing.Traffic;

namespace Replay.Reporting;

/// <summary>
/// A source's diagnostics as report facts, the same in the PDF and in Markdown: every line a log held is accounted for
/// as in the window, outside it, or skipped (by kind).
/// </summary>
internal static class TrafficDiagnosticsText
{
    /// <summary>The diagnostics' facts, then the value pools that were capped; empty when the source says nothing.</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(TrafficProfile profile)
    {
        var facts = new List<(string, string)>();
        if (profile.Diagnostics is { } diagnostics)
        {
            facts.AddRange(Facts(diagnostics));
        }

        // A capped pool replays fewer distinct values than production served, so caches look warmer than they were.
        foreach (var endpoint in profile.Endpoints)
        {
            foreach (var (name, distinct) in endpoint.DistinctTemplateValues.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                int kept = endpoint.TemplateValues.TryGetValue(name, out var values) ? values.Count : 0;
                facts.Add(("Value pool capped", $"{endpoint.Key} {{{name}}}: {ReportText.Count(kept)} of {ReportText.Count(distinct)} distinct values kept (maxValuesPerPlaceholder)"));
            }
        }

        return facts;
    }

    private static IReadOnlyList<(string Label, string Value)> Facts(TrafficDiagnostics diagnostics)
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
