namespace Replay.Testing.Environments.Resources;

/// <summary>Samples a target's CPU and memory while a replay runs.</summary>
public interface IResourceSampler
{
    /// <summary>Where the samples come from, for the report.</summary>
    string Source { get; }

    /// <summary>Starts sampling about once a second.</summary>
    void Start();

    /// <summary>
    /// Stops sampling and returns the samples, offsets counted from <see cref="Start"/>. Asynchronous because a
    /// platform's samples may have to be fetched from its metrics API once the replay is over.
    /// </summary>
    ValueTask<IReadOnlyList<ResourceSample>> StopAsync(CancellationToken cancellationToken);
}
