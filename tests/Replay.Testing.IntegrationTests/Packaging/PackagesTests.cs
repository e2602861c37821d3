using System.Xml.Linq;
using Replay.Testing.IntegrationTests.Targets;
using Replay.Testing.Traffic.Snapshots;

namespace Replay.Testing.IntegrationTests.Packaging;

/// <summary>
/// A user's test project, outside this repository, that takes the libraries as NuGet packages from a local feed:
/// the packages must be enough for discovery, the replay, the category filter, the TRX attachments and VSTest.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PackagesTests(LocalFeed feed) : IClassFixture<LocalFeed>, IDisposable
{
    private const string TestName = "Fix_holds [2026-03-10T12:00Z/2026-03-10T12:10Z]";
    private readonly string _project = Directory.CreateTempSubdirectory("replay-consumer-").FullName;

    public void Dispose() => Directory.Delete(_project, recursive: true);

    [Fact]
    public async Task An_xunit_project_using_the_packages_replays_filters_by_category_and_lists_the_report_in_trx()
    {
        WriteConsumer("Replay.Testing.Xunit", ["xunit.v3", "xunit.runner.visualstudio", "Microsoft.NET.Test.Sdk", "Microsoft.Testing.Extensions.TrxReport"], """
            using Replay.Testing;
            using Xunit;

            public class Outage
            {
                [IncidentReplay("2026-03-10T12:00Z", "2026-03-10T12:10Z", P99 = "5s")]
                public async Task Fix_holds(ReplayRun run) => await run.ReplayAsync(TestContext.Current.CancellationToken);

                [Fact]
                public void Unrelated() { }
            }
            """);

        await ReplaysThroughThePackagesAsync();
    }

    [Fact]
    public async Task An_nunit_project_using_the_packages_replays_filters_by_category_and_lists_the_report_in_trx()
    {
        WriteConsumer("Replay.Testing.NUnit", ["NUnit", "NUnit3TestAdapter", "Microsoft.NET.Test.Sdk", "Microsoft.Testing.Extensions.TrxReport"], """
            using NUnit.Framework;
            using Replay.Testing;

            public class Outage
            {
                [IncidentReplay("2026-03-10T12:00Z", "2026-03-10T12:10Z", P99 = "5s")]
                public async Task Fix_holds(ReplayRun run) => await run.ReplayAsync(TestContext.CurrentContext.CancellationToken);

                [Test]
                public void Unrelated() { }
            }
            """, "<EnableNUnitRunner>true</EnableNUnitRunner><OutputType>Exe</OutputType>");

        await ReplaysThroughThePackagesAsync();
    }

    private async Task ReplaysThroughThePackagesAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var target = await KestrelTarget.StartAsync();
        var environment = new Dictionary<string, string> { ["REPLAY__target__baseUrl"] = target.BaseAddress.ToString() };

        var (listed, listOutput) = await DotnetCommand.RunAsync(_project, null, cancel, "test", "--project", "Consumer.csproj", "--list-tests");
        listed.Should().Be(0, listOutput);
        listOutput.Should().Contain(TestName).And.Contain("Unrelated");

        var (exitCode, output) = await DotnetCommand.RunAsync(_project, environment, cancel,
            "test", "--project", "Consumer.csproj", "--no-build", "--filter", "Category=IncidentReplay", "--report-trx", "--results-directory", "results");
        exitCode.Should().Be(0, output);

        var trx = XDocument.Load(Directory.GetFiles(Path.Combine(_project, "results"), "*.trx").Single());
        XNamespace ns = trx.Root!.Name.Namespace;
        var results = trx.Descendants(ns + "UnitTestResult").ToList();
        results.Select(r => ((string)r.Attribute("testName")!, (string)r.Attribute("outcome")!)).Should().Equal([(TestName, "Passed")],
            "the category filter selects the replay and leaves the ordinary test out");
        results.Single().Descendants(ns + "ResultFile").Select(f => Path.GetFileName((string)f.Attribute("path")!))
            .Should().Contain(f => f.EndsWith("-report.pdf", StringComparison.Ordinal)).And.Contain(f => f.EndsWith("-result.json", StringComparison.Ordinal));
        target.Requests.Should().BeGreaterThan(0, "the replay reached the target given by REPLAY__target__baseUrl");

        // The VSTest host, as IDE test explorers in VSTest mode use it, discovers the same tests.
        string assembly = Directory.GetFiles(Path.Combine(_project, "bin"), "Consumer.dll", SearchOption.AllDirectories).Single();
        var (vstest, vstestOutput) = await DotnetCommand.RunAsync(_project, null, cancel, "vstest", assembly, "--ListTests");
        vstest.Should().Be(0, vstestOutput);
        vstestOutput.Should().Contain("Fix_holds").And.Contain("Unrelated");
    }

    private void WriteConsumer(string adapter, string[] packages, string source, string extraProperties = "")
    {
        string references = string.Join(Environment.NewLine, packages.Select(p => $"""    <PackageReference Include="{p}" Version="{feed.CentralVersions[p]}" />"""));
        File.WriteAllText(Path.Combine(_project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                <RuntimeIdentifier>$(NETCoreSdkRuntimeIdentifier)</RuntimeIdentifier>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{adapter}" Version="{feed.Version}" />
            {references}
              </ItemGroup>
              <ItemGroup>
                <None Include="replay.json;Incidents/*.json" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_project, "nuget.config"), $"""
            <configuration><packageSources><add key="replay-local" value="{feed.Directory}" /></packageSources></configuration>
            """);
        File.WriteAllText(Path.Combine(_project, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        File.WriteAllText(Path.Combine(_project, "replay.json"), """{ "plan": { "duration": "2s" }, "load": { "warmUp": "0s" } }""");
        File.WriteAllText(Path.Combine(_project, "Outage.cs"), source);
        var profile = TestProfiles.Steady(perMinute: 60);
        TrafficSnapshotFile.Save(profile, Path.Combine(_project, "Incidents", TrafficSnapshotFile.FileNameFor(profile.Window, "test")));
    }
}
