namespace Replay.Testing.Plans;

/// <summary>Which requests a replay sends, in which order.</summary>
public enum RequestOrder
{
    /// <summary>
    /// Each bucket's endpoint mix, shuffled by the seed and evenly spaced, templates filled from their values: works
    /// with every source, and with rate scaling. The default.
    /// </summary>
    Mixed,

    /// <summary>
    /// The exact requests production received, at their own times (compressed as asked), concrete paths and query
    /// strings included. Needs a profile with a <see cref="Traffic.RequestSequence"/> (access logs read with
    /// <c>keepSequence</c>) and a rate scale of 1.
    /// </summary>
    Recorded,
}
