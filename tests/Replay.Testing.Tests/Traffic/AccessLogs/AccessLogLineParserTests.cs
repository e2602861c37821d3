using System.Text;
using Replay.Testing.Traffic.AccessLogs;

namespace Replay.Testing.Tests.Traffic.AccessLogs;

public class AccessLogLineParserTests
{
    private static (bool Ok, long Seconds, string Method, string Target, int Status) Parse(string line)
    {
        bool ok = AccessLogLineParser.TryParse(Encoding.UTF8.GetBytes(line), out var timestamp, out var method, out var target, out int status);
        long seconds = 0;
        ok = ok && AccessLogLineParser.TryParseTimestamp(timestamp, out seconds);
        return (ok, seconds, Encoding.UTF8.GetString(method), Encoding.UTF8.GetString(target), status);
    }

    [Fact]
    public void A_combined_line_gives_its_utc_time_method_target_and_status()
    {
        var line = Parse("""203.0.113.9 - - [10/Mar/2026:13:20:05 +0100] "GET /products/42?utm_source=mail HTTP/1.1" 200 5123 "https://mail.example/" "Mozilla/5.0 (X11; Linux x86_64)" """);

        line.Should().Be((true, DateTimeOffset.Parse("2026-03-10T12:20:05Z").ToUnixTimeSeconds(), "GET", "/products/42?utm_source=mail", 200));
    }

    [Fact]
    public void A_common_line_and_a_negative_offset_are_read_too()
    {
        var line = Parse("""10.0.0.1 - alice [09/Mar/2026:23:59:59 -0500] "POST /cart/items HTTP/2.0" 201 -""");

        line.Should().Be((true, DateTimeOffset.Parse("2026-03-10T04:59:59Z").ToUnixTimeSeconds(), "POST", "/cart/items", 201));
    }

    [Fact]
    public void A_proxy_logged_absolute_url_keeps_only_its_path_and_query()
    {
        Parse("""10.0.0.1 - - [10/Mar/2026:12:00:00 +0000] "GET http://shop.example.com/catalog/lamps?page=2 HTTP/1.1" 200 10""").Target
            .Should().Be("/catalog/lamps?page=2");
    }

    [Theory]
    [InlineData("""10.0.0.1 - - [10/Mar/2026:12:00:00 +0000] "-" 400 0 "-" "-" """)]                      // nginx: no request line
    [InlineData("""10.0.0.1 - - [10/Mar/2026:12:00:00 +0000] "\x16\x03\x01" 400 157 "-" "-" """)]         // TLS on a plain port
    [InlineData("""10.0.0.1 - - [10/Mar/2026 12:00:00] "GET / HTTP/1.1" 200 1""")]                           // another date format
    [InlineData("""10.0.0.1 - - [31/Feb/2026:12:00:00 +0000] "GET / HTTP/1.1" 200 1""")]                    // no such day
    [InlineData("""10.0.0.1 - - [10/Mar/2026:12:00:00 +0000] "GET / HTTP/1.1" OK 1""")]                      // no status
    [InlineData("""{"time":"2026-03-10T12:00:00Z","path":"/"}""")]                                              // JSON
    [InlineData("")]
    public void Lines_that_are_not_ncsa_requests_are_refused(string line) => Parse(line).Ok.Should().BeFalse();
}
