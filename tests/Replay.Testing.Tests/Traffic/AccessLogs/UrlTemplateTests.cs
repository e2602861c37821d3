using Replay.Testing.Traffic.AccessLogs;

namespace Replay.Testing.Tests.Traffic.AccessLogs;

public class UrlTemplateTests
{
    [Theory]
    [InlineData("/products/42", "/products/{id}")]
    [InlineData("/users/42/orders/7", "/users/{id}/orders/{id2}")]
    [InlineData("/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301", "/orders/{id}")]
    [InlineData("/blobs/a3f9c2d4e5b6a7980123", "/blobs/{id}")]
    [InlineData("/catalog/lamps", "/catalog/lamps")]
    [InlineData("/v2/api", "/v2/api")]
    [InlineData("/", "/")]
    public void Identifier_segments_become_placeholders(string path, string template) =>
        UrlTemplate.Of(path).Template.Should().Be(template);

    [Fact]
    public void The_concrete_values_are_kept_by_placeholder()
    {
        UrlTemplate.Of("/users/42/orders/7").Values.Select(v => (v.Key, v.Value)).Should().Equal(("id", "42"), ("id2", "7"));
    }
}
