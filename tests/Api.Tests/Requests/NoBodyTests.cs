using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Pos.Api.Requests;

namespace Pos.Api.Tests.Requests;

/// <summary>The one check every route that takes no body makes: any body, sized or chunked, is a 400 naming the route.</summary>
public sealed class NoBodyTests
{
    [Fact]
    public void A_request_without_a_body_passes()
    {
        var http = new DefaultHttpContext();
        Assert.Null(NoBody.Refusal(http.Request, "DELETE /api/v1/printers/{printerId}"));
        http.Request.ContentLength = 0;
        Assert.Null(NoBody.Refusal(http.Request, "DELETE /api/v1/printers/{printerId}"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_body_sized_or_chunked_is_refused_with_a_problem_naming_the_route(bool chunked)
    {
        var http = new DefaultHttpContext();
        if (chunked)
        {
            http.Request.Headers.TransferEncoding = "chunked";
        }
        else
        {
            http.Request.ContentLength = 2;
        }
        var refused = Assert.IsType<ProblemHttpResult>(NoBody.Refusal(http.Request, "POST /api/v1/admin-token/rotate", "graceMinutes is a query parameter"));
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("validation-failed", refused.ProblemDetails.Extensions["code"]);
        Assert.Equal("POST /api/v1/admin-token/rotate takes no body; send none (graceMinutes is a query parameter).", refused.ProblemDetails.Detail);
    }
}
