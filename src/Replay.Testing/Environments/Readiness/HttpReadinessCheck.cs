using System.Diagnostics;

namespace Replay.Testing.Environments.Readiness;

/// <summary>Polls a health URL until it answers 2xx, the process behind it dies, or the timeout passes.</summary>
internal static class HttpReadinessCheck
{
    public static async Task WaitAsync(Uri health, TimeSpan timeout, Func<string?> exited, Func<string> describeFailure,
        string settingToRaise, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        string lastProblem = "no answer yet";
        while (clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (exited() is { } exit)
            {
                throw new EnvironmentProvisioningException($"{exit} before {health} answered. {describeFailure()}");
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
            $"The target did not become healthy at {health} within {timeout} (last check: {lastProblem}). " +
            $"Raise the startup timeout with {settingToRaise}, or fix the health path. {describeFailure()}");
    }
}
