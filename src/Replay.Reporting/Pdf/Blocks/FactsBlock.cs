using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>Label–value pairs in two aligned columns: the report's key facts.</summary>
internal sealed class FactsBlock(IReadOnlyList<(string Label, string Value)> facts) : IPdfBlock
{
    public float Measure(PdfStyle style, float width)
    {
        using var font = style.Font(style.BodySize);
        float labelWidth = LabelWidth(style);
        return facts.Sum(f => Lines(style, font, f.Value, width - labelWidth).Count * LineHeight(style)) + 4f;
    }

    public void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width)
    {
        using var labelFont = style.Font(style.BodySize, bold: true);
        using var valueFont = style.Font(style.BodySize);
        using var labelPaint = PdfStyle.Fill(PdfStyle.Muted);
        using var valuePaint = PdfStyle.Fill(PdfStyle.Text);
        float labelWidth = LabelWidth(style);
        float top = y;
        foreach (var (label, value) in facts)
        {
            float baseline = top + style.BodySize;
            canvas.DrawText(style.Fonts.Printable(label), x, baseline, SKTextAlign.Left, labelFont, labelPaint);
            foreach (string line in Lines(style, valueFont, value, width - labelWidth))
            {
                canvas.DrawText(line, x + labelWidth, baseline, SKTextAlign.Left, valueFont, valuePaint);
                baseline += LineHeight(style);
                top += LineHeight(style);
            }
        }
    }

    // As wide as the longest label, so values line up whatever the labels say.
    private float LabelWidth(PdfStyle style)
    {
        using var font = style.Font(style.BodySize, bold: true);
        return Math.Max(110f, facts.Count == 0 ? 0 : facts.Max(f => font.MeasureText(style.Fonts.Printable(f.Label))) + 14f);
    }

    private static List<string> Lines(PdfStyle style, SKFont font, string value, float width) =>
        TextLines.Wrap(style.Fonts.Printable(value), font, width);

    private static float LineHeight(PdfStyle style) => style.BodySize * style.LineSpacing;
}
