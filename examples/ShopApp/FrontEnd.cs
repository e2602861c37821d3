namespace ShopApp;

/// <summary>The front-end bundle the pages load; served from memory, as a CDN would.</summary>
internal static class FrontEnd
{
    public const string Bundle = """
        // ShopApp front end (a stand-in: the replay only needs a static asset to fetch).
        document.addEventListener("DOMContentLoaded", () => document.body.classList.add("ready"));
        """;
}
