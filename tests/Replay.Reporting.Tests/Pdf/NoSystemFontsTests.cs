using System.Diagnostics;

namespace Replay.Reporting.Tests.Pdf;

public class NoSystemFontsTests
{
    // The renderer runs in a private mount namespace where /usr/share/fonts (the only folder this SkiaSharp build
    // scans) is an empty tmpfs: a machine with no fonts at all, without touching the real one.
    [Fact]
    public async Task A_machine_without_fonts_still_gets_every_word()
    {
        string renderer = Path.Combine(AppContext.BaseDirectory, "Replay.Reporting.SampleRenderer.dll");
        File.Exists(renderer).Should().BeTrue("the sample renderer is copied beside the tests");
        string output = RenderedPdf.TemporaryFolder();
        var start = new ProcessStartInfo("unshare", ["-m", "sh", "-c",
            $"mount -t tmpfs tmpfs /usr/share/fonts && test -z \"$(ls -A /usr/share/fonts)\" && exec dotnet '{renderer}' '{output}'"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        string stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.Should().Be(0, $"the renderer must run without fonts (needs root for unshare -m): {stderr}");
        stdout.Should().Contain("report_bytes=");
        var pdf = RenderedPdf.Read(Path.Combine(output, "Sample-report.pdf"));
        pdf.Text.Should().Contain("Incident verification report").And.Contain("FAILED").And.Contain("Reproducibility")
            .And.Contain("Response-time distribution by percentile").And.Contain("12:20");
    }
}
