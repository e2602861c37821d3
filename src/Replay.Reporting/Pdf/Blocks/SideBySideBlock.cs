using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>Two blocks next to each other, each half the width: before and after.</summary>
internal sealed class SideBySideBlock(IPdfBlock left, IPdfBlock right, float gap = 12f) : IPdfBlock
{
    public float Measure(PdfStyle style, float width) =>
        Math.Max(left.Measure(style, Half(width)), right.Measure(style, Half(width)));

    public void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width)
    {
        left.Draw(canvas, style, x, y, Half(width));
        right.Draw(canvas, style, x + Half(width) + gap, y, Half(width));
    }

    private float Half(float width) => (width - gap) / 2f;
}
