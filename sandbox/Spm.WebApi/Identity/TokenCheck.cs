using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Spm.WebApi.Errors;

namespace Spm.WebApi.Identity
{
    /// <summary>
    /// Middleware on /api/data: a request gets through only with a valid bearer token of an enabled user, and then runs as
    /// that user (see <see cref="Caller"/>); anything else is answered 401 with the Bearer challenge.
    /// </summary>
    public sealed class TokenCheck
    {
        private readonly RequestDelegate _next;

        public TokenCheck(RequestDelegate next)
        {
            _next = next;
        }

        public async Task InvokeAsync(HttpContext context, WebApiServices services)
        {
            string? header = context.Request.Headers.Authorization;
            if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                throw WebApiException.Unauthorized("The request has no bearer token: send Authorization: Bearer <token> (POST /token issues one).");
            }

            (Guid? objectId, string? error) = await services.Tokens.ValidateAsync(header.Substring("Bearer ".Length).Trim()).ConfigureAwait(false);
            if (objectId == null)
            {
                throw WebApiException.Unauthorized(error!);
            }

            SignInUser? user = services.Users.FindByObjectId(objectId.Value);
            if (user == null || user.IsDisabled)
            {
                throw WebApiException.Unauthorized("The user is not a member of the organization.", ErrorCodes.NotAMember);
            }

            context.SetCaller(new Caller(user, services.Pipeline.CreateOrganizationService(user.SystemUserId)));
            await _next(context).ConfigureAwait(false);
        }
    }
}
