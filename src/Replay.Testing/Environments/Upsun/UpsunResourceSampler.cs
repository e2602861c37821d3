using Replay.Testing.Environments.Resources;
using Replay.Testing.Traffic.Upsun;

namespace Replay.Testing.Environments.Upsun;

/// <summary>
/// The clone's CPU and memory during the replay, read from Upsun's resources overview for the clone once the replay
/// is over: the same figures production's come from, so the report compares like with like. Upsun publishes
/// samples on whole minutes and with a short delay, so the offsets are counted from the minute the replay started in,
/// and its last seconds may be missing.
/// </summary>
internal sealed class UpsunResourceSampler(UpsunApiClient api, string cloneRoot, string service) : IResourceSampler
{
    private DateTimeOffset _start;

    public string Source => $"Upsun resources/overview of the clone, service {service}";

    public void Start() => _start = DateTimeOffset.UtcNow;

    public async ValueTask<IReadOnlyList<ResourceSample>> StopAsync(CancellationToken cancellationToken)
    {
        var end = DateTimeOffset.UtcNow;
        if (end <= _start)
        {
            return [];
        }

        // Upsun's samples sit on whole minutes: ask for the minutes the replay touched.
        long from = _start.ToUnixTimeSeconds() / 60 * 60, to = ((end.ToUnixTimeSeconds() + 59) / 60 * 60) + 60;
        var window = new IncidentWindow(DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to));
        string json = await api.GetAsync($"{cloneRoot}/observability/resources/overview?from={from}&to={to}", cancellationToken).ConfigureAwait(false);
        return UpsunResourcesParser.Parse(json, window, service, "Upsun's resources/overview of the clone").Usage;
    }
}
