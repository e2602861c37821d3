using Microsoft.Data.Sqlite;
using ShopApp;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// Loopback unless told otherwise: this app exists to be replayed against, never to face a network.
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

string databasePath = builder.Configuration["Shop:Database"] ?? Path.Combine(AppContext.BaseDirectory, "shop.db");
var catalog = new Catalog($"Data Source={databasePath}");
catalog.EnsureSeeded(products: builder.Configuration.GetValue("Shop:Products", 2_000));
builder.Services.AddSingleton(catalog);

var app = builder.Build();
app.MapGet("/health", () => Results.Ok("healthy"));
app.MapGet("/catalog", (Catalog c, int? page) => Results.Ok(c.Page(page ?? 1)));
app.MapGet("/products/{id:int}", (Catalog c, int id) => c.Product(id) is { } p ? Results.Ok(p) : Results.NotFound());
app.MapGet("/search", (Catalog c, string? q) => Results.Ok(c.Search(q ?? string.Empty)));
app.MapGet("/cart", () => Results.Ok(new { items = Array.Empty<object>() }));
app.MapPost("/checkout", (CheckoutRequest order) => order.Items is { Length: > 0 }
    ? Results.Ok(new { orderId = Guid.NewGuid(), items = order.Items.Length })
    : Results.BadRequest("an order needs items"));
app.Run();
