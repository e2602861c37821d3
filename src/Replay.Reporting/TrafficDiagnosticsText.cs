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

        // Response sizes drive bandwidth and serialisation cost, so a replay judged on latency should say what production sent.
        var sized = profile.Timeline.Where(b => b.ResponseBytes is not null).ToList();
        if (sized.Count > 0)
        {
            double seconds = profile.BucketSize.TotalSeconds;
            double average = sized.Sum(b => (double)b.ResponseBytes!.Value) / (sized.Count * seconds);
            double peak = sized.Max(b => b.ResponseBytes!.Value) / seconds;
            facts.Add(("Response bytes", $"{Bytes(average)}/s on average, {Bytes(peak)}/s in the busiest {ReportText.Duration(profile.BucketSize)}"));
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

    private static string Bytes(double bytes) => bytes switch
    {
        >= 1e9 => (bytes / 1e9).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " GB",
        >= 1e6 => (bytes / 1e6).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " MB",
        >= 1e3 => (bytes / 1e3).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " B",
    };

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
