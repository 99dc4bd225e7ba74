using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Pos.Api.Idempotency;
using Pos.Api.Problems;
using Pos.Contracts.Problems;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Pos.Api.OpenApi;

/// <summary>
/// Declares what every route does beyond its types, from its <see cref="ContractMetadata"/> and its shape, so the
/// document says what a client meets: the <c>Idempotency-Key</c> and <c>If-Match</c> it honours, the headers of its
/// answers (<c>ETag</c>, <c>Location</c>, <c>Idempotent-Replayed</c>, <c>Retry-After</c>), the problems a body, a key
/// or a version can bring, the 403 of a command the policy point refuses, and a request body that is required unless the route takes an empty one. Every error
/// answer is an <c>application/problem+json</c> problem, described by the codes of its status.
/// </summary>
public sealed class ContractOperationFilter : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        operation.Parameters ??= [];
        var responses = operation.Responses;
        var freeText = metadata.OfType<FreeTextMetadata>().FirstOrDefault();

        if (operation.RequestBody is OpenApiRequestBody body)
        {
            var optional = metadata.OfType<OptionalBodyMetadata>().Any();
            body.Required = !optional;
            body.Description ??= optional
                ? "Empty: send {} or no body at all. Unknown fields are refused."
                : "Read strictly: a field this request does not have, a field sent twice, a number sent as a string or an enum value other than those listed is refused (400).";
            AddProblem(responses, StatusCodes.Status400BadRequest, context, freeText);
            AddProblem(responses, StatusCodes.Status413PayloadTooLarge, context, freeText);
            AddProblem(responses, StatusCodes.Status415UnsupportedMediaType, context, freeText);
        }
        if (metadata.OfType<IdempotencyKeyMetadata>().Any())
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyMiddleware.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "A key the client chooses for this request (1 to 255 characters). The same request sent again with the same key " +
                    "is applied once and answered with the first answer (Idempotent-Replayed: true); the key with another request is 422 " +
                    "idempotency-key-reused; while the first is still running, 409 idempotency-key-in-flight.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
            });
            AddProblem(responses, StatusCodes.Status400BadRequest, context, freeText);
            AddProblem(responses, StatusCodes.Status409Conflict, context, freeText);
            AddProblem(responses, StatusCodes.Status422UnprocessableEntity, context, freeText);
            AddSuccessHeader(responses, IdempotencyMiddleware.ReplayedHeader,
                "true when this is the first answer to an earlier request with the same Idempotency-Key, given again.", JsonSchemaType.Boolean);
        }
        if (metadata.OfType<IfMatchMetadata>().FirstOrDefault() is { } ifMatch)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = $"The ETag of {ifMatch.Resource} last read, e.g. \"5\" (with the quotes): the request is applied only if {ifMatch.Resource} " +
                    "is still at that version, else 412 version-mismatch with currentVersion. None, or *, sets no condition.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            AddProblem(responses, StatusCodes.Status400BadRequest, context, freeText);
            AddProblem(responses, StatusCodes.Status412PreconditionFailed, context, freeText);
        }
        if (metadata.OfType<ETagMetadata>().FirstOrDefault() is { } etag)
        {
            AddSuccessHeader(responses, "ETag", $"The version of {etag.Resource}, in quotes (e.g. \"5\"): send it as If-Match.", JsonSchemaType.String);
        }
        foreach (var header in metadata.OfType<RequestHeaderMetadata>())
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Required = false,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" },
            });
        }
        foreach (var header in metadata.OfType<ResponseHeaderMetadata>())
        {
            AddSuccessHeader(responses, header.Name, header.Description, JsonSchemaType.String);
        }
        // A write may be refused to a device that writes too fast (429 too-many-writes, Retry-After).
        if (context.ApiDescription.HttpMethod is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            AddProblem(responses, StatusCodes.Status429TooManyRequests, context, freeText);
        }
        var refusedByPolicy = metadata.OfType<RefusedByPolicyMetadata>().Any();
        if (refusedByPolicy)
        {
            AddProblem(responses, StatusCodes.Status403Forbidden, context, freeText);
        }
        if (responses.TryGetValue("201", out var created) && created is OpenApiResponse createdResponse
            && !metadata.OfType<CreatedWithoutLocationMetadata>().Any())
        {
            AddHeader(createdResponse, "Location", "Where what was created is read.", JsonSchemaType.String);
        }
        foreach (var (status, response) in responses)
        {
            if (!int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code < 400 || response is not OpenApiResponse concrete)
            {
                continue;
            }
            if (DescribeProblem(concrete, code, context, freeText) && code is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                AddHeader(concrete, "Retry-After", "Seconds to wait before sending the request again.", JsonSchemaType.Integer);
            }
        }
        // A route open to all (pairing a phone) says it needs no token, over the document's bearer requirement.
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
        }
        if (refusedByPolicy && responses["403"] is OpenApiResponse forbidden)
        {
            forbidden.Description = PolicyRefusal;
        }
    }

    /// <summary>How the 403 of a command the policy point refuses is described (the permission filter completes it).</summary>
    public const string PolicyRefusal = PermissionOperationFilter.PermissionRefusal;

    /// <summary>Declares a problem answer unless the route declares that status already.</summary>
    private static void AddProblem(OpenApiResponses responses, int status, OperationFilterContext context, FreeTextMetadata? freeText)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (!responses.ContainsKey(key))
        {
            responses[key] = new OpenApiResponse();
            _ = DescribeProblem((OpenApiResponse)responses[key], status, context, freeText);
        }
    }

    /// <summary>
    /// An error answer is a problem, described by the codes its status carries (<c>card-data-refused</c> only where
    /// the body holds free text, with the fields it is about); false for one that is not a problem.
    /// </summary>
    private static bool DescribeProblem(OpenApiResponse response, int status, OperationFilterContext context, FreeTextMetadata? freeText)
    {
        if (status == StatusCodes.Status503ServiceUnavailable && response.Content is { } content && !content.ContainsKey(ProblemJson))
        {
            return false; // /health/ready answers its report, not a problem
        }
        response.Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
        {
            [ProblemJson] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository) },
        };
        var codes = ProblemCatalog.All.Where(e => e.Value.Status == status && (freeText is not null || e.Key != ErrorCodes.CardDataRefused))
            .Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        var reason = ReasonPhrases.GetReasonPhrase(status);
        response.Description = codes.Count == 0 ? $"{reason}: a problem." : $"{reason}: a problem (the codes of this status: {string.Join(", ", codes)}).";
        if (freeText is not null && status == StatusCodes.Status400BadRequest)
        {
            response.Description += $" Text a person writes ({string.Join(", ", freeText.Fields)}) holding what looks like a payment card number " +
                $"(13 to 19 digits passing the Luhn check, whole or grouped by spaces or dashes) is refused with {ErrorCodes.CardDataRefused}, " +
                "naming the field and never repeating the digits; nothing is kept.";
        }
        return true;
    }

    private static void AddSuccessHeader(OpenApiResponses responses, string name, string description, JsonSchemaType type)
    {
        foreach (var (status, response) in responses)
        {
            if (status.StartsWith('2') && response is OpenApiResponse concrete)
            {
                AddHeader(concrete, name, description, type);
            }
        }
    }

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }
}
