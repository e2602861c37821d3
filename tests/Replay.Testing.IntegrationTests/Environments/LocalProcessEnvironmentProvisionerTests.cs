using System.Diagnostics;
using Replay.Testing.Environments;
using Replay.Testing.Environments.LocalProcess;
using Replay.Testing.IntegrationTests.Targets;

namespace Replay.Testing.IntegrationTests.Environments;

[Trait("Category", "Integration")]
public class LocalProcessEnvironmentProvisionerTests
{
    [Fact]
    public async Task A_dotnet_project_is_built_started_on_loopback_and_stopped_at_teardown()
    {
        var provisioner = LocalProcessEnvironmentProvisionerBuilder.ForDotnetProject(RepositoryPaths.ShopAppProject)
            .WithHealthPath("/health")
            .WithStartupTimeout(TimeSpan.FromMinutes(2))
            .Build();

        int pid;
        await using (var environment = await provisioner.ProvisionAsync(new ProvisioningContext(), TestContext.Current.CancellationToken))
        {
            environment.BaseAddress.Host.Should().Be("127.0.0.1");
            using var client = new HttpClient();
            (await client.GetStringAsync(new Uri(environment.BaseAddress, "/health"), TestContext.Current.CancellationToken)).Should().Contain("healthy");
            pid = int.Parse(environment.Description.Split("pid ")[1].Split(')')[0], System.Globalization.CultureInfo.InvariantCulture);
            Process.GetProcessById(pid).HasExited.Should().BeFalse();
        }

        var exited = () => Process.GetProcessById(pid);
        exited.Should().Throw<ArgumentException>("the process is gone after teardown");
    }

    [Fact]
    public async Task A_process_that_exits_at_start_fails_with_its_last_output()
    {
        var provisioner = LocalProcessEnvironmentProvisionerBuilder.ForCommand("sh", "-c", "echo listening nowhere; echo bad config >&2; exit 3").Build();

        var act = () => provisioner.ProvisionAsync(new ProvisioningContext(), TestContext.Current.CancellationToken);

        var error = (await act.Should().ThrowAsync<EnvironmentProvisioningException>()).Which.Message;
        error.Should().Contain("exited with code 3").And.Contain("| bad config");
    }

    [Fact]
    public async Task A_process_that_never_becomes_healthy_times_out_naming_the_setting()
    {
        // A duration no other process on the machine uses, so the check below finds only this test's process.
        string seconds = (30 + (Random.Shared.Next(1, 1000) / 1000.0)).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        var provisioner = LocalProcessEnvironmentProvisionerBuilder.ForCommand("sleep", seconds)
            .WithStartupTimeout(TimeSpan.FromSeconds(1))
            .Build();

        var act = () => provisioner.ProvisionAsync(new ProvisioningContext(), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<EnvironmentProvisioningException>()).Which.Message
            .Should().Contain("did not become healthy").And.Contain("WithStartupTimeout");
        Process.GetProcessesByName("sleep").Where(p => CommandLine(p.Id) == "sleep " + seconds).Should().BeEmpty("the process is killed after the timeout");
    }

    [Fact]
    public void A_missing_project_is_rejected_when_built()
    {
        var act = () => LocalProcessEnvironmentProvisionerBuilder.ForDotnetProject("/nowhere/App.csproj").Build();

        act.Should().Throw<ReplayConfigurationException>().WithMessage("*\"/nowhere/App.csproj\" does not exist*");
    }

    // Another process's arguments (Process.StartInfo only knows processes this one started); empty once it is gone.
    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
