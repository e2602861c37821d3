using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ShopApp;
using ShopApp.Catalog;
using ShopApp.Data;
using ShopApp.Orders;
using ShopApp.Users;

// "--seed-only" creates and seeds the database, then exits: how the example builds its "production" database.
bool seedOnly = args.Contains("--seed-only");
var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != "--seed-only").ToArray());
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// Loopback unless told otherwise: this app exists to be replayed against, never to face a network.
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

var options = builder.Configuration.GetSection("Shop").Get<ShopOptions>() ?? new ShopOptions();
var database = new ShopDatabase(builder.Configuration.GetConnectionString("Shop")
    ?? $"Data Source={Path.Combine(AppContext.BaseDirectory, "shop.db")};Default Timeout=10");
new ShopSeeder(database).EnsureSeeded(builder.Configuration.GetValue("Shop:Products", ShopSeeder.DefaultProducts), Console.Out);
if (seedOnly)
{
    return;
}

builder.Services.AddSingleton(options).AddSingleton(database).AddMemoryCache();
builder.Services.AddSingleton<ProductQueries>().AddSingleton<Checkout>().AddSingleton<UserOrders>();
builder.Services.AddSingleton<ICatalogPages>(services => options.IsBroken
    ? new PerProductCatalogPages(database, options)
    : new CachedCatalogPages(new JoinedCatalogPages(database, options), services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(), options));

// Like a database connection pool: so many requests work at once, some wait, and past that the shop answers 503.
builder.Services.AddRateLimiter(limiter =>
{
    limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
    limiter.AddConcurrencyLimiter("database", o =>
    {
        o.PermitLimit = options.MaxConcurrentRequests;
        o.QueueLimit = options.RequestQueueLimit;
        o.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
    });
});

var app = builder.Build();
app.UseRateLimiter();
app.MapGet("/health", () => Results.Ok(new { status = "healthy", build = options.Build, database = database.Provider }));

var shop = app.MapGroup("/").RequireRateLimiting("database");
shop.MapGet("/catalog", (ICatalogPages pages, int? page) => Results.Ok(pages.Get(Math.Max(page ?? 1, 1))));
shop.MapGet("/products/{id:int}", (ProductQueries q, int id) => q.Product(id) is { } p ? Results.Ok(p) : Results.NotFound());
shop.MapGet("/categories/{slug}", (ProductQueries q, string slug, int? page) => q.Category(slug, page ?? 1) is { } c ? Results.Ok(c) : Results.NotFound());
shop.MapGet("/search", (ProductQueries queries, string? q) => Results.Ok(queries.Search(q ?? string.Empty)));
shop.MapGet("/cart", () => Results.Ok(new { items = Array.Empty<object>(), totalCents = 0 }));
shop.MapPost("/cart/items", (ProductQueries q, CartItemRequest item) =>
    item.Quantity is < 1 or > Checkout.MaxQuantity ? Results.BadRequest($"quantity must be from 1 to {Checkout.MaxQuantity}.")
    : q.Product(item.ProductId) is null ? Results.NotFound() : Results.Ok(new { items = new[] { item } }));
shop.MapPost("/checkout", (Checkout checkout, CheckoutRequest order) =>
{
    var problems = Checkout.Validate(order);
    if (problems.Count > 0)
    {
        return Results.BadRequest(new { problems });
    }

    return checkout.Place(order) is { } id ? Results.Created($"/orders/{id}", new { orderId = id }) : Results.NotFound();
});
app.MapGet("/static/app.js", () => Results.Text(FrontEnd.Bundle, "text/javascript"));
shop.MapGet("/users/{id:int}/orders", (UserOrders orders, int id) => Results.Ok(orders.Recent(id)));
app.Run();
