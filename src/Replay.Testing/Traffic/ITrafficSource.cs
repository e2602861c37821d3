namespace Replay.Testing.Traffic;

/// <summary>Reads the traffic of an incident window from where a team keeps it.</summary>
public interface ITrafficSource
{
    /// <summary>The source kind, used in snapshot file names: <c>upsun</c>, <c>access-log</c>, <c>prometheus</c>.</summary>
    string Kind { get; }

    /// <summary>Reads the window's traffic.</summary>
    /// <exception cref="TrafficSourceException">The source cannot serve the window; the message says why and what to change.</exception>
    ValueTask<TrafficProfile> FetchAsync(IncidentWindow window, CancellationToken cancellationToken);
}
