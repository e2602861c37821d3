using Replay.Testing.Traffic;
using Replay.Testing.Traffic.Upsun;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Replay.Testing.Tests.Traffic.Upsun;

public sealed class UpsunTrafficSourceTests : IDisposable
{
    // 2026-03-10 12:00-13:00 UTC, the window of the overview the fake serves.
    private static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T13:00Z");
    private readonly FakeUpsun _upsun = new();

    public void Dispose() => _upsun.Dispose();

    private Task<TrafficProfile> Fetch(UpsunOptions? options = null) =>
        new UpsunTrafficSource(options ?? _upsun.Options).FetchAsync(Window, TestContext.Current.CancellationToken).AsTask();

    private void Answer(string path, int status, string body, int priority = 1, string? retryAfter = null)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        if (retryAfter is not null)
        {
            response = response.WithHeader("Retry-After", retryAfter);
        }

        _upsun.Server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(priority).RespondWith(response);
    }

    [Fact]
    public async Task The_window_is_read_with_an_exchanged_bearer_token_and_production_resources()
    {
        var profile = await Fetch();

        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().Equal(("GET /catalog", 600L), ("POST /checkout", 60L));
        profile.Timeline.Should().HaveCount(6);
        profile.ProductionResources!.Should().NotBeNull();
        profile.Origin.Kind.Should().Be("upsun");
        var overview = _upsun.Server.LogEntries.Single(e => e.RequestMessage.Path.EndsWith("/http-metrics/overview", StringComparison.Ordinal)).RequestMessage;
        overview.Headers!["Authorization"].Should().Equal("Bearer access-1");
        overview.Query!["from"].Should().Equal("1773144000");
        overview.Query["to"].Should().Equal("1773147600");
        overview.Query["top_urls_count"].Should().Equal("10");
        _upsun.Calls("/oauth2/token").Should().Be(1, "the access token is reused until it nears expiry");
        System.Text.Json.JsonSerializer.Serialize(profile).Should().NotContain(FakeUpsun.ApiToken);
    }

    [Fact]
    public async Task More_than_a_hundred_urls_come_from_the_breakdown_with_curves_from_the_unlisted_traffic()
    {
        int[] unlisted = [0, 30, 60, 90, 60, 0];
        Answer(FakeUpsun.Root + "/http-metrics/overview", 200, FakeUpsun.Overview(unlisted: unlisted));
        Answer(FakeUpsun.Root + "/http/breakdown/urls", 200, FakeUpsun.Breakdown(150, ("GET", "/products/{id}", 160), ("GET", "/search?q=x", 80)));

        var profile = await Fetch(_upsun.Options with { TopUrlsCount = 150 });

        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().Equal(
            ("GET /catalog", 600L), ("GET /products/{id}", 160L), ("GET /search?q=x", 80L), ("POST /checkout", 60L));
        profile.FindEndpoint("GET /products/{id}")!.P96Milliseconds.Should().Be(90);
        profile.Timeline.Select(b => b.Counts.GetValueOrDefault("GET /products/{id}")).Should().Equal(0, 20, 40, 60, 40, 0);
        profile.Timeline.Select(b => b.Counts.GetValueOrDefault("GET /search?q=x")).Should().Equal(0, 10, 20, 30, 20, 0);
        profile.Timeline.Select(b => b.Counts.GetValueOrDefault("GET /catalog")).Should().AllBeEquivalentTo(100L, "the overview's own curve stands");
        profile.TotalRequests.Should().Be(900);
        profile.Coverage.Should().Be(1.0);
        profile.Origin.Details["curveFromUnlistedTraffic"].Should().Be("2");
        var overview = _upsun.Server.LogEntries.Single(e => e.RequestMessage.Path.EndsWith("/http-metrics/overview", StringComparison.Ordinal)).RequestMessage;
        overview.Query!["top_urls_count"].Should().Equal("100");
        var breakdown = _upsun.Server.LogEntries.Single(e => e.RequestMessage.Path.EndsWith("/http/breakdown/urls", StringComparison.Ordinal)).RequestMessage;
        breakdown.Query!["limit"].Should().Equal("150");
        breakdown.Query["from"].Should().Equal("1773144000");
    }

    [Fact]
    public async Task A_hundred_urls_or_fewer_never_ask_for_the_breakdown()
    {
        await Fetch(_upsun.Options with { TopUrlsCount = 100 });

        _upsun.Calls(FakeUpsun.Root + "/http/breakdown/urls").Should().Be(0);
    }

    [Fact]
    public async Task A_malformed_breakdown_is_reported_as_such()
    {
        Answer(FakeUpsun.Root + "/http/breakdown/urls", 200, """{"_grain": 600, "breakdown": {"kind": "ip", "total": 3, "data": []}}""");

        var act = () => Fetch(_upsun.Options with { TopUrlsCount = 120 });

        (await act.Should().ThrowAsync<TrafficSourceException>()).WithMessage("Upsun's http/breakdown/urls has no URL breakdown*");
    }

    [Fact]
    public async Task A_window_older_than_the_retention_is_refused_with_what_to_do_instead()
    {
        Answer(FakeUpsun.Root, 200, FakeUpsun.EntryPoint(retentionMinutes: 60));

        var act = () => Fetch();

        (await act.Should().ThrowAsync<TrafficSourceException>()).WithMessage("*starts before what Upsun keeps of HTTP traffic (1 h)*snapshot*access logs*");
    }

    [Fact]
    public async Task A_bad_request_lists_the_violations()
    {
        Answer(FakeUpsun.Root + "/http-metrics/overview", 400,
            """{"type": "https://tools.ietf.org/html/rfc2616#section-10", "title": "Validation Failed", "status": 400, "violations": {"from": ["The from timestamp must be in the past."]}}""");

        var act = () => Fetch();

        (await act.Should().ThrowAsync<TrafficSourceException>())
            .WithMessage("Upsun rejected GET http://*/projects/abc123def456/environments/main/observability/http-metrics/overview for project abc123def456, environment main (400 Validation Failed): from: The from timestamp must be in the past.");
    }

    [Fact]
    public async Task Forbidden_names_the_ids_that_were_used()
    {
        Answer(FakeUpsun.Root, 403, """{"status": 403, "title": "Forbidden"}""");

        var act = () => Fetch();

        (await act.Should().ThrowAsync<TrafficSourceException>()).WithMessage("*denied access to project abc123def456, environment main (403): \"Forbidden\" on GET http://*/projects/abc123def456/environments/main/observability: *upsun.projectId*");
    }

    [Fact]
    public async Task Rate_limits_are_waited_out_honouring_retry_after()
    {
        _upsun.Server.Given(Request.Create().WithPath(FakeUpsun.Root + "/http-metrics/overview").UsingGet()).AtPriority(1)
            .InScenario("rate").WillSetStateTo("limited once")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0"));

        var profile = await Fetch();

        profile.Endpoints.Should().HaveCount(2);
        _upsun.Calls(FakeUpsun.Root + "/http-metrics/overview").Should().Be(2);
    }

    [Fact]
    public async Task Server_errors_are_retried_a_bounded_number_of_times_then_reported()
    {
        Answer(FakeUpsun.Root + "/http-metrics/overview", 503, "upstream connect error");

        var act = () => Fetch();

        (await act.Should().ThrowAsync<TrafficSourceException>()).WithMessage("Upsun answered 503 to GET http://*/http-metrics/overview for project abc123def456, environment main (3 calls): upstream connect error*");
        _upsun.Calls(FakeUpsun.Root + "/http-metrics/overview").Should().Be(3);
    }

    [Fact]
    public async Task A_call_that_never_answers_times_out_a_bounded_number_of_times_then_says_so()
    {
        _upsun.Server.Given(Request.Create().WithPath(FakeUpsun.Root + "/http-metrics/overview").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(FakeUpsun.Overview()).WithDelay(TimeSpan.FromMilliseconds(800)));

        var act = () => Fetch(_upsun.Options with { Timeout = TimeSpan.FromMilliseconds(200) });

        (await act.Should().ThrowAsync<TrafficSourceException>())
            .WithMessage("Upsun did not answer GET http://*/projects/abc123def456/environments/main/observability/http-metrics/overview for project abc123def456, environment main: 3 calls in * s, each given 0.2 s (traffic.upsun.requestTimeout)*snapshot*");
        for (int i = 0; i < 100 && _upsun.Calls(FakeUpsun.Root + "/http-metrics/overview") < 3; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);   // WireMock logs a call once its delayed answer is written
        }

        _upsun.Calls(FakeUpsun.Root + "/http-metrics/overview").Should().Be(3, "the first try and two retries");
    }

    [Fact]
    public async Task Given_a_token_endpoint_that_never_answers_when_fetching_then_it_backs_off_between_calls_and_says_how_many_were_made()
    {
        // Given: a token endpoint that accepts and answers only after the per-call timeout
        _upsun.Server.Given(Request.Create().WithPath("/oauth2/token").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{}").WithDelay(TimeSpan.FromMilliseconds(600)));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // When: 3 calls of 100 ms, with 100 ms and 200 ms of backoff between them
        var act = () => Fetch(_upsun.Options with { Timeout = TimeSpan.FromMilliseconds(100), RetryDelay = TimeSpan.FromMilliseconds(100), MaxRetries = 2 });

        // Then
        (await act.Should().ThrowAsync<TrafficSourceException>())
            .WithMessage("Upsun's token endpoint http://*/oauth2/token did not answer: 3 calls in * s, each given 0.1 s (traffic.upsun.requestTimeout), within a deadline of 300 s (traffic.upsun.deadline).*");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(600), "three calls of 100 ms and 300 ms of backoff").And.BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Given_a_deadline_shorter_than_the_retries_when_calls_hang_then_no_retry_starts_past_it()
    {
        // Given
        _upsun.Server.Given(Request.Create().WithPath(FakeUpsun.Root).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{}").WithDelay(TimeSpan.FromMilliseconds(800)));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // When: up to 11 calls of 200 ms were allowed, but only 700 ms in all
        var act = () => Fetch(_upsun.Options with
        {
            Timeout = TimeSpan.FromMilliseconds(200), MaxRetries = 10, RetryDelay = TimeSpan.FromMilliseconds(50), Deadline = TimeSpan.FromMilliseconds(700),
        });

        // Then
        var error = (await act.Should().ThrowAsync<TrafficSourceException>()).Which;
        error.Message.Should().MatchRegex(@": [2-4] calls in [0-9.]+ s, each given 0\.2 s \(traffic\.upsun\.requestTimeout\), within a deadline of 0\.7 s \(traffic\.upsun\.deadline\)");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task An_expired_access_token_is_exchanged_again_once()
    {
        _upsun.Server.Given(Request.Create().WithPath(FakeUpsun.Root + "/http-metrics/overview").UsingGet()).AtPriority(1)
            .InScenario("expiry").WillSetStateTo("refused once")
            .RespondWith(Response.Create().WithStatusCode(401));

        await Fetch();

        _upsun.Calls("/oauth2/token").Should().Be(2);
    }

    [Fact]
    public async Task Too_much_data_splits_the_window_and_merges_the_halves()
    {
        Answer(FakeUpsun.Root + "/http-metrics/overview", 499, """{"error": "Too much data fetched", "message": "Reduce the range"}""", priority: 40);
        _upsun.Server.Given(Request.Create().WithPath(FakeUpsun.Root + "/http-metrics/overview").WithParam("from", "1773144000").WithParam("to", "1773145800").UsingGet())
            .AtPriority(1).RespondWith(Response.Create().WithBody(FakeUpsun.Overview(1773144000, buckets: 6, grain: 300)));
        _upsun.Server.Given(Request.Create().WithPath(FakeUpsun.Root + "/http-metrics/overview").WithParam("from", "1773145800").WithParam("to", "1773147600").UsingGet())
            .AtPriority(1).RespondWith(Response.Create().WithBody(FakeUpsun.Overview(1773145800, buckets: 6, grain: 300)));

        var profile = await Fetch();

        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().Equal(("GET /catalog", 1200L), ("POST /checkout", 120L));
        profile.Timeline.Should().HaveCount(12);
        profile.Origin.Details["ranges"].Should().Be("2");
    }

    [Fact]
    public async Task A_not_found_answer_is_not_retried_and_says_one_call_and_which_endpoint_with_upsuns_words()
    {
        // Given
        Answer(FakeUpsun.Root + "/http-metrics/overview", 404, """{"status": 404, "title": "Not Found", "detail": "No such environment: main"}""");

        // When
        var act = () => Fetch();

        // Then
        var error = (await act.Should().ThrowAsync<TrafficSourceException>()).Which;
        error.Message.Should().Match("Upsun found no GET http://*/observability/http-metrics/overview for project abc123def456, environment main (404, 1 call): \"No such environment: main\". Check upsun.projectId*");
        error.Message.Should().NotContain("retries");
        _upsun.Calls(FakeUpsun.Root + "/http-metrics/overview").Should().Be(1);
    }

    [Fact]
    public async Task A_token_refused_after_a_new_exchange_says_two_calls_and_which_endpoint()
    {
        // Given
        Answer(FakeUpsun.Root + "/http-metrics/overview", 401, """{"status": 401, "title": "Unauthorized", "detail": "Token revoked"}""");

        // When
        var act = () => Fetch();

        // Then
        (await act.Should().ThrowAsync<TrafficSourceException>()).Which.Message.Should()
            .Match("Upsun refused the access token for GET http://*/http-metrics/overview, project abc123def456, environment main (401, 2 calls, the last after a new exchange): \"Token revoked\". Check*UPSUN_API_TOKEN*");
        _upsun.Calls(FakeUpsun.Root + "/http-metrics/overview").Should().Be(2);
    }

    [Fact]
    public async Task Too_much_data_even_at_one_minute_says_so_with_upsuns_words_and_no_advice_below_the_minimum()
    {
        // Given
        Answer(FakeUpsun.Root + "/http-metrics/overview", 499, """{"error": "Too much data fetched", "message": "Reduce the range"}""", priority: 40);

        // When
        var atMinimum = () => Fetch(_upsun.Options with { TopUrlsCount = 1 });
        var above = () => Fetch(_upsun.Options with { TopUrlsCount = 20 });

        // Then
        string message = (await atMinimum.Should().ThrowAsync<TrafficSourceException>()).Which.Message;
        message.Should().Match("Upsun answered 499 (too much data) to GET http://*/http-metrics/overview: \"Reduce the range\". The window was split down to 2026-03-10T12:00Z/2026-03-10T12:01Z (1 min)*upsun.topUrlsCount is already 1, so read the window from access logs instead.");
        message.Should().NotContain("lower upsun.topUrlsCount");
        (await above.Should().ThrowAsync<TrafficSourceException>()).WithMessage("*lower upsun.topUrlsCount (now 20)*");
    }

    [Theory]
    [InlineData("https://proxy.example/upsun", "https://proxy.example/upsun-auth")]
    [InlineData("https://proxy.example/upsun/", "https://proxy.example/upsun-auth/")]
    public async Task An_api_base_with_a_path_keeps_it_with_or_without_a_trailing_slash(string apiUrl, string authUrl)
    {
        // Given: a company proxy in front of Upsun, under a path
        var proxy = new RecordingHandler();
        var options = _upsun.Options with { ApiUrl = new Uri(apiUrl), AuthUrl = new Uri(authUrl) };

        // When
        var act = async () => await new UpsunTrafficSource(options, proxy).FetchAsync(Window, TestContext.Current.CancellationToken);

        // Then
        await act.Should().ThrowAsync<TrafficSourceException>();
        proxy.Uris.Should().Equal(
            "https://proxy.example/upsun-auth/oauth2/token",
            "https://proxy.example/upsun/projects/abc123def456/environments/main/observability");
    }

    // Hands out a token, then answers 404 to anything else, recording where each call went.
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<string> Uris { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uris.Add(request.RequestUri!.ToString());
            return Task.FromResult(request.RequestUri!.AbsolutePath.EndsWith("/oauth2/token", StringComparison.Ordinal)
                ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("""{"access_token": "a", "expires_in": 900}""") }
                : new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
        }
    }

    [Fact]
    public async Task A_rejected_api_token_says_how_to_get_one_and_never_shows_it()
    {
        var act = () => Fetch(_upsun.Options with { ApiToken = "wrong-token-value" });

        var error = (await act.Should().ThrowAsync<TrafficSourceException>()).Which;
        error.Message.Should().Be("Upsun did not accept the API token (invalid API token). Create one in the Upsun console (My profile, API tokens) and set UPSUN_API_TOKEN.");
        error.Message.Should().NotContain("wrong-token-value");
    }

    public static TheoryData<string, string, int> EchoingErrors => new()
    {
        { "token endpoint", "/oauth2/token", 400 },
        { "token endpoint failing", "/oauth2/token", 503 },
        { "bad request", FakeUpsun.Root + "/http-metrics/overview", 400 },
        { "unauthorized", FakeUpsun.Root, 401 },
        { "forbidden", FakeUpsun.Root, 403 },
        { "too much data", FakeUpsun.Root + "/http-metrics/overview", 499 },
        { "rate limited", FakeUpsun.Root, 429 },
        { "server error", FakeUpsun.Root, 500 },
        { "not json", FakeUpsun.Root + "/http-metrics/overview", 418 },
    };

    [Theory]
    [MemberData(nameof(EchoingErrors))]
    public async Task Given_an_error_body_that_echoes_both_tokens_when_it_is_reported_then_neither_token_appears(string kind, string path, int status)
    {
        // Given: a recognizable access token, and every field of the error quoting the request's credentials
        const string access = "access-RECOGNIZABLE-7731";
        _upsun.Server.Given(Request.Create().WithPath("/oauth2/token").UsingPost().WithBody(b => b != null && b.Contains(FakeUpsun.ApiToken, StringComparison.Ordinal)))
            .AtPriority(5)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { access_token = access, expires_in = 900 }));
        // The token endpoint's request carries only the API token; the API's carry the access token.
        string echo = path == "/oauth2/token" ? $"api_token={FakeUpsun.ApiToken}" : $"api_token={FakeUpsun.ApiToken} Authorization: Bearer {access}";
        string body = status == 418
            ? echo
            : System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["error"] = echo, ["error_description"] = echo, ["title"] = echo, ["detail"] = echo, ["message"] = echo,
                ["type"] = echo, ["status"] = status, ["violations"] = new Dictionary<string, string[]> { [echo] = [echo, echo] },
            });
        var answer = Response.Create().WithStatusCode(status).WithBody(body);
        _upsun.Server.Given(path == "/oauth2/token" ? Request.Create().WithPath(path).UsingPost() : Request.Create().WithPath(path).UsingGet())
            .AtPriority(1).RespondWith(answer);

        // When
        var act = () => Fetch(_upsun.Options with { MaxRetries = 0 });

        // Then
        var error = (await act.Should().ThrowAsync<Exception>(kind)).Which;
        string everything = error.ToString();
        everything.Should().NotContain(FakeUpsun.ApiToken, kind).And.NotContain(access, kind);
    }

    [Fact]
    public async Task A_malformed_overview_is_reported_as_such()
    {
        Answer(FakeUpsun.Root + "/http-metrics/overview", 200, "{\"_grain\": ");

        var act = () => Fetch();

        (await act.Should().ThrowAsync<TrafficSourceException>()).WithMessage("*not a valid Upsun http-metrics/overview response*");
    }

    [Fact]
    public void Missing_ids_are_refused_together()
    {
        var act = () => new UpsunTrafficSource(new UpsunOptions { TopUrlsCount = 301 });

        act.Should().Throw<ReplayConfigurationException>().WithMessage("*ProjectId is empty*EnvironmentId is empty*TopUrlsCount is 301; Upsun ranks from 1 to 300 URLs*");
    }
}
