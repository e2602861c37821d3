using ShopApp.Data;

namespace ShopApp.Catalog;

/// <summary>The fix, part one: the whole page in one query, stock and reviews aggregated in the database.</summary>
internal sealed class JoinedCatalogPages(ShopDatabase database, ShopOptions options) : ICatalogPages
{
    private const string PageQuery = """
        SELECT p.id, p.name, p.slug, c.name, cc.products, p.price_cents,
               (SELECT MAX(pr.percent_off) FROM promotions pr WHERE pr.product_id = p.id),
               (SELECT i.url FROM product_images i WHERE i.product_id = p.id ORDER BY i.position LIMIT 1),
               (SELECT COALESCE(SUM(i.quantity), 0) FROM inventory i WHERE i.product_id = p.id),
               (SELECT AVG(r.rating) FROM reviews r WHERE r.product_id = p.id),
               (SELECT COUNT(*) FROM reviews r WHERE r.product_id = p.id)
        FROM (SELECT * FROM products ORDER BY id LIMIT @limit OFFSET @offset) p
        JOIN categories c ON c.id = p.category_id
        JOIN (SELECT category_id, COUNT(*) AS products FROM products GROUP BY category_id) cc ON cc.category_id = p.category_id
        ORDER BY p.id
        """;

    public CatalogPage Get(int page)
    {
        using var connection = database.Open();
        var items = connection.Query(PageQuery,
            r => new CatalogItem(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), Convert.ToInt32(r.GetValue(4)), r.GetInt32(5),
                r.IsDBNull(6) ? null : Convert.ToInt32(r.GetValue(6)), r.IsDBNull(7) ? null : r.GetString(7), Convert.ToInt32(r.GetValue(8)),
                r.IsDBNull(9) ? null : Math.Round(Convert.ToDouble(r.GetValue(9)), 2), Convert.ToInt32(r.GetValue(10))),
            ("@limit", options.CatalogPageSize), ("@offset", (page - 1) * options.CatalogPageSize));
        return new CatalogPage(page, options.CatalogPageSize, items);
    }
}
