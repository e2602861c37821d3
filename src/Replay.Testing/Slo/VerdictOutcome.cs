namespace Replay.Testing;

/// <summary>What a replay proved.</summary>
public enum VerdictOutcome
{
    /// <summary>Every check held: the target met its SLOs under the incident's traffic, and the generator kept up.</summary>
    Passed,

    /// <summary>A check of the target failed, or the replay did not run to the end.</summary>
    Failed,

    /// <summary>The load generator fell behind (<see cref="SloCheckKind.Generator"/>): the replay cannot be judged.</summary>
    Inconclusive,
}
