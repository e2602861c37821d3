using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>Wrapped text in one style.</summary>
internal sealed class ParagraphBlock(string text, bool bold = false, bool muted = false, float? size = null, SKColor? color = null) : IPdfBlock
{
    public float Measure(PdfStyle style, float width)
    {
        using var font = Font(style);
        return (Lines(style, font, width).Count * LineHeight(style)) + 4f;
    }

    public void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width)
    {
        using var font = Font(style);
        using var paint = PdfStyle.Fill(color ?? (muted ? PdfStyle.Muted : PdfStyle.Text));
        float lineHeight = LineHeight(style);
        float baseline = y + (size ?? style.BodySize);
        foreach (string line in Lines(style, font, width))
        {
            canvas.DrawText(line, x, baseline, SKTextAlign.Left, font, paint);
            baseline += lineHeight;
        }
    }

    public (IPdfBlock Head, IPdfBlock Tail)? Split(PdfStyle style, float width, float available)
    {
        using var font = Font(style);
        var lines = Lines(style, font, width);
        int fit = (int)((available - 4f) / LineHeight(style));
        if (fit < 2 || fit >= lines.Count)
        {
            return null;
        }

        return (Same(string.Join(" ", lines.Take(fit))), Same(string.Join(" ", lines.Skip(fit))));
    }

    private ParagraphBlock Same(string part) => new(part, bold, muted, size, color);

    private List<string> Lines(PdfStyle style, SKFont font, float width) => TextLines.Wrap(style.Fonts.Printable(text), font, width);

    private float LineHeight(PdfStyle style) => (size ?? style.BodySize) * style.LineSpacing;

    private SKFont Font(PdfStyle style) => style.Font(size ?? style.BodySize, bold);
}
