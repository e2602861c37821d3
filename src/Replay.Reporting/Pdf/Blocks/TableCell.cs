using SkiaSharp;

namespace Replay.Reporting.Pdf.Blocks;

/// <summary>A table cell: text, and optionally a colour and weight (a FAIL in red, bold).</summary>
internal sealed record TableCell(string Text, SKColor? Color = null, bool Bold = false)
{
    public static implicit operator TableCell(string text) => new(text);
}
