namespace Replay.Testing.Plans;

/// <summary>How the arrivals of one bucket are spread over it. Either way, each bucket sends exactly its own count.</summary>
public enum ArrivalSpacing
{
    /// <summary>Evenly spaced, on a metronome: the gentlest load a bucket's count can be. The default.</summary>
    Uniform,

    /// <summary>
    /// At random, as independent clients arrive: each arrival at a uniformly random instant of its bucket (drawn from
    /// the seed, then sorted), so gaps are exponential and arrivals come in clumps, as in production. The count per
    /// bucket stays exact and the same seed gives the same instants.
    /// </summary>
    Poisson,
}
