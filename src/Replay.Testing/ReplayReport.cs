using Replay.Testing.Environments;
using Replay.Testing.Environments.Resources;
using Replay.Testing.Load;
using Replay.Testing.Traffic;

namespace Replay.Testing;

/// <summary>
/// Everything known about one replay: the window, the traffic, the target and its parity, the plan, the
/// measurements and the verdict. The runner always returns one, also when a stage failed (then
/// <see cref="Failure"/> says which and why), so reporters always have something to write. Plain data: it round-trips
/// through JSON, and a report can be re-rendered later.
/// </summary>
public sealed record ReplayReport
{
    /// <summary>The test that ran the replay: <c>{TestClass}.{TestMethod}</c>.</summary>
    public required string TestName { get; init; }

    /// <summary>The incident window replayed.</summary>
    public required IncidentWindow Window { get; init; }

    /// <summary>When the replay started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>How long the whole run took, provisioning and teardown included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The traffic replayed.</summary>
    public TrafficProfile? Profile { get; init; }

    /// <summary>The snapshot file the traffic came from, if any.</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>The SHA-256 of that snapshot file.</summary>
    public string? SnapshotHash { get; init; }

    /// <summary>What the replay was aimed at.</summary>
    public ReplayTarget? Target { get; init; }

    /// <summary>Production versus the target, figure by figure.</summary>
    public IReadOnlyList<ParityFact> Parity { get; init; } = [];

    /// <summary>The target's CPU and memory during the replay beside production's during the incident, if sampled.</summary>
    public ResourceUsage? Resources { get; init; }

    /// <summary>The settings of the schedule.</summary>
    public ReplayPlanSummary? Plan { get; init; }

    /// <summary>The measurements, if the load stage ran.</summary>
    public ReplayResult? Result { get; init; }

    /// <summary>The verdict.</summary>
    public required SloVerdict Verdict { get; init; }

    /// <summary>The stage that failed before a verdict, or null.</summary>
    public ReplayFailure? Failure { get; init; }

    /// <summary>Facts to reproduce the run: versions, commit, machine.</summary>
    public RunEnvironment? RunEnvironment { get; init; }

    /// <summary>The files the reporters wrote.</summary>
    public IReadOnlyList<string> Artifacts { get; init; } = [];

    /// <summary>Problems of reporters that could not write their file.</summary>
    public IReadOnlyList<string> ReporterProblems { get; init; } = [];
}
