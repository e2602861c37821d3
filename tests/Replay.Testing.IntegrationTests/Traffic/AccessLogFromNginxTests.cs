using Replay.Testing.IntegrationTests.Servers;
using Replay.Testing.Load;
using Replay.Testing.Plans;
using Replay.Testing.Traffic.AccessLogs;

namespace Replay.Testing.IntegrationTests.Traffic;

[Trait("Category", "Integration")]
public class AccessLogFromNginxTests
{
    [Fact]
    public async Task A_real_nginx_access_log_reads_back_with_exact_counts_in_its_own_time_zone()
    {
        // Paris time: the log's lines carry +0100 or +0200, and the source must still place them in a UTC window.
        await using var nginx = await NginxServer.StartAsync(timeZone: "Europe/Paris");
        var now = DateTimeOffset.UtcNow;
        var windowStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-1);
        var window = new IncidentWindow(windowStart, windowStart.AddMinutes(3));

        using var client = new HttpClient { BaseAddress = nginx.BaseAddress };
        var cancel = TestContext.Current.CancellationToken;
        for (int i = 0; i < 30; i++)
        {
            (await client.GetAsync($"products/{i % 5 + 1}?utm_source=mail", cancel)).EnsureSuccessStatusCode();
        }

        for (int i = 0; i < 7; i++)
        {
            (await client.PostAsync("checkout", new StringContent("{}"), cancel)).EnsureSuccessStatusCode();
        }

        (await client.GetAsync("catalog/lamps", cancel)).EnsureSuccessStatusCode();
        await Task.Delay(200, cancel);   // nginx writes its log line after the response

        var profile = await new AccessLogTrafficSource(new AccessLogOptions { Files = [nginx.AccessLog] }).FetchAsync(window, cancel);

        profile.TotalRequests.Should().Be(38);
        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().Equal(("GET /products/{id}", 30L), ("POST /checkout", 7L), ("GET /catalog/lamps", 1L));
        profile.FindEndpoint("GET /products/{id}")!.TemplateValues["id"].Should().Equal("1", "2", "3", "4", "5");
        profile.Timeline.Sum(b => b.Statuses!.Success).Should().Be(38);
        profile.Endpoints.Sum(e => e.Statuses!.Success).Should().Be(38, "each endpoint keeps its own status classes");
        profile.Diagnostics!.RecordsSkipped.Should().Be(0);
        File.ReadLines(nginx.AccessLog).First().Should().MatchRegex(@"\[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d \+0[12]00\]", "nginx ran in Paris time");
    }

    [Fact]
    public async Task A_recorded_order_replay_of_one_nginx_log_reaches_another_nginx_as_the_same_requests_in_the_same_order()
    {
        await using var production = await NginxServer.StartAsync();
        await using var clone = await NginxServer.StartAsync();
        var cancel = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var window = new IncidentWindow(start, start.AddSeconds(6));

        using (var client = new HttpClient { BaseAddress = production.BaseAddress })
        {
            for (int i = 0; i < 40; i++)
            {
                var response = i % 4 == 3
                    ? await client.PostAsync($"cart/items?session=s{i}", new StringContent("{}"), cancel)
                    : await client.GetAsync($"products/{(i * 7) % 13}?ref=r{i}&page={i % 3}", cancel);
                response.EnsureSuccessStatusCode();
                await Task.Delay(25, cancel);   // spaced so the replay, compressed 2x, keeps each request apart
            }
        }

        await Task.Delay(200, cancel);
        var options = new AccessLogOptions { Files = [production.AccessLog], KeepSequence = true, BucketSize = TimeSpan.FromSeconds(1) };
        var recorded = await new AccessLogTrafficSource(options).FetchAsync(window, cancel);
        var plan = ReplayPlan.Create(recorded, new ReplayPlanOptions { Order = RequestOrder.Recorded, Duration = TimeSpan.FromSeconds(3) });

        var result = await new LoadEngine(new LoadEngineOptions { MaxConnections = 1 }).RunAsync(plan, clone.BaseAddress, cancellationToken: cancel);
        await Task.Delay(200, cancel);
        var replayed = await new AccessLogTrafficSource(options with { Files = [clone.AccessLog] })
            .FetchAsync(new IncidentWindow(start, start.AddMinutes(1)), cancel);

        recorded.Sequence!.Should().HaveCount(40);
        result.Sent.Should().Be(40);
        replayed.Sequence!.Select(r => (r.Request.Method, r.Request.Target))
            .Should().Equal(recorded.Sequence!.Select(r => (r.Request.Method, r.Request.Target)), "the clone saw production's own requests, query strings and order");
    }

    [Fact]
    public async Task A_rotation_inside_one_second_replays_the_rotated_file_first_and_json_lines_give_bytes()
    {
        // Given: nginx logging JSON lines, rotated as logrotate does between requests of the same second
        await using var nginx = await NginxServer.StartAsync(jsonLog: true);
        var cancel = TestContext.Current.CancellationToken;
        using var client = new HttpClient { BaseAddress = nginx.BaseAddress };
        while (DateTimeOffset.UtcNow.Millisecond > 300)
        {
            await Task.Delay(20, cancel);   // start early in a second, so the rotation falls inside it
        }

        var start = DateTimeOffset.UtcNow;
        for (int i = 0; i < 3; i++)
        {
            (await client.GetAsync($"products/{i}?n={i}", cancel)).EnsureSuccessStatusCode();
        }

        await Task.Delay(100, cancel);
        await nginx.RotateAsync(cancel);
        for (int i = 3; i < 6; i++)
        {
            (await client.GetAsync($"products/{i}?n={i}", cancel)).EnsureSuccessStatusCode();
        }

        var sameSecond = DateTimeOffset.UtcNow.ToUnixTimeSeconds() == start.ToUnixTimeSeconds();
        await Task.Delay(200, cancel);
        var windowStart = new DateTimeOffset(start.Ticks - (start.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var options = new AccessLogOptions { Files = [nginx.AccessLog + "*"], Format = AccessLogFormat.JsonLines, KeepSequence = true };

        // When
        var profile = await new AccessLogTrafficSource(options).FetchAsync(new IncidentWindow(windowStart, windowStart.AddMinutes(2)), cancel);

        // Then
        File.Exists(nginx.AccessLog + ".1").Should().BeTrue();
        profile.Sequence!.Select(r => r.Request.Target).Should().Equal(Enumerable.Range(0, 6).Select(i => $"/products/{i}?n={i}"),
            sameSecond ? "the rotation fell inside one second" : "the rotation fell across a second");
        profile.Timeline.Sum(b => b.ResponseBytes ?? 0).Should().Be(6 * 2, "each answer is \"ok\"");
        profile.Timeline.Sum(b => b.RequestBytes ?? 0).Should().BeGreaterThan(6 * 20);
        profile.FindEndpoint("GET /products/{id}")!.AverageMilliseconds.Should().NotBeNull("nginx logged $request_time");
        profile.Diagnostics!.RecordsSkipped.Should().Be(0);
    }

    [Fact]
    public async Task Stopping_the_server_leaves_no_process_and_no_folder_behind()
    {
        var nginx = await NginxServer.StartAsync();
        string folder = Path.GetDirectoryName(Path.GetDirectoryName(nginx.AccessLog))!;
        int pid = nginx.MasterPid!.Value;
        Directory.Exists($"/proc/{pid}").Should().BeTrue();

        await nginx.DisposeAsync();

        Directory.Exists($"/proc/{pid}").Should().BeFalse("the master process and its worker are killed");
        Directory.Exists(folder).Should().BeFalse();
    }
}
