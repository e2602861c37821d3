using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Replay.Testing.Environments.LocalProcess;

/// <summary>
/// Starts the application as a local process on a free 127.0.0.1 port and waits until its health path answers.
/// Made by <see cref="LocalProcessEnvironmentProvisionerBuilder"/>.
/// </summary>
public sealed class LocalProcessEnvironmentProvisioner : IEnvironmentProvisioner
{
    private readonly LocalProcessConfiguration _configuration;

    internal LocalProcessEnvironmentProvisioner(LocalProcessConfiguration configuration) => _configuration = configuration;

    /// <inheritdoc />
    public string Description => _configuration.ProjectPath is { } p
        ? $"local process {Path.GetFileNameWithoutExtension(p)}"
        : $"local process {Path.GetFileName(_configuration.FileName)}";

    /// <inheritdoc />
    public async Task<TargetEnvironment> ProvisionAsync(CancellationToken cancellationToken)
    {
        var c = _configuration;
        string fileName;
        var arguments = new List<string>();
        string workingDirectory;
        if (c.ProjectPath is { } project)
        {
            string assembly = await DotnetProjectBuild.BuildOnceAsync(project, c.BuildConfiguration, c.BuildTimeout, cancellationToken).ConfigureAwait(false);
            fileName = "dotnet";
            arguments.Add(assembly);
            workingDirectory = c.WorkingDirectory ?? Path.GetDirectoryName(assembly)!;
        }
        else
        {
            fileName = c.FileName!;
            workingDirectory = c.WorkingDirectory ?? Environment.CurrentDirectory;
        }

        int port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments.Concat(c.Arguments))
        {
            start.ArgumentList.Add(argument.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{url}", baseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal));
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        foreach (var (name, value) in c.Environment)
        {
            start.Environment[name] = value;
        }

        var tail = new ProcessOutputTail();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new EnvironmentProvisioningException($"Could not start \"{fileName}\": {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var environment = new TargetEnvironment(baseAddress, "local-process",
            $"{Description} (pid {process.Id}) on {baseAddress}", () => StopAsync(process), tail.Snapshot)
        {
            Parity =
            [
                new ParityFact("CPU", "unknown", $"{Environment.ProcessorCount} cores (this machine)", ParityStatus.NotMatched,
                    "No production CPU figure was given, so the process runs unrestricted."),
                new ParityFact("Memory", "unknown", "unrestricted", ParityStatus.NotMatched,
                    "No production memory figure was given, so the process runs unrestricted."),
            ],
        };

        try
        {
            await WaitUntilHealthyAsync(process, baseAddress, tail, cancellationToken).ConfigureAwait(false);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync(Process process, Uri baseAddress, ProcessOutputTail tail, CancellationToken cancellationToken)
    {
        var health = new Uri(baseAddress, _configuration.HealthPath);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string lastProblem = "no answer yet";
        while (deadline.Elapsed < _configuration.StartupTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new EnvironmentProvisioningException(
                    $"{Description} exited with code {process.ExitCode} before {health} answered. Its last output:{Environment.NewLine}{tail.Last(20)}");
            }

            try
            {
                using var response = await client.GetAsync(health, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                lastProblem = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = "timed out";
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new EnvironmentProvisioningException(
            $"{Description} did not become healthy at {health} within {_configuration.StartupTimeout} (last check: {lastProblem}). " +
            $"Raise the startup timeout with WithStartupTimeout, or fix the health path. Its last output:{Environment.NewLine}{tail.Last(20)}");
    }

    private static async ValueTask StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone: nothing to stop.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
