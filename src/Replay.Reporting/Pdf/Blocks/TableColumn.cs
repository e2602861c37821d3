namespace Replay.Reporting.Pdf.Blocks;

/// <summary>A table column: its header, its share of the width, and whether figures align right.</summary>
internal sealed record TableColumn(string Header, float Weight = 1f, bool AlignRight = false);
