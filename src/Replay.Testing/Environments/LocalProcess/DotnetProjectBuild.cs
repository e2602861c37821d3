using System.Collections.Concurrent;
using System.Diagnostics;

namespace Replay.Testing.Environments.LocalProcess;

/// <summary>Builds a .NET project once per test run and finds the assembly to start.</summary>
internal static class DotnetProjectBuild
{
    // One build per project and configuration for the whole process: every replay of a run starts the same binaries.
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Builds = new(StringComparer.Ordinal);

    public static Task<string> BuildOnceAsync(string projectPath, string configuration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string key = projectPath + "|" + configuration;
        var lazy = Builds.GetOrAdd(key, _ => new Lazy<Task<string>>(() => BuildAsync(projectPath, configuration, timeout)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            Builds.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, lazy));
        }

        return task.WaitAsync(cancellationToken);
    }

    private static async Task<string> BuildAsync(string projectPath, string configuration, TimeSpan timeout)
    {
        string projectDirectory = Path.GetDirectoryName(projectPath)!;
        string output = Path.Combine(projectDirectory, "bin", "replay", configuration);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = projectDirectory,
        };
        foreach (string argument in new[] { "build", projectPath, "-c", configuration, "-o", output, "-nologo", "-v", "q", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        // A build started from inside `dotnet test` must not inherit the test host's MSBuild settings.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        var tail = new ProcessOutputTail(60);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new EnvironmentProvisioningException(
                $"Building \"{projectPath}\" took longer than {timeout}. Output so far:{Environment.NewLine}{tail.Last(30)}");
        }

        if (process.ExitCode != 0)
        {
            throw new EnvironmentProvisioningException(
                $"Building \"{projectPath}\" failed (dotnet build exit code {process.ExitCode}). Fix the build first:{Environment.NewLine}{tail.Last(30)}");
        }

        string assembly = Path.Combine(output, Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        if (File.Exists(assembly))
        {
            return assembly;
        }

        var configs = Directory.GetFiles(output, "*.runtimeconfig.json");
        if (configs.Length == 1)
        {
            return configs[0][..^".runtimeconfig.json".Length] + ".dll";
        }

        throw new EnvironmentProvisioningException(
            $"Built \"{projectPath}\" into \"{output}\" but found no application assembly there to start. Is it an executable project?");
    }
}
