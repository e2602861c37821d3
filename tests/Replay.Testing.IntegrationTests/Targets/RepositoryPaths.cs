namespace Replay.Testing.IntegrationTests.Targets;

/// <summary>
/// Paths in this repository, found from the test binary rather than [CallerFilePath]: deterministic CI builds map
/// source paths to "/_/", which does not exist at run time.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ShopAppProject => Path.Combine(Root, "examples", "ShopApp", "ShopApp.csproj");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReplayTesting.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"ReplayTesting.sln was not found above {AppContext.BaseDirectory}.");
    }
}
