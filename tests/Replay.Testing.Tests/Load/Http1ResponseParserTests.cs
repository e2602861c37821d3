using System.Text;
using Replay.Testing.Load.Http1;

namespace Replay.Testing.Tests.Load;

public class Http1ResponseParserTests
{
    private static Http1ResponseParser FedOneByteAtATime(string response, bool keepContentType, int keepBodyBytes)
    {
        var parser = new Http1ResponseParser();
        parser.Reset(isHead: false, keepContentType, keepBodyBytes);
        byte[] bytes = Encoding.UTF8.GetBytes(response);
        bool done = false;
        for (int i = 0; i < bytes.Length && !done; i++)
        {
            done = parser.Feed(bytes.AsSpan(i, 1));
        }

        if (!done)
        {
            parser.Closed().Should().BeTrue();
        }

        return parser;
    }

    [Fact]
    public void A_chunked_body_is_kept_without_its_framing()
    {
        var parser = FedOneByteAtATime("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "5;ext=1\r\n{\"id\"\r\n4\r\n: 7}\r\n0\r\nX-Trailer: 1\r\n\r\n", keepContentType: true, keepBodyBytes: 1024);

        Encoding.UTF8.GetString(parser.Body).Should().Be("{\"id\": 7}");
        Encoding.ASCII.GetString(parser.ContentType).Should().Be("application/json");
        parser.BodyTruncated.Should().BeFalse();
        parser.KeepAlive.Should().BeTrue();
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789")]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n0123456789")]
    public void A_body_longer_than_the_limit_keeps_its_beginning_and_says_truncated(string response)
    {
        var parser = FedOneByteAtATime(response, keepContentType: true, keepBodyBytes: 4);

        Encoding.ASCII.GetString(parser.Body).Should().Be("0123");
        parser.BodyTruncated.Should().BeTrue();
        parser.ContentType.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Nothing_is_kept_unless_asked_and_the_next_response_starts_empty()
    {
        var parser = FedOneByteAtATime("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi", keepContentType: true, keepBodyBytes: 16);
        parser.Reset(isHead: false);

        parser.Feed("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 3\r\n\r\nbye"u8).Should().BeTrue();

        parser.Body.IsEmpty.Should().BeTrue();
        parser.ContentType.IsEmpty.Should().BeTrue();
        parser.Status.Should().Be(200);
    }
}
