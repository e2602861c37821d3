using System.Net;
using System.Text;

namespace Replay.Testing.Tests.Traffic.Prometheus;

/// <summary>Answers Prometheus API queries with canned bodies, chosen by what the query contains; records the queries.</summary>
internal sealed class StubPrometheus(Func<string, (HttpStatusCode Status, string Body)> answer) : HttpMessageHandler
{
    public List<string> Queries { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string query = Uri.UnescapeDataString(request.RequestUri!.Query);
        Queries.Add(query);
        var (status, body) = answer(query);
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
