using System.Xml.Linq;
using Replay.Testing.IntegrationTests.Targets;

namespace Replay.Testing.IntegrationTests.Packaging;

/// <summary>
/// The five library packages, packed once from this repository into a temporary local feed under a version no
/// other run uses, so a consumer restores exactly these. Removes the feed and the restored copies afterwards.
/// </summary>
public sealed class LocalFeed : IAsyncLifetime
{
    public static readonly string[] Libraries =
        ["Replay.Testing", "Replay.Reporting", "Replay.Testing.Xunit", "Replay.Testing.NUnit", "Replay.Testing.FluentAssertions"];

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("replay-feed-").FullName;

    public string Version { get; } = $"0.0.1-packaging{DateTime.UtcNow:yyyyMMddHHmmss}{Environment.ProcessId}";

    /// <summary>Package versions the repository uses (Directory.Packages.props), so consumers match them.</summary>
    public IReadOnlyDictionary<string, string> CentralVersions { get; private set; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        string root = RepositoryPaths.Root;
        CentralVersions = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        foreach (string library in Libraries)
        {
            var (exitCode, output) = await DotnetCommand.RunAsync(root, null, TestContext.Current.CancellationToken,
                "pack", Path.Combine("src", library, library + ".csproj"), "-c", "Release", "-o", Directory, $"-p:Version={Version}", "-nologo");
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {library} failed ({exitCode}):\n{output}");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string library in Libraries)
        {
            string restored = Path.Combine(packages, library.ToLowerInvariant(), Version);
            if (System.IO.Directory.Exists(restored))
            {
                System.IO.Directory.Delete(restored, recursive: true);
            }
        }

        return ValueTask.CompletedTask;
    }
}
