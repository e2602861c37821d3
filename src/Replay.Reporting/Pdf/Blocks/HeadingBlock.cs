using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>A section heading with a rule under it; it never ends a page alone.</summary>
internal sealed class HeadingBlock(string text) : IPdfBlock
{
    public bool KeepWithNext => true;

    public float Measure(PdfStyle style, float width) => (style.HeadingSize * 1.6f) + 10f;

    public void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width)
    {
        using var font = style.Font(style.HeadingSize, bold: true);
        using var paint = PdfStyle.Fill(PdfStyle.Accent);
        float baseline = y + 6f + style.HeadingSize;
        canvas.DrawText(style.Fonts.Printable(text), x, baseline, SKTextAlign.Left, font, paint);
        using var rule = PdfStyle.Stroke(PdfStyle.Rule);
        canvas.DrawLine(x, baseline + 5f, x + width, baseline + 5f, rule);
    }
}
