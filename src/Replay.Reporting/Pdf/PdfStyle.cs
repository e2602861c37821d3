using Replay.Reporting.Fonts;
using Replay.Testing;
using SkiaSharp;

namespace Replay.Reporting.Pdf;

/// <summary>The report's typography and colours, in one place so every page looks the same.</summary>
internal sealed class PdfStyle
{
    public static readonly SKColor Text = new(0x22, 0x26, 0x2E);
    public static readonly SKColor Muted = new(0x5F, 0x67, 0x73);
    public static readonly SKColor Rule = new(0xCC, 0xD3, 0xDD);
    public static readonly SKColor HeaderFill = new(0xEE, 0xF2, 0xF7);
    public static readonly SKColor Pass = new(0x1B, 0x7F, 0x3B);
    public static readonly SKColor PassFill = new(0xE6, 0xF4, 0xEA);
    public static readonly SKColor Fail = new(0xC6, 0x28, 0x28);
    public static readonly SKColor FailFill = new(0xFD, 0xEC, 0xEA);
    public static readonly SKColor Inconclusive = new(0xA8, 0x6B, 0x00);
    public static readonly SKColor InconclusiveFill = new(0xFF, 0xF4, 0xDC);
    public static readonly SKColor NotAvailable = new(0x8A, 0x93, 0x9E);
    public static readonly SKColor Accent = new(0x1F, 0x4E, 0x79);

    /// <summary>The colour an outcome is drawn in: green, red, or amber for a replay that could not be judged.</summary>
    public static SKColor Of(VerdictOutcome outcome) => outcome switch
    {
        VerdictOutcome.Passed => Pass,
        VerdictOutcome.Inconclusive => Inconclusive,
        _ => Fail,
    };

    /// <summary>The banner's background for an outcome.</summary>
    public static SKColor FillOf(VerdictOutcome outcome) => outcome switch
    {
        VerdictOutcome.Passed => PassFill,
        VerdictOutcome.Inconclusive => InconclusiveFill,
        _ => FailFill,
    };

    public PdfStyle(ReportFonts fonts) => Fonts = fonts;

    public ReportFonts Fonts { get; }

    public float Margin { get; } = 48f;

    public float BodySize { get; } = 9.5f;

    public float SmallSize { get; } = 8f;

    public float HeadingSize { get; } = 13f;

    public float TitleSize { get; } = 20f;

    public float LineSpacing { get; } = 1.35f;

    public SKFont Font(float size, bool bold = false) => new(Fonts.Face(bold), size) { Subpixel = true };

    public static SKPaint Fill(SKColor color) => new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };

    public static SKPaint Stroke(SKColor color, float width = 0.75f) =>
        new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };
}
