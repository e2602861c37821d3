using System.Globalization;
using System.Net;
using Replay.Testing.Traffic;
using Replay.Testing.Traffic.Prometheus;

namespace Replay.Testing.Tests.Traffic.Prometheus;

public class PrometheusTrafficSourceTests
{
    private static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T12:03Z");
    private static readonly long T0 = Window.Start.ToUnixTimeSeconds();

    private static readonly PrometheusOptions Options = new() { BaseUrl = new Uri("http://prometheus.test:9090/"), Selector = "job=\"shop\"" };

    // A matrix series: labels, then the counter's value at each minute edge from 12:00 (null: no sample).
    private static string Series(string labels, params double?[] values) =>
        "{\"metric\":{" + labels + "},\"values\":[" + string.Join(",", values.Select((v, i) => (v, i)).Where(x => x.v is not null)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"[{T0 + (x.i * 60)},\"{x.v}\"]"))) + "]}";

    private static string Matrix(params string[] series) => "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + string.Join(",", series) + "]}}";

    private static string Vector(params (string Labels, double Value)[] series) => "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" +
        string.Join(",", series.Select(s => string.Create(CultureInfo.InvariantCulture, $"{{\"metric\":{{{s.Labels}}},\"value\":[{T0 + 180},\"{s.Value}\"]}}"))) + "]}}";

    private static StubPrometheus Healthy() => new(query =>
        query.Contains("histogram_quantile(0.5", StringComparison.Ordinal) ? (HttpStatusCode.OK, Vector(("\"http_route\":\"products/{id:int}\",\"http_request_method\":\"GET\"", 0.012)))
        : query.Contains("histogram_quantile(0.96", StringComparison.Ordinal) ? (HttpStatusCode.OK, Vector(("\"http_route\":\"products/{id:int}\",\"http_request_method\":\"GET\"", 0.4)))
        : query.Contains("sum by (http_response_status_code)", StringComparison.Ordinal) ? (HttpStatusCode.OK, Matrix(
            Series("\"http_response_status_code\":\"200\"", 1000, 1100, 1300, 1400),
            Series("\"http_response_status_code\":\"503\"", null, 5, 25, 25)))
        : (HttpStatusCode.OK, Matrix(
            Series("\"http_route\":\"products/{id:int}\",\"http_request_method\":\"GET\"", 900, 980, 1150, 1230),
            Series("\"http_route\":\"/checkout\",\"http_request_method\":\"POST\"", null, 20, 50, 20),   // born in the window, then a reset
            Series("\"http_request_method\":\"GET\"", 100, 105, 125, 150))));                             // no route: unmatched requests

    [Fact]
    public async Task Counts_are_the_counters_own_differences_per_bucket_with_resets_and_new_series_handled()
    {
        var stub = Healthy();

        var profile = await new PrometheusTrafficSource(Options, stub).FetchAsync(Window, TestContext.Current.CancellationToken);

        profile.Endpoints.Select(e => (e.Key, e.Count)).Should().Equal(("GET /products/{id}", 330L), ("POST /checkout", 70L));
        profile.Timeline.Select(b => b.Counts.GetValueOrDefault("GET /products/{id}")).Should().Equal(80, 170, 80);
        profile.Timeline.Select(b => b.Counts.GetValueOrDefault("POST /checkout")).Should().Equal(20, 30, 20);
        profile.TotalRequests.Should().Be(330 + 70 + 50, "requests without a route count in the total, not as endpoints");
        profile.Timeline.Select(b => b.Statuses!.ServerError).Should().Equal(5, 20, 0);
        profile.FindEndpoint("GET /products/{id}")!.P50Milliseconds.Should().BeApproximately(12, 1e-9);
        profile.FindEndpoint("GET /products/{id}")!.P96Milliseconds.Should().BeApproximately(400, 1e-9);
        stub.Queries.Should().Contain(q => q.Contains("sum by (http_route, http_request_method) (http_server_request_duration_seconds_count{job=\"shop\"})", StringComparison.Ordinal)
            && q.Contains($"start={T0}", StringComparison.Ordinal) && q.Contains("step=60s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("products/{id:int}", "/products/{id}")]
    [InlineData("/files/{**path}", "/files/{path}")]
    [InlineData("/orders/{id?}", "/orders/{id}")]
    [InlineData("/", "/")]
    public void Route_templates_become_endpoint_paths(string route, string path) => PrometheusTrafficSource.Template(route).Should().Be(path);

    [Fact]
    public async Task A_refused_query_names_the_error_and_what_to_check()
    {
        var stub = new StubPrometheus(_ => (HttpStatusCode.BadRequest,
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:45: parse error: unexpected character\"}"));

        var act = async () => await new PrometheusTrafficSource(Options, stub).FetchAsync(Window, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<TrafficSourceException>()).WithMessage("*refused the query sum by*400 bad_data 1:45: parse error*Check PrometheusOptions.Metric*");
    }

    [Fact]
    public async Task An_answer_that_is_not_the_api_says_so()
    {
        var stub = new StubPrometheus(_ => (HttpStatusCode.BadGateway, "<html>Bad gateway</html>"));

        var act = async () => await new PrometheusTrafficSource(Options, stub).FetchAsync(Window, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<TrafficSourceException>()).WithMessage("*answered 502 with something that is not its API's JSON*BaseUrl*");
    }

    [Fact]
    public async Task No_series_names_the_metric_the_selector_and_the_defaults()
    {
        var stub = new StubPrometheus(_ => (HttpStatusCode.OK, Matrix()));

        var act = async () => await new PrometheusTrafficSource(Options, stub).FetchAsync(Window, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<TrafficSourceException>())
            .WithMessage("*no series of http_server_request_duration_seconds_count{job=\"shop\"}*Check PrometheusOptions.Metric and Selector*");
    }

    [Fact]
    public async Task An_unreachable_server_names_the_address()
    {
        var options = Options with { BaseUrl = new Uri("http://127.0.0.1:9/") };

        var act = async () => await new PrometheusTrafficSource(options).FetchAsync(Window, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<TrafficSourceException>()).WithMessage("Prometheus at http://127.0.0.1:9/ could not be reached*BaseUrl*");
    }

    [Fact]
    public void Invalid_options_are_refused_together()
    {
        var act = () => new PrometheusTrafficSource(new PrometheusOptions { Metric = "http requests", BucketSize = TimeSpan.FromMilliseconds(10) });

        act.Should().Throw<ReplayConfigurationException>().WithMessage("*BaseUrl is not set*BucketSize*Metric is \"http requests\"*");
    }
}
