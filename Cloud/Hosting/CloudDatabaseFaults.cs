using Npgsql;

namespace Pos.Cloud.Hosting;

/// <summary>
/// The routes' database faults (every route but health, Program.cs) as 503 <c>try-again</c>, never a 500: the route's change is one transaction, so a
/// fault (PostgreSQL away, a deadlock, a serialization failure) left nothing written and the request may be sent again.
/// </summary>
public static class CloudDatabaseFaults
{
    public static TBuilder AnswersDatabaseFaults<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (NpgsqlException e) when (e.IsTransient || e is not PostgresException)
            {
                return CloudProblems.TryAgain(context.HttpContext, "Send the request again",
                    $"The cloud's database did not answer ({e.GetType().Name}); nothing was changed.");
            }
        });
}
