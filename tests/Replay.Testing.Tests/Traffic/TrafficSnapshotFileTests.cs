using Replay.Testing.Traffic;
using Replay.Testing.Traffic.Snapshots;
using Replay.Testing.Traffic.Upsun;

namespace Replay.Testing.Tests.Traffic;

public class TrafficSnapshotFileTests
{
    private static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T13:00Z");

    private static TrafficProfile Profile() => UpsunOverviewParser.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Upsun", "http-metrics-overview.json")), Window, "fixture");

    [Fact]
    public void A_saved_profile_loads_back_equal_and_re_saves_to_the_same_bytes()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + TrafficSnapshotFile.Suffix);
        try
        {
            TrafficSnapshotFile.Save(Profile(), path);
            string first = File.ReadAllText(path);

            var loaded = TrafficSnapshotFile.Load(path);
            TrafficSnapshotFile.Save(loaded, path);

            File.ReadAllText(path).Should().Be(first);
            loaded.Endpoints.Should().BeEquivalentTo(Profile().Endpoints);
            loaded.Timeline.Select(b => b.CoveredRequests).Should().Equal(Profile().Timeline.Select(b => b.CoveredRequests));
            loaded.Coverage.Should().Be(Profile().Coverage);
            first.Should().StartWith("{\n  \"schemaVersion\": 2,\n  \"window\"");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Dictionary_keys_are_written_sorted()
    {
        string json = TrafficSnapshotFile.Serialize(Profile());

        int catalog = json.IndexOf("\"GET /catalog\": 400", StringComparison.Ordinal);
        int users = json.IndexOf("\"GET /api/users/{id}\": 200", StringComparison.Ordinal);
        users.Should().BeLessThan(catalog, "keys are in ordinal order, not in the order the source listed them");
    }

    [Fact]
    public void File_name_is_derived_from_the_window_and_the_source()
    {
        TrafficSnapshotFile.FileNameFor(Window, "upsun").Should().Be("2026-03-10T1200Z_2026-03-10T1300Z.upsun.traffic.json");
    }

    [Fact]
    public void A_snapshot_from_a_newer_schema_says_to_upgrade()
    {
        var act = () => TrafficSnapshotFile.Deserialize("{\"schemaVersion\": 99}", "x.traffic.json");

        act.Should().Throw<TrafficSourceException>().WithMessage("*schema version 99*Update the Replay.Testing packages*");
    }

    [Fact]
    public void A_file_without_schema_version_is_not_a_snapshot()
    {
        var act = () => TrafficSnapshotFile.Deserialize("{\"window\": {}}", "x.traffic.json");

        act.Should().Throw<TrafficSourceException>().WithMessage("*has no \"schemaVersion\"*");
    }

    [Fact]
    public async Task A_snapshot_of_another_window_is_refused_by_the_source()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + TrafficSnapshotFile.Suffix);
        try
        {
            TrafficSnapshotFile.Save(Profile(), path);
            var other = IncidentWindow.Parse("2026-03-11T12:00Z", "2026-03-11T13:00Z");

            var act = async () => await new SnapshotTrafficSource(path).FetchAsync(other, CancellationToken.None);

            await act.Should().ThrowAsync<TrafficSourceException>().WithMessage("*covers 2026-03-10T12:00Z/2026-03-10T13:00Z, not the requested window*");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
