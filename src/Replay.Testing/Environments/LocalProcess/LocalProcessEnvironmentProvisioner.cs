using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Replay.Testing.Environments.Databases;
using Replay.Testing.Environments.Readiness;
using Replay.Testing.Environments.Resources;

namespace Replay.Testing.Environments.LocalProcess;

/// <summary>
/// Starts the application as a local process on a free 127.0.0.1 port, on a cloned and scrubbed database, held to
/// production's CPU and memory as closely as this machine allows, and waits until its health path answers.
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
    public async Task<TargetEnvironment> ProvisionAsync(ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = _configuration;
        var plan = ResourcePlan(context);
        if (c.StrictParity && plan.Parity.Where(f => f.Status != ParityStatus.Enforced).ToList() is { Count: > 0 } weak)
        {
            // Refused before anything starts: strict parity means no replay on a clone that differs from production.
            throw new EnvironmentProvisioningException(
                "Strict parity is on, and these figures cannot be enforced on this machine: " +
                string.Join("; ", weak.Select(f => $"{f.Name}: {f.Note}")) + " Run on a machine with a writable cgroup v2 hierarchy, or turn strict parity off.");
        }

        var teardown = new TeardownStack();
        try
        {
            var (fileName, arguments, workingDirectory) = await CommandAsync(cancellationToken).ConfigureAwait(false);
            var environment = new Dictionary<string, string>(plan.Environment);
            foreach (var (name, value) in context.Environment)
            {
                environment[name] = value;
            }

            DatabaseClone? clone = null;
            if (c.Database is { } database)
            {
                context.Log($"  database: cloning {database.Provider} {Redacted(database.Source)}");
                clone = await DatabaseCloner.CloneAndScrubAsync(database, context.RunId, context.Log, cancellationToken).ConfigureAwait(false);
                teardown.Push($"drop the cloned database {clone.Database.Name}", clone.DisposeAsync);
                environment[database.EnvironmentVariable] = clone.Database.ConnectionString;
            }

            var group = plan.Cgroup?.Create("replay-testing-" + context.RunId, plan.Limits.CpuCores, plan.Limits.MemoryBytes);
            if (group is not null)
            {
                teardown.Push($"remove the cgroup {group.Path}", () => { group.Remove(); return ValueTask.CompletedTask; });
            }

            int port = FreePort();
            var baseAddress = new Uri($"http://127.0.0.1:{port}");
            var tail = new ProcessOutputTail();
            var process = Start(plan.CommandPrefix.Concat([fileName]).ToList(), arguments, workingDirectory, environment, port, baseAddress, tail);
            teardown.Push($"stop process {process.Id}", () => StopAsync(process));
            group?.Attach(process.Id);

            await HttpReadinessCheck.WaitAsync(new Uri(baseAddress, c.HealthPath), c.StartupTimeout,
                () => process.HasExited ? $"{Description} exited with code {process.ExitCode}" : null,
                () => $"Its last output:{System.Environment.NewLine}{tail.Last(20)}",
                "WithStartupTimeout (replay.json: target.startupTimeout)", cancellationToken).ConfigureAwait(false);

            return new TargetEnvironment(baseAddress, "local-process", $"{Description} (pid {process.Id}) on {baseAddress}",
                teardown.DisposeAsync, tail.Snapshot)
            {
                Parity = [.. plan.Parity, Instances(context), Data(clone)],
                Database = clone?.Database,
                ResourceSampler = ProcessTreeSampler.TryCreate(process.Id),
                ResourceLimits = plan.Limits,
            };
        }
        catch
        {
            await teardown.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private LocalResourcePlan ResourcePlan(ProvisioningContext context)
    {
        var production = context.Profile?.ProductionResources;
        var limits = _configuration.Resources
            ?? (_configuration.MatchProduction ? new ResourceLimits(production?.CpuCores, production?.MemoryBytes) : ResourceLimits.None);
        string productionCpu = production?.CpuCores is { } cpu ? LocalResourcePlan.Cores(cpu) : "unknown";
        string productionMemory = production?.MemoryBytes is { } memory ? LocalResourcePlan.MiB(memory) : "unknown";
        if (_configuration.Resources is { } given)
        {
            productionCpu = given.CpuCores is { } cores ? LocalResourcePlan.Cores(cores) + " (given)" : productionCpu;
            productionMemory = given.MemoryBytes is { } bytes ? LocalResourcePlan.MiB(bytes) + " (given)" : productionMemory;
        }

        return LocalResourcePlan.Create(limits, productionCpu, productionMemory, _configuration.ProjectPath is not null,
            System.Environment.ProcessorCount, CgroupV2.Detect(_configuration.CgroupRoot), LocalResourcePlan.FindTaskset());
    }

    private static ParityFact Instances(ProvisioningContext context) => context.Profile?.ProductionResources?.Instances switch
    {
        null => new ParityFact("Instances", "unknown", "1", ParityStatus.NotMatched, "Production's instance count is not known."),
        1 => new ParityFact("Instances", "1", "1", ParityStatus.Enforced, "One instance, as production."),
        int n => new ParityFact("Instances", n.ToString(CultureInfo.InvariantCulture), "1", ParityStatus.NotMatched,
            $"A local clone runs one instance; production ran {n}, so the clone has 1/{n} of its capacity."),
    };

    private static ParityFact Data(DatabaseClone? clone)
    {
        if (clone is null)
        {
            return new ParityFact("Data", "production data", "whatever the app starts with", ParityStatus.NotMatched,
                "No database clone was configured; the app runs on its own data.");
        }

        string scrubbed = clone.Scrubbed.Count == 0
            ? "not scrubbed"
            : "scrubbed: " + string.Join("; ", clone.Scrubbed.Select(s => $"{s.Description} ({(s.RowsChanged < 0 ? "done" : $"{s.RowsChanged:N0} rows")})"));
        return new ParityFact("Data", clone.SourceDescription, $"clone {clone.Database.Name} ({LocalResourcePlan.MiB(clone.SizeBytes)})",
            ParityStatus.Enforced, $"A consistent copy of the source, dropped at teardown; {scrubbed}.");
    }

    private async Task<(string FileName, List<string> Arguments, string WorkingDirectory)> CommandAsync(CancellationToken cancellationToken)
    {
        var c = _configuration;
        if (c.ProjectPath is { } project)
        {
            string assembly = await DotnetProjectBuild.BuildOnceAsync(project, c.BuildConfiguration, c.BuildTimeout, cancellationToken).ConfigureAwait(false);
            return ("dotnet", [assembly, .. c.Arguments], c.WorkingDirectory ?? Path.GetDirectoryName(assembly)!);
        }

        return (c.FileName!, [.. c.Arguments], c.WorkingDirectory ?? System.Environment.CurrentDirectory);
    }

    private Process Start(List<string> command, List<string> arguments, string workingDirectory, Dictionary<string, string> environment,
        int port, Uri baseAddress, ProcessOutputTail tail)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        string portText = port.ToString(CultureInfo.InvariantCulture), url = baseAddress.ToString().TrimEnd('/');
        foreach (string argument in command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument.Replace("{port}", portText, StringComparison.Ordinal).Replace("{url}", url, StringComparison.Ordinal));
        }

        start.Environment["PORT"] = portText;
        start.Environment["ASPNETCORE_URLS"] = url;
        foreach (var (name, value) in _configuration.Environment.Concat(environment))
        {
            start.Environment[name] = value;
        }

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
            throw new EnvironmentProvisioningException($"Could not start \"{command[0]}\": {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
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

    // Passwords stay out of the output.
    private static string Redacted(string source) => Secrets.SecretRedactor.RedactConnectionString(source);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
