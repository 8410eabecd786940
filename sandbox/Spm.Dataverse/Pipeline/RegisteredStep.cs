using System;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>A step with its plug-in instance (one per step, as the platform caches it) and its run-as user.</summary>
    internal sealed class RegisteredStep
    {
        public RegisteredStep(StepRegistration registration, IPlugin plugin, Guid? runAsUserId, int order)
        {
            Registration = registration;
            Plugin = plugin;
            RunAsUserId = runAsUserId;
            Order = order;
        }

        public StepRegistration Registration { get; }

        public IPlugin Plugin { get; }

        public Guid? RunAsUserId { get; }

        public int Order { get; }
    }
}
