namespace Replay.Reporting.Pdf;

/// <summary>A page size for the PDF report, in PDF points (1/72 inch).</summary>
/// <param name="Name">The size's name.</param>
/// <param name="Width">The page width in points.</param>
/// <param name="Height">The page height in points.</param>
public sealed record PaperSize(string Name, float Width, float Height)
{
    /// <summary>ISO A4, 210 × 297 mm: the default.</summary>
    public static PaperSize A4 { get; } = new("A4", 595.28f, 841.89f);

    /// <summary>US Letter, 8.5 × 11 in.</summary>
    public static PaperSize Letter { get; } = new("Letter", 612f, 792f);
}
