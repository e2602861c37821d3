using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;
using Replay.Reporting;

namespace Replay.Testing;

/// <summary>
/// Runs after an <c>[IncidentReplay]</c> test's body: replays if the body did not, attaches the reports (also when the
/// verdict fails), and fails the test with the verdict table when an SLO failed.
/// </summary>
internal sealed class ReplayVerdictCommand(TestCommand innerCommand) : DelegatingTestCommand(innerCommand)
{
    public override TestResult Execute(TestExecutionContext context)
    {
        context.CurrentResult = innerCommand.Execute(context);
        if (context.CurrentTest.Arguments is not [ReplayRun run])
        {
            return context.CurrentResult;
        }

        bool bodyPassed = context.CurrentResult.ResultState.Status == TestStatus.Passed;
        if (!bodyPassed && !run.HasStarted)
        {
            return context.CurrentResult;   // the body failed before replaying: its failure is the news, not a replay's
        }

        try
        {
            var report = run.ReplayAsync(TestContext.CurrentContext.CancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
            foreach (string file in ReplayAttachments.Collect(run, report, TestContext.Out.WriteLine))
            {
                TestContext.AddTestAttachment(file, Path.GetFileName(file));
            }

            if (bodyPassed)
            {
                run.EnsureExpectedVerdict(report);
            }
        }
        catch (ReplayVerdictException e)
        {
            context.CurrentResult.SetResult(ResultState.Failure, e.Message);
        }
        catch (Exception e) when (bodyPassed)
        {
            context.CurrentResult.RecordException(e);
        }

        return context.CurrentResult;
    }
}
