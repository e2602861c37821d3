using System.Globalization;
using System.IO.Compression;
using System.Text;
using Replay.Testing.Plans;
using Replay.Testing.Traffic;
using Replay.Testing.Traffic.AccessLogs;

namespace Replay.Testing.Tests.Traffic.AccessLogs;

public sealed class AccessLogTrafficSourceTests : IDisposable
{
    private static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T12:01Z");
    private readonly string _directory = Directory.CreateTempSubdirectory("replay-logs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A line at an instant, written in Paris time (+01:00) as a server there would.
    private static string Line(DateTimeOffset at, string request, int status = 200) =>
        $"""203.0.113.{at.Second % 250} - - [{at.ToOffset(TimeSpan.FromHours(1)).ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture)} +0100] "{request} HTTP/1.1" {status} 512 "-" "Mozilla/5.0" """;

    private string Write(string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private string WriteGzip(string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(_directory, name);
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        return path;
    }

    private static ValueTask<TrafficProfile> Read(AccessLogOptions options) =>
        new AccessLogTrafficSource(options).FetchAsync(Window, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Requests_in_the_window_are_counted_per_template_and_bucket_in_the_logs_own_time_zone()
    {
        var start = Window.Start;
        Write("access.log",
        [
            Line(start.AddSeconds(-1), "GET /products/1"),                 // before the window
            Line(start, "GET /products/1"),
            Line(start.AddSeconds(5), "GET /products/2?ref=mail"),
            Line(start.AddSeconds(12), "GET /products/3", status: 503),
            Line(start.AddSeconds(12), "POST /checkout"),
            Line(start.AddSeconds(59), "GET /catalog/lamps"),
            Line(start.AddSeconds(60), "GET /products/4"),                 // the end is exclusive
        ]);

        var profile = await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log")] });

        profile.TotalRequests.Should().Be(5);
        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().Equal(("GET /products/{id}", 3L), ("GET /catalog/lamps", 1L), ("POST /checkout", 1L));
        profile.FindEndpoint("GET /products/{id}")!.TemplateValues["id"].Should().Equal("1", "2", "3");
        profile.Timeline.Should().HaveCount(6);
        profile.Timeline[0].Counts.Should().BeEquivalentTo(new Dictionary<string, long> { ["GET /products/{id}"] = 2 });
        profile.Timeline[1].Counts.Should().BeEquivalentTo(new Dictionary<string, long> { ["GET /products/{id}"] = 1, ["POST /checkout"] = 1 });
        profile.Timeline[1].Statuses!.ServerError.Should().Be(1);
        profile.Timeline[5].Counts.Should().ContainKey("GET /catalog/lamps");
        profile.Origin.Kind.Should().Be("access-log");
        profile.Diagnostics!.RecordsRead.Should().Be(7);
    }

    [Fact]
    public async Task Rotated_gzip_files_and_wildcards_are_read_together()
    {
        Write("access.log", [Line(Window.Start.AddSeconds(30), "GET /a")]);
        using (var gz = new GZipStream(File.Create(Path.Combine(_directory, "access.log.2.gz")), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(Line(Window.Start.AddSeconds(1), "GET /a") + "\n" + Line(Window.Start.AddSeconds(2), "GET /b") + "\n"));
        }

        var profile = await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log*")] });

        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().Equal(("GET /a", 2L), ("GET /b", 1L));
    }

    [Fact]
    public async Task A_file_read_in_many_ranges_counts_every_line_exactly_once()
    {
        var lines = Enumerable.Range(0, 5_000).Select(i => Line(Window.Start.AddSeconds(i % 60), $"GET /products/{i % 97}")).ToList();
        Write("access.log", lines);

        var whole = await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log")] });
        var split = await new AccessLogTrafficSource(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log")] }) { RangeBytes = 997 }
            .FetchAsync(Window, TestContext.Current.CancellationToken);

        split.TotalRequests.Should().Be(5_000);
        split.Diagnostics!.RecordsSkipped.Should().Be(0, "no line is cut at a range boundary");
        split.Timeline.Select(b => b.CoveredRequests).Should().Equal(whole.Timeline.Select(b => b.CoveredRequests));
        split.FindEndpoint("GET /products/{id}")!.TemplateValues["id"].Should().HaveCount(97);
    }

    [Fact]
    public async Task Unparseable_lines_are_counted_and_sampled_without_their_query_strings()
    {
        var lines = Enumerable.Range(0, 200).Select(i => Line(Window.Start.AddSeconds(i % 60), "GET /a")).ToList();
        lines.Insert(50, "garbage /reset?token=s3cr3t");

        var profile = await Read(new AccessLogOptions { Files = [Write("access.log", lines)] });

        profile.Diagnostics!.RecordsSkipped.Should().Be(1);
        profile.Diagnostics.Samples.Should().Equal("garbage /reset?…");
        profile.TotalRequests.Should().Be(200);
    }

    [Fact]
    public async Task Every_line_is_accounted_for_as_in_the_window_outside_it_or_skipped_by_kind()
    {
        // Given: 10 lines: 5 in the window, 2 before it, 1 after it, 2 blank (one with a CR), 1 garbage
        string path = Write("access.log",
        [
            Line(Window.Start.AddSeconds(-90), "GET /a"), Line(Window.Start.AddSeconds(-1), "GET /a"), "",
            .. Enumerable.Range(0, 5).Select(i => Line(Window.Start.AddSeconds(i), "GET /a")),
            "\r", "garbage", Line(Window.End.AddSeconds(30), "GET /a"),
        ]);
        long lineCount = File.ReadAllLines(path).Length;

        // When
        var profile = await Read(new AccessLogOptions { Files = [path], MaxSkippedShare = 0.2 });

        // Then
        var d = profile.Diagnostics!;
        d.RecordsRead.Should().Be(lineCount).And.Be(11);
        d.RecordsSkipped.Should().Be(3);
        d.SkippedByKind.Should().BeEquivalentTo(new Dictionary<string, long> { ["empty"] = 2, ["unparseable"] = 1 });
        d.RecordsOutsideWindow.Should().Be(3);
        (profile.TotalRequests + d.RecordsOutsideWindow + d.RecordsSkipped).Should().Be(lineCount);
        d.FirstSeen.Should().Be(Window.Start.AddSeconds(-90));
        d.LastSeen.Should().Be(Window.End.AddSeconds(30));
        d.Samples.Should().Equal(["garbage"], "blank lines are counted, never sampled");
    }

    [Fact]
    public async Task Blank_lines_do_not_count_against_the_skipped_share()
    {
        // Given: as many blank lines as requests, which says nothing about the format
        string path = Write("access.log", Enumerable.Range(0, 20).SelectMany(i => new[] { Line(Window.Start.AddSeconds(i), "GET /a"), "" }));

        // When
        var profile = await Read(new AccessLogOptions { Files = [path] });

        // Then
        profile.TotalRequests.Should().Be(20);
        profile.Diagnostics!.SkippedByKind["empty"].Should().Be(20);
    }

    [Fact]
    public async Task Skipped_line_samples_escape_NULs_and_control_bytes()
    {
        // Given
        string path = Path.Combine(_directory, "access.log");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Line(Window.Start, "GET /a") + "\n"), 0, 0, (byte)'x', 0x1B, (byte)'[', (byte)'2', (byte)'J', 0x07, (byte)'\n']);

        // When
        var profile = await Read(new AccessLogOptions { Files = [path], MaxSkippedShare = 1 });

        // Then
        profile.Diagnostics!.Samples.Should().Equal("\\x00\\x00x\\x1B[2J\\x07");
    }

    [Fact]
    public async Task Response_bytes_of_common_and_combined_lines_are_summed_per_bucket()
    {
        // Given: combined lines of 512 bytes (Line), a common line of 1,000 and an Apache "-" (no body)
        string path = Write("access.log",
        [
            Line(Window.Start, "GET /a"), Line(Window.Start.AddSeconds(1), "GET /a"),
            """203.0.113.9 - - [10/Mar/2026:13:00:02 +0100] "GET /b HTTP/1.1" 200 1000""",
            """203.0.113.9 - - [10/Mar/2026:13:00:03 +0100] "GET /c HTTP/1.1" 304 -""",
            Line(Window.Start.AddSeconds(10), "GET /a"),
        ]);

        // When
        var profile = await Read(new AccessLogOptions { Files = [path] });

        // Then
        profile.Timeline.Select(b => b.ResponseBytes).Should().Equal(2_024L, 512L, 0L, 0L, 0L, 0L);
        profile.Timeline.Should().OnlyContain(b => b.RequestBytes == null, "common and combined lines do not log the request's size");
    }

    [Fact]
    public async Task Json_lines_give_response_and_request_bytes_as_numbers_or_strings()
    {
        // Given: nginx's escape=json format with $body_bytes_sent and $request_length, one quoted, one line without them
        string path = Write("access.json", [
            """{"time":"2026-03-10T12:00:01Z","method":"GET","uri":"/a","status":200,"bytes":1500,"request_length":300,"request_time":0.012}""",
            """{"time":"2026-03-10T12:00:02Z","method":"GET","uri":"/a","status":200,"bytes":"500","request_length":"200"}""",
            """{"time":"2026-03-10T12:00:12Z","method":"GET","uri":"/a","status":200}""",
        ]);

        // When
        var profile = await Read(new AccessLogOptions { Files = [path], Format = AccessLogFormat.JsonLines });

        // Then
        profile.Timeline.Select(b => b.ResponseBytes).Should().Equal(2_000L, 0L, 0L, 0L, 0L, 0L);
        profile.Timeline.Select(b => b.RequestBytes).Should().Equal(500L, 0L, 0L, 0L, 0L, 0L);
    }

    [Fact]
    public async Task Json_request_times_give_each_endpoint_productions_mean_response_time()
    {
        // Given
        string path = Write("access.json", [
            """{"time":"2026-03-10T12:00:01Z","method":"GET","uri":"/products/1","status":200,"request_time":0.010}""",
            """{"time":"2026-03-10T12:00:02Z","method":"GET","uri":"/products/2","status":200,"request_time":"0.030"}""",
            """{"time":"2026-03-10T12:00:03Z","method":"GET","uri":"/catalog","status":200}""",
        ]);

        // When
        var profile = await new AccessLogTrafficSource(new AccessLogOptions { Files = [path], Format = AccessLogFormat.JsonLines }) { RangeBytes = 100 }
            .FetchAsync(Window, TestContext.Current.CancellationToken);

        // Then
        profile.FindEndpoint("GET /products/{id}")!.AverageMilliseconds.Should().BeApproximately(20, 1e-9);
        profile.FindEndpoint("GET /catalog")!.AverageMilliseconds.Should().BeNull("its line does not say");
    }

    [Fact]
    public async Task Too_many_unparseable_lines_fail_with_the_share_samples_and_the_fix()
    {
        string path = Write("app.log", ["2026-03-10 12:00:01 INFO GET /a 200", "2026-03-10 12:00:02 INFO GET /b 200", Line(Window.Start, "GET /a")]);

        var act = async () => await Read(new AccessLogOptions { Files = [path] });

        (await act.Should().ThrowAsync<TrafficSourceException>())
            .WithMessage("2 of 3 lines (66.7 %) of the access logs (app.log) are not readable NCSA common or combined lines*\"2026-03-10 12:00:01 INFO GET /a 200\"*AccessLogOptions.Format*MaxSkippedShare*");
    }

    [Fact]
    public async Task Logs_that_miss_the_window_say_which_times_they_cover()
    {
        string path = Write("access.log", [Line(Window.Start.AddHours(-3), "GET /a"), Line(Window.Start.AddHours(-2), "GET /a")]);

        var act = async () => await Read(new AccessLogOptions { Files = [path] });

        (await act.Should().ThrowAsync<TrafficSourceException>())
            .WithMessage("*no request in the incident window 2026-03-10T12:00Z/2026-03-10T12:01Z*lines from 2026-03-10T09:00:00Z to 2026-03-10T10:00:00Z*rotated*");
    }

    [Fact]
    public async Task A_missing_file_or_an_empty_wildcard_is_named()
    {
        var missing = async () => await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "nope.log")] });
        var wildcard = async () => await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log*")] });

        (await missing.Should().ThrowAsync<TrafficSourceException>()).WithMessage("The access log \"*nope.log\" does not exist*");
        (await wildcard.Should().ThrowAsync<TrafficSourceException>()).WithMessage("No access log matches \"*access.log*\"*");
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_problem_named()
    {
        var act = () => new AccessLogTrafficSource(new AccessLogOptions { BucketSize = TimeSpan.FromMilliseconds(500), MaxSkippedShare = 2 });

        act.Should().Throw<ReplayConfigurationException>()
            .WithMessage("*Files is empty*BucketSize*whole number of seconds*MaxSkippedShare is 2*");
    }

    [Fact]
    public async Task The_plan_draws_template_values_from_what_production_was_asked_for()
    {
        Write("access.log", Enumerable.Range(0, 60).Select(i => Line(Window.Start.AddSeconds(i), $"GET /products/{(i % 3) + 40}")));
        var profile = await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log")] });

        var plan = ReplayPlan.Create(profile, new ReplayPlanOptions { Duration = TimeSpan.FromSeconds(6) });

        plan.EnumerateArrivals().Select(a => a.Target).Distinct().Order().Should().Equal("/products/40", "/products/41", "/products/42");
    }

    [Fact]
    public async Task A_capped_value_pool_keeps_the_true_distinct_count_across_threads_and_the_snapshot()
    {
        // Given: 500 distinct ids, each asked twice, read in many ranges on every core, with pools capped at 50
        var lines = Enumerable.Range(0, 1_000).Select(i => Line(Window.Start.AddSeconds(i % 60), $"GET /products/{i % 500}")).ToList();
        string path = Write("access.log", lines);
        var options = new AccessLogOptions { Files = [path], MaxValuesPerPlaceholder = 50 };

        // When
        var profile = await new AccessLogTrafficSource(options) { RangeBytes = 1_009 }.FetchAsync(Window, TestContext.Current.CancellationToken);
        var snapshot = Path.Combine(_directory, "capped" + Replay.Testing.Traffic.Snapshots.TrafficSnapshotFile.Suffix);
        Replay.Testing.Traffic.Snapshots.TrafficSnapshotFile.Save(profile, snapshot);
        var saved = Replay.Testing.Traffic.Snapshots.TrafficSnapshotFile.Load(snapshot);

        // Then
        var endpoint = profile.FindEndpoint("GET /products/{id}")!;
        endpoint.TemplateValues["id"].Should().HaveCount(50);
        endpoint.DistinctTemplateValues.Should().Equal(new Dictionary<string, long> { ["id"] = 500 });
        saved.FindEndpoint("GET /products/{id}")!.DistinctTemplateValues["id"].Should().Be(500);
    }

    [Fact]
    public async Task A_pool_that_holds_every_value_is_not_said_to_be_capped()
    {
        // Given
        string path = Write("access.log", Enumerable.Range(0, 60).Select(i => Line(Window.Start.AddSeconds(i), $"GET /products/{i % 7}")));

        // When
        var profile = await Read(new AccessLogOptions { Files = [path], MaxValuesPerPlaceholder = 7 });

        // Then
        profile.FindEndpoint("GET /products/{id}")!.DistinctTemplateValues.Should().BeEmpty();
    }

    [Fact]
    public async Task Configured_templates_group_slugs_and_skus_with_their_value_pools()
    {
        // Given
        string path = Write("access.log",
            Enumerable.Range(0, 30).Select(i => Line(Window.Start.AddSeconds(i), i % 2 == 0 ? $"GET /products/LMP-{i % 3}0{i % 5}" : $"GET /blog/post-{i % 4}-title")));
        var templates = new UrlTemplateRule[] { new("/products/{sku:[A-Z0-9-]+}"), new("/blog/{slug}") };

        // When
        var profile = await Read(new AccessLogOptions { Files = [path], Templates = templates });

        // Then
        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().BeEquivalentTo([("GET /products/{sku}", 15L), ("GET /blog/{slug}", 15L)]);
        profile.FindEndpoint("GET /blog/{slug}")!.TemplateValues["slug"].Should().Equal("post-1-title", "post-3-title");
    }

    [Fact]
    public async Task A_live_read_is_saved_as_the_windows_snapshot_and_reads_back_with_its_value_pools()
    {
        Write("access.log", Enumerable.Range(0, 60).Select(i => Line(Window.Start.AddSeconds(i), $"GET /products/{i % 4}")));
        var live = new AccessLogTrafficSource(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log")] });
        var recording = new Replay.Testing.Traffic.Snapshots.SnapshotRecordingTrafficSource(live, Path.Combine(_directory, "Incidents"));

        var read = await recording.FetchAsync(Window, TestContext.Current.CancellationToken);
        var saved = Replay.Testing.Traffic.Snapshots.TrafficSnapshotFile.Load(recording.SnapshotPath(Window));

        Path.GetFileName(recording.SnapshotPath(Window)).Should().Be("2026-03-10T1200Z_2026-03-10T1201Z.access-log.traffic.json");
        saved.FindEndpoint("GET /products/{id}")!.TemplateValues["id"].Should().Equal("0", "1", "2", "3");
        saved.Timeline.Select(b => b.CoveredRequests).Should().Equal(read.Timeline.Select(b => b.CoveredRequests));
    }

    [Fact]
    public async Task Json_lines_are_read_with_configured_field_names_offsets_and_unix_times()
    {
        long t0 = Window.Start.ToUnixTimeSeconds();
        string path = Write("access.json", [
            """{"ts":"2026-03-10T13:00:05+01:00","verb":"GET","request_uri":"/products/42?ref=mail","code":200,"ua":"Mozilla"}""",
            $$"""{"ts":{{t0 + 12}}.5,"verb":"POST","request_uri":"https://shop.example.com/checkout","code":"503"}""",
            """{"ts":"2026-03-10T12:00:30","verb":"GET","request_uri":"/a","code":200}""",                    // no offset: refused
            """{"ts":"2026-03-10T12:00:40Z","verb":"GET","request_uri":"/caf\u00e9","code":200}""",
            "not json",
        ]);
        var fields = new AccessLogJsonFields { Time = "ts", Method = "verb", Path = "request_uri", Status = "code" };

        var profile = await Read(new AccessLogOptions { Files = [path], Format = AccessLogFormat.JsonLines, JsonFields = fields, MaxSkippedShare = 0.5 });

        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().BeEquivalentTo([("GET /products/{id}", 1L), ("POST /checkout", 1L), ("GET /café", 1L)]);
        profile.Timeline[1].Statuses!.ServerError.Should().Be(1);
        profile.Diagnostics!.RecordsSkipped.Should().Be(2);
        profile.Diagnostics.Samples.Should().Contain("not json");
    }

    [Fact]
    public async Task The_kept_sequence_has_every_request_in_order_with_its_query_spread_within_its_second()
    {
        var start = Window.Start;
        Write("access.log",
        [
            Line(start.AddSeconds(1), "GET /products/7?ref=mail"),
            Line(start.AddSeconds(1), "POST /cart/items"),
            Line(start.AddSeconds(1), "GET /products/7?ref=mail"),
            Line(start.AddSeconds(3), "GET /search?q=lamp&page=2"),
            "garbage",
        ]);
        using (var gz = new GZipStream(File.Create(Path.Combine(_directory, "access.log.1.gz")), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(Line(start.AddSeconds(-1), "GET /early") + "\n" + Line(start, "GET /catalog") + "\n" + Line(start.AddSeconds(3), "GET /products/9") + "\n"));
        }

        var profile = await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log*")], KeepSequence = true, MaxSkippedShare = 0.5 });

        profile.Sequence!.Select(r => (Math.Round(r.Offset.TotalMilliseconds, 3), r.Request.Method, r.Request.Target, r.Request.EndpointKey)).Should().Equal(
            (500.0, "GET", "/catalog", "GET /catalog"),
            (1166.666, "GET", "/products/7?ref=mail", "GET /products/{id}"),
            (1500.0, "POST", "/cart/items", "POST /cart/items"),
            (1833.333, "GET", "/products/7?ref=mail", "GET /products/{id}"),
            (3250.0, "GET", "/products/9", "GET /products/{id}"),       // access.log.1.gz holds the older lines
            (3750.0, "GET", "/search?q=lamp&page=2", "GET /search"));
        profile.Sequence!.Targets.Should().HaveCount(5, "a repeated request is kept once");
        profile.FindEndpoint("GET /search")!.Count.Should().Be(1, "the profile's endpoints still drop the query");
    }

    [Fact]
    public async Task A_rotation_inside_one_second_is_replayed_oldest_file_first()
    {
        // Given: logrotate cut the log in the middle of second 2; the older half is in access.log.1, older still in .2.gz
        var start = Window.Start;
        WriteGzip("access.log.2.gz", [Line(start, "GET /a?n=1"), Line(start.AddSeconds(1), "GET /a?n=2")]);
        Write("access.log.1", [Line(start.AddSeconds(1), "GET /a?n=3"), Line(start.AddSeconds(2), "GET /a?n=4"), Line(start.AddSeconds(2), "GET /a?n=5")]);
        Write("access.log", [Line(start.AddSeconds(2), "GET /a?n=6"), Line(start.AddSeconds(2), "GET /a?n=7"), Line(start.AddSeconds(3), "GET /a?n=8")]);
        var profile = await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log*")], KeepSequence = true });

        // When
        var arrivals = ReplayPlan.Create(profile, new ReplayPlanOptions { Order = RequestOrder.Recorded }).EnumerateArrivals().ToList();

        // Then
        arrivals.Select(a => a.Target).Should().Equal(Enumerable.Range(1, 8).Select(n => $"/a?n={n}"));
        arrivals.Select(a => a.Offset).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Unreadable_lines_at_the_top_of_a_live_file_do_not_place_it_before_its_rotated_file()
    {
        // Given: the live file starts with a line no reader understands, so only its name can place it
        var start = Window.Start;
        Write("access.log", ["garbage", Line(start, "GET /a?n=2")]);
        WriteGzip("access.log.1.gz", ["", "garbage"]);
        Write("access.log.1", [Line(start, "GET /a?n=1")]);

        // When
        var profile = await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log*")], KeepSequence = true, MaxSkippedShare = 1 });

        // Then
        profile.Sequence!.Select(r => r.Request.Target).Should().Equal("/a?n=1", "/a?n=2");
    }

    [Theory]
    [InlineData(new[] { "access.log", "access.log.1", "access.log.10.gz", "access.log.2.gz" }, new[] { "access.log.10.gz", "access.log.2.gz", "access.log.1", "access.log" })]
    [InlineData(new[] { "access.log", "access.log-20260311.gz", "access.log-20260309.gz", "access.log-20260310" }, new[] { "access.log-20260309.gz", "access.log-20260310", "access.log-20260311.gz", "access.log" })]
    [InlineData(new[] { "app.log.2026-03-10.gz", "app.log", "app.log.2026-03-09.gz" }, new[] { "app.log.2026-03-09.gz", "app.log.2026-03-10.gz", "app.log" })]
    public void Files_that_hold_no_readable_line_are_ordered_by_their_rotation_suffix_oldest_first(string[] names, string[] expected)
    {
        // Given
        var paths = names.Select(n => Write(n, ["unreadable"])).ToList();

        // When
        var ordered = RotatedLogOrder.Order(paths, () => new NcsaLineReader());

        // Then
        ordered.Select(Path.GetFileName).Should().Equal(expected);
    }

    [Fact]
    public void Files_are_ordered_by_their_first_timestamp_before_their_names()
    {
        // Given: two logs whose names say nothing about their age
        string newer = Write("b.log", [Line(Window.Start.AddSeconds(5), "GET /b")]);
        string older = Write("a-new.log", ["", Line(Window.Start.AddSeconds(1), "GET /a")]);

        // When
        var ordered = RotatedLogOrder.Order([newer, older], () => new NcsaLineReader());

        // Then
        ordered.Should().Equal(older, newer);
    }

    [Fact]
    public async Task A_sequence_read_in_many_ranges_on_every_core_is_the_same_as_read_whole()
    {
        var lines = Enumerable.Range(0, 3_000).Select(i => Line(Window.Start.AddSeconds(i / 50), $"GET /products/{i % 89}?n={i}")).ToList();
        Write("access.log", lines);
        var options = new AccessLogOptions { Files = [Path.Combine(_directory, "access.log")], KeepSequence = true };

        var whole = await Read(options);
        var split = await new AccessLogTrafficSource(options) { RangeBytes = 1_013 }.FetchAsync(Window, TestContext.Current.CancellationToken);

        split.Sequence!.Select(r => r.Request.Target).Should().Equal(Enumerable.Range(0, 3_000).Select(i => $"/products/{i % 89}?n={i}"));
        split.Sequence!.Select(r => r.Offset).Should().Equal(whole.Sequence!.Select(r => r.Offset));
    }

    [Fact]
    public async Task Without_keep_sequence_no_sequence_is_kept()
    {
        Write("access.log", [Line(Window.Start, "GET /a?b=c")]);

        var profile = await Read(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log")] });

        profile.Sequence.Should().BeNull();
    }

    [Fact]
    public async Task A_recorded_order_replay_sends_the_logs_requests_in_order_and_its_snapshot_reads_back_the_same()
    {
        var start = Window.Start;
        Write("access.log", Enumerable.Range(0, 120).Select(i => Line(start.AddSeconds(i / 2), i % 5 == 0 ? $"POST /cart/items?u={i}" : $"GET /products/{i}?ref=r{i}")));
        var live = new AccessLogTrafficSource(new AccessLogOptions { Files = [Path.Combine(_directory, "access.log")], KeepSequence = true, BucketSize = TimeSpan.FromSeconds(20) });
        var recording = new Replay.Testing.Traffic.Snapshots.SnapshotRecordingTrafficSource(live, Path.Combine(_directory, "Incidents"));

        var read = await recording.FetchAsync(Window, TestContext.Current.CancellationToken);
        var saved = Replay.Testing.Traffic.Snapshots.TrafficSnapshotFile.Load(recording.SnapshotPath(Window));
        var options = new ReplayPlanOptions { Order = RequestOrder.Recorded, Duration = TimeSpan.FromSeconds(30) };
        var arrivals = ReplayPlan.Create(read, options).EnumerateArrivals().ToList();
        var plan = ReplayPlan.Create(saved, options);

        File.Exists(Path.Combine(_directory, "Incidents", "2026-03-10T1200Z_2026-03-10T1201Z.access-log.requests.tsv.gz")).Should().BeTrue();
        arrivals.Select(a => a.Target).Should().Equal(Enumerable.Range(0, 120).Select(i => i % 5 == 0 ? $"/cart/items?u={i}" : $"/products/{i}?ref=r{i}"));
        arrivals.Select(a => a.Offset).Should().BeInAscendingOrder().And.OnlyContain(o => o < TimeSpan.FromSeconds(30));
        arrivals[3].Offset.Should().Be(TimeSpan.FromSeconds(0.875), "second 1's second request, at 1.75 s, halved");
        plan.EnumerateArrivals().Should().Equal(arrivals, "the snapshot replays exactly what the log did");
        plan.Buckets.Select(b => b.Total).Should().Equal(40L, 40L, 40L);
        plan.Endpoints[arrivals[0].EndpointIndex].Key.Should().Be("POST /cart/items");
        plan.Endpoints[arrivals[1].EndpointIndex].Key.Should().Be("GET /products/{id}");
    }
}
