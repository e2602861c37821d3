[assembly: AssemblyFixture(typeof(Replay.Reporting.Tests.Pdf.TemporaryFolders))]

namespace Replay.Reporting.Tests.Pdf;

/// <summary>One temporary folder for every report the tests write, deleted when the test run ends.</summary>
public sealed class TemporaryFolders : IDisposable
{
    /// <summary>The run's folder.</summary>
    public static string Root { get; } = Directory.CreateTempSubdirectory("replay-report-tests-").FullName;

    /// <summary>A new, empty folder inside the run's folder.</summary>
    public static string Create() => Directory.CreateDirectory(Path.Combine(Root, Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
