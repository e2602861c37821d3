namespace Replay.Testing.Environments;

/// <summary>How closely a clone's figure matches production's.</summary>
public enum ParityStatus
{
    /// <summary>Set to production's value and enforced by the platform (cgroup limit, Upsun profile size).</summary>
    Enforced,

    /// <summary>Brought close to production's value by a softer means (CPU affinity, runtime heap limit).</summary>
    Approximated,

    /// <summary>Not matched; the report says why.</summary>
    NotMatched,
}
