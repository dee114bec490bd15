using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace IblCodegen.Sample.Data;

/// <summary>
/// A store that cannot serve (its file missing, read-only, locked past the busy timeout, full, damaged) answers
/// 503 with a problem document and <c>Retry-After</c>, not a 500: the request was fine, the service is not, for now.
/// This store's connections are let go (not the whole process's: other stores' requests in flight are not theirs to
/// break), so the next request opens the file afresh and the service recovers as soon as
/// the store does, without a restart.
/// </summary>
internal sealed class StoreFaultHandler(IProblemDetailsService problems, SampleDatabase database, ILogger<StoreFaultHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SqliteException { SqliteErrorCode: var code } fault || !IsStoreFault(code))
        {
            return false;
        }

        logger.LogWarning(fault, "The store cannot serve (SQLite error {Code}); answering 503.", code);
        database.ClearPools();
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is unavailable.",
                Detail = $"The store cannot serve requests right now; try again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    /// <summary>BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB: the store's state, not the request's.</summary>
    private static bool IsStoreFault(int code) => (code & 0xFF) is 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26;
}
