using System;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// A Custom API: a message with no core data operation, whose plug-in (the customapi's PluginTypeId) runs as the
    /// main operation (stage 30) inside the message's transaction. Its request parameters are the plug-in's
    /// InputParameters; the OutputParameters it sets are the response's Results.
    /// </summary>
    public sealed class CustomApiRegistration
    {
        internal CustomApiRegistration(string uniqueName, IPlugin plugin, bool isFunction, string? boundEntityLogicalName, string? executePrivilegeName = null)
        {
            UniqueName = uniqueName;
            Plugin = plugin;
            IsFunction = isFunction;
            BoundEntityLogicalName = boundEntityLogicalName;
            ExecutePrivilegeName = executePrivilegeName;
        }

        /// <summary>The message name (customapi.uniquename), e.g. spm_EstimateCommission.</summary>
        public string UniqueName { get; }

        /// <summary>The plug-in that implements the API.</summary>
        public IPlugin Plugin { get; }

        /// <summary>A function (called with GET over the Web API) rather than an action. Both are called with Execute over the SDK.</summary>
        public bool IsFunction { get; }

        /// <summary>The table a bound API acts on (its Target is an EntityReference to it), or null for a global (unbound) API.</summary>
        public string? BoundEntityLogicalName { get; }

        /// <summary>The privilege a caller needs to call the API (customapi.executeprivilegename), or null when anyone may.</summary>
        public string? ExecutePrivilegeName { get; }

        /// <summary>The plug-in type name recorded for the main-operation run.</summary>
        public string PluginTypeName => Plugin.GetType().FullName ?? Plugin.GetType().Name;
    }
}
