using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Replay.Testing;

/// <summary>Where and with what a replay ran, for the report's reproducibility block.</summary>
/// <param name="ToolVersion">The Replay.Testing version.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="OperatingSystem">The operating system.</param>
/// <param name="ProcessorCount">Logical processors of the machine that generated the load.</param>
/// <param name="Commit">The commit under test, from the CI's variables or git, if known.</param>
public sealed record RunEnvironment(string ToolVersion, string Runtime, string OperatingSystem, int ProcessorCount, string? Commit)
{
    /// <summary>Describes the current process.</summary>
    public static RunEnvironment Current(string? workingDirectory = null) => new(
        typeof(RunEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        Environment.ProcessorCount,
        CommitOf(workingDirectory));

    private static string? CommitOf(string? workingDirectory)
    {
        foreach (string name in new[] { "GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_SOURCEVERSION", "GIT_COMMIT" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } sha)
            {
                return sha;
            }
        }

        try
        {
            var start = new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            string output = git.StandardOutput.ReadToEnd().Trim();
            return git.WaitForExit(5000) && git.ExitCode == 0 && output.Length == 40 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
