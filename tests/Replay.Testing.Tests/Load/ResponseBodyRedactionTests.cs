using Replay.Testing.Load;

namespace Replay.Testing.Tests.Load;

public class ResponseBodyRedactionTests
{
    [Theory]
    [InlineData("""{"password": "hunter2"}""", """{"password": "***"}""")]
    [InlineData("""{"apiKey":12345,"id":7}""", """{"apiKey":***,"id":7}""")]
    [InlineData("""{"Authorization": "Bearer abc"}""", """{"Authorization": "***"}""")]
    [InlineData("""{"sessionId": "a\"b"}""", """{"sessionId": "***"}""")]
    [InlineData("Authorization: Bearer abc.def", "Authorization: ***")]
    [InlineData("Set-Cookie: session=abc123; Path=/", "Set-Cookie: ***; Path=/")]
    [InlineData("user=ann&password=x1&next=/", "user=ann&password=***&next=/")]
    [InlineData("write to ann.lee+shop@mail.example.com today", "write to *** today")]
    [InlineData("card 4111 1111 1111 1111 ok", "card *** ok")]
    [InlineData("account 12345678901", "account ***")]
    [InlineData("etag 9f86d081884c7d659a2feaa0c55ad015", "etag ***")]
    public void Secrets_are_masked(string text, string redacted)
    {
        ResponseBodyRedaction.Redact(text).Should().Be(redacted);
    }

    [Theory]
    [InlineData("""{"id": 42, "name": "lamp", "price": 19.99}""")]
    [InlineData("released 2026-03-10, order 1234")]
    [InlineData("<h1>Not Found</h1>")]
    public void Ordinary_text_is_kept(string text)
    {
        ResponseBodyRedaction.Redact(text).Should().Be(text);
    }

    [Fact]
    public void An_example_is_one_line_of_at_most_160_characters()
    {
        string body = "<html>\n  <body>\r\n" + new string('x', 500) + "</body></html>";

        string example = ResponseBodyRedaction.Example(System.Text.Encoding.UTF8.GetBytes(body));

        example.Should().StartWith("<html> <body> xxx").And.EndWith("…").And.NotContain("\n");
        example.Length.Should().Be(ResponseBodyRedaction.ExampleLength + 1);
    }

    [Fact]
    public void A_secret_cut_by_the_length_limit_is_still_masked()
    {
        string body = new string('a', 150) + " {\"token\": \"" + new string('s', 40) + "\"}";

        ResponseBodyRedaction.Example(System.Text.Encoding.UTF8.GetBytes(body)).Should().NotContain("sssss");
    }
}
