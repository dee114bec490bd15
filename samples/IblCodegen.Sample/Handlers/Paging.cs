using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IblCodegen.Sample.Handlers;

/// <summary>
/// <c>page</c> and <c>page_size</c> as the seeds document them (pages from 1), and the absolute URLs of the
/// neighbouring pages: the same request with another <c>page</c>, null at either end.
/// </summary>
internal readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    public int Offset => (Page - 1) * PageSize;

    public static bool TryCreate(int? page, int? pageSize, out Paging paging, out ProblemHttpResult? problem)
    {
        paging = new Paging(page ?? 1, pageSize ?? DefaultPageSize);
        problem = paging.Page < 1
            ? Problems.BadRequest("page", "The page must be 1 or more.")
            : paging.PageSize is < 1 or > MaxPageSize
                ? Problems.BadRequest("page_size", $"The page size must be between 1 and {MaxPageSize}.")
                : (long)paging.Page * paging.PageSize > int.MaxValue
                    ? Problems.BadRequest("page", $"The page times the page size must not pass {int.MaxValue}: there are no rows that far.")
                    : null;
        return problem is null;
    }

    /// <summary>
    /// The total a page's own rows tell, without counting: a page holding fewer rows than it may is the last one, so
    /// the total is the rows before it and its own. Null when the page is full, or empty past the first page.
    /// </summary>
    public int? TotalFrom(int rows) => rows < PageSize && (rows > 0 || Page == 1) ? Offset + rows : null;

    public (string? Next, string? Previous) Links(HttpRequest request, int count)
    {
        var next = Offset + PageSize < count ? LinkTo(request, Page + 1) : null;
        var previous = Page > 1 ? LinkTo(request, Math.Min(Page - 1, Math.Max(1, (count + PageSize - 1) / PageSize))) : null;
        return (next, previous);
    }

    private static string LinkTo(HttpRequest request, int page)
    {
        var query = request.Query
            .Where(pair => pair.Key != "page")
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }
}

/// <summary>The <c>sort</c> parameter: a field the list offers, with '-' for descending order.</summary>
internal static class Sorting
{
    public static bool TryOrderBy(string sort, IReadOnlyDictionary<string, string> columns, out string orderBy, out ProblemHttpResult? problem)
    {
        var descending = sort.StartsWith('-');
        var field = descending ? sort[1..] : sort;
        if (!columns.TryGetValue(field, out var column))
        {
            orderBy = string.Empty;
            problem = Problems.BadRequest("sort", $"Sort by one of: {string.Join(", ", columns.Keys)} (with '-' for descending).");
            return false;
        }

        // The id breaks ties, so pages never overlap or skip rows.
        orderBy = $"{column} {(descending ? "DESC" : "ASC")}, s.id {(descending ? "DESC" : "ASC")}";
        problem = null;
        return true;
    }
}
