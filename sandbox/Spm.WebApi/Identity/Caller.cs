using System;
using Microsoft.AspNetCore.Http;
using Microsoft.Xrm.Sdk;

namespace Spm.WebApi.Identity
{
    /// <summary>
    /// Who a Web API request runs as: the token's user and an organization service acting as them through the plug-in
    /// pipeline, so the store's security roles decide what the request may read and write.
    /// </summary>
    public sealed class Caller
    {
        public Caller(SignInUser user, IOrganizationService service)
        {
            User = user;
            Service = service;
        }

        public SignInUser User { get; }

        public Guid UserId => User.SystemUserId;

        /// <summary>The organization as this user: every call runs the registered steps, as the user.</summary>
        public IOrganizationService Service { get; }
    }

    public static class CallerHttpContextExtensions
    {
        private static readonly object Key = new object();

        /// <summary>The signed-in caller of an /api/data request (set by the token check, which refuses the request without one).</summary>
        public static Caller Caller(this HttpContext context) =>
            context.Items.TryGetValue(Key, out object? caller) && caller is Caller found
                ? found
                : throw new InvalidOperationException("The request has no signed-in caller: it did not pass the token check.");

        public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;
    }
}
