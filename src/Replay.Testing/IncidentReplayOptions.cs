using Replay.Testing.Environments;
using Replay.Testing.Load;
using Replay.Testing.Plans;
using Replay.Testing.Reporting;
using Replay.Testing.Traffic;

namespace Replay.Testing;

/// <summary>Everything that shapes one replay. Immutable; change it with <c>with</c>.</summary>
public sealed record IncidentReplayOptions
{
    /// <summary>Where the traffic comes from. Required to run; the test adapters set it from the snapshot of the window.</summary>
    public ITrafficSource? TrafficSource { get; init; }

    /// <summary>What the traffic is aimed at. Required to run.</summary>
    public IEnvironmentProvisioner? Provisioner { get; init; }

    /// <summary>
    /// Environment variables for a target the replay starts (a local process), on top of its configured ones: how a
    /// test replays another build of the same app, such as <c>Shop__Build=broken</c>. Ignored for existing URLs.
    /// </summary>
    public IReadOnlyDictionary<string, string> TargetEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>How the profile becomes a schedule.</summary>
    public ReplayPlanOptions Plan { get; init; } = new();

    /// <summary>How requests are sent.</summary>
    public LoadEngineOptions Load { get; init; } = new();

    /// <summary>The limits the replay must meet.</summary>
    public SloPolicy Slo { get; init; } = new();

    /// <summary>
    /// The baseline replay's measurements, for <see cref="SloPolicy.NoWorseThanBaseline"/>. <see cref="ReplayRun"/>
    /// sets it once <see cref="ReplayRun.ReplayBaselineAsync"/> has run.
    /// </summary>
    public ReplayResult? BaselineResult { get; init; }

    /// <summary>The reporters that write the report files.</summary>
    public IReadOnlyList<IReplayReporter> Reporters { get; init; } = [];

    /// <summary>
    /// Lets a replay target one of production's hosts. Default false: a replay sends outage-sized traffic and is
    /// refused when aimed at production. Only settable in code, never from configuration.
    /// </summary>
    public bool AllowProductionTarget { get; init; }
}

