using Microsoft.AspNetCore.Http.Features;

namespace Pos.Cloud.Hosting;

/// <summary>
/// A body larger than its route takes: 413 <c>body-too-large</c>, the appliance's code for the same refusal, with the
/// limit. Found while a handler reads the body (an exception, which <see cref="CloudRequestProblems"/> answers) or
/// while the framework binds it (a bare 413 status, whose problem details get the code from <see cref="Customize"/>).
/// A journal batch says <c>batch-too-large</c> itself, before either could.
/// </summary>
public static class CloudBodyTooLarge
{
    public const string Code = "body-too-large";
    public const string Title = "The body is too large";

    /// <summary>For <c>AddProblemDetails</c>: a 413 the framework answered by itself gets the code, the type and the limit.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status413PayloadTooLarge || problem.Extensions.ContainsKey("code"))
        {
            return;
        }
        problem.Type = CloudProblems.TypePrefix + Code;
        problem.Title = Title;
        problem.Detail = Detail(context.HttpContext);
        problem.Extensions["code"] = Code;
    }

    public static string Detail(HttpContext http) => http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } bytes
        ? $"This route takes a body of at most {bytes:N0} bytes; nothing was changed."
        : "The body is larger than this route takes; nothing was changed.";
}
