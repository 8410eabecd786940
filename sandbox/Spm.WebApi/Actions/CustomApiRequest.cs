using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.Xrm.Sdk;
using Spm.WebApi.Batch;
using Spm.WebApi.Edm;
using Spm.WebApi.Errors;
using Spm.WebApi.Json;
using Spm.WebApi.Reads;
using Spm.WebApi.Writes;

namespace Spm.WebApi.Actions
{
    /// <summary>
    /// A call of a custom API: a function as GET &lt;name&gt;(P1=@p1,…)?@p1=… (ODataUriParser reads the parameters over the
    /// model), an action as POST &lt;name&gt; with its parameters in the body. It runs as the OrganizationRequest of that name
    /// (the custom API's plug-in is its main operation) and answers its response properties as the complex type
    /// &lt;name&gt;Response, with @odata.context.
    /// </summary>
    internal static class CustomApiRequest
    {
        public static async Task<PreparedOperation> PrepareAsync(HttpContext context, WebApiServices services, CustomApiDefinition api, ChangeSetReferences? references)
        {
            var request = new OrganizationRequest(api.UniqueName);
            ODataUri uri = ParseUri(context, services, api);
            if (api.IsFunction)
            {
                if (!HttpMethods.IsGet(context.Request.Method))
                {
                    throw new WebApiException(System.Net.HttpStatusCode.MethodNotAllowed, ErrorCodes.ODataParse, $"{api.UniqueName} is a function: call it with GET {api.UniqueName}(…).");
                }

                foreach ((string name, object? value) in FunctionParameters(context, services, uri))
                {
                    request.Parameters[name] = ToSdkValue(api, name, value);
                }
            }
            else
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    throw new WebApiException(System.Net.HttpStatusCode.MethodNotAllowed, ErrorCodes.ODataParse, $"{api.UniqueName} is an action: call it with POST {api.UniqueName}.");
                }

                using JsonDocument body = await JsonRequestBody.ReadAsync(context).ConfigureAwait(false);
                foreach ((string name, object? value) in ActionParameters(context, services, api, body.RootElement, references))
                {
                    request.Parameters[name] = value;
                }
            }

            string? missing = api.RequestParameters.Where(p => !p.IsOptional && !request.Parameters.ContainsKey(p.UniqueName)).Select(p => p.UniqueName).FirstOrDefault();
            if (missing is not null)
            {
                throw WebApiException.BadRequest($"{api.UniqueName} needs the parameter {missing} ({api.Parameter(missing)!.Type}).");
            }

            return new PreparedOperation(request, (ctx, response) => WriteResponseAsync(ctx, services, api, uri, response));
        }

        /// <summary>The call's path as ODataUriParser reads it over the model (the query string holds only parameter aliases).</summary>
        private static ODataUri ParseUri(HttpContext context, WebApiServices services, CustomApiDefinition api)
        {
            Uri serviceRoot = ReadRequest.ServiceRoot(context);
            var parser = new ODataUriParser(services.Model.Model, serviceRoot, new Uri(serviceRoot, context.Request.Path.Value!.Substring(WebApiRoutes.ApiPath.Length + 1)));
            try
            {
                ODataPath path = parser.ParsePath();
                return path.LastSegment is OperationImportSegment
                    ? new ODataUri { Path = path, ServiceRoot = serviceRoot }
                    : throw WebApiException.BadQuery($"{context.Request.Path} does not call a function or action.");
            }
            catch (ODataException exception)
            {
                throw WebApiException.BadQuery($"{exception.Message} {api.UniqueName} takes {Signature(api)}.", exception);
            }
        }

        /// <summary>How the API is called, for error messages: "Amount (Decimal), CloseDate (DateTime), optional ParticipantId (Guid)".</summary>
        private static string Signature(CustomApiDefinition api) =>
            string.Join(", ", api.RequestParameters.Select(p => $"{(p.IsOptional ? "optional " : string.Empty)}{p.UniqueName} ({p.Type})"));

        /// <summary>The function's parameters as the model types them: inline literals as the parser read them, aliases (@p) from the query string.</summary>
        private static IEnumerable<(string Name, object? Value)> FunctionParameters(HttpContext context, WebApiServices services, ODataUri uri)
        {
            var segment = (OperationImportSegment)uri.Path.LastSegment;
            IEdmOperation operation = segment.OperationImports.Single().Operation;
            foreach (OperationSegmentParameter parameter in segment.Parameters)
            {
                IEdmTypeReference type = operation.FindParameter(parameter.Name).Type;
                yield return (parameter.Name, ValueOf(context, services, parameter.Name, type, parameter.Value));
            }
        }

        private static object? ValueOf(HttpContext context, WebApiServices services, string name, IEdmTypeReference type, object value)
        {
            switch (value)
            {
                case ConstantNode constant:
                    return ConvertLiteral(name, constant.Value, type);
                case ConvertNode convert:
                    return ValueOf(context, services, name, type, convert.Source);
                case ParameterAliasNode alias:
                    string raw = context.Request.Query[alias.Alias].FirstOrDefault()
                        ?? throw WebApiException.BadQuery($"The parameter {name} is the alias {alias.Alias}, which the query string does not give: add {alias.Alias}=<value>.");
                    return AliasValue(services, name, type, raw);
                default:
                    throw WebApiException.BadQuery($"The parameter {name} takes a literal value or an alias (@p) given in the query string.");
            }
        }

        /// <summary>An alias's literal read as the parameter's type (25000.00 as Edm.Decimal, not the Edm.Single it would be alone).</summary>
        private static object? AliasValue(WebApiServices services, string name, IEdmTypeReference type, string raw)
        {
            object literal;
            try
            {
                literal = ODataUriUtils.ConvertFromUriLiteral(raw, ODataVersion.V4, services.Model.Model, type);
            }
            catch (ODataException)
            {
                try
                {
                    literal = ODataUriUtils.ConvertFromUriLiteral(raw, ODataVersion.V4);
                }
                catch (ODataException exception)
                {
                    // Not a literal at all (e.g. a JSON-quoted date): ODataLib's own syntax error, as Dataverse answers.
                    throw WebApiException.BadQuery(exception.Message, exception);
                }
            }

            return literal is ODataNullValue ? null : ConvertLiteral(name, literal, type);
        }

        private static object? ConvertLiteral(string name, object? value, IEdmTypeReference type)
        {
            if (value is null)
            {
                return null;
            }

            try
            {
                return type.PrimitiveKind() switch
                {
                    EdmPrimitiveTypeKind.Decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                    EdmPrimitiveTypeKind.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    EdmPrimitiveTypeKind.Int32 => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                    EdmPrimitiveTypeKind.DateTimeOffset when AsDate(value) is DateTime date => new DateTimeOffset(date),
                    _ => value,
                };
            }
            catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
            {
                throw WebApiException.BadQuery($"The parameter {name} cannot be '{value}': it takes {type.FullName()}.");
            }
        }

        /// <summary>An action's parameters from its JSON body, each by its custom API type.</summary>
        private static IEnumerable<(string Name, object? Value)> ActionParameters(
            HttpContext context, WebApiServices services, CustomApiDefinition api, JsonElement body, ChangeSetReferences? references)
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw WebApiException.BadQuery($"The body of {api.UniqueName} is a JSON object of its parameters.");
            }

            foreach (JsonProperty property in body.EnumerateObject().Where(p => !p.Name.StartsWith("@", StringComparison.Ordinal)))
            {
                CustomApiField field = api.Parameter(property.Name)
                    ?? throw WebApiException.BadQuery($"{api.UniqueName} has no parameter '{property.Name}': its parameters are {string.Join(", ", api.RequestParameters.Select(p => p.UniqueName))}.");
                yield return (field.UniqueName, ActionValue(context, services, api, field, property.Value, references));
            }
        }

        private static object? ActionValue(HttpContext context, WebApiServices services, CustomApiDefinition api, CustomApiField field, JsonElement value, ChangeSetReferences? references)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            object? result = field.Type switch
            {
                CustomApiFieldType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
                CustomApiFieldType.DateTime when value.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date) => date.UtcDateTime,
                CustomApiFieldType.Decimal when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal number) => number,
                CustomApiFieldType.Money when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal amount) => new Money(amount),
                CustomApiFieldType.Float when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double real) => real,
                CustomApiFieldType.Integer when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int whole) => whole,
                CustomApiFieldType.Picklist when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int option) => new OptionSetValue(option),
                CustomApiFieldType.String when value.ValueKind == JsonValueKind.String => value.GetString(),
                CustomApiFieldType.StringArray when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
                    value.EnumerateArray().Select(v => v.GetString()!).ToArray(),
                CustomApiFieldType.Guid when value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out Guid id) => id,
                CustomApiFieldType.Entity when value.ValueKind == JsonValueKind.Object && field.LogicalEntityName is { } table =>
                    WriteRequest.BodyReader(context, services, references).Read(services.Metadata.GetTable(table), value),
                CustomApiFieldType.EntityReference when value.ValueKind == JsonValueKind.Object && field.LogicalEntityName is { } table =>
                    Reference(services, table, value),
                _ => null,
            };
            return result ?? throw WebApiException.BadQuery(
                $"The parameter {field.UniqueName} of {api.UniqueName} cannot be {value.GetRawText()}: it takes a {field.Type}.");
        }

        /// <summary>An entity reference parameter: the row's primary key, {"&lt;table&gt;id": "&lt;guid&gt;"}.</summary>
        private static EntityReference? Reference(WebApiServices services, string table, JsonElement value)
        {
            string key = services.Metadata.GetTable(table).PrimaryIdAttribute;
            return value.TryGetProperty(key, out JsonElement id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out Guid guid)
                ? new EntityReference(table, guid)
                : null;
        }

        /// <summary>A parsed function literal as the SDK value the plug-in reads (DateTimeOffset → UTC DateTime, Date → DateTime).</summary>
        private static object? ToSdkValue(CustomApiDefinition api, string name, object? value)
        {
            CustomApiField field = api.Parameter(name) ?? throw WebApiException.BadQuery($"{api.UniqueName} has no parameter '{name}'.");
            return value switch
            {
                null => null,
                DateTimeOffset moment => moment.UtcDateTime,
                _ when AsDate(value) is DateTime date => date,
                decimal amount when field.Type == CustomApiFieldType.Money => new Money(amount),
                int option when field.Type == CustomApiFieldType.Picklist => new OptionSetValue(option),
                _ => value,
            };
        }

        /// <summary>A date literal (2026-03-31) as midnight UTC; null for any other value.</summary>
        private static DateTime? AsDate(object value)
        {
            // ODataLib 8 still parses date literals as Microsoft.OData.Edm.Date (obsolete in favour of DateOnly from ODL 9).
#pragma warning disable CS0618
            if (value is Date date)
            {
                return new DateTime(date.Year, date.Month, date.Day, 0, 0, 0, DateTimeKind.Utc);
            }
#pragma warning restore CS0618

            return value is DateOnly day ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;
        }

        /// <summary>200 with the response properties the plug-in set, written as the &lt;name&gt;Response complex type.</summary>
        private static async Task WriteResponseAsync(HttpContext context, WebApiServices services, CustomApiDefinition api, ODataUri uri, OrganizationResponse response)
        {
            IEdmComplexType type = (IEdmComplexType)services.Model.Model.FindDeclaredType(DataverseEdmModel.Namespace + "." + api.ResponseTypeName);
            var properties = new List<ODataProperty>();
            foreach (CustomApiField field in api.ResponseProperties)
            {
                if (response.Results.TryGetValue(field.UniqueName, out object? value) && value is not null)
                {
                    properties.Add(new ODataProperty { Name = field.UniqueName, Value = ODataValueOf(value) });
                }
            }

            var message = new BufferedODataResponse();
            var settings = new ODataMessageWriterSettings { ODataUri = uri, BaseUri = uri.ServiceRoot, Version = ODataVersion.V4, EnableMessageStreamDisposal = false };
            settings.SetContentType("application/json;odata.metadata=minimal", "utf-8");
            using (var writer = new ODataMessageWriter((IODataResponseMessageAsync)message, settings, services.Model.Model))
            {
                ODataWriter resourceWriter = await writer.CreateODataResourceWriterAsync(navigationSource: null, resourceType: type).ConfigureAwait(false);
                await resourceWriter.WriteStartAsync(new ODataResource { TypeName = type.FullTypeName(), Properties = properties }).ConfigureAwait(false);
                await resourceWriter.WriteEndAsync().ConfigureAwait(false);
                await resourceWriter.FlushAsync().ConfigureAwait(false);
            }

            await message.CopyToAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
        }

        private static object? ODataValueOf(object value) => value switch
        {
            Money money => money.Value,
            OptionSetValue option => option.Value,
            EntityReference reference => reference.Id,
            DateTime date => new DateTimeOffset(DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : date.Kind).ToUniversalTime()),
            string[] texts => new ODataCollectionValue { TypeName = "Collection(Edm.String)", Items = texts },
            _ => value,
        };
    }
}
