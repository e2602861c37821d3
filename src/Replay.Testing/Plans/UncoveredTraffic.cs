namespace Replay.Testing.Plans;

/// <summary>
/// What the plan does with the requests a profile counts but does not attribute to a listed endpoint (Upsun lists
/// only its top URLs; a log source lists at most its top templates).
/// </summary>
public enum UncoveredTraffic
{
    /// <summary>
    /// Not sent (the default): the replay sends the listed endpoints' own requests, and the report states the share
    /// that was left out, so the load is never invented.
    /// </summary>
    LeaveOut,

    /// <summary>
    /// Spread over the listed endpoints in each bucket's own proportions, so the target sees the incident's whole
    /// request rate: each bucket is scaled by its total (its status-class count, where the source has it) over its
    /// listed requests.
    /// </summary>
    Spread,
}
