using ShopApp.Data;

namespace ShopApp.Catalog;

/// <summary>Product pages, category pages and search: the same in both builds.</summary>
public sealed class ProductQueries(ShopDatabase database)
{
    public object? Product(int id)
    {
        using var connection = database.Open();
        var product = connection.Query(
            "SELECT p.id, p.name, p.slug, c.name, p.price_cents, p.description FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = @id",
            r => new { id = r.GetInt32(0), name = r.GetString(1), slug = r.GetString(2), category = r.GetString(3), priceCents = r.GetInt32(4), description = r.GetString(5) },
            ("@id", id)).SingleOrDefault();
        if (product is null)
        {
            return null;
        }

        int stock = connection.Scalar<int>("SELECT COALESCE(SUM(quantity), 0) FROM inventory WHERE product_id = @id", ("@id", id));
        var reviews = connection.Query("SELECT rating, body FROM reviews WHERE product_id = @id ORDER BY id DESC LIMIT 3",
            r => new { rating = r.GetInt32(0), body = r.GetString(1) }, ("@id", id));
        return new { product, stock, reviews };
    }

    public IReadOnlyList<object>? Category(string slug, int page)
    {
        using var connection = database.Open();
        var category = connection.Query("SELECT id FROM categories WHERE slug = @slug", r => r.GetInt32(0), ("@slug", slug));
        if (category.Count == 0)
        {
            return null;
        }

        return connection.Query(
            "SELECT id, name, slug, price_cents FROM products WHERE category_id = @category ORDER BY id LIMIT 24 OFFSET @offset",
            r => (object)new { id = r.GetInt32(0), name = r.GetString(1), slug = r.GetString(2), priceCents = r.GetInt32(3) },
            ("@category", category[0]), ("@offset", (Math.Max(page, 1) - 1) * 24));
    }

    public IReadOnlyList<object> Search(string query)
    {
        using var connection = database.Open();
        return connection.Query(
            "SELECT id, name, slug, price_cents FROM products WHERE name LIKE @q ORDER BY id LIMIT 20",
            r => (object)new { id = r.GetInt32(0), name = r.GetString(1), slug = r.GetString(2), priceCents = r.GetInt32(3) },
            ("@q", "%" + query + "%"));
    }
}
