using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Replay.Reporting;
using Replay.Testing.Environments.Existing;
using Replay.Testing.IntegrationTests.Targets;
using Replay.Testing.Traffic.Upsun;

namespace Replay.Testing.IntegrationTests.Secrets;

[Trait("Category", "Integration")]
public sealed class SecretsInArtifactsTests
{
    private const string ApiToken = "api-RECOGNIZABLE-9b1f2c";
    private const string AccessToken = "access-RECOGNIZABLE-51d7e0";

    public static TheoryData<string> ErrorKinds => ["token rejected", "bad request", "forbidden", "server error", "not json"];

    [Theory]
    [MemberData(nameof(ErrorKinds))]
    public async Task Given_an_upsun_that_echoes_the_tokens_in_every_field_when_a_run_fails_then_no_artifact_or_message_holds_them(string kind)
    {
        // Given: a fake Upsun on 127.0.0.1 whose every error field quotes the request's credentials
        await using var upsun = await KestrelTarget.StartAsync(context => Answer(context, kind));
        var context = new RecordingContext();
        var options = new IncidentReplayOptions
        {
            TrafficSource = new UpsunTrafficSource(new UpsunOptions
            {
                ApiToken = ApiToken, ProjectId = "abc123", EnvironmentId = "main", ApiUrl = upsun.BaseAddress, AuthUrl = upsun.BaseAddress,
                MaxRetries = 0, RetryDelay = TimeSpan.FromMilliseconds(1),
            }),
            Provisioner = new ExistingEnvironmentProvisioner("http://127.0.0.1:9/"),
            Reporters = DefaultReporters.All,
        };
        var run = new ReplayRun(new ReplayRequest("Secrets.Stay_secret", TestProfiles.Window, options), context);

        // When
        var report = await run.ReplayAsync(TestContext.Current.CancellationToken);
        var verdictError = Record.Exception(() => run.EnsureExpectedVerdict(report));

        // Then
        report.Failure.Should().NotBeNull(kind);
        var texts = new Dictionary<string, string>
        {
            ["output"] = string.Join('\n', context.Lines),
            ["exception"] = verdictError?.ToString() ?? "",
            ["report object"] = report.ToString() + JsonSerializer.Serialize(report),
        };
        report.Artifacts.Should().Contain(a => a.EndsWith(".pdf", StringComparison.Ordinal), kind);
        foreach (string artifact in Directory.EnumerateFiles(context.ResultsDirectory, "*", SearchOption.AllDirectories))
        {
            texts[Path.GetFileName(artifact)] = artifact.EndsWith(".pdf", StringComparison.Ordinal) ? await PdfTextAsync(artifact) : await File.ReadAllTextAsync(artifact, TestContext.Current.CancellationToken);
        }

        texts.Should().ContainKey("Secrets.Stay_secret-result.json");
        foreach (var (name, text) in texts)
        {
            text.Should().NotContain(ApiToken, $"{kind}: {name}").And.NotContain(AccessToken, $"{kind}: {name}");
        }
    }

    private static async Task Answer(HttpContext context, string kind)
    {
        string request = context.Request.Headers.Authorization.ToString();
        if (context.Request.Path == "/oauth2/token")
        {
            var form = await context.Request.ReadFormAsync();
            request = "api_token=" + form["api_token"];
            if (kind != "token rejected")
            {
                await context.Response.WriteAsJsonAsync(new { access_token = AccessToken, expires_in = 900 });
                return;
            }
        }

        string echo = $"you sent {request}";
        (int status, string body) = kind switch
        {
            "token rejected" => (400, Json(echo, 400)),
            "bad request" => (400, Json(echo, 400)),
            "forbidden" => (403, Json(echo, 403)),
            "server error" => (500, Json(echo, 500)),
            _ => (502, echo),
        };
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(body);
    }

    private static string Json(string echo, int status) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["error"] = echo, ["error_description"] = echo, ["title"] = echo, ["detail"] = echo, ["message"] = echo, ["type"] = echo,
        ["status"] = status, ["violations"] = new Dictionary<string, string[]> { [echo] = [echo] },
    });

    private static async Task<string> PdfTextAsync(string pdf)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", [pdf, "-"]) { RedirectStandardOutput = true })!;
        string text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0);
        return text;
    }
}
