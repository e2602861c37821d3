using ShopApp.Data;

namespace ShopApp.Orders;

/// <summary>Turns a cart into an order: validates it, prices it from the catalogue, and stores it in one transaction.</summary>
public sealed class Checkout(ShopDatabase database)
{
    public const int MaxQuantity = 20;

    /// <summary>The problems with a request, or none.</summary>
    public static IReadOnlyList<string> Validate(CheckoutRequest request)
    {
        var problems = new List<string>();
        if (request.UserId <= 0)
        {
            problems.Add("userId must be a positive user id.");
        }

        if (request.Items is not { Length: > 0 })
        {
            problems.Add("items must list at least one product.");
        }
        else if (request.Items.Any(i => i.ProductId <= 0 || i.Quantity is < 1 or > MaxQuantity))
        {
            problems.Add($"every item needs a positive productId and a quantity from 1 to {MaxQuantity}.");
        }

        return problems;
    }

    /// <summary>Places the order; null when a product does not exist.</summary>
    public long? Place(CheckoutRequest request)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        long total = 0;
        var lines = new List<(int Product, int Quantity, int Price)>();
        foreach (var item in request.Items!)
        {
            var price = connection.Query("SELECT price_cents FROM products WHERE id = @id", r => r.GetInt32(0), ("@id", item.ProductId));
            if (price.Count == 0)
            {
                return null;
            }

            lines.Add((item.ProductId, item.Quantity, price[0]));
            total += (long)price[0] * item.Quantity;
        }

        using var insert = connection.Command(
            database.IsPostgreSql
                ? "INSERT INTO orders (user_id, created_at, total_cents) VALUES (@user, @at, @total) RETURNING id"
                : "INSERT INTO orders (user_id, created_at, total_cents) VALUES (@user, @at, @total); SELECT last_insert_rowid()",
            ("@user", request.UserId), ("@at", DateTime.UtcNow.ToString("s")), ("@total", total));
        insert.Transaction = transaction;
        long orderId = Convert.ToInt64(insert.ExecuteScalar());
        foreach (var (product, quantity, price) in lines)
        {
            using var line = connection.Command("INSERT INTO order_items (order_id, product_id, quantity, price_cents) VALUES (@o, @p, @q, @c)",
                ("@o", orderId), ("@p", product), ("@q", quantity), ("@c", price));
            line.Transaction = transaction;
            line.ExecuteNonQuery();
        }

        transaction.Commit();
        return orderId;
    }
}
