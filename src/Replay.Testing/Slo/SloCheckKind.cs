namespace Replay.Testing;

/// <summary>What a verdict row checks: the target (an SLO or a default guard) or the load generator itself.</summary>
public enum SloCheckKind
{
    /// <summary>
    /// A limit on what the target did that the load generator cannot cause: the error rate, unanswered requests, the
    /// status mix, a missing endpoint. A failure fails the verdict, even when the generator fell behind.
    /// </summary>
    Target,

    /// <summary>
    /// A response-time limit. Response time counts from each request's planned send, so a generator that fell behind
    /// adds its own lateness: a latency failure fails the verdict only when the generator kept up.
    /// </summary>
    Latency,

    /// <summary>
    /// A check of the load generator (scheduler lag, its own CPU). A failure makes the verdict INCONCLUSIVE: the
    /// figures are then partly the generator's own, so they neither prove nor disprove anything about the target.
    /// </summary>
    Generator,
}
