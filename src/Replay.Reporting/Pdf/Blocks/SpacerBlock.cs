using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>Vertical space.</summary>
internal sealed class SpacerBlock(float height) : IPdfBlock
{
    public float Measure(PdfStyle style, float width) => height;

    public void Draw(SKCanvas canvas, PdfStyle style, float x, float y, float width)
    {
    }
}
