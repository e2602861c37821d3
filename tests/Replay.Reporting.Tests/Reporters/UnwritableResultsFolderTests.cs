using Replay.Reporting.Markdown;
using Replay.Reporting.Tests.Pdf;
using Replay.Reporting.Tests.Samples;
using Replay.Testing;
using Replay.Testing.Environments.Existing;
using Replay.Testing.Traffic;

namespace Replay.Reporting.Tests.Reporters;

public class UnwritableResultsFolderTests
{
    [Fact]
    public async Task A_results_folder_that_cannot_be_created_is_a_reporter_problem_and_the_verdict_is_kept()
    {
        // Given a results folder under a regular file, which no one can create
        string root = TemporaryFolders.Create();
        string file = Path.Combine(root, "not-a-folder");
        await File.WriteAllTextAsync(file, "a file", TestContext.Current.CancellationToken);
        string summary = Path.Combine(root, "step_summary.md");
        var context = new FolderContext(Path.Combine(file, "results"));

        // This replay sends no traffic, so it need not wait for replays other tests run on this machine.
        string? lockFile = Environment.GetEnvironmentVariable("REPLAY_LOCK_FILE");
        Environment.SetEnvironmentVariable("REPLAY_LOCK_FILE", Path.Combine(root, "replay.lock"));
        var request = new ReplayRequest("Outage.Replay", SampleReports.Window, new IncidentReplayOptions
        {
            TrafficSource = new UnreadableTrafficSource(),
            Provisioner = new ExistingEnvironmentProvisioner("http://127.0.0.1:9/"),
            Reporters = [.. DefaultReporters.All.Where(r => r.Name != "step-summary"), new MarkdownReporter(toStepSummary: true, () => summary)],
        });

        // When
        ReplayReport report;
        try
        {
            report = await ReplayRunner.RunAsync(request, context, TestContext.Current.CancellationToken);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REPLAY_LOCK_FILE", lockFile);
        }

        // Then the run returns its report, its verdict unchanged, with the folder named as a problem
        report.Verdict.Passed.Should().BeFalse();
        report.Failure!.Message.Should().Be("the traffic API is down");
        report.Artifacts.Should().BeEmpty();
        report.ReporterProblems[0].Should().StartWith($"results folder \"{context.ResultsDirectory}\" could not be created");
        report.ReporterProblems.Should().Contain(p => p.StartsWith("report: ", StringComparison.Ordinal));
        context.Lines.Should().Contain(l => l.Contains("could not be created", StringComparison.Ordinal));

        // And the job summary, written elsewhere, still carries the verdict and says what is missing
        string markdown = await File.ReadAllTextAsync(summary, TestContext.Current.CancellationToken);
        markdown.Should().Contain("## Incident replay FAILED: Outage.Replay").And.Contain("### Reporter problems")
            .And.Contain(context.ResultsDirectory);
    }

    private sealed class UnreadableTrafficSource : ITrafficSource
    {
        public string Kind => "unreadable";

        public ValueTask<TrafficProfile> FetchAsync(IncidentWindow window, CancellationToken cancellationToken) =>
            throw new TrafficSourceException("the traffic API is down");
    }

    private sealed class FolderContext(string resultsDirectory) : IReplayContext
    {
        private readonly List<string> _lines = [];

        public string ResultsDirectory { get; } = resultsDirectory;

        public IReadOnlyList<string> Lines => _lines;

        public void WriteLine(string message) => _lines.Add(message);
    }
}
