namespace Replay.Testing.Traffic.Snapshots;

/// <summary>Reads traffic from a committed snapshot file: offline and deterministic, what PR pipelines use.</summary>
public sealed class SnapshotTrafficSource : ITrafficSource
{
    /// <summary>Creates a source over one snapshot file.</summary>
    public SnapshotTrafficSource(string path) => Path = path;

    /// <summary>The snapshot file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Kind => "snapshot";

    /// <inheritdoc />
    public ValueTask<TrafficProfile> FetchAsync(IncidentWindow window, CancellationToken cancellationToken)
    {
        var profile = TrafficSnapshotFile.Load(Path);
        if (profile.Window.Start != window.Start || profile.Window.End != window.End)
        {
            throw new TrafficSourceException(
                $"The traffic snapshot \"{Path}\" covers {profile.Window}, not the requested window {window}. " +
                "Rename the file to match its window, or refresh it with REPLAY_REFRESH=1.");
        }

        return ValueTask.FromResult(profile);
    }
}
