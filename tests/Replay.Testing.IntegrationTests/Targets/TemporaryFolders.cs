[assembly: AssemblyFixture(typeof(Replay.Testing.IntegrationTests.Targets.TemporaryFolders))]

namespace Replay.Testing.IntegrationTests.Targets;

/// <summary>One temporary folder for every report the replays in these tests write, deleted when the test run ends.</summary>
public sealed class TemporaryFolders : IDisposable
{
    /// <summary>The run's folder.</summary>
    public static string Root { get; } = Directory.CreateTempSubdirectory("replay-tests-").FullName;

    /// <summary>A path for a new folder inside the run's folder (not created: the replay creates it).</summary>
    public static string NewPath() => Path.Combine(Root, Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
