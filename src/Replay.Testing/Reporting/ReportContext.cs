namespace Replay.Testing.Reporting;

/// <summary>Where reporters write: one results folder and a file stem per test.</summary>
/// <param name="Directory">The results folder; it exists.</param>
/// <param name="FileStem">The stem of every file of the report: <c>{TestClass}.{TestMethod}</c>.</param>
public sealed record ReportContext(string Directory, string FileStem)
{
    /// <summary>The path of a reporter's file: <c>{Directory}/{FileStem}-{name}.{extension}</c>.</summary>
    public string PathFor(string reporterName, string extension) =>
        Path.Combine(Directory, $"{FileStem}-{reporterName}.{extension}");
}
