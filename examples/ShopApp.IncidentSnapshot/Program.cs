using System.Text.Json;
using Replay.Testing;
using Replay.Testing.Traffic.Snapshots;
using Replay.Testing.Traffic.Upsun;
using ShopApp.IncidentSnapshot;

// Usage: dotnet run --project examples/ShopApp.IncidentSnapshot -- [INCIDENTS_FOLDER]
// Writes Upsun's two responses for the incident window into INCIDENTS_FOLDER/upsun/ and the traffic snapshot the
// replay tests read into INCIDENTS_FOLDER, made from those responses with UpsunResponseReader.
string folder = args.Length > 0 ? args[0] : Path.Combine("examples", "ShopApp.LoadTests", "Incidents");
var window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T13:00Z");
var options = new JsonSerializerOptions { WriteIndented = true };
string stem = window.ToFileStem();
Directory.CreateDirectory(Path.Combine(folder, "upsun"));

string overview = IncidentTraffic.HttpOverview(window.Start).ToJsonString(options);
string resources = IncidentTraffic.ResourcesOverview(window.Start).ToJsonString(options);
File.WriteAllText(Path.Combine(folder, "upsun", $"{stem}.http-metrics-overview.json"), overview + "\n");
File.WriteAllText(Path.Combine(folder, "upsun", $"{stem}.resources-overview.json"), resources + "\n");

var profile = UpsunResponseReader.ReadTrafficProfile(overview, window) with
{
    ProductionResources = UpsunResponseReader.ReadProductionResources(resources, window) with { Instances = 1 },
    Origin = new Replay.Testing.Traffic.TrafficOrigin("upsun", "Upsun project shop4x7k2q, environment main (production)")
    {
        FetchedAt = DateTimeOffset.Parse("2026-03-11T09:14:00Z", System.Globalization.CultureInfo.InvariantCulture),
        Details = new Dictionary<string, string> { ["project"] = "shop4x7k2q", ["environment"] = "main", ["environmentType"] = "production" },
    },
};
string snapshot = Path.Combine(folder, TrafficSnapshotFile.FileNameFor(window, "upsun"));
TrafficSnapshotFile.Save(profile, snapshot);
Console.WriteLine($"{snapshot}: {profile.Endpoints.Count} endpoints, {profile.TotalRequests:N0} requests, coverage {profile.Coverage:P1}");
