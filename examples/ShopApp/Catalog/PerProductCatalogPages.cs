using ShopApp.Data;

namespace ShopApp.Catalog;

/// <summary>
/// The build that fell over on 2026-03-10: it lists a page of products, then asks the database about each one
/// (category and its size, promotion, image, stock, every review, as a lazy-loading ORM would): 6 × 96 + 1 queries
/// per page, and nothing cached. Cheap on a quiet day; under the catalogue burst the pages queue behind each other
/// and take seconds.
/// </summary>
internal sealed class PerProductCatalogPages(ShopDatabase database, ShopOptions options) : ICatalogPages
{
    public CatalogPage Get(int page)
    {
        using var connection = database.Open();
        var products = connection.Query(
            "SELECT id, name, slug, category_id, price_cents FROM products ORDER BY id LIMIT @limit OFFSET @offset",
            r => (Id: r.GetInt32(0), Name: r.GetString(1), Slug: r.GetString(2), Category: r.GetInt32(3), Price: r.GetInt32(4)),
            ("@limit", options.CatalogPageSize), ("@offset", (page - 1) * options.CatalogPageSize));

        var items = new List<CatalogItem>();
        foreach (var p in products)
        {
            string category = connection.Scalar<string>("SELECT name FROM categories WHERE id = @id", ("@id", p.Category));
            int categoryProducts = connection.Scalar<int>("SELECT COUNT(*) FROM products WHERE category_id = @id", ("@id", p.Category));
            int? percentOff = connection.Query("SELECT percent_off FROM promotions WHERE product_id = @id", r => (int?)r.GetInt32(0), ("@id", p.Id)).FirstOrDefault();
            string? image = connection.Query("SELECT url FROM product_images WHERE product_id = @id ORDER BY position LIMIT 1", r => r.GetString(0), ("@id", p.Id)).FirstOrDefault();
            int stock = connection.Scalar<int>("SELECT COALESCE(SUM(quantity), 0) FROM inventory WHERE product_id = @id", ("@id", p.Id));
            var reviews = connection.Query("SELECT id, user_id, rating, body FROM reviews WHERE product_id = @id",
                r => (Id: r.GetInt32(0), User: r.GetInt32(1), Rating: r.GetInt32(2), Body: r.GetString(3)), ("@id", p.Id));
            double? rating = reviews.Count == 0 ? null : Math.Round(reviews.Average(r => r.Rating), 2);
            items.Add(new CatalogItem(p.Id, p.Name, p.Slug, category, categoryProducts, p.Price, percentOff, image, stock, rating, reviews.Count));
        }

        return new CatalogPage(page, options.CatalogPageSize, items);
    }
}
