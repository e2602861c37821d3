using Replay.Testing.Traffic.Upsun;

namespace Replay.Testing.Environments.Upsun;

/// <summary>How a matched clone of production is made on Upsun.</summary>
public sealed record UpsunEnvironmentOptions
{
    /// <summary>The project, production's environment (the clone's parent) and API access.</summary>
    public UpsunOptions Api { get; init; } = new();

    /// <summary>The start of the clone's environment name; the run id follows. Default <c>replay-</c>.</summary>
    public string NamePrefix { get; init; } = "replay-";

    /// <summary>How long one activity (branch, resources update, deactivation) may take. Default 30 minutes.</summary>
    public TimeSpan ActivityTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an activity's state is read. Default 2 seconds.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Keeps a clone whose provisioning failed, for debugging, and says so with its name; it must then be deleted by
    /// hand. Default false: every clone is deleted, whatever happened.
    /// </summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>
    /// Runs on the clone before any traffic, such as a call to a scrub endpoint that replaces customers' e-mail
    /// addresses; its description goes into the parity facts.
    /// </summary>
    public (string Description, Func<Uri, CancellationToken, Task> Run)? ScrubHook { get; init; }
}
