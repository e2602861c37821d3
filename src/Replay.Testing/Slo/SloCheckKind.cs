namespace Replay.Testing;

/// <summary>What a verdict row checks: the target (an SLO or a default guard) or the load generator itself.</summary>
public enum SloCheckKind
{
    /// <summary>A limit on what the target did: a latency percentile, the error rate, the status mix. A failure fails the verdict.</summary>
    Target,

    /// <summary>
    /// A check of the load generator (scheduler lag, its own CPU). A failure makes the verdict INCONCLUSIVE: the
    /// figures are then partly the generator's own, so they neither prove nor disprove anything about the target.
    /// </summary>
    Generator,
}
