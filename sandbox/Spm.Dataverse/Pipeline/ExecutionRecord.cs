using System;
using System.Collections.Generic;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>One run of one step: what ran, where, how deep, how long, what it traced and how many requests it made.</summary>
    public sealed record ExecutionRecord
    {
        /// <summary>The order in which the runs started (nested runs finish, and are recorded, before the run that caused them).</summary>
        public required long Sequence { get; init; }

        public required string MessageName { get; init; }

        /// <summary>The table, or null for a global message.</summary>
        public string? PrimaryEntityName { get; init; }

        public Guid PrimaryEntityId { get; init; }

        public required PipelineStage Stage { get; init; }

        public required StepMode Mode { get; init; }

        /// <summary>"Namespace.Type" of the plug-in.</summary>
        public required string PluginTypeName { get; init; }

        public required Guid StepId { get; init; }

        public required string StepName { get; init; }

        public required int Depth { get; init; }

        public required Guid CorrelationId { get; init; }

        /// <summary>The user the step ran as.</summary>
        public required Guid UserId { get; init; }

        public required TimeSpan Duration { get; init; }

        public required IReadOnlyList<string> TraceLines { get; init; }

        /// <summary>What the plug-in threw, as it threw it; null when it succeeded.</summary>
        public Exception? Exception { get; init; }

        /// <summary>Organization service requests the plug-in made (an ExecuteMultiple counts once).</summary>
        public int RequestCount => Requests.Count;

        /// <summary>Those requests in order, each as its message and table, e.g. "RetrieveMultiple spm_credit".</summary>
        public required IReadOnlyList<string> Requests { get; init; }

        /// <summary>1 for synchronous steps; the try number for asynchronous ones.</summary>
        public int Attempt { get; init; } = 1;

        public bool Succeeded => Exception is null;

        /// <summary>The <see cref="TransactionRecord.Sequence"/> of the transaction the run was part of; null outside one (PreValidation of a client's request, asynchronous runs).</summary>
        public long? TransactionSequence { get; init; }
    }

    /// <summary>An asynchronous step whose every attempt failed: the system job the platform would leave in Failed status.</summary>
    public sealed record AsyncOperationFailure(StepRegistration Step, Guid PrimaryEntityId, int Attempts, IReadOnlyList<Exception> Errors)
    {
        public Exception LastError => Errors[Errors.Count - 1];
    }
}
