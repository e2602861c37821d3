using System.Text;

namespace Replay.Testing;

/// <summary>The outcome of checking a replay against its SLOs: each check, and whether all held.</summary>
public sealed record SloVerdict(IReadOnlyList<SloCheck> Checks)
{
    /// <summary>Why the replay could not be judged (it did not run to the end), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>Whether every check held and nothing stopped the replay.</summary>
    public bool Passed => Problem is null && Checks.All(c => c.Passed);

    /// <summary>The checks that failed.</summary>
    public IEnumerable<SloCheck> Failures => Checks.Where(c => !c.Passed);

    /// <summary>A verdict for a replay that could not be judged.</summary>
    public static SloVerdict NotJudged(string problem) => new([]) { Problem = problem };

    /// <summary>"PASSED" or "FAILED".</summary>
    public string Word => Passed ? "PASSED" : "FAILED";

    /// <summary>The verdict as a plain-text table, one check per row, as printed in test output and failure messages.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        int failed = Checks.Count(c => !c.Passed);
        text.Append("SLO verdict: ").Append(Word);
        if (Problem is not null)
        {
            text.Append(" (").Append(Problem).Append(')');
        }
        else
        {
            text.Append(failed == 0 ? $" (all {Checks.Count} checks held)" : $" ({failed} of {Checks.Count} checks failed)");
        }

        if (Checks.Count == 0)
        {
            return text.ToString();
        }

        string[] header = ["Scope", "Metric", "Limit", "Measured", "Result"];
        var rows = Checks.Select(c => new[] { c.Scope, c.Metric, c.Limit, c.Measured, c.Passed ? "pass" : "FAIL" }).ToList();
        int[] widths = Enumerable.Range(0, header.Length).Select(i => Math.Max(header[i].Length, rows.Max(r => r[i].Length))).ToArray();
        text.AppendLine();
        AppendRow(text, header, widths);
        text.AppendLine();
        text.Append(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            text.AppendLine();
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToTable();

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths) =>
        text.Append(string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
}
