using System.Diagnostics;
using System.Text.Json;

namespace Replay.Testing.IntegrationTests.Servers;

/// <summary>
/// A private Prometheus on a free 127.0.0.1 port, scraping one target every second, with its data in a temporary
/// folder. Killed by its pid and removed on disposal. <c>.ci/setup</c> installs Prometheus.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PrometheusServer(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    /// <summary>Starts Prometheus scraping <paramref name="target"/>'s <c>/metrics</c> as job "shop", and waits until it is up.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri target, CancellationToken cancellationToken)
    {
        string binary = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Prometheus is not installed; run `bash .ci/setup` (it installs prometheus).");
        string directory = Directory.CreateTempSubdirectory("replay-prometheus-").FullName;
        int port = LoopbackPort.Free();
        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), $"""
            global: {"{"} scrape_interval: 1s, evaluation_interval: 1s {"}"}
            scrape_configs:
              - job_name: shop
                static_configs: [ {"{"} targets: ["{target.Authority}"] {"}"} ]
            """, cancellationToken);
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                $"--config.file={Path.Combine(directory, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitUntilScrapingAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilScrapingAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                string json = await client.GetStringAsync("api/v1/query?query=up", cancellationToken);
                var result = JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0 && result[0].GetProperty("value")[1].GetString() == "1")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new InvalidOperationException("Prometheus did not scrape its target within 30 s.");
    }
}
