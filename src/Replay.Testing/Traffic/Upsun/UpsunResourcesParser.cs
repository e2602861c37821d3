using System.Text.Json;
using Replay.Testing.Environments.Resources;

namespace Replay.Testing.Traffic.Upsun;

/// <summary>Turns an Upsun <c>resources/overview</c> response into production's figures and usage for one service.</summary>
internal static class UpsunResourcesParser
{
    public static ProductionResources Parse(string json, IncidentWindow window, string service, string sourceName)
    {
        UpsunResourcesResponse response;
        try
        {
            response = JsonSerializer.Deserialize<UpsunResourcesResponse>(json)
                ?? throw new TrafficSourceException($"{sourceName} is empty (JSON null); expected an Upsun resources/overview response.");
        }
        catch (JsonException e)
        {
            throw new TrafficSourceException($"{sourceName} is not a valid Upsun resources/overview response: {e.Message}", e);
        }

        var points = (response.Data ?? [])
            .Select(p => (Time: DateTimeOffset.FromUnixTimeSeconds(p.Timestamp), Metrics: p.Services?.GetValueOrDefault(service)))
            .Where(p => p.Metrics is not null && p.Time >= window.Start && p.Time < window.End)
            .OrderBy(p => p.Time)
            .ToList();
        if (points.Count == 0)
        {
            var services = (response.Data ?? []).SelectMany(p => p.Services?.Keys ?? Enumerable.Empty<string>()).Distinct().Order().ToList();
            throw new TrafficSourceException(
                $"{sourceName} has no figures for the service \"{service}\" in {window}. Services present: {(services.Count == 0 ? "none" : string.Join(", ", services))}.");
        }

        return new ProductionResources
        {
            CpuCores = points.Select(p => p.Metrics!.CpuLimit?.Max).LastOrDefault(v => v is not null),
            MemoryBytes = points.Select(p => p.Metrics!.MemoryLimit?.Max).LastOrDefault(v => v is not null) is { } m ? (long)m : null,
            Source = $"Upsun resources overview, service {service}",

            // The bucket's peak, not its mean: a saturated minute averages out to "half busy".
            Usage = points.Select(p => new ResourceSample(
                p.Time - window.Start,
                p.Metrics!.CpuUsed?.Max ?? p.Metrics.CpuUsed?.Avg ?? 0,
                (long)(p.Metrics.MemoryUsed?.Max ?? p.Metrics.MemoryUsed?.Avg ?? 0))).ToList(),
        };
    }
}
