using Microsoft.AspNetCore.Http;
using Replay.Testing.IntegrationTests.Targets;
using Replay.Testing.Load;
using Replay.Testing.Plans;
using Replay.Testing.Traffic;

namespace Replay.Testing.IntegrationTests.Load;

[Trait("Category", "Integration")]
public class LoadEngineTests
{
    private static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T12:10Z");

    private static ReplayPlan Plan(params (string Key, long PerSecondOfReplay)[] endpoints) => Plan(new ReplayPlanOptions(), endpoints);

    private static ReplayPlan Plan(ReplayPlanOptions options, params (string Key, long PerSecondOfReplay)[] endpoints)
    {
        // Ten one-minute buckets compressed into ten one-second buckets.
        var timeline = Enumerable.Range(0, 10).Select(i => new TrafficBucket(Window.Start.AddMinutes(i),
            endpoints.ToDictionary(e => e.Key, e => e.PerSecondOfReplay * 60))).ToList();
        var profile = new TrafficProfile
        {
            Window = Window,
            BucketSize = TimeSpan.FromMinutes(1),
            Endpoints = endpoints.Select(e => new TrafficEndpoint(e.Key.Split(' ')[0], e.Key.Split(' ')[1], e.PerSecondOfReplay * 600)).ToList(),
            Timeline = timeline,
            TotalRequests = endpoints.Sum(e => e.PerSecondOfReplay * 600),
            Origin = new TrafficOrigin("test", "test"),
        };
        return ReplayPlan.Create(profile, options with { Duration = TimeSpan.FromSeconds(10) });
    }

    // The lean HTTP/1.1 transport has two drivers: the Linux event loop, and pooled async sockets elsewhere.
    public static TheoryData<bool> Drivers => [true, false];

    [Theory]
    [MemberData(nameof(Drivers))]
    public async Task Every_planned_arrival_is_sent_and_counted_per_endpoint_and_bucket(bool eventLoop)
    {
        await using var target = await KestrelTarget.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path == "/missing" ? 404 : 200;
            return Task.CompletedTask;
        });
        var plan = Plan(("GET /ok", 40), ("GET /missing", 10));

        var result = await new LoadEngine(new LoadEngineOptions { UseEventLoop = eventLoop }).RunAsync(plan, target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.Planned.Should().Be(500);
        result.Sent.Should().Be(500);
        result.Completed.Should().Be(500);
        result.Dropped.Should().Be(0);
        target.Requests.Should().Be(500);
        result.StatusCodes.Should().BeEquivalentTo(new Dictionary<int, long> { [200] = 400, [404] = 100 });
        result.Errors.Should().Be(0, "4xx responses are not errors; 5xx and transport failures are");
        result.Endpoints.Single(e => e.Key == "GET /ok").Sent.Should().Be(400);
        result.Buckets.Should().HaveCount(10).And.AllSatisfy(b => b.Sent.Should().Be(50));
        result.ResponseTime.Count.Should().Be(500);
        result.ResponseTime.P99Ms.Should().BeGreaterThanOrEqualTo(result.ServiceTime.P50Ms);
    }

    [Fact]
    public async Task Server_errors_count_as_errors()
    {
        await using var target = await KestrelTarget.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });

        var result = await new LoadEngine().RunAsync(Plan(("GET /a", 10)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.Errors.Should().Be(100);
        result.ErrorRate.Should().Be(1);
        result.Buckets.Should().AllSatisfy(b => b.StatusClasses[5].Should().Be(10));
    }

    [Theory]
    [MemberData(nameof(Drivers))]
    public async Task A_target_that_dies_mid_run_is_counted_as_errors_not_a_hang(bool eventLoop)
    {
        var target = await KestrelTarget.StartAsync();
        var plan = Plan(("GET /a", 20));
        var stopped = Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken).ContinueWith(_ => target.DisposeAsync().AsTask()).Unwrap();

        var result = await new LoadEngine(new LoadEngineOptions { RequestTimeout = TimeSpan.FromSeconds(2), UseEventLoop = eventLoop })
            .RunAsync(plan, target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);
        await stopped;

        result.Sent.Should().Be(200, "the schedule keeps sending after the target dies");
        result.Errors.Should().BeGreaterThan(50);
        result.TransportErrors.Keys.Should().Contain("refused");
        (result.Completed + result.TransportErrors.Values.Sum()).Should().Be(200);
    }

    [Theory]
    [MemberData(nameof(Drivers))]
    public async Task Cancellation_stops_the_schedule_and_reports_what_was_not_sent(bool eventLoop)
    {
        await using var target = await KestrelTarget.StartAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(2));

        var result = await new LoadEngine(new LoadEngineOptions { UseEventLoop = eventLoop }).RunAsync(Plan(("GET /a", 20)), target.BaseAddress, cancellationToken: cancel.Token);

        result.Cancelled.Should().BeTrue();
        result.NotStarted.Should().BeGreaterThan(100);
        (result.Sent + result.Dropped + result.NotStarted).Should().Be(result.Planned);
    }

    [Fact]
    public async Task A_stalled_target_raises_response_time_but_not_the_schedule()
    {
        // Every request in the third second of the replay waits for the stall to end.
        var stallUntil = DateTime.MinValue;
        var started = DateTime.UtcNow;
        await using var target = await KestrelTarget.StartAsync(async context =>
        {
            var elapsed = DateTime.UtcNow - started;
            if (elapsed > TimeSpan.FromSeconds(2) && elapsed < TimeSpan.FromSeconds(3))
            {
                await Task.Delay(TimeSpan.FromSeconds(3) - elapsed);
            }
        });
        started = DateTime.UtcNow;

        var result = await new LoadEngine().RunAsync(Plan(("GET /a", 50)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.Sent.Should().Be(500, "an open model keeps its schedule while the target stalls");
        result.ResponseTime.MaxMs.Should().BeGreaterThan(300);
        result.ResponseTime.P95Ms.Should().BeGreaterThan(result.ServiceTime.P50Ms);
    }

    [Fact]
    public async Task Warm_up_requests_reach_the_target_before_the_clock_starts_and_are_not_measured()
    {
        await using var target = await KestrelTarget.StartAsync();
        var options = new LoadEngineOptions { WarmUp = TimeSpan.FromMilliseconds(500) };

        var result = await new LoadEngine(options).RunAsync(Plan(("GET /a", 10)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.WarmUpRequests.Should().BeGreaterThan(0);
        result.Sent.Should().Be(100, "warm-up requests are not arrivals of the plan");
        result.ResponseTime.Count.Should().Be(100);
        target.Requests.Should().Be(100 + result.WarmUpRequests);
    }

    [Fact]
    public async Task A_one_second_stall_raises_the_response_time_p99_to_hundreds_of_ms_while_service_time_stays_low()
    {
        // 500 req/s on 4 connections, like wrk2 -c4 -R500. For one second the target holds every request: the four
        // on the wire wait, and the requests due meanwhile queue in the client. Measured from their intended send
        // time they took up to a second (what wrk2 reports); measured from the wire, they were quick.
        var started = DateTime.UtcNow;
        await using var target = await KestrelTarget.StartAsync(async context =>
        {
            var elapsed = DateTime.UtcNow - started;
            if (elapsed > TimeSpan.FromSeconds(4) && elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(TimeSpan.FromSeconds(5) - elapsed);
            }
        });
        started = DateTime.UtcNow;

        var result = await new LoadEngine(new LoadEngineOptions { MaxConnections = 4 })
            .RunAsync(Plan(("GET /a", 500)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.Sent.Should().Be(5000);
        result.ResponseTime.P99Ms.Should().BeGreaterThan(300, "about a tenth of the requests were due during the stall");
        result.ServiceTime.P99Ms.Should().BeLessThan(100, "only the four requests on the wire saw the stall from the wire");
        var stalled = result.Buckets[4];
        stalled.ResponseTime.P50Ms.Should().BeGreaterThan(100, "the bucket of the stall shows it");
        stalled.ServiceTime.P50Ms.Should().BeLessThan(stalled.ResponseTime.P50Ms / 10, "per bucket too, the wire time stays the target's");
        result.ResponseTime.MaxMs.Should().BeGreaterThan(700);
    }

    [Fact]
    public async Task Http2_is_spoken_when_asked_for_with_prior_knowledge()
    {
        long http2 = 0;
        await using var target = await KestrelTarget.StartAsync(context =>
        {
            if (context.Request.Protocol == "HTTP/2")
            {
                Interlocked.Increment(ref http2);
            }

            return Task.CompletedTask;
        }, Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);

        var result = await new LoadEngine(new LoadEngineOptions { HttpVersion = System.Net.HttpVersion.Version20 })
            .RunAsync(Plan(("GET /a", 10)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.StatusCodes.Should().BeEquivalentTo(new Dictionary<int, long> { [200] = 100 });
        Interlocked.Read(ref http2).Should().Be(100);
    }

    [Fact]
    public async Task A_share_of_requests_comes_on_fresh_connections()
    {
        var connections = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>();
        await using var target = await KestrelTarget.StartAsync(context =>
        {
            connections.TryAdd(context.Connection.Id, 0);
            return Task.CompletedTask;
        });

        var result = await new LoadEngine(new LoadEngineOptions { FreshConnectionShare = 0.5 })
            .RunAsync(Plan(("GET /a", 20)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.Completed.Should().Be(200);
        connections.Count.Should().BeGreaterThanOrEqualTo(90, "every request marked fresh closes its connection after the answer");
    }

    [Theory]
    [MemberData(nameof(Drivers))]
    public async Task Failed_requests_are_retried_with_backoff_and_retries_are_counted_apart(bool eventLoop)
    {
        await using var target = await KestrelTarget.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });

        var result = await new LoadEngine(new LoadEngineOptions { Retries = 2, RetryBackoff = TimeSpan.FromMilliseconds(20), UseEventLoop = eventLoop })
            .RunAsync(Plan(("GET /a", 10)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        target.Requests.Should().Be(300, "each of the 100 requests was sent three times");
        result.Sent.Should().Be(100);
        result.Retries.Should().Be(200);
        result.StatusCodes.Should().BeEquivalentTo(new Dictionary<int, long> { [503] = 100 }, "only the final answer counts");
        result.Errors.Should().Be(100);
        result.ResponseTime.P50Ms.Should().BeGreaterThanOrEqualTo(60, "the client waited 20 ms, then 40 ms, before its last attempt");
    }

    [Fact]
    public async Task Configured_headers_are_sent_and_redirects_are_answers_unless_followed()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using var target = await KestrelTarget.StartAsync(context =>
        {
            seen.Add($"{context.Request.Headers.AcceptEncoding}|{context.Request.Headers.UserAgent}");
            if (context.Request.Path == "/old")
            {
                context.Response.Redirect("/new");
            }

            return Task.CompletedTask;
        });
        var headers = new Dictionary<string, string> { ["Accept-Encoding"] = "gzip, br" };

        var result = await new LoadEngine(new LoadEngineOptions { Headers = headers, UserAgent = "shop-replay/1.0" })
            .RunAsync(Plan(("GET /old", 5)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);
        var followed = await new LoadEngine(new LoadEngineOptions { FollowRedirects = true })
            .RunAsync(Plan(("GET /old", 5)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.StatusCodes.Should().BeEquivalentTo(new Dictionary<int, long> { [302] = 50 });
        seen.Should().Contain("gzip, br|shop-replay/1.0");
        followed.StatusCodes.Should().BeEquivalentTo(new Dictionary<int, long> { [200] = 50 });
    }

    [Theory]
    [MemberData(nameof(Drivers))]
    public async Task Request_bodies_arrive_whole_even_when_larger_than_a_socket_buffer(bool eventLoop)
    {
        var lengths = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using var target = await KestrelTarget.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync();
            lengths.Add($"{context.Request.Path} {context.Request.ContentType} {body.Length} {body.Count(c => c == 'x')}");
        });
        string large = "{\"padding\": \"" + new string('x', 3_000_000) + "\"}";
        var options = new ReplayPlanOptions
        {
            RequestBodies = new Dictionary<string, RequestBody>
            {
                ["POST /small"] = new("{\"productId\": 314}", "application/json"),
                ["POST /large"] = new(large, "application/json"),
            },
        };

        var result = await new LoadEngine(new LoadEngineOptions { UseEventLoop = eventLoop })
            .RunAsync(Plan(options, ("POST /small", 3), ("POST /large", 1)), target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.StatusCodes.Should().BeEquivalentTo(new Dictionary<int, long> { [200] = 40 });
        lengths.Where(l => l.StartsWith("/small ", StringComparison.Ordinal)).Should().HaveCount(30).And.OnlyContain(l => l == "/small application/json; charset=utf-8 18 0");
        lengths.Where(l => l.StartsWith("/large ", StringComparison.Ordinal)).Should().HaveCount(10).And.OnlyContain(l => l == $"/large application/json; charset=utf-8 {large.Length} 3000000");
    }
}
