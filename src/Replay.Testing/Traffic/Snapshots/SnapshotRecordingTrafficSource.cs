namespace Replay.Testing.Traffic.Snapshots;

/// <summary>
/// Reads a live source and saves what it read as the window's snapshot, so the next run (and a PR pipeline) replays
/// the same traffic offline. How a team turns an access log or an API into a committed snapshot.
/// </summary>
public sealed class SnapshotRecordingTrafficSource : ITrafficSource
{
    private readonly ITrafficSource _live;
    private readonly string _directory;

    /// <summary>Creates the source.</summary>
    /// <param name="live">The source to read.</param>
    /// <param name="directory">The folder the snapshot is saved in (a test project's <c>Incidents/</c>).</param>
    public SnapshotRecordingTrafficSource(ITrafficSource live, string directory)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _live = live;
        _directory = directory;
    }

    /// <inheritdoc />
    public string Kind => _live.Kind;

    /// <summary>The snapshot file for a window.</summary>
    public string SnapshotPath(IncidentWindow window) => Path.Combine(_directory, TrafficSnapshotFile.FileNameFor(window, _live.Kind));

    /// <inheritdoc />
    public async ValueTask<TrafficProfile> FetchAsync(IncidentWindow window, CancellationToken cancellationToken)
    {
        var profile = await _live.FetchAsync(window, cancellationToken).ConfigureAwait(false);
        string path = SnapshotPath(window);
        TrafficSnapshotFile.Save(profile, path);
        return profile;
    }
}
