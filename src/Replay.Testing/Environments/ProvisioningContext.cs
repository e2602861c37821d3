using Replay.Testing.Traffic;

namespace Replay.Testing.Environments;

/// <summary>What a provisioner knows about the replay it provisions for. New facts are added here, not as parameters.</summary>
public sealed record ProvisioningContext
{
    /// <summary>A short id unique to this replay; clones carry it in their names so a sweep can find leftovers.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..10];

    /// <summary>The traffic being replayed: production's hosts (for the guard) and resources (for parity), if known.</summary>
    public TrafficProfile? Profile { get; init; }

    /// <summary>Environment variables for a target the replay starts, on top of the provisioner's own (see <see cref="IncidentReplayOptions.TargetEnvironment"/>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Writes a line to the test output, for progress the user should see.</summary>
    public Action<string> Log { get; init; } = _ => { };
}
