using Replay.Testing.Environments.Databases;
using Replay.Testing.Environments.Resources;

namespace Replay.Testing.Environments.LocalProcess;

/// <summary>The settings of a local-process environment; made by <see cref="LocalProcessEnvironmentProvisionerBuilder"/>.</summary>
internal sealed record LocalProcessConfiguration
{
    public string? ProjectPath { get; init; }

    public string BuildConfiguration { get; init; } = "Release";

    public string? FileName { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string HealthPath { get; init; } = "/";

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public DatabaseCloneSpec? Database { get; init; }

    /// <summary>Explicit limits; when null and <see cref="MatchProduction"/> is set, production's figures from the profile.</summary>
    public ResourceLimits? Resources { get; init; }

    public bool MatchProduction { get; init; }

    public bool StrictParity { get; init; }

    public string CgroupRoot { get; init; } = CgroupV2.DefaultRoot;
}
