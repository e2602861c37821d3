using ScottPlot;
using SkiaSharp;

namespace Replay.Reporting.Fonts;

/// <summary>Answers ScottPlot's requests for the report's font family with the embedded faces.</summary>
internal sealed class EmbeddedFontResolver(ReportFonts fonts) : IFontResolver
{
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == ReportFonts.FamilyName ? fonts.Face(bold) : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        fontName == ReportFonts.FamilyName ? fonts.Face((int)weight >= (int)FontWeight.SemiBold) : null;
}
