using Replay.Testing;
using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>The verdict in words and colour, the first thing a reader sees: green PASSED, red FAILED, amber INCONCLUSIVE.</summary>
internal sealed class VerdictBannerBlock(VerdictOutcome outcome, string word, string summary) : IPdfBlock
{
    private const float Padding = 12f;
    private const float WordSize = 26f;

    public float Measure(PdfStyle style, float width)
    {
        using var font = style.Font(style.BodySize + 1);
        return (Padding * 2) + WordSize + 8f + (Lines(style, font, width).Count * (style.BodySize + 1) * style.LineSpacing);
    }

    public void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width)
    {
        float height = Measure(style, width);
        var colour = PdfStyle.Of(outcome);
        using (var fill = PdfStyle.Fill(PdfStyle.FillOf(outcome)))
        {
            canvas.DrawRoundRect(new SKRect(x, y, x + width, y + height), 6f, 6f, fill);
        }

        using (var bar = PdfStyle.Fill(colour))
        {
            canvas.DrawRect(new SKRect(x, y, x + 6f, y + height), bar);
        }

        using var wordFont = style.Font(WordSize, bold: true);
        using var wordPaint = PdfStyle.Fill(colour);
        canvas.DrawText(word, x + Padding + 6f, y + Padding + WordSize - 4f, SKTextAlign.Left, wordFont, wordPaint);

        using var font = style.Font(style.BodySize + 1);
        using var paint = PdfStyle.Fill(PdfStyle.Text);
        float baseline = y + Padding + WordSize + 8f + style.BodySize;
        foreach (string line in Lines(style, font, width))
        {
            canvas.DrawText(line, x + Padding + 6f, baseline, SKTextAlign.Left, font, paint);
            baseline += (style.BodySize + 1) * style.LineSpacing;
        }
    }

    private List<string> Lines(PdfStyle style, SKFont font, float width) =>
        TextLines.Wrap(style.Fonts.Printable(summary), font, width - (2 * Padding) - 6f);
}
