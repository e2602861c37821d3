using Replay.Reporting.Pdf.Blocks;
using Replay.Testing;
using SkiaSharp;

namespace Replay.Reporting.Pdf;

/// <summary>
/// The SLO verdict as the PDF shows it: one row per check (pass, FAIL, or a grey n/a), each failed check's detail under
/// the table, and what "generator" rows and n/a mean. The single-run and the before/after documents share it.
/// </summary>
internal static class SloSection
{
    public static IEnumerable<IPdfBlock> Blocks(ReplayReport report)
    {
        yield return new HeadingBlock("SLO verdict");
        if (report.Verdict.Checks.Count == 0)
        {
            yield return new ParagraphBlock($"No SLO was checked: {report.Verdict.Problem ?? "none was configured"}.");
            yield break;
        }

        yield return new TableBlock(
            [new("Scope", 1.4f), new("Metric", 1.6f), new("Limit", 1f, true), new("Measured", 1f, true), new("Result", 0.7f, true)],
            report.Verdict.Checks.Select(Row).ToList());
        foreach (var block in Details(report.Verdict, string.Empty).Concat(Legend(report.Verdict.Checks)))
        {
            yield return block;
        }

        if (report.Verdict.Problem is { } problem)
        {
            yield return new ParagraphBlock($"The verdict is FAILED whatever the figures: {problem}.", color: PdfStyle.Fail);
        }
    }

    /// <summary>Why each failed check failed (its <see cref="SloCheck.Detail"/>), one line each, under the table.</summary>
    public static IEnumerable<IPdfBlock> Details(SloVerdict verdict, string prefix) =>
        verdict.Checks.Where(c => c.Detail is not null && !c.Passed).Select(check => new ParagraphBlock(
            $"{prefix}{(check.Scope == SloCheck.AllEndpoints ? string.Empty : check.Scope + " ")}{check.Metric}: {check.Detail}",
            color: PdfStyle.Fail, size: 8.5f));

    /// <summary>What "generator" rows and "n/a" mean, when the table has them.</summary>
    public static IEnumerable<IPdfBlock> Legend(IEnumerable<SloCheck> checks)
    {
        var all = checks.ToList();
        var notes = new List<string>();
        if (all.Any(c => c.Kind == SloCheckKind.Generator))
        {
            notes.Add("Rows scoped \"generator\" check the load generator, not the target: if one fails, the verdict is INCONCLUSIVE, " +
                "since the other figures are then partly the generator's own.");
        }

        if (all.Any(c => !c.Available))
        {
            notes.Add("n/a: the check could not be made because its data does not exist; it neither passes nor fails the replay.");
        }

        if (notes.Count > 0)
        {
            yield return new ParagraphBlock(string.Join(" ", notes), muted: true, size: 7.5f);
        }
    }

    /// <summary>A verdict row, coloured by its result; a check that could not be made is grey from end to end.</summary>
    public static IReadOnlyList<TableCell> Row(SloCheck check)
    {
        SKColor? grey = check.Available ? null : PdfStyle.NotAvailable;
        return [new(check.Scope, grey), new(check.Metric, grey), new(check.Limit, grey), new(check.Measured, grey), Result(check)];
    }

    /// <summary>"pass" in green, "FAIL" in bold red (amber for a generator row: it makes the verdict INCONCLUSIVE), "n/a" in grey.</summary>
    public static TableCell Result(SloCheck check) => new(check.ResultText,
        !check.Available ? PdfStyle.NotAvailable : check.Passed ? PdfStyle.Pass : check.Kind == SloCheckKind.Generator ? PdfStyle.Inconclusive : PdfStyle.Fail,
        Bold: !check.Passed);
}
