using System.Text;
using Replay.Testing.Load;

namespace Replay.Reporting.Markdown;

/// <summary>The Markdown's "Response checks" part: the failed count and a few redacted examples.</summary>
internal static class MarkdownResponseChecks
{
    public static void Write(StringBuilder text, ReplayResult result)
    {
        if (!ResponseCheckText.HasChecks(result))
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("### Response checks");
        text.AppendLine();
        text.AppendLine(Cell(ResponseCheckText.Sentence(result)));
        if (result.CheckExamples.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("| Endpoint | Status | Content type | Failed check | Body |");
        text.AppendLine("|---|---:|---|---|---|");
        foreach (var example in result.CheckExamples)
        {
            text.Append("| `").Append(Code(example.Endpoint)).Append("` | ").Append(example.Status).Append(" | ")
                .Append(Cell(example.ContentType ?? "–")).Append(" | ").Append(Cell(ResponseCheckText.Why(example))).Append(" | `")
                .Append(Code(ResponseCheckText.Body(example))).AppendLine("` |");
        }
    }

    private static string Code(string value) => Cell(value.Replace("`", "'", StringComparison.Ordinal));

    // A cell must stay one cell: pipes and line breaks would split the table.
    private static string Cell(string value) =>
        value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
