using Replay.Reporting.Pdf.Blocks;
using Replay.Testing.Load;

namespace Replay.Reporting.Pdf;

/// <summary>The PDF's response checks, inside the errors breakdown: the failed count and a few redacted examples.</summary>
internal static class ResponseCheckSection
{
    public static IEnumerable<IPdfBlock> Blocks(ReplayResult result)
    {
        if (!ResponseCheckText.HasChecks(result))
        {
            yield break;
        }

        yield return new ParagraphBlock("Response checks. " + ResponseCheckText.Sentence(result),
            color: result.CheckFailures > 0 ? PdfStyle.Fail : null);
        if (result.CheckExamples.Count > 0)
        {
            yield return new TableBlock(
                [new("Endpoint", 1.6f), new("Status", 0.6f, true), new("Failed check", 2f), new("Body (secrets masked)", 2.6f)],
                result.CheckExamples.Select(e => (IReadOnlyList<TableCell>)
                    [e.Endpoint, e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), ResponseCheckText.Why(e), ResponseCheckText.Body(e)]).ToList());
        }
    }
}
