namespace Replay.Testing.Traffic.Upsun;

/// <summary>
/// Reads responses of Upsun's observability API that were saved to files (or fetched by other means): the HTTP
/// traffic overview becomes a <see cref="TrafficProfile"/>, the resources overview production's figures.
/// </summary>
public static class UpsunResponseReader
{
    /// <summary>Reads an <c>http-metrics/overview</c> response.</summary>
    /// <exception cref="TrafficSourceException">The JSON is not such a response.</exception>
    public static TrafficProfile ReadTrafficProfile(string overviewJson, IncidentWindow window) =>
        UpsunOverviewParser.Parse(overviewJson, window, "the Upsun http-metrics/overview response");

    /// <summary>Reads a <c>resources/overview</c> response for one service (by default <c>app</c>).</summary>
    /// <exception cref="TrafficSourceException">The JSON is not such a response, or has no figures for the service.</exception>
    public static ProductionResources ReadProductionResources(string resourcesJson, IncidentWindow window, string service = "app") =>
        UpsunResourcesParser.Parse(resourcesJson, window, service, "the Upsun resources/overview response");
}
