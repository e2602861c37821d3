using System.Text;

namespace Replay.Testing;

/// <summary>
/// The outcome of checking a replay: each check, and what they prove together. PASSED only when every check of the
/// target held and the load generator kept up; INCONCLUSIVE when the generator fell behind, whatever the target did.
/// </summary>
public sealed record SloVerdict(IReadOnlyList<SloCheck> Checks)
{
    /// <summary>Why the replay could not be judged (it did not run to the end), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>What the replay proved.</summary>
    /// <remarks>
    /// A target failure the generator cannot cause (errors, unanswered requests, the status mix) is FAILED whatever the
    /// generator did; otherwise a generator that fell behind makes the verdict INCONCLUSIVE, since its lateness is
    /// part of every response time; otherwise any failed check is FAILED.
    /// </remarks>
    public VerdictOutcome Outcome =>
        Problem is not null || Checks.Any(c => c.Kind == SloCheckKind.Target && !c.Passed) ? VerdictOutcome.Failed
        : Checks.Any(c => c.Kind == SloCheckKind.Generator && !c.Passed) ? VerdictOutcome.Inconclusive
        : Checks.All(c => c.Passed) ? VerdictOutcome.Passed
        : VerdictOutcome.Failed;

    /// <summary>Whether every check held and nothing stopped the replay.</summary>
    public bool Passed => Outcome == VerdictOutcome.Passed;

    /// <summary>Whether the load generator fell behind, so the replay could not be judged.</summary>
    public bool Inconclusive => Outcome == VerdictOutcome.Inconclusive;

    /// <summary>The checks that failed.</summary>
    public IEnumerable<SloCheck> Failures => Checks.Where(c => !c.Passed);

    /// <summary>A verdict for a replay that could not be judged.</summary>
    public static SloVerdict NotJudged(string problem) => new([]) { Problem = problem };

    /// <summary>"PASSED", "FAILED" or "INCONCLUSIVE".</summary>
    public string Word => Outcome switch
    {
        VerdictOutcome.Passed => "PASSED",
        VerdictOutcome.Inconclusive => "INCONCLUSIVE",
        _ => "FAILED",
    };

    /// <summary>What an INCONCLUSIVE verdict means and what to change, or null for any other outcome.</summary>
    public string? InconclusiveReason => Inconclusive
        ? "the load generator fell behind (" + string.Join("; ", Checks.Where(c => c.Kind == SloCheckKind.Generator && !c.Passed)
            .Select(c => $"{c.Metric} {c.Measured}, limit {c.Limit}")) + "), so the response times are partly its own and prove nothing " +
          "about the target. Give the replay a machine with more free cores, lower plan.rateScale, or split the plan over several " +
          "machines; the limits are slo.maxSchedulerLag and slo.maxGeneratorCpu"
        : null;

    /// <summary>The verdict as a plain-text table, one check per row, as printed in test output and failure messages.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        var judged = Checks.Where(c => c.Available).ToList();
        int failed = judged.Count(c => !c.Passed);
        text.Append("SLO verdict: ").Append(Word);
        if (Problem is not null)
        {
            text.Append(" (").Append(Problem).Append(')');
        }
        else if (InconclusiveReason is { } reason)
        {
            text.Append(" (").Append(reason).Append(')');
        }
        else
        {
            text.Append(failed == 0 ? $" (all {judged.Count} checks held)" : $" ({failed} of {judged.Count} checks failed{FailedPhases()})");
        }

        if (Checks.Count == 0)
        {
            return text.ToString();
        }

        // The phase column appears only when the replay was judged in phases, so a one-phase table reads as before.
        bool phased = Checks.Any(c => c.Phase is not null);
        string[] header = phased ? ["Phase", "Scope", "Metric", "Limit", "Measured", "Result"] : ["Scope", "Metric", "Limit", "Measured", "Result"];
        var rows = Checks.Select(c => phased
            ? new[] { c.Phase ?? WholeRun, c.Scope, c.Metric, c.Limit, c.Measured, c.ResultText }
            : new[] { c.Scope, c.Metric, c.Limit, c.Measured, c.ResultText }).ToList();
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

        foreach (var check in Checks.Where(c => c.Detail is not null && !c.Passed))
        {
            text.AppendLine().Append(check.Phase is { } phase ? phase + " " : "")
                .Append(check.Scope == SloCheck.AllEndpoints ? "" : check.Scope + " ").Append(check.Metric).Append(": ").Append(check.Detail);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToTable();

    /// <summary>What the verdict table calls the rows over the whole replay when it also has rows per phase.</summary>
    public const string WholeRun = "whole";

    /// <summary>The phases with a failed row, in the order they first fail, or null for a replay judged as one phase.</summary>
    public IReadOnlyList<string>? PhasesFailed => Checks.Any(c => c.Phase is not null)
        ? Checks.Where(c => !c.Passed).Select(c => c.Phase ?? WholeRun).Distinct().ToList()
        : null;

    private string FailedPhases() => PhasesFailed is { Count: > 0 } phases ? ", in " + string.Join(", ", phases) : "";

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths) =>
        text.Append(string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
}
