using Replay.Testing.Traffic;

namespace Replay.Testing.IntegrationTests.Targets;

internal sealed class FixedTrafficSource(TrafficProfile profile) : ITrafficSource
{
    public string Kind => "test";

    public ValueTask<TrafficProfile> FetchAsync(IncidentWindow window, CancellationToken cancellationToken) => ValueTask.FromResult(profile);
}
