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
    public void A_request_sequence_is_saved_beside_the_snapshot_hashed_and_checked_when_loaded()
    {
        string directory = Directory.CreateTempSubdirectory("replay-snapshot-").FullName;
        try
        {
            string path = Path.Combine(directory, TrafficSnapshotFile.FileNameFor(Window, "access-log"));
            string sidecar = Path.Combine(directory, "2026-03-10T1200Z_2026-03-10T1300Z.access-log.requests.tsv.gz");
            var targets = new[] { new RecordedTarget("GET", "/products/7?ref=mail", "GET /products/{id}"), new RecordedTarget("POST", "/checkout", "POST /checkout") };
            var profile = Profile() with { Sequence = new RequestSequence(targets, [5_000_000, 5_000_000, 12_345_670], [0, 1, 0]) };

            TrafficSnapshotFile.Save(profile, path);
            var loaded = TrafficSnapshotFile.Load(path);

            File.ReadAllText(path).Should().StartWith("{\n  \"schemaVersion\": 3,").And.Contain("\"file\": \"2026-03-10T1200Z_2026-03-10T1300Z.access-log.requests.tsv.gz\"");
            loaded.Sequence.Should().Equal(profile.Sequence);
            using (var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(sidecar), System.IO.Compression.CompressionMode.Decompress)))
            {
                reader.ReadToEnd().Split('\n')[1].Should().Be("500000\tGET\t/products/7?ref=mail\tGET /products/{id}");
            }

            File.WriteAllBytes(sidecar, [.. File.ReadAllBytes(sidecar).Take(20)]);
            var tampered = () => TrafficSnapshotFile.Load(path);
            tampered.Should().Throw<TrafficSourceException>().WithMessage("*requests.tsv.gz* is not the one the snapshot*SHA-256*REPLAY_REFRESH=1*");

            File.Delete(sidecar);
            var missing = () => TrafficSnapshotFile.Load(path);
            missing.Should().Throw<TrafficSourceException>().WithMessage("*keeps its request sequence in*requests.tsv.gz*not beside it*Commit*");

            TrafficSnapshotFile.Save(profile, path);
            TrafficSnapshotFile.Save(profile with { Sequence = null }, path);
            File.Exists(sidecar).Should().BeFalse("a sequence that no longer matches its snapshot is removed");
            File.ReadAllText(path).Should().StartWith("{\n  \"schemaVersion\": 2,");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Diagnostics_keep_the_skipped_kinds_the_lines_outside_the_window_and_the_times_seen()
    {
        // Given
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + TrafficSnapshotFile.Suffix);
        var diagnostics = new TrafficDiagnostics(100, 3, ["garbage"])
        {
            SkippedByKind = new Dictionary<string, long> { ["unparseable"] = 1, ["empty"] = 2 },
            RecordsOutsideWindow = 7,
            FirstSeen = Window.Start.AddMinutes(-5),
            LastSeen = Window.End.AddMinutes(5),
        };
        try
        {
            // When
            TrafficSnapshotFile.Save(Profile() with { Diagnostics = diagnostics }, path);
            var loaded = TrafficSnapshotFile.Load(path);

            // Then
            loaded.Diagnostics.Should().BeEquivalentTo(diagnostics);
            File.ReadAllText(path).Should().Contain("\"skippedByKind\": {\n      \"empty\": 2,\n      \"unparseable\": 1\n    }");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_snapshot_whose_diagnostics_predate_the_kinds_still_reads()
    {
        // Given: diagnostics as snapshots were written before they had kinds, times and lines outside the window
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + TrafficSnapshotFile.Suffix);
        try
        {
            TrafficSnapshotFile.Save(Profile() with { Diagnostics = new TrafficDiagnostics(10, 1, ["x"]) }, path);
            string old = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), @",\s*""recordsOutsideWindow"": 0", string.Empty);
            File.WriteAllText(path, old);

            // When
            var loaded = TrafficSnapshotFile.Load(path);

            // Then
            old.Should().NotContain("recordsOutsideWindow").And.NotContain("skippedByKind");
            loaded.Diagnostics!.RecordsSkipped.Should().Be(1);
            loaded.Diagnostics.SkippedByKind.Should().BeEmpty();
            loaded.Diagnostics.FirstSeen.Should().BeNull();
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
