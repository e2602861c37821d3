using Replay.Testing.Environments.Databases;
using Replay.Testing.Environments.Resources;

namespace Replay.Testing.Environments.LocalProcess;

/// <summary>
/// Builds a provisioner that starts the application as a local process on a free 127.0.0.1 port, on a clone of its
/// database and limited to production's CPU and memory, waits for its health URL, and tears it all down after.
/// Immutable: every <c>With…</c> returns a new builder.
/// </summary>
public sealed class LocalProcessEnvironmentProvisionerBuilder
{
    private readonly LocalProcessConfiguration _configuration;

    private LocalProcessEnvironmentProvisionerBuilder(LocalProcessConfiguration configuration) => _configuration = configuration;

    /// <summary>
    /// Starts a .NET project: it is built once per test run (<c>dotnet build -c Release</c>) and its assembly is run
    /// with <c>dotnet</c>, never with <c>dotnet run</c> per replay.
    /// </summary>
    /// <param name="projectPath">The <c>.csproj</c> file, or the folder holding exactly one.</param>
    public static LocalProcessEnvironmentProvisionerBuilder ForDotnetProject(string projectPath) =>
        new(new LocalProcessConfiguration { ProjectPath = projectPath });

    /// <summary>
    /// Starts a command. The strings <c>{port}</c> and <c>{url}</c> in its arguments are replaced by the chosen port
    /// and base URL; the environment also carries <c>PORT</c> and <c>ASPNETCORE_URLS</c>.
    /// </summary>
    public static LocalProcessEnvironmentProvisionerBuilder ForCommand(string fileName, params string[] arguments) =>
        new(new LocalProcessConfiguration { FileName = fileName, Arguments = arguments });

    /// <summary>Sets an environment variable of the process.</summary>
    public LocalProcessEnvironmentProvisionerBuilder WithEnvironment(string name, string value) =>
        new(_configuration with
        {
            Environment = new Dictionary<string, string>(_configuration.Environment) { [name] = value },
        });

    /// <summary>The path polled until it answers 2xx. Default <c>/</c>.</summary>
    public LocalProcessEnvironmentProvisionerBuilder WithHealthPath(string path) =>
        new(_configuration with { HealthPath = path });

    /// <summary>How long the process may take to become healthy. Default 60 seconds.</summary>
    public LocalProcessEnvironmentProvisionerBuilder WithStartupTimeout(TimeSpan timeout) =>
        new(_configuration with { StartupTimeout = timeout });

    /// <summary>The build configuration of a .NET project. Default <c>Release</c>.</summary>
    public LocalProcessEnvironmentProvisionerBuilder WithBuildConfiguration(string configuration) =>
        new(_configuration with { BuildConfiguration = configuration });

    /// <summary>The working directory of the process. Default: the project's or the command's folder.</summary>
    public LocalProcessEnvironmentProvisionerBuilder WithWorkingDirectory(string directory) =>
        new(_configuration with { WorkingDirectory = directory });

    /// <summary>
    /// Runs the process on a clone of a database, made before it starts and dropped at teardown; the clone's
    /// connection string reaches the process through <paramref name="environmentVariable"/>.
    /// </summary>
    /// <param name="provider"><c>sqlite</c> or <c>postgresql</c>.</param>
    /// <param name="source">The SQLite file (or connection string), or the PostgreSQL connection string, to clone.</param>
    /// <param name="environmentVariable">Such as <c>ConnectionStrings__Shop</c>.</param>
    public LocalProcessEnvironmentProvisionerBuilder WithDatabaseClone(string provider, string source, string environmentVariable) =>
        new(_configuration with { Database = new DatabaseCloneSpec(provider, source, environmentVariable) { Scrub = _configuration.Database?.Scrub ?? [] } });

    /// <summary>Adds a step run on the cloned database before any traffic, such as replacing every e-mail address.</summary>
    public LocalProcessEnvironmentProvisionerBuilder WithScrub(ScrubStep step) =>
        new(_configuration with
        {
            Database = (_configuration.Database ?? new DatabaseCloneSpec(string.Empty, string.Empty, string.Empty)) with
            {
                Scrub = [.. _configuration.Database?.Scrub ?? [], step],
            },
        });

    /// <summary>Limits the process to these figures (cores, bytes), as production had.</summary>
    public LocalProcessEnvironmentProvisionerBuilder WithResources(double? cpuCores, long? memoryBytes) =>
        new(_configuration with { Resources = new ResourceLimits(cpuCores, memoryBytes), MatchProduction = false });

    /// <summary>Limits the process to production's CPU and memory as the traffic profile states them (the Upsun snapshot carries them).</summary>
    public LocalProcessEnvironmentProvisionerBuilder WithProductionResources() =>
        new(_configuration with { Resources = null, MatchProduction = true });

    /// <summary>Fails provisioning, before anything starts, when a resource figure cannot be enforced (only approximated or not matched).</summary>
    public LocalProcessEnvironmentProvisionerBuilder WithStrictParity(bool strict = true) =>
        new(_configuration with { StrictParity = strict });

    internal LocalProcessEnvironmentProvisionerBuilder WithCgroupRoot(string root) => new(_configuration with { CgroupRoot = root });

    /// <summary>Validates the settings and creates the provisioner.</summary>
    /// <exception cref="ReplayConfigurationException">A setting is invalid; the message names each.</exception>
    public LocalProcessEnvironmentProvisioner Build()
    {
        var problems = new List<string>();
        var c = _configuration;
        string? project = null;
        if (c.ProjectPath is not null)
        {
            project = ResolveProject(c.ProjectPath, problems);
        }
        else if (string.IsNullOrWhiteSpace(c.FileName))
        {
            problems.Add("The local process has no command: use ForDotnetProject(path) or ForCommand(fileName, arguments).");
        }

        if (!c.HealthPath.StartsWith('/'))
        {
            problems.Add($"The health path \"{c.HealthPath}\" must start with '/', for example \"/health\".");
        }

        if (c.StartupTimeout <= TimeSpan.Zero)
        {
            problems.Add($"The startup timeout {c.StartupTimeout} must be positive.");
        }

        if (c.Database is { } database)
        {
            if (string.IsNullOrWhiteSpace(database.Source) || string.IsNullOrWhiteSpace(database.EnvironmentVariable))
            {
                problems.Add("Scrub steps were given without a database clone: call WithDatabaseClone(provider, source, environmentVariable) too.");
            }
            else if (database.Provider.ToLowerInvariant() is not ("sqlite" or "postgresql" or "postgres"))
            {
                problems.Add($"The database clone provider \"{database.Provider}\" is not supported; use \"sqlite\" or \"postgresql\".");
            }
        }

        if (c.Resources is { CpuCores: <= 0 } or { MemoryBytes: <= 0 })
        {
            problems.Add($"Resource limits must be positive: CPU {c.Resources.CpuCores}, memory {c.Resources.MemoryBytes} bytes.");
        }

        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }

        return new LocalProcessEnvironmentProvisioner(c with { ProjectPath = project });
    }

    private static string? ResolveProject(string path, List<string> problems)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return full;
        }

        if (Directory.Exists(full))
        {
            var projects = Directory.GetFiles(full, "*.csproj");
            if (projects.Length == 1)
            {
                return projects[0];
            }

            problems.Add($"The folder \"{full}\" holds {projects.Length} .csproj files; give the project file itself.");
            return null;
        }

        problems.Add($"The project \"{path}\" does not exist (resolved to \"{full}\"). Give the path of the application's .csproj.");
        return null;
    }
}
